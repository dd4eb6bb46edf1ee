import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import { type CaseAccepted, type CaseDecided, type CaseReceived, EventTypes } from '@onewindow/contracts';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import {
  createTestDatabase,
  eventually,
  makeEvent,
  serviceEnv,
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

function applicantCase(email: string, locale?: 'zh-CN' | 'en') {
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
      name: '张三',
      idNumber: '11010519491231002X',
      contact: { email, ...(locale ? { locale } : {}) },
    },
  };
}
type Summary = ReturnType<typeof applicantCase>;
const received = (s: Summary): CaseReceived => ({ ...s, receivedAt: '2026-11-27T01:00:00Z', materials: [] });
const accepted = (s: Summary): CaseAccepted => ({
  ...s,
  acceptedAt: '2026-11-27T02:00:00Z',
  departmentCode: 'HB-SCJGJ',
  materials: [{ code: 'M-APP', name: '申请书', provided: true }],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  promisedDate: '2026-12-11',
});
const decided = (s: Summary): CaseDecided => ({
  ...s,
  outcome: 'APPROVED',
  reasons: [],
  departments: [{ taskId: ulid(), departmentCode: 'HB-SCJGJ', outcome: 'APPROVED' }],
  leadDepartmentCode: 'HB-SCJGJ',
  decidedAt: '2026-12-01T02:00:00Z',
});

interface Problem {
  type: string;
  status: number;
  unknownVariables?: string[];
  problems?: string[];
}
interface Delivery {
  id: string;
  channel: string;
  status: string;
  triggerEventId: string;
  subscriptionId?: string;
  template?: { eventType: string; channel: string; locale: string; version: number };
}

describe('notification templates and webhook subscriptions (real PostgreSQL, Kafka, SMTP and HTTP)', () => {
  const prefix = uniqueTopicPrefix('ntw');
  const smtp = new SmtpSink();
  const hookA = new WebhookSink();
  const hookB = new WebhookSink();
  let urlA: string;
  let urlB: string;
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const r = await fetch(base + path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const deliveriesOf = async (caseId: string) =>
    (await call<{ items: Delivery[] }>('GET', `/api/v1/deliveries?caseId=${caseId}&limit=100`)).body.items;
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    await smtp.start();
    urlA = await hookA.start();
    urlB = await hookB.start();
    db = await createTestDatabase();
    const port = await freePort();
    const config = loadNotificationConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(port),
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: '"武汉市政务服务中心" <noreply@zwfw.example.org>',
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        WEBHOOK_TIMEOUT_MS: '1000',
        DELIVERY_RETRY_BASE_MS: '200',
        DELIVERY_RETRY_MAX_MS: '1000',
        DELIVERY_POLL_INTERVAL_MS: '100',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...NOTIFICATION, module: AppModule.forRoot(config, logger), config, logger, httpPort: port });
    base = service.urls.http;
    publisher = new TestPublisher(prefix);
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await db?.drop();
    await smtp.stop();
    await hookA.stop();
    await hookB.stop();
  });

  it('stores the built-in texts as version 1 of every template, in Chinese and English', async () => {
    const all = await call<Array<{ eventType: string; channel: string; locale: string; version: number; subject: string }>>('GET', '/api/v1/templates');
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(8 * 3 * 2); // 8 milestones (6 of the case, 2 of a rectification) × 3 channels × 2 locales
    expect(all.body.every((t) => t.version === 1)).toBe(true);
    const en = await call<Array<{ subject: string }>>('GET', '/api/v1/templates/case.accepted/EMAIL/en/versions');
    expect(en.body.map((t) => t.subject)).toEqual(['[Accepted] Your case {{caseNo}} has been accepted']);
    const vars = await call<{ variables: string[] }>('GET', '/api/v1/templates/variables/case.supplement-required');
    expect(vars.body.variables).toEqual(expect.arrayContaining(['missing[].name', 'missingList', 'caseNo', 'applicantName']));
  });

  it('refuses a template with unknown variables or broken syntax, listing what is wrong, and stores nothing', async () => {
    const unknown = await call<Problem>('POST', '/api/v1/templates', {
      eventType: 'case.accepted',
      channel: 'EMAIL',
      locale: 'zh-CN',
      subject: '受理 {{caseNo}} {{caseNumber}}',
      body: '{{applicantName}} {{#each materials}}{{name}} {{colour}}{{/each}} {{applicant.age}}',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('/problems/template-unknown-variables');
    expect(unknown.body.unknownVariables).toEqual(['applicant.age', 'caseNumber', 'colour']);

    const broken = await call<Problem>('POST', '/api/v1/templates', {
      eventType: 'case.accepted',
      channel: 'EMAIL',
      locale: 'zh-CN',
      subject: '{{#if caseNo}}受理',
      body: '{{caseNo}}',
    });
    expect(broken.status).toBe(422);
    expect(broken.body.type).toBe('/problems/template-syntax-error');

    const badType = await call<Problem>('POST', '/api/v1/templates', {
      eventType: 'task.claimed',
      channel: 'EMAIL',
      locale: 'zh-CN',
      subject: 'x',
      body: 'y',
    });
    expect(badType.status).toBe(400);
    const versions = await call<unknown[]>('GET', '/api/v1/templates/case.accepted/EMAIL/zh-CN/versions');
    expect(versions.body).toHaveLength(1);
  });

  it('renders the next message with a newly published version and records which one it used', async () => {
    const published = await call<{ version: number }>('POST', '/api/v1/templates', {
      eventType: 'case.accepted',
      channel: 'EMAIL',
      locale: 'zh-CN',
      subject: '【受理】{{caseNo}}（承诺 {{promisedDate}} 办结）',
      body: '{{applicantName}}：\n{{#each materials}}{{@index}}. {{name}}\n{{/each}}已于 {{acceptedDate}} 受理。',
    });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);

    const s = applicantCase('wangwu@example.org');
    await publisher.send(makeEvent(EventTypes.CaseReceived, s.caseId, received(s)), makeEvent(EventTypes.CaseAccepted, s.caseId, accepted(s)));
    const mail = await eventually(async () => mailsTo('wangwu@example.org')[0], { what: 'the acceptance mail' });
    expect(mail.subject).toBe(`【受理】${s.caseNo}（承诺 2026年12月11日 办结）`);
    expect(mail.text).toContain('张三：\n0. 申请书\n已于 2026年11月27日 受理。');
    const [d] = await deliveriesOf(s.caseId);
    expect(d.template).toEqual({ eventType: 'case.accepted', channel: 'EMAIL', locale: 'zh-CN', version: 2 });
  });

  it("writes in the applicant's language when their contact names one", async () => {
    const s = applicantCase('john@example.org', 'en');
    await publisher.send(makeEvent(EventTypes.CaseReceived, s.caseId, received(s)), makeEvent(EventTypes.CaseAccepted, s.caseId, accepted(s)));
    const mail = await eventually(async () => mailsTo('john@example.org')[0], { what: 'the English acceptance mail' });
    expect(mail.subject).toBe(`[Accepted] Your case ${s.caseNo} has been accepted`);
    expect(mail.text).toContain('Promised completion date: 11 December 2026.');
    expect((await deliveriesOf(s.caseId))[0].template).toMatchObject({ locale: 'en', version: 1 });
  });

  it('refuses subscriptions to private targets and to event types it does not send', async () => {
    const privateTarget = await call<Problem>('POST', '/api/v1/webhook-subscriptions', {
      url: 'http://10.0.0.8/hooks',
      eventTypes: ['case.accepted'],
    });
    expect(privateTarget.status).toBe(422);
    expect(privateTarget.body.type).toBe('/problems/webhook-target-refused');
    const metadata = await call<Problem>('POST', '/api/v1/webhook-subscriptions', {
      url: 'http://169.254.169.254/latest',
      eventTypes: ['case.accepted'],
    });
    expect(metadata.body.type).toBe('/problems/webhook-target-refused');
    const unknown = await call<Problem>('POST', '/api/v1/webhook-subscriptions', { url: urlA, eventTypes: ['case.exploded'] });
    expect(unknown.body.type).toBe('/problems/unknown-event-types');
    const notSent = await call<Problem>('POST', '/api/v1/webhook-subscriptions', { url: urlA, eventTypes: ['task.claimed'] });
    expect(notSent.body.type).toBe('/problems/event-types-not-notified');
    const ftp = await call<Problem>('POST', '/api/v1/webhook-subscriptions', { url: 'ftp://127.0.0.1/x', eventTypes: ['case.accepted'] });
    expect(ftp.status).toBe(422);
  });

  it('calls a subscription only for its event types, signed with its own secret; deleting it stops the calls', async () => {
    const created = await call<{ id: string; secret: string; eventTypes: string[] }>('POST', '/api/v1/webhook-subscriptions', {
      url: urlA,
      eventTypes: ['case.decided'],
      description: '区市场监管局业务系统',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret.length).toBeGreaterThanOrEqual(32);
    const again = await call<Problem>('POST', '/api/v1/webhook-subscriptions', { url: urlA, eventTypes: ['case.accepted'] });
    expect(again.status).toBe(409);
    const listed = await call<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/webhook-subscriptions');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).not.toHaveProperty('secret');

    const s = applicantCase('zhaoliu@example.org');
    const decidedEvent = makeEvent(EventTypes.CaseDecided, s.caseId, decided(s));
    const acceptedEvent = makeEvent(EventTypes.CaseAccepted, s.caseId, accepted(s));
    await publisher.send(makeEvent(EventTypes.CaseReceived, s.caseId, received(s)), acceptedEvent, decidedEvent);
    const hit = await eventually(async () => hookA.calls.find((c) => c.headers['x-onewindow-event-id'] === decidedEvent.id), {
      what: 'the subscriber called for case.decided',
    });
    // The acceptance mail went out before the decision was handled on the same partition.
    expect(mailsTo('zhaoliu@example.org').length).toBeGreaterThanOrEqual(1);
    expect(hookA.calls.filter((c) => c.headers['x-onewindow-event-id'] === acceptedEvent.id)).toHaveLength(0);
    const timestamp = String(hit.headers['x-onewindow-timestamp']);
    const expected = `v1=${createHmac('sha256', created.body.secret).update(`${timestamp}.${hit.body}`).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(String(hit.headers['x-onewindow-signature'])), Buffer.from(expected))).toBe(true);
    // The subscriber answers before the worker records the answer: wait for the record, not the call.
    const webhookDelivery = await eventually(
      async () => (await deliveriesOf(s.caseId)).find((d) => d.channel === 'WEBHOOK' && d.status !== 'PENDING'),
      { what: 'the webhook delivery recorded' },
    );
    expect(webhookDelivery).toMatchObject({ subscriptionId: created.body.id, status: 'DELIVERED' });

    // A failing subscriber with a delivery waiting for its retry: deleting it cancels the retry.
    hookA.failWith = 503;
    const t = applicantCase('sunqi@example.org');
    const second = makeEvent(EventTypes.CaseDecided, t.caseId, decided(t));
    await publisher.send(makeEvent(EventTypes.CaseReceived, t.caseId, received(t)), second);
    await eventually(
      async () => ((await deliveriesOf(t.caseId)).find((d) => d.channel === 'WEBHOOK' && d.status === 'PENDING') ? true : undefined),
      { what: 'the call to the failing subscriber pending a retry' },
    );
    expect((await call('DELETE', `/api/v1/webhook-subscriptions/${created.body.id}`)).status).toBe(204);
    expect((await call<Problem>('DELETE', `/api/v1/webhook-subscriptions/${created.body.id}`)).status).toBe(404);
    hookA.failWith = undefined;
    const cancelled = (await deliveriesOf(t.caseId)).find((d) => d.channel === 'WEBHOOK');
    expect(cancelled?.status).toBe('CANCELLED');

    // After deletion, a new decision creates no call at all; a second subscriber still gets its own.
    const other = await call<{ id: string; secret: string }>('POST', '/api/v1/webhook-subscriptions', { url: urlB, eventTypes: ['case.decided'] });
    const u = applicantCase('zhouba@example.org');
    const third = makeEvent(EventTypes.CaseDecided, u.caseId, decided(u));
    await publisher.send(makeEvent(EventTypes.CaseReceived, u.caseId, received(u)), third);
    await eventually(async () => hookB.calls.find((c) => c.headers['x-onewindow-event-id'] === third.id), { what: 'the second subscriber called' });
    expect((await deliveriesOf(t.caseId)).find((d) => d.channel === 'WEBHOOK')?.status).toBe('CANCELLED');
    expect(hookA.calls.filter((c) => [second.id, third.id].includes(String(c.headers['x-onewindow-event-id'])))).toHaveLength(0);
    expect((await deliveriesOf(u.caseId)).filter((d) => d.channel === 'WEBHOOK').map((d) => d.subscriptionId)).toEqual([other.body.id]);
  });
});
