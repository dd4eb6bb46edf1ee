import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 under a version prefix', () => {
    const body = '{"event":{"id":"e1"},"message":{"subject":"受理通知"}}';
    const expected = createHmac('sha256', 'k'.repeat(32)).update(`1764288000.${body}`).digest('hex');
    expect(signWebhook('k'.repeat(32), 1764288000, body)).toBe(`v1=${expected}`);
  });

  it('changes when the body, the time or the secret changes', () => {
    const s = signWebhook('k'.repeat(32), 1, 'a');
    expect(signWebhook('k'.repeat(32), 1, 'b')).not.toBe(s);
    expect(signWebhook('k'.repeat(32), 2, 'a')).not.toBe(s);
    expect(signWebhook('j'.repeat(32), 1, 'a')).not.toBe(s);
  });
});
