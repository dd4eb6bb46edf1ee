import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { SupervisionConfig } from './config/supervision.config';
import { DashboardModule } from './dashboard/dashboard.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { MeasuresModule } from './measures/measures.module';
import { SUPERVISION_ENTITIES, SUPERVISION_MIGRATIONS } from './persistence';
import { RankingModule } from './ranking/ranking.module';
import { ReadModelModule } from './read-model/read-model.module';
import { SUPERVISION } from './service';
import { SUPERVISION_POLICY } from './supervision.policy';
import { WeeklyReportModule } from './weekly/weekly-report.module';

@Module({})
export class AppModule {
  static forRoot(config: SupervisionConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: SUPERVISION.service,
          config,
          logger,
          entities: SUPERVISION_ENTITIES,
          migrations: SUPERVISION_MIGRATIONS,
        }),
        SecurityModule.forRoot(SUPERVISION_POLICY),
        ReadModelModule,
        MeasuresModule,
        EvaluationModule,
        RankingModule,
        WeeklyReportModule,
        DashboardModule,
      ],
    };
  }
}
