import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordRecipientUseCase } from './record-recipient.usecase';

@ApiExcludeController()
@Controller()
export class CaseReceivedConsumer {
  constructor(private readonly recordRecipient: RecordRecipientUseCase) {}

  @EventPattern(EventTypes.CaseReceived)
  async onCaseReceived(@Payload() event: CloudEvent<typeof EventTypes.CaseReceived>): Promise<void> {
    await this.recordRecipient.execute(event);
  }
}
