import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { NotificationConfig } from '../../config/notification.config';
import type { ChannelSender } from '../domain/channel';
import type { ClaimedDelivery } from '../domain/delivery';
import { PermanentDeliveryError } from '../domain/delivery-errors';
import { signWebhook, WebhookHeaders } from '../domain/webhook-signature';
import { checkWebhookTarget } from '../../webhooks/domain/webhook-target';
import { WebhookSubscriptionRepository } from '../../webhooks/infrastructure/webhook-subscription.repository';
import { resolveHost } from '../../webhooks/webhook-subscriptions.usecases';

/**
 * Signed webhook calls: `POST { event, message }`, 2xx is success. Redirects are not followed (a
 * signed body must not be replayed elsewhere) and a call is cut after WEBHOOK_TIMEOUT_MS.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly channel = 'WEBHOOK' as const;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationConfig,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {}

  /** A subscription's own secret; WEBHOOK_SECRET for the WEBHOOK_URLS subscribers of the configuration. */
  private async secretFor(d: ClaimedDelivery): Promise<string> {
    if (d.subscriptionId) {
      const secret = await this.subscriptions.activeSecret(d.subscriptionId);
      if (!secret) throw new PermanentDeliveryError('webhook subscription deleted');
      // Checked again at send time: the host's addresses may have changed since it subscribed.
      const refused = await checkWebhookTarget(d.recipient, resolveHost, this.config.WEBHOOK_ALLOW_LOOPBACK);
      if (refused.length) throw new PermanentDeliveryError(`webhook target refused: ${refused.join('; ')}`);
      return secret;
    }
    // The configuration refuses webhook URLs without a secret; a row made before a secret was removed ends here.
    if (!this.config.WEBHOOK_SECRET) throw new Error('WEBHOOK_SECRET is not configured');
    return this.config.WEBHOOK_SECRET;
  }

  async send(d: ClaimedDelivery): Promise<void> {
    const secret = await this.secretFor(d);
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
