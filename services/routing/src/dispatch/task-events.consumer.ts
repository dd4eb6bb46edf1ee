import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordTaskMoveUseCase } from './record-task-move.usecase';
import { RecordTaskOutcomeUseCase } from './record-task-outcome.usecase';

/** `approval.task-events.v1`: decisions, holds and transfers move the saga; the rest pass by unread. */
@Controller()
export class TaskEventsConsumer {
  constructor(
    private readonly recordOutcome: RecordTaskOutcomeUseCase,
    private readonly recordMove: RecordTaskMoveUseCase,
  ) {}

  @EventPattern(EventTypes.TaskDecided)
  async onTaskDecided(@Payload() event: CloudEvent<typeof EventTypes.TaskDecided>): Promise<void> {
    await this.recordOutcome.execute(event);
  }

  @EventPattern(EventTypes.TaskSupplementRequested)
  async onSupplementRequested(@Payload() event: CloudEvent<'task.supplement-requested'>): Promise<void> {
    await this.recordMove.execute(event);
  }

  @EventPattern(EventTypes.TaskSupplemented)
  async onSupplemented(@Payload() event: CloudEvent<'task.supplemented'>): Promise<void> {
    await this.recordMove.execute(event);
  }

  @EventPattern(EventTypes.TaskSuspended)
  async onSuspended(@Payload() event: CloudEvent<'task.suspended'>): Promise<void> {
    await this.recordMove.execute(event);
  }

  @EventPattern(EventTypes.TaskResumed)
  async onResumed(@Payload() event: CloudEvent<'task.resumed'>): Promise<void> {
    await this.recordMove.execute(event);
  }

  @EventPattern(EventTypes.TaskTransferred)
  async onTransferred(@Payload() event: CloudEvent<'task.transferred'>): Promise<void> {
    await this.recordMove.execute(event);
  }
}
