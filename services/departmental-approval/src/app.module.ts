import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceNames } from '@onewindow/contracts';
import { GrpcHealth, PlatformModule, SecurityModule } from '@onewindow/platform';
import { DEPARTMENTAL_APPROVAL_POLICY } from './departmental-approval.policy';
import type { Logger } from 'pino';
import { type Clock, ClockModule } from './clock';
import type { DepartmentalApprovalConfig } from './config/departmental-approval.config';
import { DEPARTMENTAL_APPROVAL_ENTITIES, DEPARTMENTAL_APPROVAL_MIGRATIONS } from './persistence';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static forRoot(
    config: DepartmentalApprovalConfig,
    logger: Logger,
    grpcHealth: GrpcHealth,
    clock: Clock,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SecurityModule.forRoot(DEPARTMENTAL_APPROVAL_POLICY),
        PlatformModule.forRoot({
          service: ServiceNames.DepartmentalApproval,
          config,
          logger,
          entities: DEPARTMENTAL_APPROVAL_ENTITIES,
          migrations: DEPARTMENTAL_APPROVAL_MIGRATIONS,
        }),
        ClockModule.forRoot(clock),
        TasksModule,
      ],
      // Registered so that it turns NOT_SERVING when shutdown begins.
      providers: [{ provide: GrpcHealth, useValue: grpcHealth }],
    };
  }
}
