import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { EventTypes, type PlannedTask, Topics } from '@onewindow/contracts';
import { citizenIdCheckChar } from '@onewindow/domain';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import { approvalV1GrpcJs } from '@onewindow/proto';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  REPO_ROOT,
  serviceEnv,
  TestPublisher,
  uniqueTopicPrefix,
} from '@onewindow/testing';
import { SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { loadDepartmentalApprovalConfig } from '../../services/departmental-approval/src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../../services/departmental-approval/src/start';
import { AppModule as IssuanceModule } from '../../services/document-issuance/src/app.module';
import { loadDocumentIssuanceConfig } from '../../services/document-issuance/src/config/document-issuance.config';
import { DOCUMENT_ISSUANCE } from '../../services/document-issuance/src/service';
import { AppModule as IntakeModule } from '../../services/intake/src/app.module';
import { SeedCatalogUseCase } from '../../services/intake/src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../../services/intake/src/config/intake.config';
import { AppModule as RoutingModule } from '../../services/routing/src/app.module';
import { loadRoutingConfig } from '../../services/routing/src/config/routing.config';
import { ROUTING } from '../../services/routing/src/service';

/**
 * A bundle (一件事) from the window to the window, over real Kafka and PostgreSQL: one intake, and
 * TWO instances each of routing, departmental approval and document issuance (each pair in one
 * consumer group, sharing its database). The clerk files the restaurant bundle at the window with
 * one form; four departments' tasks run as a parallel group, then a second stage; one department
 * asks for a supplement on its task; the approved case comes back as one result per matter.
 */

jest.setTimeout(180_000);

const { DepartmentQueueServiceClient, DecisionOutcome } = approvalV1GrpcJs;
const SECRET = randomBytes(32).toString('base64url');
type Json = Record<string, any>;

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

function citizenId(): string {
  const first17 = `42010219850612${String(100 + Math.floor(Math.random() * 900))}`;
  return first17 + citizenIdCheckChar(first17);
}

async function bearer(dept: string, officer: string): Promise<Metadata> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ dept })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('onewindow')
    .setAudience('department-queue')
    .setSubject(officer)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(SECRET));
  const m = new Metadata();
  m.set('authorization', `Bearer ${jwt}`);
  return m;
}

describe('a bundle case across the services: one form at the window, a parallel group then a stage, a supplement loop, one result per matter', () => {
  const prefix = uniqueTopicPrefix('bundle');
  let db: { url: string; drop(): Promise<void> };
  let intake: RunningService;
  const routing: RunningService[] = [];
  const approval: RunningService[] = [];
  const issuance: RunningService[] = [];
  const grpc: approvalV1GrpcJs.DepartmentQueueServiceClient[] = [];
  let intakeBase: string;
  const routingBase: string[] = [];
  const issuanceBase: string[] = [];
  let probe: EventProbe;
  let publisher: TestPublisher;
  let sql: PgClient;
  let turn = 0;

  const http = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const routingApi = (method: string, path: string, body?: unknown) => http(routingBase[turn++ % 2], method, path, body);
  const caseView = async (caseId: string) => (await http(intakeBase, 'GET', `/api/v1/cases/${caseId}`)).body;

  function rpc<Req, Res>(name: keyof approvalV1GrpcJs.DepartmentQueueServiceClient, dept: string, officer: string, req: Req): Promise<Res> {
    const client = grpc[turn++ % 2];
    return bearer(dept, officer).then(
      (md) =>
        new Promise<Res>((ok, fail) => {
          const fn = client[name] as unknown as (r: Req, m: Metadata, o: object, cb: (e: ServiceError | null, r: Res) => void) => void;
          fn.call(client, req, md, { deadline: new Date(Date.now() + 15_000) }, (e, r) => (e ? fail(e) : ok(r)));
        }),
    );
  }
  const assigned = (caseId: string, t: PlannedTask) =>
    eventually(async () => probe.ofType(EventTypes.TaskAssigned, caseId).find((e) => e.data.taskId === t.taskId), {
      what: `task ${t.taskId} (${t.departmentCode}) assigned`,
      timeoutMs: 60_000,
    });
  const claim = (t: PlannedTask, officer: string) => rpc('claimTask', t.departmentCode, officer, { taskId: t.taskId, officerId: officer });
  const approve = (t: PlannedTask, officer: string) =>
    rpc('decideTask', t.departmentCode, officer, {
      taskId: t.taskId, officerId: officer, requestId: randomUUID(), outcome: DecisionOutcome.APPROVED, reason: '', opinion: '', pendingMaterialCodes: [],
    });
  const caseWhen = (caseId: string, status: string) =>
    eventually(async () => {
      const c = await caseView(caseId);
      return c.status === status ? c : undefined;
    }, { what: `case ${caseId} ${status}`, timeoutMs: 60_000 });
  const planWhen = (caseId: string, check: (p: Json) => boolean, what: string) =>
    eventually(async () => {
      const p = (await routingApi('GET', `/api/v1/plans/${caseId}`)).body;
      return check(p) ? p : undefined;
    }, { what, timeoutMs: 60_000 });

  async function putRules(matterCode: string, regionCode: string, ...departmentCodes: string[]): Promise<void> {
    const r = await routingApi('PUT', `/api/v1/routing-rules/${matterCode}`, {
      rules: [{ regionCode, stages: [{ stage: 1, completionRule: 'ALL', departmentCodes }] }],
    });
    expect(r.status).toBe(200);
    await eventually(async () => ((await routingApi('GET', `/api/v1/routing-rules/${matterCode}`)).body.inForce ? true : undefined), {
      what: `rules of ${matterCode} in force`,
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new PgClient({ connectionString: db.url });
    await sql.connect();
    const intakeConfig = loadIntakeConfig(serviceEnv(db.url, prefix, { HTTP_PORT: '0' }));
    const intakeLogger = createLogger('intake', intakeConfig.LOG_LEVEL);
    intake = await bootstrapService({
      service: 'intake',
      module: IntakeModule.forRoot(intakeConfig, intakeLogger),
      config: intakeConfig,
      logger: intakeLogger,
      httpPort: 0,
      consumes: [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents],
      openApi: { title: 'intake', description: 'test' },
    });
    intakeBase = await intake.app.getUrl();
    const signingKey = randomBytes(32).toString('base64url');
    for (let i = 0; i < 2; i++) {
      const config = loadRoutingConfig(serviceEnv(db.url, prefix));
      const logger = createLogger(ROUTING.service, config.LOG_LEVEL);
      const r = await bootstrapService({ ...ROUTING, module: RoutingModule.forRoot(config, logger), config, logger, httpPort: 0 });
      routing.push(r);
      routingBase.push(await r.app.getUrl());

      const grpcPort = await freePort();
      const aConfig = loadDepartmentalApprovalConfig(
        serviceEnv(db.url, prefix, { HTTP_PORT: String(await freePort()), GRPC_PORT: String(grpcPort), AUTH_JWT_SECRET: SECRET }),
      );
      approval.push(await startDepartmentalApproval(aConfig, createLogger('departmental-approval', aConfig.LOG_LEVEL)));
      grpc.push(new DepartmentQueueServiceClient(`127.0.0.1:${grpcPort}`, credentials.createInsecure()));

      const port = await freePort();
      const iConfig = loadDocumentIssuanceConfig(
        serviceEnv(db.url, prefix, { HTTP_PORT: String(port), SIGNING_KEY_ENCRYPTION_KEY: signingKey, VERIFICATION_URL: 'https://zwfw.example.gov.cn/api/v1/verification' }),
      );
      const iLogger = createLogger(DOCUMENT_ISSUANCE.service, iConfig.LOG_LEVEL);
      const d = await bootstrapService({ ...DOCUMENT_ISSUANCE, module: IssuanceModule.forRoot(iConfig, iLogger), config: iConfig, logger: iLogger, httpPort: port });
      issuance.push(d);
      issuanceBase.push(d.urls.http);
    }
    probe = new EventProbe(prefix, [Topics.IntakeCaseEvents, Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents]);
    await probe.start();
    publisher = new TestPublisher(prefix);
    await intake.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    await eventually(
      async () => {
        const r = await sql.query<{ n: string }>("SELECT count(*) AS n FROM routing.matter_version WHERE code LIKE 'WH-%'");
        const b = await sql.query("SELECT 1 FROM routing.bundle_version WHERE code = 'YJS-WH-CANYIN'");
        return Number(r.rows[0].n) >= 30 && b.rowCount ? true : undefined;
      },
      { what: 'the catalogue in routing', timeoutMs: 90_000 },
    );
    // Stage 1: the business registration with tax registration in parallel (并联); stage 2: three permits.
    await putRules('WH-SCJGJ-003', '420100', 'WH-SCJGJ', 'WH-SWJ');
    await putRules('WH-SCJGJ-001', '420100', 'WH-SCJGJ');
    await putRules('WH-XFJY-001', '420100', 'WH-XFJY');
    await putRules('WH-WJW-001', '420000', 'WH-WJW');
  }, 300_000);

  afterAll(async () => {
    for (const c of grpc) c.close();
    await probe?.stop();
    await publisher?.close();
    for (const s of [...issuance, ...approval, ...routing]) await s.close();
    await intake?.close();
    await sql?.end();
    await db?.drop();
    const admin = new Kafka({ clientId: 'bundle-cleanup', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('files the restaurant bundle at the window and hands out one result per matter', async () => {
    // 1. The window: one form for four matters; the one-time notice lists what the whole bundle lacks.
    const applicant = citizenId();
    const filed = await http(intakeBase, 'POST', '/api/v1/cases', {
      bundleCode: 'YJS-WH-CANYIN',
      regionCode: '420102',
      channel: 'WINDOW',
      applicant: { kind: 'NATURAL_PERSON', name: '孙十', idNumber: applicant, contact: { phone: '13600000000' } },
      materials: ['M-APP', 'M-AOA', 'M-ID', 'M-PREM', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
    });
    expect([filed.status, filed.body.status]).toEqual([201, 'SUPPLEMENT_REQUIRED']);
    expect(filed.body.supplementNotice.missing.map((m: Json) => m.code)).toEqual(['M-FIRE', 'M-HEALTH']);
    const caseId = filed.body.id as string;
    const accepted = await http(intakeBase, 'POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-FIRE' }, { code: 'M-HEALTH' }] });
    expect([accepted.status, accepted.body.status, accepted.body.promisedLimitDays]).toEqual([200, 'ACCEPTED', 8]);

    // 2. Routing makes the bundle's plan from the acceptance: stage 1 a parallel group, stage 2 after it.
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId, 60_000);
    expect(routed.data.bundle?.code).toBe('YJS-WH-CANYIN');
    expect(routed.data.stages).toEqual([
      { stage: 1, completionRule: 'ALL', departmentCodes: ['WH-SCJGJ', 'WH-SWJ'] },
      { stage: 2, completionRule: 'ALL', departmentCodes: ['WH-SCJGJ', 'WH-XFJY', 'WH-WJW'] },
    ]);
    const [registration, tax] = routed.data.tasks;
    for (const t of [registration, tax]) await assigned(caseId, t);

    // The acceptance again (redelivered, then replayed under a new id) and the routing redelivered: no second plan, no second task.
    const acceptance = probe.ofType(EventTypes.CaseAccepted, caseId)[0];
    const replay = makeEvent(EventTypes.CaseAccepted, caseId, acceptance.data);
    await publisher.send(acceptance, routed, replay);
    await eventually(async () => ((await sql.query('SELECT 1 FROM routing.inbox WHERE event_id = $1', [replay.id])).rowCount ? true : undefined), {
      what: 'the replayed acceptance handled by routing',
      timeoutMs: 60_000,
    });

    for (const t of [registration, tax]) {
      await claim(t, `officer-${t.departmentCode}`);
      await approve(t, `officer-${t.departmentCode}`);
    }

    // 3. Stage 2 opens only now; the fire brigade asks for a supplement on its task.
    const opened = await probe.waitFor(EventTypes.PlanStageOpened, caseId, 60_000);
    expect(opened.data.tasks.map((t) => t.departmentCode)).toEqual(['WH-SCJGJ', 'WH-XFJY', 'WH-WJW']);
    const [food, fire, health] = opened.data.tasks;
    for (const t of opened.data.tasks) await assigned(caseId, t);
    // The stage's opening republished under a new id (same producer and per-case sequence): no second task anywhere.
    const reopened = { ...opened, id: randomUUID() };
    await publisher.send(reopened);
    await eventually(async () => ((await sql.query('SELECT 1 FROM departmental_approval.inbox WHERE event_id = $1', [reopened.id])).rowCount ? true : undefined), {
      what: 'the republished stage handled by approval',
      timeoutMs: 60_000,
    });
    await claim(fire, 'officer-fire');
    await rpc('requestSupplement', fire.departmentCode, 'officer-fire', {
      taskId: fire.taskId,
      officerId: 'officer-fire',
      requestId: randomUUID(),
      items: [{ materialCode: 'M-EVAC', description: '疏散通道示意图', problem: '未提交' }],
      note: '请补正后继续审查',
    });
    const waiting = await caseWhen(caseId, 'SUPPLEMENT_REQUESTED');
    expect(waiting.timeline.find((e: Json) => e.type === EventTypes.TaskSupplementRequested).details).toMatchObject({ departmentCode: 'WH-XFJY' });
    await planWhen(caseId, (p) => p.status === 'PAUSED', 'the plan paused');
    const taken = await http(intakeBase, 'POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-EVAC' }] });
    expect([taken.status, taken.body.status]).toEqual([200, 'IN_REVIEW']);
    const resumed = await probe.waitFor(EventTypes.TaskSupplemented, caseId, 60_000);
    expect(resumed.data.taskId).toBe(fire.taskId);
    await planWhen(caseId, (p) => p.status === 'IN_PROGRESS', 'the plan running again');

    await approve(fire, 'officer-fire');
    for (const t of [food, health]) {
      await claim(t, `officer-${t.departmentCode}`);
      await approve(t, `officer-${t.departmentCode}`);
    }

    // 4. One decision; one result per matter, ready at the window, whichever issuance instance got it.
    const decided = await probe.waitFor(EventTypes.CaseDecided, caseId, 60_000);
    // The last approval again under a new id, after the decision: routing decides nothing twice.
    const lastApproval = probe.ofType(EventTypes.TaskDecided, caseId).at(-1);
    if (!lastApproval) throw new Error('no task.decided seen');
    const again = { ...lastApproval, id: randomUUID() };
    await publisher.send(again);
    await eventually(async () => ((await sql.query('SELECT 1 FROM routing.inbox WHERE event_id = $1', [again.id])).rowCount ? true : undefined), {
      what: 'the repeated approval handled by routing',
      timeoutMs: 60_000,
    });
    const decisions = await sql.query('SELECT 1 FROM routing.outbox WHERE event_type = $1 AND message_key = $2', [EventTypes.CaseDecided, caseId]);
    expect(decisions.rowCount).toBe(1);
    expect(decided.data).toMatchObject({ outcome: 'APPROVED', leadDepartmentCode: 'WH-SCJGJ', bundle: { code: 'YJS-WH-CANYIN' } });
    expect(decided.data.departments).toHaveLength(5);
    const documents = await eventually(async () => {
      const r = await http(issuanceBase[turn++ % 2], 'GET', `/api/v1/documents?caseId=${caseId}`);
      return r.body.items?.length === 4 ? (r.body.items as Json[]) : undefined;
    }, { what: 'four results', timeoutMs: 60_000 });
    expect(documents.map((d) => [d.matterCode, d.departmentCode, d.status])).toEqual([
      ['WH-SCJGJ-003', 'WH-SCJGJ', 'READY_FOR_PICKUP'],
      ['WH-SCJGJ-001', 'WH-SCJGJ', 'READY_FOR_PICKUP'],
      ['WH-XFJY-001', 'WH-XFJY', 'READY_FOR_PICKUP'],
      ['WH-WJW-001', 'WH-WJW', 'READY_FOR_PICKUP'],
    ]);
    const final = await eventually(async () => {
      const c = await caseView(caseId);
      return c.timeline.filter((e: Json) => e.type === EventTypes.DocumentIssued).length === 4 ? c : undefined;
    }, { what: 'four documents on the timeline', timeoutMs: 60_000 });
    expect(final.status).toBe('ISSUED');

    // 5. The timeline tells the story in order, and nothing happened twice.
    const types: string[] = final.timeline.map((e: Json) => e.type);
    const first = (t: string) => types.indexOf(t);
    const milestones = [
      'case.received', 'case.supplement-required', 'case.accepted', 'case.routed', 'plan.stage-opened',
      'task.supplement-requested', 'task.supplemented', 'case.decided', 'document.issued',
    ];
    const at = milestones.map(first);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const count = (t: string) => types.filter((x) => x === t).length;
    expect([count('case.accepted'), count('case.routed'), count('plan.stage-opened'), count('task.assigned'), count('task.decided'), count('case.decided')]).toEqual([1, 1, 1, 5, 5, 1]);
    expect(probe.ofType(EventTypes.TaskAssigned, caseId)).toHaveLength(5);
    expect(probe.ofType(EventTypes.CaseDecided, caseId)).toHaveLength(1);
    expect(probe.ofType(EventTypes.CaseRouted, caseId)).toHaveLength(2); // routing's, and our redelivery of it
    expect(probe.ofType(EventTypes.DocumentIssued, caseId)).toHaveLength(4);
    const outbox = await sql.query('SELECT 1 FROM routing.outbox WHERE event_type = $1 AND message_key = $2', [EventTypes.CaseRouted, caseId]);
    expect(outbox.rowCount).toBe(1);

    // 6. Handed over at the window one by one: the case is DELIVERED only with the last of its results.
    const handOver = (d: Json) =>
      http(issuanceBase[turn++ % 2], 'POST', `/api/v1/documents/${d.id}/handover`, {
        method: 'WINDOW',
        collector: { name: '孙十', idNumber: applicant, role: 'HOLDER' },
      });
    for (const d of documents.slice(0, 3)) expect((await handOver(d)).status).toBe(200);
    await eventually(async () => {
      const c = await caseView(caseId);
      return c.timeline.filter((e: Json) => e.type === EventTypes.DocumentHandedOver).length === 3 ? c : undefined;
    }, { what: 'three handovers on the timeline', timeoutMs: 60_000 });
    expect((await caseView(caseId)).status).toBe('ISSUED');
    expect((await handOver(documents[3])).status).toBe(200);
    await caseWhen(caseId, 'DELIVERED');
  });
});
