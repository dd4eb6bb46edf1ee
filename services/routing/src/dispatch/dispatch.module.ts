import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CaseEventsConsumer } from './case-events.consumer';
import { GetPlanUseCase } from './get-plan.usecase';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';
import { PlansController } from './plans.controller';
import { RecordTaskOutcomeUseCase } from './record-task-outcome.usecase';
import { RouteCaseUseCase } from './route-case.usecase';
import { TaskEventsConsumer } from './task-events.consumer';
import { WithdrawPlanUseCase } from './withdraw-plan.usecase';

@Module({
  imports: [CatalogModule],
  controllers: [CaseEventsConsumer, TaskEventsConsumer, PlansController],
  providers: [
    DispatchPlanRepository,
    RouteCaseUseCase,
    RecordTaskOutcomeUseCase,
    WithdrawPlanUseCase,
    GetPlanUseCase,
  ],
})
export class DispatchModule {}
