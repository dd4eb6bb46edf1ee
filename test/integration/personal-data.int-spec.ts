import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { Topics } from '@onewindow/contracts';
import { citizenIdCheckChar, evaluationLink } from '@onewindow/domain';
import { bootstrapService, createLogger, mintAccessToken, type RunningService, type ServicePolicy } from '@onewindow/platform';
import { approvalV1GrpcJs } from '@onewindow/proto';
import {
  createTestDatabase,
  eventually,
  REPO_ROOT,
  serviceEnv,
  SmsGatewaySink,
  SmtpSink,
  uniqueTopicPrefix,
  WebhookSink,
} from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { loadDepartmentalApprovalConfig } from '../../services/departmental-approval/src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../../services/departmental-approval/src/start';
import { AppModule as IssuanceModule } from '../../services/document-issuance/src/app.module';
import { loadDocumentIssuanceConfig } from '../../services/document-issuance/src/config/document-issuance.config';
import { DOCUMENT_ISSUANCE_POLICY } from '../../services/document-issuance/src/document-issuance.policy';
import { DOCUMENT_ISSUANCE } from '../../services/document-issuance/src/service';
import { AppModule as IntakeModule } from '../../services/intake/src/app.module';
import { SeedCatalogUseCase } from '../../services/intake/src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../../services/intake/src/config/intake.config';
import { INTAKE_POLICY } from '../../services/intake/src/intake.policy';
import { AppModule as NotificationModule } from '../../services/notification/src/app.module';
import { loadNotificationConfig } from '../../services/notification/src/config/notification.config';
import { NOTIFICATION_POLICY } from '../../services/notification/src/notification.policy';
import { NOTIFICATION } from '../../services/notification/src/service';
import { AppModule as RoutingModule } from '../../services/routing/src/app.module';
import { loadRoutingConfig } from '../../services/routing/src/config/routing.config';
import { ROUTING_POLICY } from '../../services/routing/src/routing.policy';
import { ROUTING } from '../../services/routing/src/service';
import { AppModule as SupervisionModule } from '../../services/supervision/src/app.module';
import { loadSupervisionConfig } from '../../services/supervision/src/config/supervision.config';
import { SUPERVISION } from '../../services/supervision/src/service';
import { SUPERVISION_POLICY } from '../../services/supervision/src/supervision.policy';

/**
 * Personal data across the whole back office (issue #9), over real PostgreSQL, Redis and Kafka: a
 * case with known personal data goes from the window through routing, a department's decision,
 * issuance, a courier handover and the notifications; then
 *  - an operator calls every REST route the operator role may call, in every service, and none of
 *    the answers holds the applicant's id number, phone, e-mail or the courier address;
 *  - none of the six services wrote any of them to its log.
 */

jest.setTimeout(240_000);

const { DepartmentQueueServiceClient, DecisionOutcome } = approvalV1GrpcJs;
const SECRET = randomBytes(32).toString('base64url');
const EVALUATION_SECRET = randomBytes(32).toString('base64url');
const SMS_KEY = 'personal-data-sms-key-0123456789';
const FIRST17 = '42010219870523461';
const CITIZEN = FIRST17 + citizenIdCheckChar(FIRST17);
const PHONE = '13972345618';
const EMAIL = 'wang.wu.pd@example.org';
const ADDRESS = '武汉市江岸区沿江大道一八八号三栋';
const RAW = { CITIZEN, PHONE, EMAIL, ADDRESS };
const MATTER = 'WH-SCJGJ-001';
const DEPARTMENT = 'WH-SCJGJ';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

const portOf = (s: RunningService) => `http://127.0.0.1:${(s.app.getHttpServer().address() as { port: number }).port}`;
type Json = Record<string, any>;

describe('personal data across every service: operators never read it, no service logs it', () => {
  const prefix = uniqueTopicPrefix('pii');
  const smtp = new SmtpSink();
  const sms = new SmsGatewaySink(SMS_KEY);
  const hook = new WebhookSink();
  const logs: Record<string, string[]> = {};
  const running: RunningService[] = [];
  const base: Record<string, string> = {};
  let db: { url: string; drop(): Promise<void> };
  let sql: PgClient;
  let grpc: approvalV1GrpcJs.DepartmentQueueServiceClient;
  let approvalAudience: string;
  let clerk: string;
  let operator: string;
  let hookUrl: string;

  const loggerOf = (service: string) => {
    logs[service] = [];
    return createLogger(service, 'debug', { write: (line: string) => void logs[service].push(line) });
  };
  const env = (extra: Record<string, string> = {}) =>
    serviceEnv(db.url, prefix, { AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'debug', ...extra });
  const http = async (service: string, method: string, path: string, bearer: string, body?: unknown) => {
    const res = await fetch(`${base[service]}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, body: json as Json };
  };
  async function rpc<Res>(name: 'claimTask' | 'decideTask', officer: string, req: object): Promise<Res> {
    const jwt = await mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: approvalAudience }, { subject: officer, claims: { department: DEPARTMENT }, ttlSeconds: 600 });
    const md = new Metadata();
    md.set('authorization', `Bearer ${jwt}`);
    return new Promise<Res>((ok, fail) => {
      const fn = grpc[name] as unknown as (r: object, m: Metadata, o: object, cb: (e: ServiceError | null, r: Res) => void) => void;
      fn.call(grpc, req, md, { deadline: new Date(Date.now() + 10_000) }, (e, r) => (e ? fail(e) : ok(r)));
    });
  }

  const state: { caseId?: string; taskId?: string; documentId?: string; verificationCode?: string; deliveryId?: string; subscriptionId?: string; rectificationId?: string } = {};
  const rules = { rules: [{ regionCode: '420100', stages: [{ stage: 1, completionRule: 'ALL', departmentCodes: [DEPARTMENT] }] }] };

  beforeAll(async () => {
    await smtp.start();
    const smsUrl = await sms.start();
    hookUrl = await hook.start();
    db = await createTestDatabase();
    sql = new PgClient({ connectionString: db.url });
    await sql.connect();

    const intakeConfig = loadIntakeConfig(env({ HTTP_PORT: '0' }));
    const intakeLog = loggerOf('intake');
    running.push(await bootstrapService({
      service: 'intake',
      module: IntakeModule.forRoot(intakeConfig, intakeLog),
      config: intakeConfig,
      logger: intakeLog,
      httpPort: 0,
      consumes: [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents],
      openApi: { title: 'intake', description: 'test' },
    }));
    base.intake = portOf(running[running.length - 1]);

    const routingConfig = loadRoutingConfig(env());
    const routingLog = loggerOf('routing');
    running.push(await bootstrapService({ ...ROUTING, module: RoutingModule.forRoot(routingConfig, routingLog), config: routingConfig, logger: routingLog, httpPort: 0 }));
    base.routing = portOf(running[running.length - 1]);

    const grpcPort = await freePort();
    const approvalConfig = loadDepartmentalApprovalConfig(env({ HTTP_PORT: String(await freePort()), GRPC_PORT: String(grpcPort) }));
    approvalAudience = approvalConfig.AUTH_JWT_AUDIENCE;
    running.push(await startDepartmentalApproval(approvalConfig, loggerOf('departmental-approval')));
    grpc = new DepartmentQueueServiceClient(`127.0.0.1:${grpcPort}`, credentials.createInsecure());

    const issuanceConfig = loadDocumentIssuanceConfig(
      env({ SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'), VERIFICATION_URL: 'https://zwfw.example.gov.cn/api/v1/verification' }),
    );
    const issuanceLog = loggerOf('document-issuance');
    running.push(await bootstrapService({ ...DOCUMENT_ISSUANCE, module: IssuanceModule.forRoot(issuanceConfig, issuanceLog), config: issuanceConfig, logger: issuanceLog, httpPort: 0 }));
    base['document-issuance'] = portOf(running[running.length - 1]);

    const notificationConfig = loadNotificationConfig(
      env({
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: '"武汉市政务服务中心" <noreply@zwfw.example.org>',
        WEBHOOK_URLS: hookUrl,
        WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        SMS_GATEWAY_URL: smsUrl,
        SMS_GATEWAY_KEY: SMS_KEY,
        SMS_SIGN_NAME: '武汉政务',
        SMS_QUIET_HOURS: '',
        EVALUATION_SECRET,
        DELIVERY_POLL_INTERVAL_MS: '100',
      }),
    );
    const notificationLog = loggerOf('notification');
    running.push(await bootstrapService({ ...NOTIFICATION, module: NotificationModule.forRoot(notificationConfig, notificationLog), config: notificationConfig, logger: notificationLog, httpPort: 0 }));
    base.notification = portOf(running[running.length - 1]);

    const supervisionConfig = loadSupervisionConfig(env({ EVALUATION_SECRET }));
    const supervisionLog = loggerOf('supervision');
    running.push(await bootstrapService({ ...SUPERVISION, module: SupervisionModule.forRoot(supervisionConfig, supervisionLog), config: supervisionConfig, logger: supervisionLog, httpPort: 0 }));
    base.supervision = portOf(running[running.length - 1]);

    clerk = await mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject: 'clerk-ja-9', claims: { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' }, ttlSeconds: 1200 });
    operator = await mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject: 'op-9', claims: { role: 'operator' }, ttlSeconds: 1200 });

    await running[0].app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    await eventually(
      async () => ((await sql.query('SELECT 1 FROM routing.matter_version WHERE code = $1', [MATTER])).rowCount ? true : undefined),
      { what: 'the catalogue in routing', timeoutMs: 60_000 },
    );
    await eventually(
      async () => ((await sql.query('SELECT 1 FROM document_issuance.matter WHERE code = $1', [MATTER])).rowCount ? true : undefined),
      { what: 'the catalogue in document-issuance', timeoutMs: 60_000 },
    );
  }, 240_000);

  afterAll(async () => {
    grpc?.close();
    for (const s of running.reverse()) await s.close().catch(() => undefined);
    await sql?.end();
    await db?.drop();
    await smtp.stop();
    await sms.stop();
    await hook.stop();
    const admin = new Kafka({ clientId: 'pii-cleanup', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('takes a case with known personal data from the window to a courier handover, telling the applicant on the way', async () => {
    const filed = await http('intake', 'POST', '/api/v1/cases', clerk, {
      matterCode: MATTER,
      regionCode: '420102',
      channel: 'WINDOW',
      applicant: { kind: 'NATURAL_PERSON', name: '王五', idNumber: CITIZEN, contact: { phone: PHONE, email: EMAIL } },
      materials: ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
    });
    expect([filed.status, filed.body.status]).toEqual([201, 'ACCEPTED']);
    const caseId = (state.caseId = filed.body.id as string);
    // The clerk who checked the applicant's identity sees the full id number: the greps below would see it too.
    expect((await http('intake', 'GET', `/api/v1/cases/${caseId}`, clerk)).text).toContain(CITIZEN);
    // No rules yet: the case waits in routing's unroutable queue, which operators work.
    await eventually(async () => {
      const r = await http('routing', 'GET', '/api/v1/unroutable-cases', operator);
      return r.body?.items?.some((x: Json) => x.caseId === caseId) ? true : undefined;
    }, { what: 'the case in the unroutable queue' });
    expect((await http('routing', 'PUT', `/api/v1/routing-rules/${MATTER}`, operator, rules)).status).toBe(200);
    const plan = await eventually(async () => {
      const r = await http('routing', 'GET', `/api/v1/plans/${caseId}`, operator);
      if (r.status !== 200 || !r.body.tasks?.length) {
        await http('routing', 'POST', `/api/v1/unroutable-cases/${caseId}/retry`, operator);
        return undefined;
      }
      return r.body;
    }, { what: 'the dispatch plan', timeoutMs: 60_000 });
    const taskId = (state.taskId = plan.tasks[0].taskId as string);
    await eventually(async () => rpc('claimTask', 'officer-w', { taskId, officerId: 'officer-w' }), { what: 'the task claimed' });
    await rpc('decideTask', 'officer-w', { taskId, officerId: 'officer-w', requestId: randomUUID(), outcome: DecisionOutcome.APPROVED, reason: '', opinion: '', pendingMaterialCodes: [] });

    const doc = await eventually(async () => (await http('document-issuance', 'GET', `/api/v1/documents?caseId=${caseId}`, clerk)).body?.items?.[0] as Json | undefined, {
      what: 'the result document',
      timeoutMs: 60_000,
    });
    state.documentId = doc.id as string;
    state.verificationCode = doc.verificationCode as string;
    const handed = await http('document-issuance', 'POST', `/api/v1/documents/${doc.id}/handover`, clerk, {
      method: 'COURIER',
      collector: { name: '王五', idNumber: CITIZEN, role: 'HOLDER' },
      courier: { company: 'EMS', trackingNo: 'EA123456789CN', address: ADDRESS },
    });
    expect(handed.status).toBe(200);

    // The applicant hears of it by e-mail and SMS; supervision knows the case was handed over.
    await eventually(async () => (smtp.messages.some((m) => m.to.includes(EMAIL)) && sms.messages.some((m) => m.phone === PHONE) ? true : undefined), {
      what: 'an e-mail and a text to the applicant',
      timeoutMs: 60_000,
    });
    const deliveries = await eventually(async () => {
      const items = (await http('notification', 'GET', `/api/v1/deliveries?caseId=${caseId}&limit=100`, operator)).body?.items as Json[] | undefined;
      return items?.some((d) => d.triggerEventType === 'document.handed-over') ? items : undefined;
    }, { what: 'the handover notifications', timeoutMs: 60_000 });
    state.deliveryId = deliveries[0].id as string;
    await eventually(async () => ((await sql.query('SELECT 1 FROM supervision.case_fact WHERE case_id = $1 AND handed_over_at IS NOT NULL', [caseId])).rowCount ? true : undefined), {
      what: 'supervision to know of the handover',
      timeoutMs: 60_000,
    });
    const t = new URL(evaluationLink('http://x', caseId, EVALUATION_SECRET)).searchParams.get('t');
    const rated = await fetch(`${base.supervision}/api/v1/cases/${caseId}/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 1, reason: '快递送达太慢', token: t }),
    });
    expect(rated.status).toBe(201);
    state.rectificationId = ((await rated.json()) as Json).rectification.id as string;
    const sub = await http('notification', 'POST', '/api/v1/webhook-subscriptions', operator, { url: `${hookUrl}/ops`, eventTypes: ['case.accepted'] });
    expect(sub.status).toBe(201);
    state.subscriptionId = sub.body.id as string;
  });

  it('answers an operator on every route the operator role may call, in every service, without the personal data', async () => {
    expect(state.rectificationId).toBeDefined();
    const matter = (await http('intake', 'GET', `/api/v1/matters/${MATTER}`, operator)).body;
    const pick = (values: Record<string, string | undefined>, param: string) => values[param];
    const services: Array<[string, ServicePolicy, (route: string, param: string) => string | undefined]> = [
      ['intake', INTAKE_POLICY, (route, p) => pick({ code: route.includes('/bundles/') ? 'YJS-WH-CANYIN' : MATTER }, p)],
      ['routing', ROUTING_POLICY, (_r, p) => pick({ caseId: state.caseId, matterCode: MATTER }, p)],
      ['document-issuance', DOCUMENT_ISSUANCE_POLICY, (_r, p) =>
        pick({ id: state.documentId, code: state.verificationCode, token: randomBytes(32).toString('base64url'), department: DEPARTMENT }, p)],
      ['notification', NOTIFICATION_POLICY, (route, p) =>
        pick({ id: route.includes('webhook-subscriptions') ? state.subscriptionId : state.deliveryId, eventType: 'case.accepted', channel: 'EMAIL', locale: 'zh-CN', version: '1' }, p)],
      ['supervision', SUPERVISION_POLICY, (_r, p) => pick({ caseId: state.caseId, id: state.rectificationId, week: '2026-W48', file: '2026-11.pdf' }, p)],
    ];
    const bodies: Record<string, unknown> = {
      'PUT /api/v1/matters/:code': matter,
      'PUT /api/v1/routing-rules/:matterCode': rules,
      'POST /api/v1/webhook-subscriptions': { url: `${hookUrl}/ops2`, eventTypes: ['case.decided'] },
    };
    const answered: string[] = [];
    const leaks: string[] = [];
    let calls = 0;
    for (const [service, policy, valueOf] of services) {
      const routes = Object.entries(policy)
        .filter(([, rule]) => rule.public || rule.roles?.includes('operator'))
        .map(([key]) => key)
        // Reads first, so the changes an operator may make come after every read.
        .sort((a, b) => Number(!a.startsWith('GET ')) - Number(!b.startsWith('GET ')) || Number(a.startsWith('DELETE ')) - Number(b.startsWith('DELETE ')));
      for (const key of routes) {
        const [method, pattern] = key.split(' ');
        const path = pattern.replace(/:(\w+)/g, (_m, p: string) => {
          const v = valueOf(pattern, p);
          if (v === undefined) throw new Error(`${service}: no value for :${p} of ${key} — add one to this test`);
          return encodeURIComponent(v);
        });
        const body = bodies[key] ?? (method === 'POST' || method === 'PUT' ? {} : undefined);
        const r = await http(service, method, path, operator, body);
        calls++;
        answered.push(`${service} ${key} → ${r.status}`);
        for (const [name, raw] of Object.entries(RAW)) if (r.text.includes(raw)) leaks.push(`${service} ${key} answered ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    // The sweep reached real data, not only refusals.
    expect(calls).toBeGreaterThan(40);
    expect(answered).toEqual(
      expect.arrayContaining([
        'routing GET /api/v1/plans/:caseId → 200',
        'routing GET /api/v1/unroutable-cases → 200',
        'notification GET /api/v1/deliveries → 200',
        'notification GET /api/v1/deliveries/:id → 200',
        'notification GET /api/v1/dead-letters → 200',
        'document-issuance GET /api/v1/verification/:code → 200',
        'document-issuance GET /api/v1/signing-keys → 200',
        'supervision GET /api/v1/rectifications/:id → 200',
        'intake GET /api/v1/matters/:code → 200',
      ]),
    );
  });

  it('writes none of the personal data to the log of any service the case went through', () => {
    expect(Object.keys(logs).sort()).toEqual(['departmental-approval', 'document-issuance', 'intake', 'notification', 'routing', 'supervision']);
    // The case's way through the services is in the captured logs (by its id, never by the person's data).
    expect(logs['document-issuance'].join('')).toContain(state.caseId);
    const found: string[] = [];
    for (const [service, lines] of Object.entries(logs)) {
      expect(lines.length).toBeGreaterThan(0);
      const text = lines.join('');
      for (const [name, raw] of Object.entries(RAW)) if (text.includes(raw)) found.push(`${service}: ${name} in ${lines.find((l) => l.includes(raw))?.slice(0, 300)}`);
    }
    expect(found).toEqual([]);
  });
});
