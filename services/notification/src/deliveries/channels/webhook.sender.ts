import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { NotificationConfig } from '../../config/notification.config';
import type { ChannelSender } from '../domain/channel';
import type { ClaimedDelivery } from '../domain/delivery';
import { signWebhook, WebhookHeaders } from '../domain/webhook-signature';

/**
 * Signed webhook calls: `POST { event, message }`, 2xx is success. Redirects are not followed (a
 * signed body must not be replayed elsewhere) and a call is cut after WEBHOOK_TIMEOUT_MS.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly channel = 'WEBHOOK' as const;

  constructor(@Inject(CONFIG) private readonly config: NotificationConfig) {}

  async send(d: ClaimedDelivery): Promise<void> {
    const secret = this.config.WEBHOOK_SECRET;
    // The configuration refuses webhook URLs without a secret; a row made before a secret was removed ends here.
    if (!secret) throw new Error('WEBHOOK_SECRET is not configured');
    const body = JSON.stringify({ event: d.event, message: d.message });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(d.recipient, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'OneWindow-Notification/1',
        [WebhookHeaders.eventId]: d.triggerEventId,
        [WebhookHeaders.deliveryId]: d.id,
        [WebhookHeaders.timestamp]: String(timestamp),
        [WebhookHeaders.signature]: signWebhook(secret, timestamp, body),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
