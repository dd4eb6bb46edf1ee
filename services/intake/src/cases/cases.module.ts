import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DocumentsModule } from '../documents/documents.module';
import { TimelineModule } from '../timeline/timeline.module';
import { CaseEvents } from './case-events';
import { CaseMaterials } from './case-materials';
import { CaseQueries } from './case-queries';
import { CasesController } from './cases.controller';
import { CheckMaterialsUseCase } from './check-materials.usecase';
import { CreateCaseUseCase } from './create-case.usecase';
import { IdempotentCommands } from './infrastructure/idempotent-commands';
import { MaterialsCheckController } from './materials-check.controller';
import { RefuseCaseUseCase } from './refuse-case.usecase';
import { SupplementCaseUseCase } from './supplement-case.usecase';
import { WithdrawCaseUseCase } from './withdraw-case.usecase';

@Module({
  imports: [CatalogModule, TimelineModule, DocumentsModule],
  controllers: [CasesController, MaterialsCheckController],
  providers: [
    CreateCaseUseCase,
    SupplementCaseUseCase,
    RefuseCaseUseCase,
    WithdrawCaseUseCase,
    CheckMaterialsUseCase,
    CaseQueries,
    CaseMaterials,
    CaseEvents,
    IdempotentCommands,
  ],
  exports: [CreateCaseUseCase, IdempotentCommands],
})
export class CasesModule {}
