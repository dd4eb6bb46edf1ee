import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { PublishBundleUseCase } from './publish-bundle.usecase';
import { PublishMatterUseCase } from './publish-matter.usecase';
import { SeedCatalogUseCase } from './seed-catalog.usecase';

@Module({
  controllers: [CatalogController],
  providers: [CatalogRepository, PublishMatterUseCase, PublishBundleUseCase, SeedCatalogUseCase],
  exports: [CatalogRepository, PublishMatterUseCase, PublishBundleUseCase, SeedCatalogUseCase],
})
export class CatalogModule {}
