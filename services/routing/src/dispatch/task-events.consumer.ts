import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordTaskOutcomeUseCase } from './record-task-outcome.usecase';

/** `approval.task-events.v1`: only decisions matter to the saga. */
@Controller()
export class TaskEventsConsumer {
  constructor(private readonly recordOutcome: RecordTaskOutcomeUseCase) {}

  @EventPattern(EventTypes.TaskDecided)
  async onTaskDecided(@Payload() event: CloudEvent<typeof EventTypes.TaskDecided>): Promise<void> {
    await this.recordOutcome.execute(event);
  }
}
