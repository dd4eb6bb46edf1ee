import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SmsReceipt {
  messageId: string;
  status: 'DELIVERED' | 'FAILED';
  reportedAt: string;
  errorCode?: string;
}

/** The string a gateway signs for a receipt: the fields that matter, one per line, after its timestamp. */
export function receiptSigningString(timestamp: string, r: SmsReceipt): string {
  return `${timestamp}\n${r.messageId}\n${r.status}\n${r.reportedAt}`;
}

/**
 * Whether a receipt comes from the gateway (HMAC-SHA256 under the shared key) and is fresh: a
 * timestamp further than `toleranceMs` from now is refused, so a captured call cannot be replayed later.
 */
export function verifyReceipt(
  key: string,
  timestamp: string | undefined,
  signature: string | undefined,
  receipt: SmsReceipt,
  now: Date,
  toleranceMs: number,
): 'ok' | 'bad-signature' | 'stale' {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature';
  const expected = createHmac('sha256', key).update(receiptSigningString(timestamp, receipt)).digest('hex');
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
    return 'bad-signature';
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > toleranceMs) return 'stale';
  return 'ok';
}
