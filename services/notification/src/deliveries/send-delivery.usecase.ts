import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { NotificationConfig } from '../config/notification.config';
import { CHANNEL_SENDERS, type ChannelSender } from './domain/channel';
import { afterFailure, type ClaimedDelivery, type RetryPolicy } from './domain/delivery';
import { DeferDeliveryError, PermanentDeliveryError, type SendOutcome } from './domain/delivery-errors';
import { redactContactData } from './domain/masking';
import { DeliveryRepository } from './infrastructure/delivery.repository';

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function describe(e: unknown): string {
  // Duck-typed: fetch's errors (and its DOMException on timeout) need not be instances of this realm's Error.
  const err = e as
    { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (!err || typeof err.message !== 'string') return String(e);
  const text = err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return err.cause ? `${text} (${err.cause.code ?? err.cause.message ?? 'unknown cause'})` : text;
}

/**
 * One attempt at a claimed delivery. Its outcome and the event announcing it
 * (`notification.delivered` / `notification.failed`) are written in one transaction.
 */
@Injectable()
export class SendDeliveryUseCase {
  private readonly senders: Map<string, ChannelSender>;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly publisher: EventPublisher,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(CONFIG) config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.policy = {
      maxAttempts: config.MAX_ATTEMPTS,
      baseDelayMs: config.DELIVERY_RETRY_BASE_MS,
      maxDelayMs: config.DELIVERY_RETRY_MAX_MS,
    };
  }

  async execute(d: ClaimedDelivery): Promise<void> {
    const sender = this.senders.get(d.channel);
    let error: string | undefined;
    let permanent = false;
    let outcome: SendOutcome | undefined;
    try {
      // A channel switched off since the delivery was made (no SMS gateway any more) will not come back by retrying.
      if (!sender) throw new PermanentDeliveryError(`no sender for channel ${d.channel}`);
      outcome = (await sender.send(d)) ?? undefined;
    } catch (e) {
      if (e instanceof DeferDeliveryError) return this.defer(d, e);
      permanent = e instanceof PermanentDeliveryError;
      error = redactContactData(describe(e)).slice(0, 1000);
    }
    const ref = {
      deliveryId: d.id,
      caseId: d.caseId,
      triggerEventId: d.triggerEventId,
      triggerEventType: d.triggerEventType,
      channel: d.channel,
      recipient: d.recipientMasked,
      attempts: d.attempts,
    };
    const cause = { id: d.triggerEventId, correlationid: d.correlationId };
    const logged = {
      deliveryId: d.id,
      caseId: d.caseId,
      channel: d.channel,
      recipient: d.recipientMasked,
      attempts: d.attempts,
    };

    await this.dataSource.transaction(async (manager) => {
      if (error === undefined && outcome?.awaitReceipt && outcome.providerMessageId) {
        if (await this.deliveries.markSent(d, outcome.providerMessageId, manager))
          this.log.info(logged, 'notification sent; waiting for its delivery receipt');
        return;
      }
      if (error === undefined) {
        const deliveredAt = await this.deliveries.markDelivered(d, manager);
        if (!deliveredAt)
          return this.log.warn(
            logged,
            'delivery sent but its claim had passed on; outcome left to the new holder',
          );
        await this.publisher.publish(
          manager,
          EventTypes.NotificationDelivered,
          d.caseId,
          { ...ref, deliveredAt: new Date(deliveredAt).toISOString() },
          cause,
        );
        this.log.info(logged, 'notification delivered');
        return;
      }
      const next = permanent ? ({ giveUp: true } as const) : afterFailure(d.attempts, this.policy);
      if (next.giveUp) {
        const failedAt = await this.deliveries.markFailed(d, error, manager);
        if (!failedAt) return;
        await this.publisher.publish(
          manager,
          EventTypes.NotificationFailed,
          d.caseId,
          { ...ref, error, failedAt: new Date(failedAt).toISOString() },
          cause,
        );
        this.log.error({ ...logged, error }, 'notification failed for good');
        return;
      }
      if (await this.deliveries.scheduleRetry(d, next.retryInMs, error, manager)) {
        this.log.warn(
          { ...logged, error, retryInMs: next.retryInMs },
          'notification not delivered; retrying later',
        );
      }
    });
  }

  private async defer(d: ClaimedDelivery, e: DeferDeliveryError): Promise<void> {
    if (await this.dataSource.transaction((manager) => this.deliveries.defer(d, e.until, manager)))
      this.log.info(
        {
          deliveryId: d.id,
          caseId: d.caseId,
          channel: d.channel,
          recipient: d.recipientMasked,
          until: e.until,
        },
        `notification deferred: ${e.message}`,
      );
  }
}
