import { planDeliveries } from './plan-deliveries';

describe('which deliveries a milestone makes', () => {
  const hooks = ['https://portal.example.org/hooks?token=s3cret', 'http://12345.example.org/in'];

  it('mails the applicant who gave an address and calls every webhook once', () => {
    expect(planDeliveries({ email: 'zhangsan@example.org' }, [...hooks, hooks[0]])).toEqual([
      { channel: 'EMAIL', recipient: 'zhangsan@example.org', recipientMasked: 'z***@example.org' },
      { channel: 'WEBHOOK', recipient: hooks[0], recipientMasked: 'https://portal.example.org/hooks' },
      { channel: 'WEBHOOK', recipient: hooks[1], recipientMasked: 'http://12345.example.org/in' },
    ]);
  });

  it('makes no e-mail without an address, and nothing at all without subscribers', () => {
    expect(planDeliveries({}, hooks).map((d) => d.channel)).toEqual(['WEBHOOK', 'WEBHOOK']);
    expect(planDeliveries({}, [])).toEqual([]);
  });

  it('texts the applicant’s phone only when an SMS gateway is configured', () => {
    const contact = { phone: '138 0000 0000', email: 'zhangsan@example.org' };
    expect(planDeliveries(contact, [], true)).toEqual([
      { channel: 'SMS', recipient: '13800000000', recipientMasked: '138****0000' },
      { channel: 'EMAIL', recipient: 'zhangsan@example.org', recipientMasked: 'z***@example.org' },
    ]);
    expect(planDeliveries(contact, [], false).map((d) => d.channel)).toEqual(['EMAIL']);
  });

  it('calls each subscription with its id, and a configured URL that is also subscribed only once', () => {
    const subs = [{ id: '01JDZ3Q4X6S8K7Y2V9T5R3M1N9', url: hooks[1] }];
    expect(planDeliveries({}, hooks, false, subs)).toEqual([
      { channel: 'WEBHOOK', recipient: hooks[1], recipientMasked: 'http://12345.example.org/in', subscriptionId: subs[0].id },
      { channel: 'WEBHOOK', recipient: hooks[0], recipientMasked: 'https://portal.example.org/hooks' },
    ]);
  });
});
