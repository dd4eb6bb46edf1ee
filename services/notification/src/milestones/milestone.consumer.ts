import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { NotifyMilestoneUseCase } from './notify-milestone.usecase';

/** Every milestone the applicant hears about goes to the one use case; each pattern only names its event. */
@ApiExcludeController()
@Controller()
export class MilestoneConsumer {
  constructor(private readonly notify: NotifyMilestoneUseCase) {}

  @EventPattern(EventTypes.CaseSupplementRequired)
  async onSupplementRequired(
    @Payload() event: CloudEvent<typeof EventTypes.CaseSupplementRequired>,
  ): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.CaseAccepted)
  async onAccepted(@Payload() event: CloudEvent<typeof EventTypes.CaseAccepted>): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.CaseNotAccepted)
  async onNotAccepted(@Payload() event: CloudEvent<typeof EventTypes.CaseNotAccepted>): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.CaseDecided)
  async onDecided(@Payload() event: CloudEvent<typeof EventTypes.CaseDecided>): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.DocumentIssued)
  async onDocumentIssued(@Payload() event: CloudEvent<typeof EventTypes.DocumentIssued>): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.DocumentHandedOver)
  async onDocumentHandedOver(
    @Payload() event: CloudEvent<typeof EventTypes.DocumentHandedOver>,
  ): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.RectificationOpened)
  async onRectificationOpened(@Payload() event: CloudEvent<typeof EventTypes.RectificationOpened>): Promise<void> {
    await this.notify.execute(event);
  }

  @EventPattern(EventTypes.RectificationResponded)
  async onRectificationResponded(@Payload() event: CloudEvent<typeof EventTypes.RectificationResponded>): Promise<void> {
    await this.notify.execute(event);
  }
}
