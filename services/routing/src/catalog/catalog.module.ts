import { Module } from '@nestjs/common';
import { CatalogConsumer } from './catalog.consumer';
import { MatterCatalogRepository } from './infrastructure/matter-catalog.repository';
import { RecordMatterUseCase } from './record-matter.usecase';
import { ResolveMatterUseCase } from './resolve-matter.usecase';

@Module({
  controllers: [CatalogConsumer],
  providers: [MatterCatalogRepository, RecordMatterUseCase, ResolveMatterUseCase],
  exports: [ResolveMatterUseCase],
})
export class CatalogModule {}
