import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { type CaseAccepted, type CaseReceived, EventTypes, Topics } from '@onewindow/contracts';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  serviceEnv,
  SmsGatewaySink,
  SmtpSink,
  TestPublisher,
  uniqueTopicPrefix,
  WebhookSink,
} from '@onewindow/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config/notification.config';
import { NOTIFICATION } from '../src/service';

jest.setTimeout(120_000);

const GATEWAY_KEY = 'sms-gateway-shared-key-0123456789';
const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';
const HOUR = 3_600_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** HH:MM in China time. */
const chinaTime = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(11, 16);

function applicant(phone: string, email: string, name: string) {
  const caseId = ulid();
  return {
    caseId,
    caseNo: `420102-20261127-${caseId.slice(-6)}`,
    matterCode: '11420000MB0000001X-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW' as const,
    applicant: {
      kind: 'NATURAL_PERSON' as const,
      name,
      idNumber: '11010519491231002X',
      contact: { phone, email },
    },
  };
}
type Summary = ReturnType<typeof applicant>;

const received = (s: Summary): CaseReceived => ({ ...s, receivedAt: '2026-11-27T01:00:00Z', materials: [] });
const accepted = (s: Summary): CaseAccepted => ({
  ...s,
  acceptedAt: '2026-11-27T02:00:00Z',
  departmentCode: 'HB-SCJGJ',
  materials: [],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  promisedDate: '2026-12-11',
});
const decided = (s: Summary) => ({
  ...s,
  outcome: 'APPROVED' as const,
  reasons: [],
  departments: [{ taskId: ulid(), departmentCode: 'HB-SCJGJ', outcome: 'APPROVED' as const }],
  leadDepartmentCode: 'HB-SCJGJ',
  decidedAt: '2026-12-01T02:00:00Z',
});
const supplement = (s: Summary) => ({
  caseId: s.caseId,
  caseNo: s.caseNo,
  requestedAt: '2026-11-27T01:30:00Z',
  missing: [{ code: 'M1', name: '营业执照副本', problem: '复印件不清晰' }],
});

interface Delivery {
  id: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  triggerEventId: string;
  triggerEventType: string;
  lastError?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  failedAt?: string;
  receiptAt?: string;
  replays: number;
}

describe('notification by SMS (real PostgreSQL, Redis, Kafka, SMTP, webhook and a fake SMS gateway over HTTP)', () => {
  const prefix = uniqueTopicPrefix('nts');
  const smtp = new SmtpSink();
  const hook = new WebhookSink();
  const sms = new SmsGatewaySink(GATEWAY_KEY);
  const logLines: string[] = [];
  // The service's clock runs with real time, shifted by this much (quiet hours at any hour of the test run).
  let clockShiftMs = 0;
  // Quiet hours placed 6 to 8 hours from now, China time: outside them unless the clock is shifted in.
  const quietStart = Date.now() + 6 * HOUR;
  const quietHours = `${chinaTime(quietStart)}-${chinaTime(quietStart + 2 * HOUR)}`;
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;
  let probe: EventProbe;

  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const r = await fetch(base + path, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    return { status: r.status, body: (await r.json()) as T };
  };
  /** Held back for later (rate limit, quiet hours), not just due now and waiting for the worker. */
  const isDeferred = (d: { nextAttemptAt?: string }) =>
    d.nextAttemptAt !== undefined && new Date(d.nextAttemptAt).getTime() > Date.now() + 60_000;
  const deliveriesOf = async (caseId: string, channel = 'SMS') =>
    (
      await request<{ items: Delivery[] }>(
        'GET',
        `/api/v1/deliveries?caseId=${caseId}&channel=${channel}&limit=100`,
      )
    ).body.items;
  const textsTo = (phone: string) => sms.messages.filter((m) => m.phone === phone);
  const receiptsUrl = () => `${base}/api/v1/sms/receipts`;

  beforeAll(async () => {
    await smtp.start();
    const hookUrl = await hook.start();
    const gatewayUrl = await sms.start();
    db = await createTestDatabase();
    const port = await freePort();
    const config = loadNotificationConfig(
      serviceEnv(db.url, prefix, {
        LOG_LEVEL: 'info',
        HTTP_PORT: String(port),
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: '"武汉市政务服务中心" <noreply@zwfw.example.org>',
        WEBHOOK_URLS: hookUrl,
        WEBHOOK_SECRET,
        SMS_GATEWAY_URL: gatewayUrl,
        SMS_GATEWAY_KEY: GATEWAY_KEY,
        SMS_SIGN_NAME: '武汉政务',
        SMS_TEMPLATE_IDS: 'case.accepted=SMS_100001',
        SMS_RATE_LIMIT: '3',
        SMS_QUIET_HOURS: quietHours,
        MAX_ATTEMPTS: '4',
        DELIVERY_RETRY_BASE_MS: '200',
        DELIVERY_RETRY_MAX_MS: '1000',
        DELIVERY_POLL_INTERVAL_MS: '100',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL, {
      write: (line: string) => void logLines.push(line),
    });
    service = await bootstrapService({
      ...NOTIFICATION,
      module: AppModule.forRoot(config, logger, { clock: () => new Date(Date.now() + clockShiftMs) }),
      config,
      logger,
      httpPort: port,
    });
    base = service.urls.http;
    publisher = new TestPublisher(prefix);
    probe = new EventProbe(prefix, [Topics.NotificationDeliveryEvents]);
    await probe.start();
  });

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    await service?.close();
    await db?.drop();
    await smtp.stop();
    await hook.stop();
    await sms.stop();
  });

  const zhou = applicant('13911110001', 'zhouba@example.org', '周八');
  const zhouEvents = {
    accepted: makeEvent(EventTypes.CaseAccepted, zhou.caseId, accepted(zhou)),
    decided: makeEvent(EventTypes.CaseDecided, zhou.caseId, decided(zhou)),
  };

  it('texts the applicant’s phone at each milestone through the signed gateway request', async () => {
    await publisher.send(
      makeEvent(EventTypes.CaseReceived, zhou.caseId, received(zhou)),
      zhouEvents.accepted,
      zhouEvents.decided,
    );
    await eventually(async () => (textsTo('13911110001').length >= 2 ? true : undefined), {
      what: 'two texts to 周八',
    });
    const log = await eventually(
      async () => {
        const d = await deliveriesOf(zhou.caseId);
        return d.length === 2 && d.every((x) => x.status === 'SENT') ? d : undefined;
      },
      { what: 'both SMS deliveries SENT' },
    );
    expect(log.every((d) => d.recipient === '139****0001' && d.attempts === 1)).toBe(true);

    const texts = textsTo('13911110001');
    expect(texts).toHaveLength(2);
    const forAccepted = texts.find((t) => t.templateCode === 'SMS_100001')!;
    expect(forAccepted).toBeDefined();
    expect(forAccepted.signName).toBe('武汉政务');
    expect(forAccepted.templateParams).toEqual({
      caseNo: zhou.caseNo,
      summary: `【受理通知】您的办件 ${zhou.caseNo} 已受理`,
    });
    expect(forAccepted.outId).toBe(log.find((d) => d.triggerEventType === 'case.accepted')!.id);
    expect(texts.find((t) => t.templateCode === 'OW_CASE_DECIDED')).toBeDefined();

    const h = forAccepted.headers;
    const expected = createHmac('sha256', GATEWAY_KEY)
      .update(`${String(h['x-sms-timestamp'])}\n${String(h['x-sms-nonce'])}\n${forAccepted.body}`)
      .digest('hex');
    expect(h['x-sms-signature']).toBe(expected);
  });

  it('records delivery receipts: DELIVERED or FAILED at the time the receipt states, once', async () => {
    const forAccepted = textsTo('13911110001').find((t) => t.templateCode === 'SMS_100001')!;
    const forDecided = textsTo('13911110001').find((t) => t.templateCode === 'OW_CASE_DECIDED')!;
    const ok = {
      messageId: forAccepted.messageId,
      status: 'DELIVERED' as const,
      reportedAt: '2026-11-27T02:00:07.000Z',
    };
    expect(await sms.sendReceipt(receiptsUrl(), ok)).toBe(200);
    expect(await sms.sendReceipt(receiptsUrl(), ok)).toBe(200); // gateways repeat receipts
    expect(
      await sms.sendReceipt(receiptsUrl(), {
        messageId: forDecided.messageId,
        status: 'FAILED',
        reportedAt: '2026-12-01T02:00:09.000Z',
        errorCode: 'MK:0001',
      }),
    ).toBe(200);

    const log = await deliveriesOf(zhou.caseId);
    const acc = log.find((d) => d.triggerEventId === zhouEvents.accepted.id)!;
    const dec = log.find((d) => d.triggerEventId === zhouEvents.decided.id)!;
    expect(acc).toMatchObject({
      status: 'DELIVERED',
      deliveredAt: '2026-11-27T02:00:07.000Z',
      receiptAt: '2026-11-27T02:00:07.000Z',
    });
    expect(dec).toMatchObject({ status: 'FAILED', failedAt: '2026-12-01T02:00:09.000Z' });
    expect(dec.lastError).toContain('MK:0001');

    const delivered = await eventually(
      async () => {
        const e = probe
          .ofType(EventTypes.NotificationDelivered, zhou.caseId)
          .filter((x) => x.data.channel === 'SMS');
        return e.length >= 1 ? e : undefined;
      },
      { what: 'notification.delivered for the text' },
    );
    await eventually(
      async () =>
        probe.ofType(EventTypes.NotificationFailed, zhou.caseId).find((x) => x.data.channel === 'SMS'),
      { what: 'notification.failed for the text' },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      probe.ofType(EventTypes.NotificationDelivered, zhou.caseId).filter((x) => x.data.channel === 'SMS'),
    ).toHaveLength(1);
    expect(delivered[0].data).toMatchObject({
      recipient: '139****0001',
      deliveredAt: '2026-11-27T02:00:07.000Z',
      triggerEventId: zhouEvents.accepted.id,
    });
  });

  it('refuses receipts not signed with the gateway key, and receipts for unknown messages', async () => {
    const forAccepted = textsTo('13911110001').find((t) => t.templateCode === 'SMS_100001')!;
    const forged = {
      messageId: forAccepted.messageId,
      status: 'FAILED' as const,
      reportedAt: '2026-11-27T03:00:00Z',
    };
    expect(await sms.sendReceipt(receiptsUrl(), forged, 'not-the-gateway-key-000')).toBe(401);
    const unsigned = await request<{ type: string }>('POST', '/api/v1/sms/receipts', forged);
    expect(unsigned).toMatchObject({ status: 401, body: { type: '/problems/invalid-receipt-signature' } });
    expect(await sms.sendReceipt(receiptsUrl(), { ...forged, messageId: 'sms-never-sent' })).toBe(404);
    const bad = await request<{ type: string }>('POST', '/api/v1/sms/receipts', {
      messageId: 'x',
      status: 'LOST',
    });
    expect(bad).toMatchObject({ status: 400, body: { type: '/problems/validation-error' } });

    const acc = (await deliveriesOf(zhou.caseId)).find((d) => d.triggerEventId === zhouEvents.accepted.id);
    expect(acc?.status).toBe('DELIVERED');
  });

  it('retries while the gateway is down and, after it recovers, texts, mails and calls each exactly once', async () => {
    const wu = applicant('13911110002', 'wujiu@example.org', '吴九');
    const events = [
      makeEvent(EventTypes.CaseSupplementRequired, wu.caseId, supplement(wu)),
      makeEvent(EventTypes.CaseAccepted, wu.caseId, accepted(wu)),
    ];
    sms.failWith = { kind: 'http', status: 503 };
    hook.failWith = 502;
    try {
      await publisher.send(makeEvent(EventTypes.CaseReceived, wu.caseId, received(wu)), ...events);
      await eventually(
        async () => {
          const d = await deliveriesOf(wu.caseId);
          return d.length === 2 && d.every((x) => x.status === 'PENDING' && x.attempts >= 2) ? d : undefined;
        },
        { what: 'two failed attempts at each text' },
      );
      const failing = await deliveriesOf(wu.caseId);
      expect(failing[0].lastError).toContain('503');
      expect(textsTo('13911110002')).toHaveLength(0);
    } finally {
      sms.failWith = undefined;
      hook.failWith = undefined;
    }
    await eventually(
      async () => {
        const all = [
          ...(await deliveriesOf(wu.caseId, 'SMS')),
          ...(await deliveriesOf(wu.caseId, 'EMAIL')),
          ...(await deliveriesOf(wu.caseId, 'WEBHOOK')),
        ];
        return all.length === 6 && all.every((x) => x.status === 'SENT' || x.status === 'DELIVERED')
          ? true
          : undefined;
      },
      { what: 'every delivery of 吴九 sent after recovery' },
    );
    await new Promise((r) => setTimeout(r, 500));
    for (const e of events) {
      const d = (await deliveriesOf(wu.caseId)).find((x) => x.triggerEventId === e.id)!;
      expect(textsTo('13911110002').filter((t) => t.outId === d.id)).toHaveLength(1);
      expect(hook.calls.filter((c) => c.headers['x-onewindow-event-id'] === e.id)).toHaveLength(1);
    }
    expect(textsTo('13911110002')).toHaveLength(2);
    expect(smtp.messages.filter((m) => m.to.includes('wujiu@example.org'))).toHaveLength(2);
  });

  it('dead-letters a number the gateway refuses for good; an operator replays it, and it is sent once', async () => {
    const zheng = applicant('13911110003', 'zhengshi@example.org', '郑十');
    sms.failWith = { kind: 'code', code: 'INVALID_PHONE', message: 'mobile number illegal' };
    let id: string;
    try {
      await publisher.send(
        makeEvent(EventTypes.CaseReceived, zheng.caseId, received(zheng)),
        makeEvent(EventTypes.CaseAccepted, zheng.caseId, accepted(zheng)),
      );
      const failed = await eventually(
        async () => (await deliveriesOf(zheng.caseId)).find((d) => d.status === 'FAILED'),
        { what: 'the text given up at once' },
      );
      expect(failed.attempts).toBe(1); // permanent: no retries
      expect(failed.lastError).toContain('INVALID_PHONE');
      id = failed.id;
      const dead = await request<{ items: Delivery[] }>('GET', `/api/v1/dead-letters?caseId=${zheng.caseId}`);
      expect(dead.body.items.map((d) => d.id)).toEqual([id]);

      // Replayed while the gateway is still busy: pending again, and a repeated replay changes nothing.
      sms.failWith = { kind: 'http', status: 503 };
      const replayed = await request<Delivery>('POST', `/api/v1/deliveries/${id}/replay`);
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({ id, status: 'PENDING', replays: 1 });
      const again = await request<Delivery>('POST', `/api/v1/deliveries/${id}/replay`);
      expect(again.body).toMatchObject({ id, status: 'PENDING', replays: 1 });
      expect(
        (await request<{ items: Delivery[] }>('GET', `/api/v1/dead-letters?caseId=${zheng.caseId}`)).body
          .items,
      ).toEqual([]);
    } finally {
      sms.failWith = undefined;
    }
    const sent = await eventually(
      async () => (await deliveriesOf(zheng.caseId)).find((d) => d.id === id && d.status === 'SENT'),
      { what: 'the replayed text sent' },
    );
    expect(sent.replays).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(textsTo('13911110003')).toHaveLength(1);

    const notFailed = await request<{ type: string }>('POST', `/api/v1/deliveries/${id}/replay`);
    expect(notFailed).toMatchObject({ status: 409, body: { type: '/problems/delivery-not-failed' } });
    const missing = await request<{ type: string }>('POST', `/api/v1/deliveries/${ulid()}/replay`);
    expect(missing).toMatchObject({ status: 404, body: { type: '/problems/delivery-not-found' } });
  });

  it('holds texts during quiet hours until they end, while the e-mail goes out', async () => {
    const qian = applicant('13911110004', 'qian@example.org', '钱一');
    clockShiftMs = 7 * HOUR; // inside the quiet hours
    try {
      await publisher.send(
        makeEvent(EventTypes.CaseReceived, qian.caseId, received(qian)),
        makeEvent(EventTypes.CaseAccepted, qian.caseId, accepted(qian)),
      );
      await eventually(async () => smtp.messages.find((m) => m.to.includes('qian@example.org')), {
        what: 'the mail to 钱一',
      });
      const held = await eventually(
        async () => (await deliveriesOf(qian.caseId)).find((d) => d.attempts === 0 && isDeferred(d)),
        { what: 'the text held back' },
      );
      expect(held.status).toBe('PENDING');
      const until = new Date(held.nextAttemptAt!).getTime();
      expect(chinaTime(until)).toBe(quietHours.slice(6));
      expect(until).toBeGreaterThan(Date.now() + 7 * HOUR);
      expect(textsTo('13911110004')).toHaveLength(0);
    } finally {
      clockShiftMs = 0;
    }
  });

  it('texts one phone at most SMS_RATE_LIMIT times per window and defers the rest instead of dropping them', async () => {
    const sun = applicant('13911110005', 'sunyi@example.org', '孙一');
    await publisher.send(
      makeEvent(EventTypes.CaseReceived, sun.caseId, received(sun)),
      makeEvent(EventTypes.CaseSupplementRequired, sun.caseId, supplement(sun)),
      makeEvent(EventTypes.CaseAccepted, sun.caseId, accepted(sun)),
      makeEvent(EventTypes.CaseDecided, sun.caseId, decided(sun)),
      makeEvent(EventTypes.CaseNotAccepted, sun.caseId, {
        caseId: sun.caseId,
        caseNo: sun.caseNo,
        reason: '申请材料虚假',
        legalBasis: '《中华人民共和国行政许可法》第三十二条',
        decidedAt: '2026-11-27T03:00:00Z',
      }),
    );
    const log = await eventually(
      async () => {
        const d = await deliveriesOf(sun.caseId);
        const sent = d.filter((x) => x.status === 'SENT');
        // Deferred, not merely waiting for the worker: a new delivery is also PENDING, due now.
        const held = d.filter((x) => x.status === 'PENDING' && x.attempts === 0 && isDeferred(x));
        return d.length === 4 && sent.length === 3 && held.length === 1 ? { held: held[0] } : undefined;
      },
      { what: 'three texts sent and the fourth held' },
    );
    expect(new Date(log.held.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + HOUR / 2);
    expect(textsTo('13911110005')).toHaveLength(3);
    // Other phones are not affected by this one's limit (周八 and 吴九 got theirs above).
  });

  it('never writes a phone number or e-mail address to the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('139****0001'); // the capture works: masked recipients are logged
    for (const raw of ['1391111000', 'zhouba@', 'wujiu@', 'zhengshi@', 'qian@', 'sunyi@'])
      expect(logs).not.toContain(raw);
  });

  it('documents the receipt callback, dead letters and replay in OpenAPI', async () => {
    const r = await request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sms/receipts',
        '/api/v1/dead-letters',
        '/api/v1/deliveries/{id}/replay',
      ]),
    );
  });
});
