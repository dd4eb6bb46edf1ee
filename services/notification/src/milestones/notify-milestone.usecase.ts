import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, Inbox, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { NotificationConfig } from '../config/notification.config';
import { DeliverySignal } from '../deliveries/delivery-signal';
import { DeliveryRepository } from '../deliveries/infrastructure/delivery.repository';
import { type Recipient, recipientFrom } from '../recipients/domain/recipient';
import { RecipientRepository } from '../recipients/infrastructure/recipient.repository';
import { type MilestoneType, renderMilestone } from '../templates/render-milestone';
import { withEvaluationLink } from './domain/evaluation-link';
import { planDeliveries } from './domain/plan-deliveries';

export type MilestoneEvent = { [T in MilestoneType]: CloudEvent<T> }[MilestoneType];

/**
 * Turns a milestone event into a message for the applicant and one pending delivery per channel,
 * in the transaction that records the event in the inbox. The worker sends them afterwards.
 */
@Injectable()
export class NotifyMilestoneUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly recipients: RecipientRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly signal: DeliverySignal,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(event: MilestoneEvent): Promise<void> {
    const outcome = await this.inbox.handle(event, async (manager) => {
      const recipient = await this.recipientOf(event, manager);
      const message = withEvaluationLink(event.type, renderMilestone(event.type, event.data, recipient), recipient.caseId, this.config);
      const created = await this.deliveries.create(
        {
          triggerEventId: event.id,
          triggerEventType: event.type,
          caseId: recipient.caseId,
          correlationId: event.correlationid,
          templateId: event.type,
          subject: message.subject,
          body: message.text,
          event: { ...event },
        },
        planDeliveries(recipient, this.config.WEBHOOK_URLS, Boolean(this.config.SMS_GATEWAY_URL)),
        manager,
      );
      this.log.info(
        { caseId: recipient.caseId, eventId: event.id, type: event.type, deliveries: created },
        'milestone message queued',
      );
    });
    if (outcome === 'processed') this.signal.notify();
  }

  /**
   * case.accepted and case.decided name the applicant themselves; the other milestones rely on the
   * read model, and wait for it when their case has not been seen yet (another topic may be late).
   */
  private async recipientOf(event: MilestoneEvent, manager: EntityManager): Promise<Recipient> {
    if (event.type === EventTypes.CaseAccepted) {
      const r = recipientFrom(event.data);
      await this.recipients.save(r, event.id, 'replace', manager);
      return r;
    }
    if (event.type === EventTypes.CaseDecided) {
      await this.recipients.save(recipientFrom(event.data), event.id, 'keep-existing', manager);
    }
    const caseId = event.data.caseId;
    const known = await this.recipients.find(caseId, manager);
    if (!known) throw new RetryLaterError(`no applicant known yet for case ${caseId}`);
    return known;
  }
}
