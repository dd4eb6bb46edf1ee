import { Module } from '@nestjs/common';
import { CatalogConsumer } from './catalog.consumer';
import { BundleCatalogRepository } from './infrastructure/bundle-catalog.repository';
import { MatterCatalogRepository } from './infrastructure/matter-catalog.repository';
import { RecordBundleUseCase } from './record-bundle.usecase';
import { RecordMatterUseCase } from './record-matter.usecase';
import { ResolveMatterUseCase } from './resolve-matter.usecase';

@Module({
  controllers: [CatalogConsumer],
  providers: [
    MatterCatalogRepository,
    BundleCatalogRepository,
    RecordMatterUseCase,
    RecordBundleUseCase,
    ResolveMatterUseCase,
  ],
  exports: [ResolveMatterUseCase, BundleCatalogRepository, MatterCatalogRepository],
})
export class CatalogModule {}
