import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { SupplementReceivedUseCase } from './supplement-received.usecase';

/** The applicant's supplement (补正) at the window lets the waiting tasks of the case continue. */
@Controller()
export class CaseSupplementedConsumer {
  constructor(private readonly supplementReceived: SupplementReceivedUseCase) {}

  @EventPattern(EventTypes.CaseSupplemented)
  onSupplemented(@Payload() event: CloudEvent<'case.supplemented'>): Promise<void> {
    return this.supplementReceived.execute(event);
  }
}
