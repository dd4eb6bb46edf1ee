import { Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox } from '@onewindow/platform';
import { recipientFrom } from './domain/recipient';
import { RecipientRepository } from './infrastructure/recipient.repository';

/**
 * `case.received` is not a milestone the applicant is told about, but it is the first event that
 * names them: supplement requests and refusals to accept come before any `case.accepted`.
 */
@Injectable()
export class RecordRecipientUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly recipients: RecipientRepository,
  ) {}

  async execute(event: CloudEvent<typeof EventTypes.CaseReceived>): Promise<void> {
    await this.inbox.handle(event, (manager) =>
      this.recipients.save(recipientFrom(event.data), event.id, 'replace', manager),
    );
  }
}
