import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CancelOpenTasksUseCase } from './cancel-open-tasks.usecase';

/** A case decided by routing or withdrawn at the window: its open tasks are cancelled. */
@Controller()
export class CaseClosedConsumer {
  constructor(private readonly cancelOpenTasks: CancelOpenTasksUseCase) {}

  @EventPattern(EventTypes.CaseDecided)
  onDecided(@Payload() event: CloudEvent<'case.decided'>): Promise<void> {
    return this.cancelOpenTasks.execute(event);
  }

  @EventPattern(EventTypes.CaseWithdrawn)
  onWithdrawn(@Payload() event: CloudEvent<'case.withdrawn'>): Promise<void> {
    return this.cancelOpenTasks.execute(event);
  }
}
