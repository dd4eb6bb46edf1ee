import { Module } from '@nestjs/common';
import { CONFIG, FieldCipher } from '@onewindow/platform';
import type { IntakeConfig } from '../config/intake.config';
import { CatalogModule } from '../catalog/catalog.module';
import { DocumentsModule } from '../documents/documents.module';
import { TimelineModule } from '../timeline/timeline.module';
import { CaseEvents } from './case-events';
import { CaseForms } from './case-form';
import { CaseMaterials } from './case-materials';
import { CaseQueries } from './case-queries';
import { CasesController } from './cases.controller';
import { CheckMaterialsUseCase } from './check-materials.usecase';
import { CreateCaseUseCase } from './create-case.usecase';
import { IdempotentCommands } from './infrastructure/idempotent-commands';
import { installPersonalDataCipher } from './infrastructure/personal-data';
import { MaterialsCheckController } from './materials-check.controller';
import { RefuseCaseUseCase } from './refuse-case.usecase';
import { SupplementCaseUseCase } from './supplement-case.usecase';
import { WithdrawCaseUseCase } from './withdraw-case.usecase';

@Module({
  imports: [CatalogModule, TimelineModule, DocumentsModule],
  controllers: [CasesController, MaterialsCheckController],
  providers: [
    {
      // Built before migrations run, so the encrypting migration finds the keys.
      provide: FieldCipher,
      useFactory: (config: IntakeConfig) => {
        const cipher = FieldCipher.fromConfig(config.PII_KEYS, config.PII_INDEX_KEY);
        installPersonalDataCipher(cipher);
        return cipher;
      },
      inject: [CONFIG],
    },
    CreateCaseUseCase,
    SupplementCaseUseCase,
    RefuseCaseUseCase,
    WithdrawCaseUseCase,
    CheckMaterialsUseCase,
    CaseQueries,
    CaseMaterials,
    CaseForms,
    CaseEvents,
    IdempotentCommands,
  ],
  exports: [CreateCaseUseCase, IdempotentCommands, CaseQueries],
})
export class CasesModule {}
