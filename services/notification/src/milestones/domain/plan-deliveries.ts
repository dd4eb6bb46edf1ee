import type { DeliveryChannel } from '../../deliveries/domain/delivery';
import { maskEmail, maskUrl } from '../../deliveries/domain/masking';

export interface PlannedDelivery {
  channel: DeliveryChannel;
  recipient: string;
  recipientMasked: string;
}

/**
 * One delivery per channel: e-mail when the applicant gave an address, and one call per webhook
 * subscriber. SMS needs a gateway, which is not configured yet: a phone number alone yields nothing.
 */
export function planDeliveries(
  contact: { email?: string },
  webhookUrls: readonly string[],
): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  if (contact.email)
    planned.push({ channel: 'EMAIL', recipient: contact.email, recipientMasked: maskEmail(contact.email) });
  for (const url of new Set(webhookUrls))
    planned.push({ channel: 'WEBHOOK', recipient: url, recipientMasked: maskUrl(url) });
  return planned;
}
