import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, type EventType, EventTypes } from '@onewindow/contracts';
import { IssuedDocumentsRepository } from '../documents/issued-documents.repository';
import { RecordProgressUseCase } from './record-progress.usecase';

/** Follows the back office's events so the case's status and timeline stay complete. */
@Controller()
export class TimelineConsumer {
  constructor(
    private readonly recordProgress: RecordProgressUseCase,
    private readonly issuedDocuments: IssuedDocumentsRepository,
  ) {}

  @EventPattern(EventTypes.CaseRouted)
  onRouted(@Payload() e: CloudEvent<'case.routed'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskAssigned)
  onAssigned(@Payload() e: CloudEvent<'task.assigned'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskClaimed)
  onClaimed(@Payload() e: CloudEvent<'task.claimed'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskDecided)
  onTaskDecided(@Payload() e: CloudEvent<'task.decided'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.PlanStageOpened)
  onStageOpened(@Payload() e: CloudEvent<'plan.stage-opened'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.CaseUnroutable)
  onUnroutable(@Payload() e: CloudEvent<'case.unroutable'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskSupplementRequested)
  onSupplementRequested(@Payload() e: CloudEvent<'task.supplement-requested'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskSupplemented)
  onTaskSupplemented(@Payload() e: CloudEvent<'task.supplemented'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskSuspended)
  onSuspended(@Payload() e: CloudEvent<'task.suspended'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskResumed)
  onResumed(@Payload() e: CloudEvent<'task.resumed'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskTransferred)
  onTransferred(@Payload() e: CloudEvent<'task.transferred'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.TaskCancelled)
  onCancelled(@Payload() e: CloudEvent<'task.cancelled'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.CaseDecided)
  onDecided(@Payload() e: CloudEvent<'case.decided'>) {
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.DocumentIssued)
  async onIssued(@Payload() e: CloudEvent<'document.issued'>) {
    // The holder's documents first: a later case may reuse this one (共享材料) even if the timeline must wait.
    await this.issuedDocuments.record(e);
    return this.recordProgress.execute(e);
  }

  @EventPattern(EventTypes.DocumentRevoked)
  async onRevoked(@Payload() e: CloudEvent<'document.revoked'>) {
    // Never again offered in place of a material (共享材料), whatever the timeline does.
    await this.issuedDocuments.revoke(e);
    return this.recordProgress.execute(e as CloudEvent<EventType>);
  }

  @EventPattern(EventTypes.DocumentHandedOver)
  onHandedOver(@Payload() e: CloudEvent<'document.handed-over'>) {
    return this.recordProgress.execute(e as CloudEvent<EventType>);
  }
}
