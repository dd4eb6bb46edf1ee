import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { AssignTasksUseCase } from './assign-tasks.usecase';

/** Routing's dispatch plans become tasks in the departments' queues. */
@Controller()
export class CaseRoutedConsumer {
  constructor(private readonly assignTasks: AssignTasksUseCase) {}

  @EventPattern(EventTypes.CaseRouted)
  onRouted(@Payload() event: CloudEvent<'case.routed'>): Promise<void> {
    return this.assignTasks.execute(event);
  }

  /** A later stage of the plan opened (its earlier stages were approved): its tasks are assigned now. */
  @EventPattern(EventTypes.PlanStageOpened)
  onStageOpened(@Payload() event: CloudEvent<'plan.stage-opened'>): Promise<void> {
    return this.assignTasks.execute(event);
  }
}
