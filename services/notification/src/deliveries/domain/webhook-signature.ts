import { createHmac } from 'node:crypto';

export const WebhookHeaders = {
  eventId: 'X-OneWindow-Event-Id',
  deliveryId: 'X-OneWindow-Delivery-Id',
  timestamp: 'X-OneWindow-Timestamp',
  signature: 'X-OneWindow-Signature',
} as const;

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Signing the timestamp with the body lets a
 * receiver refuse replays of an old call; the version prefix lets the scheme change later.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
