import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordEventUseCase } from './record-event.usecase';

/**
 * The events the measures are built from, on the intake, routing, approval and issuance topics;
 * every other type on those topics passes by unread.
 */
@Controller()
export class EventsConsumer {
  constructor(private readonly record: RecordEventUseCase) {}

  @EventPattern(EventTypes.MatterPublished)
  async onMatterPublished(@Payload() e: CloudEvent<typeof EventTypes.MatterPublished>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseReceived)
  async onCaseReceived(@Payload() e: CloudEvent<typeof EventTypes.CaseReceived>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseAccepted)
  async onCaseAccepted(@Payload() e: CloudEvent<typeof EventTypes.CaseAccepted>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseSupplementRequired)
  async onCaseSupplementRequired(@Payload() e: CloudEvent<typeof EventTypes.CaseSupplementRequired>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseNotAccepted)
  async onCaseNotAccepted(@Payload() e: CloudEvent<typeof EventTypes.CaseNotAccepted>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseWithdrawn)
  async onCaseWithdrawn(@Payload() e: CloudEvent<typeof EventTypes.CaseWithdrawn>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.CaseDecided)
  async onCaseDecided(@Payload() e: CloudEvent<typeof EventTypes.CaseDecided>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.TaskAssigned)
  async onTaskAssigned(@Payload() e: CloudEvent<typeof EventTypes.TaskAssigned>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.TaskDecided)
  async onTaskDecided(@Payload() e: CloudEvent<typeof EventTypes.TaskDecided>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.TaskTransferred)
  async onTaskTransferred(@Payload() e: CloudEvent<typeof EventTypes.TaskTransferred>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.TaskOverdue)
  async onTaskOverdue(@Payload() e: CloudEvent<typeof EventTypes.TaskOverdue>): Promise<void> {
    await this.record.execute(e);
  }

  @EventPattern(EventTypes.DocumentHandedOver)
  async onDocumentHandedOver(@Payload() e: CloudEvent<typeof EventTypes.DocumentHandedOver>): Promise<void> {
    await this.record.execute(e);
  }
}
