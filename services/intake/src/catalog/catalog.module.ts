import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { PublishMatterUseCase } from './publish-matter.usecase';
import { SeedCatalogUseCase } from './seed-catalog.usecase';

@Module({
  controllers: [CatalogController],
  providers: [CatalogRepository, PublishMatterUseCase, SeedCatalogUseCase],
  exports: [CatalogRepository, PublishMatterUseCase, SeedCatalogUseCase],
})
export class CatalogModule {}
