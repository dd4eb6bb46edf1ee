import { checkWebhookTarget, refusedAddress } from './webhook-target';

const resolveTo = (...addresses: string[]) => () => Promise.resolve(addresses);

describe('webhook targets', () => {
  it('refuses private, link-local, loopback and metadata addresses', () => {
    for (const a of ['10.0.0.5', '172.16.3.4', '192.168.1.1', '169.254.169.254', 'fe80::1', 'fd00::1', '0.0.0.0', '::ffff:10.0.0.1'])
      expect(refusedAddress(a, true)).toBeDefined();
    expect(refusedAddress('127.0.0.1', false)).toMatch(/loopback/);
    expect(refusedAddress('::1', false)).toMatch(/loopback/);
    expect(refusedAddress('127.0.0.1', true)).toBeUndefined();
    expect(refusedAddress('203.0.113.9', false)).toMatch(/reserved/);
    expect(refusedAddress('8.8.8.8', false)).toBeUndefined();
  });

  it('checks every address a host name resolves to', async () => {
    expect(await checkWebhookTarget('https://hooks.example.org/x', resolveTo('8.8.8.8'), false)).toEqual([]);
    expect(await checkWebhookTarget('https://hooks.example.org/x', resolveTo('8.8.8.8', '10.1.2.3'), false)).toEqual([
      '10.1.2.3 is in the private range',
    ]);
  });

  it('takes only http(s) without credentials', async () => {
    expect(await checkWebhookTarget('ftp://8.8.8.8/x', resolveTo(), false)).toEqual(['scheme ftp: is not http or https']);
    expect((await checkWebhookTarget('https://u:p@8.8.8.8/x', resolveTo(), false))[0]).toMatch(/credentials/);
    expect(await checkWebhookTarget('not a url', resolveTo(), false)).toEqual(['not a URL']);
    expect(await checkWebhookTarget('http://[::1]:8080/x', resolveTo(), false)).toEqual(['::1 is a loopback address']);
  });

  it('refuses a host that does not resolve', async () => {
    const fail = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    expect(await checkWebhookTarget('https://nowhere.invalid/x', fail, false)).toEqual(['host nowhere.invalid does not resolve (ENOTFOUND)']);
  });
});
