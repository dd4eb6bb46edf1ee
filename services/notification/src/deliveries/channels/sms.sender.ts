import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { NotificationConfig } from '../../config/notification.config';
import { parseQuietHours, endOfQuietHours, type QuietHours } from '../../sms/domain/quiet-hours';
import { SMS_GATEWAY, type SmsGateway, SmsGatewayError } from '../../sms/domain/sms-gateway';
import { SmsRateLimiter } from '../../sms/infrastructure/sms-rate-limiter';
import type { ChannelSender } from '../domain/channel';
import { CLOCK, type Clock } from '../domain/clock';
import type { ClaimedDelivery } from '../domain/delivery';
import { DeferDeliveryError, PermanentDeliveryError, type SendOutcome } from '../domain/delivery-errors';

/** The template code registered with the platform for an event type. */
export function smsTemplateCode(eventType: string, configured: Readonly<Record<string, string>>): string {
  return configured[eventType] ?? `OW_${eventType.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * SMS through the gateway port: not in quiet hours and not above the per-phone rate limit (both
 * defer, never drop). The platform's acceptance is not delivery: the receipt says DELIVERED later.
 */
@Injectable()
export class SmsSender implements ChannelSender {
  readonly channel = 'SMS' as const;
  private readonly quiet: QuietHours | undefined;

  constructor(
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly rateLimiter: SmsRateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {
    this.quiet = parseQuietHours(config.SMS_QUIET_HOURS);
  }

  async send(d: ClaimedDelivery): Promise<SendOutcome> {
    const now = this.clock();
    const quietEnd = endOfQuietHours(now, this.quiet);
    if (quietEnd) throw new DeferDeliveryError(quietEnd, 'quiet hours');
    const { waitMs, slot } = await this.rateLimiter.take(d.recipient, now);
    if (waitMs > 0 || !slot)
      throw new DeferDeliveryError(new Date(now.getTime() + waitMs), 'SMS rate limit for this recipient');
    const data = (d.event.data ?? {}) as { caseNo?: unknown };
    try {
      const { messageId } = await this.gateway.send({
        phone: d.recipient,
        templateCode: smsTemplateCode(d.triggerEventType, this.config.SMS_TEMPLATE_IDS),
        params: {
          caseNo: typeof data.caseNo === 'string' ? data.caseNo : '',
          summary: d.message.subject,
        },
        outId: d.id,
      });
      return { providerMessageId: messageId, awaitReceipt: true };
    } catch (e) {
      await this.rateLimiter.release(d.recipient, slot).catch(() => undefined);
      if (e instanceof SmsGatewayError && e.permanent) throw new PermanentDeliveryError(e.message);
      throw e;
    }
  }
}
