import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, Inbox, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { NotificationConfig } from '../config/notification.config';
import { DeliverySignal } from '../deliveries/delivery-signal';
import { DeliveryRepository } from '../deliveries/infrastructure/delivery.repository';
import { type Recipient, recipientFrom } from '../recipients/domain/recipient';
import type { DeliveryChannel } from '../deliveries/domain/delivery';
import type { ChannelMessage } from '../deliveries/infrastructure/delivery.repository';
import { builtInTemplate } from '../templates/built-in-templates';
import { localeOf, type TemplateLocale } from '../templates/domain/locale';
import type { TemplateVersion } from '../templates/infrastructure/template.repository';
import { milestoneContext, type MilestoneType, renderTemplate } from '../templates/render-milestone';
import { type MilestoneFacts, MilestoneFactsRepository } from './infrastructure/milestone-facts.repository';
import { withEvaluationLink } from './domain/evaluation-link';
import { planDeliveries } from './domain/plan-deliveries';

export type MilestoneEvent = { [T in MilestoneType]: CloudEvent<T> }[MilestoneType];

/**
 * Turns a milestone event into a message per channel — rendered with the current template version
 * of its event type, channel and the applicant's locale — and one pending delivery per recipient,
 * in the transaction that records the event in the inbox. The worker sends them afterwards.
 */
@Injectable()
export class NotifyMilestoneUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly facts: MilestoneFactsRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly signal: DeliverySignal,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(event: MilestoneEvent): Promise<void> {
    const outcome = await this.inbox.handle(event, async (manager) => {
      const { recipient, subscribers, templates } = await this.factsOf(event, manager);
      const planned = planDeliveries(recipient, this.config.WEBHOOK_URLS, Boolean(this.config.SMS_GATEWAY_URL), subscribers);
      const locale = localeOf(recipient.locale);
      const current = new Map(templates.filter((t) => t.locale === locale).map((t) => [t.channel, t]));
      const context = milestoneContext(event.type, event.data, recipient, locale);
      const texts = [...new Set(planned.map((p) => p.channel))].map((channel) =>
        withEvaluationLink(event.type, this.render(event, channel, locale, current.get(channel), context), recipient.caseId, this.config),
      );
      const created = await this.deliveries.create(
        {
          triggerEventId: event.id,
          triggerEventType: event.type,
          caseId: recipient.caseId,
          correlationId: event.correlationid,
          templateId: event.type,
          event: { ...event },
        },
        texts,
        planned,
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
   * The current version's text; version 1 (the built-in text, which seeding also stores) when none
   * is stored yet or the current one cannot be rendered with this event (it used an optional field
   * the event leaves out) — the applicant is still told, and the log says why.
   */
  private render(
    event: MilestoneEvent,
    channel: DeliveryChannel,
    locale: TemplateLocale,
    template: TemplateVersion | undefined,
    context: Record<string, unknown>,
  ): ChannelMessage {
    if (template && template.version > 1) {
      try {
        const m = renderTemplate(template, context);
        return { channel, locale, templateVersion: template.version, subject: m.subject, body: m.text };
      } catch (e) {
        this.log.warn(
          { eventId: event.id, type: event.type, channel, locale, version: template.version, error: (e as Error).message },
          'template version could not be rendered; using version 1',
        );
      }
    }
    const m = renderTemplate(builtInTemplate(event.type, locale), context);
    return { channel, locale, templateVersion: 1, subject: m.subject, body: m.text };
  }

  /**
   * case.accepted and case.decided name the applicant themselves; the other milestones rely on the
   * read model, and wait for it when their case has not been seen yet (another topic may be late).
   * The recipient is written and everything else read in one statement (MilestoneFactsRepository).
   */
  private async factsOf(event: MilestoneEvent, manager: EntityManager): Promise<MilestoneFacts & { recipient: Recipient }> {
    if (event.type === EventTypes.CaseAccepted) {
      const r = recipientFrom(event.data);
      const facts = await this.facts.saveRecipient(r, event.id, 'replace', event.type, manager);
      return { ...facts, recipient: r };
    }
    let facts: MilestoneFacts | undefined;
    if (event.type === EventTypes.CaseDecided)
      facts = await this.facts.saveRecipient(recipientFrom(event.data), event.id, 'keep-existing', event.type, manager);
    // Also when a row committed by another transaction while case.decided's statement ran was not seen by it.
    if (!facts?.recipient) facts = await this.facts.read(event.data.caseId, event.type, manager);
    const { recipient } = facts;
    if (!recipient) throw new RetryLaterError(`no applicant known yet for case ${event.data.caseId}`);
    return { ...facts, recipient };
  }
}
