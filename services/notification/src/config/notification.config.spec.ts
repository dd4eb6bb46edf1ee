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
});
