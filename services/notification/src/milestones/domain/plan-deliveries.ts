import type { DeliveryChannel } from '../../deliveries/domain/delivery';
import { maskEmail, maskPhone, maskUrl } from '../../deliveries/domain/masking';

export interface PlannedDelivery {
  channel: DeliveryChannel;
  recipient: string;
  recipientMasked: string;
  subscriptionId?: string;
}

/**
 * One delivery per channel: SMS when the applicant gave a phone and a gateway is configured,
 * e-mail when they gave an address, and one call per webhook subscriber — the configured URLs and
 * the subscriptions to this event type (a URL in both is called once, as the subscription).
 */
export function planDeliveries(
  contact: { email?: string; phone?: string },
  webhookUrls: readonly string[],
  smsEnabled = false,
  subscriptions: ReadonlyArray<{ id: string; url: string }> = [],
): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  const phone = contact.phone?.replace(/[\s-]/g, '');
  if (smsEnabled && phone)
    planned.push({ channel: 'SMS', recipient: phone, recipientMasked: maskPhone(phone) });
  if (contact.email)
    planned.push({ channel: 'EMAIL', recipient: contact.email, recipientMasked: maskEmail(contact.email) });
  const subscribed = new Set(subscriptions.map((s) => s.url));
  for (const s of subscriptions)
    planned.push({ channel: 'WEBHOOK', recipient: s.url, recipientMasked: maskUrl(s.url), subscriptionId: s.id });
  for (const url of new Set(webhookUrls))
    if (!subscribed.has(url)) planned.push({ channel: 'WEBHOOK', recipient: url, recipientMasked: maskUrl(url) });
  return planned;
}
