import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

const millis = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const NotificationConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3005),

  /** May carry credentials (smtp://user:password@host:587), so it has no default. */
  SMTP_URL: z
    .string({ error: 'SMTP_URL is required, e.g. smtp://127.0.0.1:2525' })
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'SMTP_URL must start with smtp:// or smtps://'),
  /** Sender of every e-mail, e.g. `"武汉市政务服务中心" <noreply@zwfw.example.gov.cn>`. */
  MAIL_FROM: z.string({ error: 'MAIL_FROM is required' }).min(3),
  /** Connection, greeting and socket timeout of the SMTP client. */
  SMTP_TIMEOUT_MS: millis(10_000, 100),

  /** Webhook subscribers, comma-separated; each receives every milestone, signed with WEBHOOK_SECRET. */
  WEBHOOK_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .url()
          .refine((u) => /^https?:\/\//.test(u), 'webhook URLs must be http(s)'),
      ),
    ),
  /** HMAC-SHA256 key of the X-OneWindow-Signature header; required when WEBHOOK_URLS is set. */
  WEBHOOK_SECRET: z.string().min(32, 'WEBHOOK_SECRET must have at least 32 characters').optional(),
  WEBHOOK_TIMEOUT_MS: millis(5_000, 100),
  /**
   * Webhook subscriptions made over REST may not target private, link-local or loopback addresses
   * (no requests into the data centre on an integrator's say-so). `true` admits loopback, for tests
   * and a one-machine setup; private and link-local stay refused.
   */
  WEBHOOK_ALLOW_LOOPBACK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),

  /** SMS platform's send endpoint; without it there is no SMS channel (a phone number alone yields nothing). */
  SMS_GATEWAY_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'SMS_GATEWAY_URL must be http(s)')
    .optional(),
  /** Shared key: signs our requests to the gateway and authenticates its delivery receipts. */
  SMS_GATEWAY_KEY: z.string().min(16, 'SMS_GATEWAY_KEY must have at least 16 characters').optional(),
  /** The registered signature (短信签名) shown as 【…】 before every text. */
  SMS_SIGN_NAME: z.string().min(2).max(20).optional(),
  /** Registered template codes per event type, e.g. `case.accepted=SMS_100001,case.decided=SMS_100002`; others use OW_<EVENT_TYPE>. */
  SMS_TEMPLATE_IDS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const ids: Record<string, string> = {};
      for (const pair of v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [type, code] = pair.split('=').map((x) => x.trim());
        if (!type || !code) {
          ctx.addIssue({ code: 'custom', message: `"${pair}" is not <event type>=<template code>` });
          return z.NEVER;
        }
        ids[type] = code;
      }
      return ids;
    }),
  SMS_TIMEOUT_MS: millis(5_000, 100),
  /** Receipts signed longer ago than this are refused (replays). */
  SMS_RECEIPT_TOLERANCE_MS: millis(300_000, 1000),
  /** At most SMS_RATE_LIMIT texts to one phone within SMS_RATE_WINDOW_MS; more wait, they are not dropped. */
  SMS_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
  SMS_RATE_WINDOW_MS: millis(3_600_000, 1000),
  /** China time (UTC+8) HH:MM-HH:MM in which no text goes out; texts wait until its end. Empty: none. */
  SMS_QUIET_HOURS: z
    .string()
    .default('22:00-08:00')
    .refine((v) => v.trim() === '' || /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v.trim()), {
      message: 'SMS_QUIET_HOURS must look like 22:00-08:00, or be empty',
    }),

  /** Shared with supervision: signs the 好差评 link in the handover message; without it the message has no link. */
  EVALUATION_SECRET: z.string().min(32, 'EVALUATION_SECRET must have at least 32 characters').optional(),
  /** Public address of the supervision service, where the evaluation page is. */
  EVALUATION_BASE_URL: z.string().url().default('http://127.0.0.1:3006'),

  /** Sending attempts per delivery before it is given up as FAILED. */
  MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** Back-off before the 2nd attempt; doubles per attempt (with jitter) up to DELIVERY_RETRY_MAX_MS. */
  DELIVERY_RETRY_BASE_MS: millis(30_000, 10),
  DELIVERY_RETRY_MAX_MS: millis(3_600_000, 10),
  /** Deliveries sent at once by one instance. */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Of those, at most this many to one recipient: a subscriber that hangs holds these slots, never all. */
  DELIVERY_CONCURRENCY_PER_RECIPIENT: z.coerce.number().int().min(1).max(100).default(2),
  /** How often an idle worker looks for due deliveries (new ones made here wake it at once). */
  DELIVERY_POLL_INTERVAL_MS: millis(1_000, 10),
  /** How long a claimed delivery stays with its instance; after a crash another instance takes it up then. */
  DELIVERY_LEASE_MS: millis(120_000, 1000),
}).superRefine((c, ctx) => {
  if (c.WEBHOOK_URLS.length > 0 && !c.WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['WEBHOOK_SECRET'],
      message: 'WEBHOOK_SECRET is required when WEBHOOK_URLS is set',
    });
  }
  if (c.SMS_GATEWAY_URL) {
    for (const key of ['SMS_GATEWAY_KEY', 'SMS_SIGN_NAME'] as const)
      if (!c[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} is required when SMS_GATEWAY_URL is set`,
        });
  }
  if (c.DELIVERY_LEASE_MS <= Math.max(c.WEBHOOK_TIMEOUT_MS, c.SMS_TIMEOUT_MS, 3 * c.SMTP_TIMEOUT_MS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DELIVERY_LEASE_MS'],
      message:
        'DELIVERY_LEASE_MS must exceed WEBHOOK_TIMEOUT_MS, SMS_TIMEOUT_MS and three SMTP timeouts, or a slow send is taken up twice',
    });
  }
  if (c.DELIVERY_CONCURRENCY_PER_RECIPIENT >= c.DELIVERY_CONCURRENCY) {
    ctx.addIssue({
      code: 'custom',
      path: ['DELIVERY_CONCURRENCY_PER_RECIPIENT'],
      message: 'must be below DELIVERY_CONCURRENCY',
    });
  }
  if (c.DELIVERY_RETRY_MAX_MS < c.DELIVERY_RETRY_BASE_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['DELIVERY_RETRY_MAX_MS'],
      message: 'must not be below DELIVERY_RETRY_BASE_MS',
    });
  }
});
export type NotificationConfig = z.infer<typeof NotificationConfigSchema>;

export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig =>
  loadConfig(NotificationConfigSchema, env);
