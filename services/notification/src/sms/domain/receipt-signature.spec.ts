import { createHmac } from 'node:crypto';
import { type SmsReceipt, verifyReceipt } from './receipt-signature';

describe('authenticating SMS delivery receipts', () => {
  const key = 'gateway-shared-key-0123';
  const receipt: SmsReceipt = { messageId: 'm-1', status: 'DELIVERED', reportedAt: '2026-11-27T02:00:05Z' };
  const now = new Date('2026-11-27T02:00:10Z');
  const ts = String(now.getTime() / 1000);
  const sign = (k: string, r: SmsReceipt, t = ts) =>
    createHmac('sha256', k).update(`${t}\n${r.messageId}\n${r.status}\n${r.reportedAt}`).digest('hex');

  it('accepts a fresh receipt signed with the shared key', () => {
    expect(verifyReceipt(key, ts, sign(key, receipt), receipt, now, 300_000)).toBe('ok');
  });

  it('refuses another key, a changed status and a missing signature', () => {
    expect(verifyReceipt(key, ts, sign('another-key-000000000', receipt), receipt, now, 300_000)).toBe(
      'bad-signature',
    );
    expect(verifyReceipt(key, ts, sign(key, receipt), { ...receipt, status: 'FAILED' }, now, 300_000)).toBe(
      'bad-signature',
    );
    expect(verifyReceipt(key, ts, undefined, receipt, now, 300_000)).toBe('bad-signature');
  });

  it('refuses a receipt signed too long ago (a replay)', () => {
    const old = String(now.getTime() / 1000 - 600);
    expect(verifyReceipt(key, old, sign(key, receipt, old), receipt, now, 300_000)).toBe('stale');
  });
});
