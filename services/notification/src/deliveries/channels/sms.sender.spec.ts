import { loadNotificationConfig } from '../../config/notification.config';
import type { SmsGateway } from '../../sms/domain/sms-gateway';
import { SmsGatewayError } from '../../sms/domain/sms-gateway';
import type { SmsRateLimiter } from '../../sms/infrastructure/sms-rate-limiter';
import type { ClaimedDelivery } from '../domain/delivery';
import { DeferDeliveryError, PermanentDeliveryError } from '../domain/delivery-errors';
import { SmsSender } from './sms.sender';

function setup(now: string, opts: { waitMs?: number; fail?: SmsGatewayError } = {}) {
  const sent: unknown[] = [];
  const released: string[] = [];
  const gateway: SmsGateway = {
    send: (r) => {
      if (opts.fail) return Promise.reject(opts.fail);
      sent.push(r);
      return Promise.resolve({ messageId: 'm-1' });
    },
  };
  const limiter = {
    take: () => Promise.resolve(opts.waitMs ? { waitMs: opts.waitMs } : { waitMs: 0, slot: 's-1' }),
    release: (_p: string, slot: string) => Promise.resolve(void released.push(slot)),
  } as unknown as SmsRateLimiter;
  const config = loadNotificationConfig({
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_FROM: 'noreply@zwfw.example.org',
    SMS_QUIET_HOURS: '22:00-08:00',
    SMS_TEMPLATE_IDS: 'case.accepted=SMS_1',
  });
  const sut = new SmsSender(gateway, limiter, () => new Date(now), config);
  return { sut, sent, released };
}

const delivery = {
  id: 'D1',
  channel: 'SMS',
  recipient: '13800000000',
  triggerEventType: 'case.accepted',
  message: { subject: '【受理通知】', text: '' },
  event: { data: { caseNo: 'C-1' } },
} as unknown as ClaimedDelivery;

describe('sending a text', () => {
  it('sends through the gateway in the daytime and waits for the receipt', async () => {
    const { sut, sent } = setup('2026-11-27T02:00:00Z'); // 10:00 China time
    await expect(sut.send(delivery)).resolves.toEqual({ providerMessageId: 'm-1', awaitReceipt: true });
    expect(sent).toEqual([
      {
        phone: '13800000000',
        templateCode: 'SMS_1',
        params: { caseNo: 'C-1', summary: '【受理通知】' },
        outId: 'D1',
      },
    ]);
  });

  it('defers to 08:00 China time during quiet hours', async () => {
    const { sut, sent } = setup('2026-11-27T15:00:00Z'); // 23:00 China time
    const err = await sut.send(delivery).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeferDeliveryError);
    expect((err as DeferDeliveryError).until).toEqual(new Date('2026-11-28T00:00:00Z'));
    expect(sent).toHaveLength(0);
  });

  it('defers when the phone is over its rate limit', async () => {
    const { sut } = setup('2026-11-27T02:00:00Z', { waitMs: 60_000 });
    const err = await sut.send(delivery).catch((e: unknown) => e);
    expect((err as DeferDeliveryError).until).toEqual(new Date('2026-11-27T02:01:00Z'));
  });

  it('gives the rate-limit slot back and marks refusals for good as permanent', async () => {
    const { sut, released } = setup('2026-11-27T02:00:00Z', {
      fail: new SmsGatewayError(true, 'INVALID_PHONE'),
    });
    await expect(sut.send(delivery)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(released).toEqual(['s-1']);
  });
});
