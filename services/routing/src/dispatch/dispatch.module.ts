import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { RulesModule } from '../rules/rules.module';
import { CaseEventsConsumer } from './case-events.consumer';
import { GetPlanUseCase } from './get-plan.usecase';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';
import { UnroutableQueueRepository } from './infrastructure/unroutable-queue.repository';
import { PlanEvents } from './plan-events';
import { PlanRouter } from './plan-router';
import { PlansController } from './plans.controller';
import { RecordTaskMoveUseCase } from './record-task-move.usecase';
import { RecordTaskOutcomeUseCase } from './record-task-outcome.usecase';
import { RouteCaseUseCase } from './route-case.usecase';
import { TaskEventsConsumer } from './task-events.consumer';
import { WithdrawPlanUseCase } from './withdraw-plan.usecase';

@Module({
  imports: [CatalogModule, RulesModule],
  controllers: [CaseEventsConsumer, TaskEventsConsumer, PlansController],
  providers: [
    DispatchPlanRepository,
    UnroutableQueueRepository,
    PlanRouter,
    PlanEvents,
    RouteCaseUseCase,
    RecordTaskOutcomeUseCase,
    RecordTaskMoveUseCase,
    WithdrawPlanUseCase,
    GetPlanUseCase,
  ],
  exports: [PlanRouter, UnroutableQueueRepository],
})
export class DispatchModule {}
