import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import { INTAKE_POLICY } from './intake.policy';
import type { Logger } from 'pino';
import { CasesModule } from './cases/cases.module';
import { PrintingModule } from './printing/printing.module';
import { CatalogModule } from './catalog/catalog.module';
import type { IntakeConfig } from './config/intake.config';
import { MaterialsModule } from './materials/materials.module';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS } from './persistence';
import { TimelineModule } from './timeline/timeline.module';

@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SecurityModule.forRoot(INTAKE_POLICY),
        PlatformModule.forRoot({ service: 'intake', config, logger, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS }),
        CatalogModule,
        CasesModule,
        PrintingModule,
        TimelineModule,
        MaterialsModule,
      ],
    };
  }
}
