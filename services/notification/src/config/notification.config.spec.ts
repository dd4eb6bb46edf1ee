import { ConfigError } from '@onewindow/platform';
import { loadNotificationConfig } from './notification.config';

describe('notification configuration', () => {
  const minimal = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'noreply@zwfw.example.org' };

  it('starts with an SMTP server and sender, no webhooks, and the documented defaults', () => {
    const c = loadNotificationConfig(minimal);
    expect(c).toMatchObject({ HTTP_PORT: 3005, WEBHOOK_URLS: [], MAX_ATTEMPTS: 6, WEBHOOK_TIMEOUT_MS: 5000 });
  });

  it('refuses to start without an SMTP URL, naming the variable', () => {
    expect(() => loadNotificationConfig({ MAIL_FROM: minimal.MAIL_FROM })).toThrow(ConfigError);
    expect(() => loadNotificationConfig({ MAIL_FROM: minimal.MAIL_FROM })).toThrow(/SMTP_URL/);
  });

  it('requires a webhook secret of 32+ characters once webhooks are configured', () => {
    const hooks = { ...minimal, WEBHOOK_URLS: 'https://portal.example.org/hooks, http://127.0.0.1:9000/h' };
    expect(() => loadNotificationConfig(hooks)).toThrow(/WEBHOOK_SECRET/);
    expect(() => loadNotificationConfig({ ...hooks, WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET/);
    const c = loadNotificationConfig({ ...hooks, WEBHOOK_SECRET: 'x'.repeat(32) });
    expect(c.WEBHOOK_URLS).toEqual(['https://portal.example.org/hooks', 'http://127.0.0.1:9000/h']);
  });

  it('refuses a webhook that is not http(s)', () => {
    expect(() =>
      loadNotificationConfig({
        ...minimal,
        WEBHOOK_URLS: 'ftp://x.example.org',
        WEBHOOK_SECRET: 'x'.repeat(32),
      }),
    ).toThrow(/http/);
  });

  it('has no SMS channel without a gateway, and needs its key and sign name once one is set', () => {
    expect(loadNotificationConfig(minimal).SMS_GATEWAY_URL).toBeUndefined();
    const sms = { ...minimal, SMS_GATEWAY_URL: 'http://127.0.0.1:9100/sms/send' };
    expect(() => loadNotificationConfig(sms)).toThrow(/SMS_GATEWAY_KEY/);
    expect(() => loadNotificationConfig({ ...sms, SMS_GATEWAY_KEY: 'k'.repeat(16) })).toThrow(
      /SMS_SIGN_NAME/,
    );
    const c = loadNotificationConfig({
      ...sms,
      SMS_GATEWAY_KEY: 'k'.repeat(16),
      SMS_SIGN_NAME: '武汉政务',
      SMS_TEMPLATE_IDS: 'case.accepted=SMS_100001, case.decided=SMS_100002',
    });
    expect(c.SMS_TEMPLATE_IDS).toEqual({ 'case.accepted': 'SMS_100001', 'case.decided': 'SMS_100002' });
    expect(c.SMS_QUIET_HOURS).toBe('22:00-08:00');
  });

  it('refuses malformed SMS template ids and quiet hours', () => {
    expect(() => loadNotificationConfig({ ...minimal, SMS_TEMPLATE_IDS: 'case.accepted' })).toThrow(
      /SMS_TEMPLATE_IDS/,
    );
    expect(() => loadNotificationConfig({ ...minimal, SMS_QUIET_HOURS: '22-8' })).toThrow(/SMS_QUIET_HOURS/);
    expect(loadNotificationConfig({ ...minimal, SMS_QUIET_HOURS: '' }).SMS_QUIET_HOURS).toBe('');
  });
});
