import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TimelineModule } from '../timeline/timeline.module';
import { CaseQueries } from './case-queries';
import { CasesController } from './cases.controller';
import { CreateCaseUseCase } from './create-case.usecase';

@Module({
  imports: [CatalogModule, TimelineModule],
  controllers: [CasesController],
  providers: [CreateCaseUseCase, CaseQueries],
})
export class CasesModule {}
