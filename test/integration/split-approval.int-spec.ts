import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { type CaseAccepted, EventTypes, type PlannedTask, Topics } from '@onewindow/contracts';
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
import { ulid } from 'ulid';
import { loadDepartmentalApprovalConfig } from '../../services/departmental-approval/src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../../services/departmental-approval/src/start';
import { AppModule as IntakeModule } from '../../services/intake/src/app.module';
import { SeedCatalogUseCase } from '../../services/intake/src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../../services/intake/src/config/intake.config';
import { AppModule as RoutingModule } from '../../services/routing/src/app.module';
import { loadRoutingConfig } from '../../services/routing/src/config/routing.config';
import { ROUTING } from '../../services/routing/src/service';

/**
 * The back-office split approval (issue #4) across services, over real Kafka and PostgreSQL: one
 * intake, TWO routing and TWO departmental-approval instances (each pair in one consumer group,
 * sharing its database), driven as users would — clerks over REST, department systems over gRPC
 * (alternating between the approval instances), operators over routing's REST.
 */

jest.setTimeout(120_000);

const { DepartmentQueueServiceClient, DecisionOutcome, SuspensionKind } = approvalV1GrpcJs;
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

let serial = 0;
function citizenId(): string {
  serial++;
  const first17 = `420102198${serial % 10}0${(serial % 9) + 1}2${serial % 10}${String(200 + serial).slice(-3)}`;
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

describe('back-office split approval: rules, bundles, supplements, transfer, suspension, withdrawal (2 routing + 2 approval instances)', () => {
  const prefix = uniqueTopicPrefix('split');
  let db: { url: string; drop(): Promise<void> };
  let intake: RunningService;
  const routing: RunningService[] = [];
  const approval: RunningService[] = [];
  const grpc: approvalV1GrpcJs.DepartmentQueueServiceClient[] = [];
  let intakeBase: string;
  const routingBase: string[] = [];
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
    return { status: res.status, type: res.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as Json };
  };
  /** Operators reach either routing instance; both answer from the same store. */
  const routingApi = (method: string, path: string, body?: unknown) =>
    http(routingBase[turn++ % 2], method, path, body);
  const plan = async (caseId: string) => (await routingApi('GET', `/api/v1/plans/${caseId}`)).body;
  const caseView = async (caseId: string) => (await http(intakeBase, 'GET', `/api/v1/cases/${caseId}`)).body;

  /** A department system's call, on one approval instance or the other. */
  function rpc<Req, Res>(name: keyof approvalV1GrpcJs.DepartmentQueueServiceClient, dept: string, officer: string, req: Req): Promise<Res> {
    const client = grpc[turn++ % 2];
    return bearer(dept, officer).then(
      (md) =>
        new Promise<Res>((ok, fail) => {
          const fn = client[name] as unknown as (r: Req, m: Metadata, o: object, cb: (e: ServiceError | null, r: Res) => void) => void;
          fn.call(client, req, md, { deadline: new Date(Date.now() + 10_000) }, (e, r) => (e ? fail(e) : ok(r)));
        }),
    );
  }
  const claim = (t: PlannedTask, officer: string) => rpc('claimTask', t.departmentCode, officer, { taskId: t.taskId, officerId: officer });
  const decide = (t: PlannedTask, officer: string, outcome: approvalV1GrpcJs.DecisionOutcome, reason = '') =>
    rpc('decideTask', t.departmentCode, officer, { taskId: t.taskId, officerId: officer, requestId: randomUUID(), outcome, reason, opinion: '', pendingMaterialCodes: [] });

  /** Waits for approval to have assigned the task, then claims and decides it. */
  async function assignedThenDecide(caseId: string, t: PlannedTask, outcome = DecisionOutcome.APPROVED, reason = '') {
    await eventually(async () => probe.ofType(EventTypes.TaskAssigned, caseId).find((e) => e.data.taskId === t.taskId), { what: `task ${t.taskId} assigned` });
    const officer = `officer-${t.departmentCode}`;
    await claim(t, officer);
    await decide(t, officer, outcome, reason);
  }

  /** Waits until the plan reads as `check` says (routing applies events asynchronously). */
  const planWhen = (caseId: string, check: (p: Json) => boolean, what: string) =>
    eventually(async () => {
      const p = await plan(caseId);
      return check(p) ? p : undefined;
    }, { what, timeoutMs: 30_000 });
  const caseWhen = (caseId: string, status: string) =>
    eventually(async () => {
      const c = await caseView(caseId);
      return c.status === status ? c : undefined;
    }, { what: `case ${caseId} ${status}`, timeoutMs: 30_000 });

  async function putRules(matterCode: string, rules: unknown[]): Promise<void> {
    const r = await routingApi('PUT', `/api/v1/routing-rules/${matterCode}`, { rules });
    expect(r.status).toBe(200);
    await eventually(async () => ((await routingApi('GET', `/api/v1/routing-rules/${matterCode}`)).body.inForce ? true : undefined), {
      what: `rules of ${matterCode} in force`,
    });
  }
  const oneStage = (regionCode: string, ...departmentCodes: string[]) => ({
    regionCode,
    stages: [{ stage: 1, completionRule: 'ALL', departmentCodes }],
  });

  async function fileCase(matterCode: string, materials: string[], kind: 'NATURAL_PERSON' | 'LEGAL_PERSON' = 'NATURAL_PERSON') {
    const r = await http(intakeBase, 'POST', '/api/v1/cases', {
      matterCode,
      regionCode: '420102',
      channel: 'WINDOW',
      applicant: { kind, name: '周八', idNumber: citizenId(), contact: { phone: '13900000000' } },
      materials: materials.map((code) => ({ code })),
    });
    expect([r.status, r.body.status]).toEqual([201, 'ACCEPTED']);
    const caseId = r.body.id as string;
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    return { caseId, tasks: routed.data.tasks };
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
    }
    probe = new EventProbe(prefix, [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IntakeCaseEvents]);
    await probe.start();
    publisher = new TestPublisher(prefix);
    await intake.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    // Rules name departments; routing knows them once the catalogue reached it.
    await eventually(
      async () => {
        const r = await sql.query<{ n: string }>("SELECT count(*) AS n FROM routing.matter_version WHERE code LIKE 'WH-%'");
        const b = await sql.query("SELECT 1 FROM routing.bundle_version WHERE code = 'YJS-WH-CANYIN'");
        return Number(r.rows[0].n) >= 30 && b.rowCount ? true : undefined;
      },
      { what: 'the catalogue in routing', timeoutMs: 60_000 },
    );
    await putRules('WH-SCJGJ-003', [oneStage('420100', 'WH-SCJGJ', 'WH-SWJ')]);
    await putRules('WH-SCJGJ-001', [oneStage('420100', 'WH-SCJGJ')]);
    await putRules('WH-XFJY-001', [oneStage('420100', 'WH-XFJY')]);
    await putRules('WH-WJW-001', [oneStage('420000', 'WH-WJW')]);
    await putRules('WH-CGW-003', [oneStage('420100', 'WH-CGW', 'WH-GAJ')]);
  }, 180_000);

  afterAll(async () => {
    for (const c of grpc) c.close();
    await probe?.stop();
    await publisher?.close();
    for (const s of [...approval, ...routing]) await s.close();
    await intake?.close();
    await sql?.end();
    await db?.drop();
    const admin = new Kafka({ clientId: 'split-cleanup', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  function bundleAcceptance(caseId: string): CaseAccepted {
    // An acceptance published straight onto the topic (bundle code as matter), for a case intake never saw;
    // bundle-case.int-spec.ts files one at the window.
    return {
      caseId,
      caseNo: `420102-20261128-${caseId.slice(-6)}`,
      matterCode: 'YJS-WH-CANYIN',
      matterVersion: 1,
      matterName: '开办餐馆一件事',
      regionCode: '420102',
      channel: 'WINDOW',
      applicant: { kind: 'LEGAL_PERSON', name: '武汉示例餐饮有限公司', idNumber: '91420100MA4K000001', contact: {} },
      acceptedAt: new Date().toISOString(),
      departmentCode: 'WH-SCJGJ',
      materials: [{ code: 'M-APP', name: '申请书', provided: true }],
      legalLimitDays: 20,
      promisedLimitDays: 10,
      promisedDate: '2026-12-14',
    };
  }

  it('pauses the whole case for a department’s supplement, takes it at the window, resumes the same task; suspension has its own count', async () => {
    const { caseId, tasks } = await fileCase('WH-SCJGJ-001', ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE']);
    const [t] = tasks;
    await eventually(async () => probe.ofType(EventTypes.TaskAssigned, caseId)[0]);
    await claim(t, 'officer-s');
    await rpc('requestSupplement', t.departmentCode, 'officer-s', {
      taskId: t.taskId,
      officerId: 'officer-s',
      requestId: randomUUID(),
      items: [{ materialCode: 'M-FLOOR', description: '经营场所平面布局图', problem: '未提交' }],
      note: '请一次补齐',
    });
    await planWhen(caseId, (p) => p.status === 'PAUSED', 'the plan paused');
    const waiting = await caseWhen(caseId, 'SUPPLEMENT_REQUESTED');
    const asked = waiting.timeline.find((e: Json) => e.type === EventTypes.TaskSupplementRequested);
    expect(asked.details).toMatchObject({ departmentCode: 'WH-SCJGJ', items: [{ materialCode: 'M-FLOOR', description: '经营场所平面布局图' }] });

    const incomplete = await http(intakeBase, 'POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-OTHER' }] });
    expect([incomplete.status, incomplete.body.type]).toEqual([422, '/problems/materials-incomplete']);
    const taken = await http(intakeBase, 'POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-FLOOR' }] });
    expect([taken.status, taken.body.status]).toEqual([200, 'IN_REVIEW']);
    const resumed = await probe.waitFor(EventTypes.TaskSupplemented, caseId);
    expect(resumed.data.taskId).toBe(t.taskId);
    expect(probe.ofType(EventTypes.TaskAssigned, caseId)).toHaveLength(1);
    await planWhen(caseId, (p) => p.status === 'IN_PROGRESS', 'the plan running again');

    await rpc('suspendTask', t.departmentCode, 'officer-s', {
      taskId: t.taskId,
      officerId: 'officer-s',
      requestId: randomUUID(),
      kind: SuspensionKind.HEARING,
      reason: '申请人申请听证',
      plannedDays: 10,
    });
    const suspended = await planWhen(caseId, (p) => p.status === 'SUSPENDED', 'the plan suspended');
    expect(suspended.tasks[0]).toMatchObject({ status: 'SUSPENDED', holdReason: 'HEARING: 申请人申请听证' });
    const shown = await caseWhen(caseId, 'SUSPENDED');
    expect(shown.timeline.find((e: Json) => e.type === EventTypes.TaskSuspended).details).toMatchObject({ kind: 'HEARING', reason: '申请人申请听证', plannedDays: 10 });
    await rpc('resumeTask', t.departmentCode, 'officer-s', { taskId: t.taskId, officerId: 'officer-s', requestId: randomUUID(), note: '听证结束' });
    await caseWhen(caseId, 'IN_REVIEW');
    const back = await probe.waitFor(EventTypes.TaskResumed, caseId);
    expect(back.data.pausedWorkingDays).toBeGreaterThanOrEqual(0);

    await decide(t, 'officer-s', DecisionOutcome.APPROVED);
    const final = await caseWhen(caseId, 'APPROVED');
    const types = final.timeline.map((e: Json) => e.type);
    const order = [
      'case.received', 'case.accepted', 'case.routed', 'task.assigned', 'task.claimed', 'task.supplement-requested',
      'case.supplemented', 'task.supplemented', 'task.suspended', 'task.resumed', 'task.decided', 'case.decided',
    ];
    expect(types.filter((x: string) => order.includes(x))).toEqual(order);
  });

  it('records a transfer: the stage waits for the new department’s task, not the old one', async () => {
    const { caseId, tasks } = await fileCase('WH-CGW-003', ['M-APP', 'M-ID', 'M-SITE', 'M-SAFETY']);
    const [roads, police] = tasks;
    expect([roads.departmentCode, police.departmentCode]).toEqual(['WH-CGW', 'WH-GAJ']);
    await eventually(async () => (probe.ofType(EventTypes.TaskAssigned, caseId).length >= 2 ? true : undefined));
    await claim(police, 'officer-p');
    await rpc('transferTask', police.departmentCode, 'officer-p', {
      taskId: police.taskId,
      officerId: 'officer-p',
      requestId: randomUUID(),
      targetDepartmentCode: 'WH-JTJ',
      reason: '涉及交通组织，属交通部门职权',
    });
    const moved = await probe.waitFor(EventTypes.TaskTransferred, caseId);
    const replacement: PlannedTask = { taskId: moved.data.newTaskId, departmentCode: 'WH-JTJ', stage: 1 };
    const recorded = await planWhen(caseId, (p) => p.tasks.length === 3, 'the transfer in the plan');
    expect(recorded.tasks.map((x: Json) => [x.departmentCode, x.status])).toEqual([
      ['WH-CGW', 'OPEN'], ['WH-GAJ', 'TRANSFERRED'], ['WH-JTJ', 'OPEN'],
    ]);
    expect(recorded.tasks[2].replaces).toBe(police.taskId);

    await assignedThenDecide(caseId, roads);
    await planWhen(caseId, (p) => p.tasks[0].status === 'APPROVED', 'the first approval');
    expect(probe.ofType(EventTypes.CaseDecided, caseId)).toHaveLength(0);
    await assignedThenDecide(caseId, replacement);
    const decided = await probe.waitFor(EventTypes.CaseDecided, caseId);
    expect(decided.data.departments.map((d) => d.departmentCode)).toEqual(['WH-CGW', 'WH-JTJ']);
    const final = await caseWhen(caseId, 'APPROVED');
    expect(final.timeline.find((e: Json) => e.type === EventTypes.TaskTransferred).details).toMatchObject({
      departmentCode: 'WH-GAJ',
      targetDepartmentCode: 'WH-JTJ',
    });
  });

  it('withdrawal with open tasks cancels them everywhere and nothing is decided afterwards', async () => {
    const { caseId, tasks } = await fileCase('WH-SCJGJ-001', ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE']);
    const [t] = tasks;
    await eventually(async () => probe.ofType(EventTypes.TaskAssigned, caseId)[0]);
    await claim(t, 'officer-w');
    const w = await http(intakeBase, 'POST', `/api/v1/cases/${caseId}/withdrawal`, { reason: '申请人主动撤回' });
    expect(w.status).toBe(200);
    const cancelled = await probe.waitFor(EventTypes.TaskCancelled, caseId);
    expect(cancelled.data).toMatchObject({ taskId: t.taskId, cause: 'CASE_WITHDRAWN' });
    const p = await planWhen(caseId, (x) => x.status === 'WITHDRAWN', 'the plan withdrawn');
    expect(p.tasks[0].status).toBe('CANCELLED');
    await expect(decide(t, 'officer-w', DecisionOutcome.APPROVED)).rejects.toMatchObject({ code: 9 });
    // A late decision event for the cancelled task (as if it crossed the withdrawal) decides nothing.
    const late = makeEvent(EventTypes.TaskDecided, caseId, {
      taskId: t.taskId, caseId, caseNo: p.caseNo, departmentCode: t.departmentCode, officerId: 'officer-w',
      outcome: 'APPROVED', documentsPending: false, decidedAt: new Date().toISOString(),
    });
    await publisher.send(late);
    await eventually(async () => ((await sql.query('SELECT 1 FROM routing.inbox WHERE event_id = $1', [late.id])).rowCount ? true : undefined));
    expect((await sql.query('SELECT 1 FROM routing.outbox WHERE event_type = $1 AND message_key = $2', [EventTypes.CaseDecided, caseId])).rowCount).toBe(0);
    const view = await caseWhen(caseId, 'WITHDRAWN');
    await eventually(async () => ((await caseView(caseId)).timeline.some((e: Json) => e.type === EventTypes.TaskCancelled) ? true : undefined));
    expect(view.status).toBe('WITHDRAWN');
  });

  it('puts a case no rule covers in the unroutable queue with an alert, and routes it once the rule is published', async () => {
    await putRules('WH-CGW-001', [oneStage('420500', 'WH-CGW')]);
    const r = await http(intakeBase, 'POST', '/api/v1/cases', {
      matterCode: 'WH-CGW-001', regionCode: '420102', channel: 'WINDOW',
      applicant: { kind: 'NATURAL_PERSON', name: '吴九', idNumber: citizenId(), contact: {} },
      materials: [],
    });
    // The matter's materials decide acceptance; only an accepted case is routed.
    if (r.body.status !== 'ACCEPTED') {
      const notice = r.body.supplementNotice.missing.map((m: Json) => ({ code: m.code }));
      expect((await http(intakeBase, 'POST', `/api/v1/cases/${r.body.id}/supplements`, { materials: notice })).body.status).toBe('ACCEPTED');
    }
    const caseId = r.body.id as string;
    const alert = await probe.waitFor(EventTypes.CaseUnroutable, caseId);
    expect(alert.data).toMatchObject({ unmatchedMatterCodes: ['WH-CGW-001'] });
    expect(alert.data.reason).toContain('420102');
    const queue = (await routingApi('GET', '/api/v1/unroutable-cases')).body.items as Json[];
    expect(queue.find((q) => q.caseId === caseId)).toMatchObject({ matterCode: 'WH-CGW-001', regionCode: '420102' });
    const retry = await routingApi('POST', `/api/v1/unroutable-cases/${caseId}/retry`);
    expect([retry.status, retry.body.type]).toEqual([409, '/problems/still-unroutable']);

    // Invalid definitions are refused at publish time, with every problem listed.
    const bad = await routingApi('PUT', '/api/v1/routing-rules/WH-CGW-001', {
      rules: [oneStage('420100', 'WH-NOSUCH'), oneStage('420100', 'WH-CGW'), oneStage('020100', 'WH-CGW'), { regionCode: '420102', stages: [] }],
    });
    expect(bad.status).toBe(400);
    const invalid = await routingApi('PUT', '/api/v1/routing-rules/WH-CGW-001', {
      rules: [oneStage('420100', 'WH-NOSUCH'), oneStage('420100', 'WH-CGW'), oneStage('020100', 'WH-CGW')],
    });
    expect([invalid.status, invalid.body.type]).toEqual([422, '/problems/invalid-routing-rules']);
    expect(invalid.type).toContain('application/problem+json');
    expect(invalid.body.problems).toEqual([
      'rules[0]: unknown department WH-NOSUCH',
      'rules[2].regionCode 020100 is not a province, city or county code (6 digits)',
      'rules[0] and rules[1] overlap (420100/ANY_APPLICANT/v1+ and 420100/ANY_APPLICANT/v1+): ambiguous',
    ]);

    await putRules('WH-CGW-001', [oneStage('420500', 'WH-CGW'), oneStage('420100', 'WH-CGW')]);
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    expect(routed.data.ruleVersions).toEqual({ 'WH-CGW-001': 2 });
    const after = (await routingApi('GET', '/api/v1/unroutable-cases?includeRouted=true')).body.items as Json[];
    expect(after.find((q) => q.caseId === caseId)).toMatchObject({ planId: routed.data.planId });
    expect((await routingApi('GET', '/api/v1/unroutable-cases')).body.items.some((q: Json) => q.caseId === caseId)).toBe(false);
    const view = await caseWhen(caseId, 'ROUTED');
    expect(view.timeline.map((e: Json) => e.type)).toEqual(expect.arrayContaining(['case.unroutable', 'case.routed']));
  });
  // Last: intake never saw these bundle cases, so it holds back (RetryLater) the partitions that carry
  // these cases' back-office events, which would delay the timelines checked above.
  it('runs a bundle stage by stage: a parallel group first, the next stage only once it is approved, one decision', async () => {
    const caseId = ulid();
    const acceptance = makeEvent(EventTypes.CaseAccepted, caseId, bundleAcceptance(caseId));
    // Delivered twice and replayed under a new id: still one plan, one case.routed.
    const replay = makeEvent(EventTypes.CaseAccepted, caseId, bundleAcceptance(caseId));
    await publisher.send(acceptance, acceptance, replay);
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    expect(routed.data.tasks.map((t) => [t.departmentCode, t.stage])).toEqual([['WH-SCJGJ', 1], ['WH-SWJ', 1]]);
    expect(routed.data.stages).toEqual([
      { stage: 1, completionRule: 'ALL', departmentCodes: ['WH-SCJGJ', 'WH-SWJ'] },
      { stage: 2, completionRule: 'ALL', departmentCodes: ['WH-SCJGJ', 'WH-XFJY', 'WH-WJW'] },
    ]);
    const waiting = await plan(caseId);
    expect(waiting).toMatchObject({ kind: 'BUNDLE', status: 'IN_PROGRESS', stages: [{ status: 'OPEN' }, { status: 'WAITING' }] });
    expect(waiting.tasks.map((t: Json) => t.status)).toEqual(['OPEN', 'OPEN', 'WAITING', 'WAITING', 'WAITING']);

    const [licence, tax] = routed.data.tasks;
    await assignedThenDecide(caseId, licence);
    // Half the parallel group approved: stage 2 stays closed.
    await planWhen(caseId, (p) => p.tasks[0].status === 'APPROVED', 'the first approval recorded');
    expect(probe.ofType(EventTypes.PlanStageOpened, caseId)).toHaveLength(0);
    await assignedThenDecide(caseId, tax);
    const opened = await probe.waitFor(EventTypes.PlanStageOpened, caseId);
    expect(opened.data.tasks.map((t) => t.departmentCode)).toEqual(['WH-SCJGJ', 'WH-XFJY', 'WH-WJW']);
    for (const t of opened.data.tasks) await assignedThenDecide(caseId, t);

    const decided = await probe.waitFor(EventTypes.CaseDecided, caseId);
    expect(decided.data).toMatchObject({ outcome: 'APPROVED', reasons: [], leadDepartmentCode: 'WH-SCJGJ' });
    expect(decided.data.departments).toHaveLength(5);
    const done = await planWhen(caseId, (p) => p.status === 'DECIDED', 'the bundle decided');
    expect(done.stages.map((s: Json) => s.status)).toEqual(['APPROVED', 'APPROVED']);
    expect(probe.ofType(EventTypes.CaseRouted, caseId)).toHaveLength(1);
    expect(probe.ofType(EventTypes.PlanStageOpened, caseId)).toHaveLength(1);
    const outbox = await sql.query('SELECT 1 FROM routing.outbox WHERE event_type = $1 AND message_key = $2', [EventTypes.CaseDecided, caseId]);
    expect(outbox.rowCount).toBe(1);
  });

  it('denies a bundle at a denial in its first stage with the reason, cancels the open task and never opens stage 2', async () => {
    const caseId = ulid();
    await publisher.send(makeEvent(EventTypes.CaseAccepted, caseId, bundleAcceptance(caseId)));
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    const [licence, tax] = routed.data.tasks;
    await eventually(async () => (probe.ofType(EventTypes.TaskAssigned, caseId).length >= 2 ? true : undefined));
    await claim(licence, 'officer-l');
    await assignedThenDecide(caseId, tax, DecisionOutcome.DENIED, '税务登记信息不符');
    const decided = await probe.waitFor(EventTypes.CaseDecided, caseId);
    expect(decided.data).toMatchObject({ outcome: 'DENIED', reasons: ['税务登记信息不符'] });
    const cancelled = await probe.waitFor(EventTypes.TaskCancelled, caseId);
    expect(cancelled.data).toMatchObject({ taskId: licence.taskId, cause: 'CASE_DECIDED' });
    const p = await plan(caseId);
    expect(p.tasks.map((t: Json) => t.status)).toEqual(['CANCELLED', 'DENIED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    // The claimed officer can no longer decide the cancelled task.
    await expect(decide(licence, 'officer-l', DecisionOutcome.APPROVED)).rejects.toMatchObject({ code: 9 });
    expect(probe.ofType(EventTypes.PlanStageOpened, caseId)).toHaveLength(0);
  });
});

