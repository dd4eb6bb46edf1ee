import {
  type CaseAccepted,
  type CloudEvent,
  DeadLetterTopics,
  type EventType,
  EventTypes,
  type MatterPublished,
  type PlannedTask,
  type TaskDecided,
  Topics,
} from '@onewindow/contracts';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  serviceEnv,
  TestPublisher,
  uniqueTopicPrefix,
} from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadRoutingConfig } from '../src/config/routing.config';
import { RecordTaskOutcomeUseCase } from '../src/dispatch/record-task-outcome.usecase';
import { ROUTING } from '../src/service';

jest.setTimeout(60_000);

const LEAD = 'HB-SCJGJ';
const FIRE = 'HB-XFJ';
const HEALTH = 'HB-WJW';

function matter(over: Partial<MatterPublished> = {}): MatterPublished {
  return {
    code: `11420000MB0000001X-${ulid()}`,
    version: 1,
    name: '食品经营许可',
    departmentCode: LEAD,
    departmentName: '湖北省市场监督管理局',
    level: 'PROVINCE',
    kind: 'PROMISED',
    legalLimitDays: 20,
    promisedLimitDays: 10,
    visits: 1,
    online: true,
    resultType: 'LICENCE',
    resultValidityMonths: 60,
    coDepartmentCodes: [],
    regionCodes: ['420000'],
    materials: [{ code: 'M1', name: '申请书', required: true, form: 'ORIGINAL', shareable: false }],
    status: 'ACTIVE',
    publishedAt: new Date().toISOString(),
    ...over,
  };
}

function accepted(caseId: string, m: MatterPublished): CaseAccepted {
  return {
    caseId,
    caseNo: `420102-20261127-${caseId.slice(-6)}`,
    matterCode: m.code,
    matterVersion: m.version,
    matterName: m.name,
    regionCode: '420102',
    channel: 'WINDOW',
    applicant: {
      kind: 'NATURAL_PERSON',
      name: '张三',
      idNumber: '11010519491231002X',
      contact: { phone: '13800000000' },
    },
    acceptedAt: new Date().toISOString(),
    departmentCode: m.departmentCode,
    materials: [{ code: 'M1', name: '申请书', provided: true }],
    legalLimitDays: m.legalLimitDays,
    promisedLimitDays: m.promisedLimitDays,
    promisedDate: '2026-12-11',
  };
}

function decided(
  caseId: string,
  task: PlannedTask,
  outcome: TaskDecided['outcome'],
  reason?: string,
): CloudEvent<'task.decided'> {
  return makeEvent(EventTypes.TaskDecided, caseId, {
    taskId: task.taskId,
    caseId,
    caseNo: `420102-20261127-${caseId.slice(-6)}`,
    departmentCode: task.departmentCode,
    officerId: `officer-${task.departmentCode}`,
    outcome,
    documentsPending: false,
    ...(reason ? { reason } : {}),
    decidedAt: new Date().toISOString(),
  });
}

describe('routing (real PostgreSQL and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prefix: string;
  let service: RunningService;
  let baseUrl: string;
  let sql: Client;
  let publisher: TestPublisher;
  let probe: EventProbe;

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueTopicPrefix('routing');
    const config = loadRoutingConfig(serviceEnv(db.url, prefix));
    const logger = createLogger(ROUTING.service, config.LOG_LEVEL);
    service = await bootstrapService({
      ...ROUTING,
      module: AppModule.forRoot(config, logger),
      config,
      logger,
      httpPort: 0,
    });
    baseUrl = await service.app.getUrl();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    publisher = new TestPublisher(prefix);
    probe = new EventProbe(prefix, [Topics.RoutingCaseEvents, DeadLetterTopics.routing]);
    await probe.start();
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    await service?.close();
    await sql?.end();
    await db?.drop();
    // The shared broker keeps no topics of finished test runs.
    if (prefix) {
      const admin = new Kafka({
        clientId: 'routing-test-cleanup',
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  /** The matter, and a rule that routes it province-wide to its lead and co-departments in one stage. */
  async function publishMatter(m: MatterPublished): Promise<void> {
    await publishRules(m);
    await publisher.send(makeEvent(EventTypes.MatterPublished, m.code, m));
  }

  async function publishRules(m: MatterPublished): Promise<void> {
    const departmentCodes = [m.departmentCode, ...m.coDepartmentCodes];
    await publisher.send(
      makeEvent(EventTypes.RoutingRulePublished, m.code, {
        matterCode: m.code,
        version: 1,
        rules: [{ regionCode: '420000', stages: [{ stage: 1, completionRule: 'ALL', departmentCodes }] }],
        publishedBy: 'test',
        publishedAt: new Date().toISOString(),
      }),
    );
    await eventually(async () =>
      (await sql.query('SELECT 1 FROM routing.routing_rule_set WHERE matter_code = $1', [m.code])).rowCount
        ? true
        : undefined,
    );
  }

  async function routeNewCase(m: MatterPublished): Promise<{ caseId: string; tasks: PlannedTask[] }> {
    const caseId = ulid();
    await publisher.send(makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m)));
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    return { caseId, tasks: routed.data.tasks };
  }

  /**
   * Waits until routing has processed `eventId`, then until the probe saw every `type` event routing
   * committed for the case, and returns them: what any consumer of routing will ever get.
   */
  async function settled<T extends EventType>(
    eventId: string,
    type: T,
    caseId: string,
  ): Promise<CloudEvent<T>[]> {
    await eventually(
      async () =>
        (await sql.query('SELECT 1 FROM routing.inbox WHERE event_id = $1', [eventId])).rowCount
          ? true
          : undefined,
      {
        what: `routing to process event ${eventId}`,
      },
    );
    const committed = Number(
      (
        await sql.query<{ n: string }>(
          'SELECT count(*) AS n FROM routing.outbox WHERE event_type = $1 AND message_key = $2',
          [type, caseId],
        )
      ).rows[0].n,
    );
    return eventually(
      async () => (probe.ofType(type, caseId).length >= committed ? probe.ofType(type, caseId) : undefined),
      {
        what: `${committed} ${type} for ${caseId} on Kafka`,
      },
    );
  }

  async function getPlan(
    caseId: string,
  ): Promise<{ status: number; contentType: string | null; body: Record<string, any> }> {
    const r = await fetch(`${baseUrl}/api/v1/plans/${caseId}`);
    return {
      status: r.status,
      contentType: r.headers.get('content-type'),
      body: (await r.json()) as Record<string, any>,
    };
  }

  it('routes an accepted case to one task per department and approves it once, after the last approval', async () => {
    const m = matter({ coDepartmentCodes: [FIRE, HEALTH] });
    await publishMatter(m);
    const caseId = ulid();
    const acceptance = makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m));
    await publisher.send(acceptance);

    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    expect(routed.data.tasks.map((t) => [t.departmentCode, t.stage])).toEqual([
      [LEAD, 1],
      [FIRE, 1],
      [HEALTH, 1],
    ]);
    expect(new Set(routed.data.tasks.map((t) => t.taskId)).size).toBe(3);
    expect(routed.data).toMatchObject({
      caseId,
      caseNo: acceptance.data.caseNo,
      matterCode: m.code,
      matterVersion: 1,
      legalLimitDays: 20,
      promisedLimitDays: 10,
      materials: acceptance.data.materials,
    });
    expect(routed.data.planId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(routed).toMatchObject({
      source: '/onewindow/routing',
      causationid: acceptance.id,
      correlationid: acceptance.correlationid,
    });

    const [lead, fire, health] = routed.data.tasks;
    const leadApproval = decided(caseId, lead, 'APPROVED');
    const fireApproval = decided(caseId, fire, 'APPROVED');
    // The lead's approval is delivered twice, then replayed under a new event id.
    await publisher.send(leadApproval, leadApproval, decided(caseId, lead, 'APPROVED'), fireApproval);
    expect(await settled(fireApproval.id, EventTypes.CaseDecided, caseId)).toHaveLength(0);
    const halfway = await getPlan(caseId);
    expect(halfway.body).toMatchObject({
      status: 'IN_PROGRESS',
      stages: [{ stage: 1, completionRule: 'ALL', status: 'OPEN' }],
    });
    expect(halfway.body.tasks.map((t: { status: string }) => t.status)).toEqual([
      'APPROVED',
      'APPROVED',
      'OPEN',
    ]);

    const last = decided(caseId, health, 'APPROVED');
    await publisher.send(last);
    const decision = await probe.waitFor(EventTypes.CaseDecided, caseId);
    expect(decision.data).toMatchObject({
      caseId,
      outcome: 'APPROVED',
      reasons: [],
      leadDepartmentCode: LEAD,
      applicant: { name: '张三' },
    });
    expect(decision.data.departments.map((d) => [d.departmentCode, d.outcome])).toEqual([
      [LEAD, 'APPROVED'],
      [FIRE, 'APPROVED'],
      [HEALTH, 'APPROVED'],
    ]);
    expect(decision).toMatchObject({ causationid: last.id, correlationid: last.correlationid });
    expect(decision.sequence).toBeGreaterThan(routed.sequence);

    const replayed = decided(caseId, health, 'APPROVED');
    await publisher.send(replayed);
    expect(await settled(replayed.id, EventTypes.CaseDecided, caseId)).toHaveLength(1);

    const plan = await getPlan(caseId);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      caseId,
      planId: routed.data.planId,
      matterCode: m.code,
      leadDepartmentCode: LEAD,
      status: 'DECIDED',
      outcome: 'APPROVED',
      stages: [{ stage: 1, status: 'APPROVED' }],
    });
    expect(plan.body.tasks).toHaveLength(3);
    expect(plan.body.tasks[2]).toMatchObject({
      taskId: health.taskId,
      departmentCode: HEALTH,
      status: 'APPROVED',
      officerId: `officer-${HEALTH}`,
    });
  });

  it("denies at the first denial with the department's reason; the other tasks are cancelled and their late outcomes ignored", async () => {
    const m = matter({ coDepartmentCodes: [FIRE] });
    await publishMatter(m);
    const { caseId, tasks } = await routeNewCase(m);
    const [lead, fire] = tasks;

    await publisher.send(decided(caseId, fire, 'DENIED', '经营场所不符合消防安全条件'));
    const decision = await probe.waitFor(EventTypes.CaseDecided, caseId);
    expect(decision.data).toMatchObject({
      outcome: 'DENIED',
      reasons: ['经营场所不符合消防安全条件'],
      departments: [
        {
          taskId: fire.taskId,
          departmentCode: FIRE,
          outcome: 'DENIED',
          reason: '经营场所不符合消防安全条件',
        },
      ],
    });

    const lateApproval = decided(caseId, lead, 'APPROVED');
    await publisher.send(lateApproval);
    expect(await settled(lateApproval.id, EventTypes.CaseDecided, caseId)).toHaveLength(1);
    const plan = await getPlan(caseId);
    expect(plan.body).toMatchObject({ status: 'DECIDED', outcome: 'DENIED', stages: [{ status: 'DENIED' }] });
    expect(plan.body.tasks.map((t: { status: string }) => t.status)).toEqual(['CANCELLED', 'DENIED']);
    expect(plan.body.tasks[1].reason).toBe('经营场所不符合消防安全条件');
  });

  it('routes a case once however often its acceptance arrives; a withdrawn case is never decided', async () => {
    const m = matter({ coDepartmentCodes: [HEALTH] });
    await publishMatter(m);
    const caseId = ulid();
    const acceptance = makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m));
    const replay = makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m));
    await publisher.send(acceptance, acceptance, replay);

    const routed = await settled(replay.id, EventTypes.CaseRouted, caseId);
    expect(routed).toHaveLength(1);

    const withdrawal = makeEvent(EventTypes.CaseWithdrawn, caseId, {
      caseId,
      caseNo: acceptance.data.caseNo,
      reason: '申请人主动撤回',
      withdrawnAt: '2026-11-27T10:00:00.000Z',
    });
    await publisher.send(withdrawal);
    await settled(withdrawal.id, EventTypes.CaseRouted, caseId);
    expect((await getPlan(caseId)).body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnAt: '2026-11-27T10:00:00.000Z',
    });

    const approvals = routed[0].data.tasks.map((t) => decided(caseId, t, 'APPROVED'));
    await publisher.send(...approvals);
    expect(await settled(approvals[approvals.length - 1].id, EventTypes.CaseDecided, caseId)).toHaveLength(0);
    expect((await getPlan(caseId)).body.tasks.map((t: { status: string }) => t.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('routes each case by the rule set in force, even one another instance put in force after this one cached the last', async () => {
    const m = matter({ coDepartmentCodes: [FIRE] });
    await publishMatter(m);
    const first = ulid();
    await publisher.send(makeEvent(EventTypes.CaseAccepted, first, accepted(first, m)));
    const byV1 = await probe.waitFor(EventTypes.CaseRouted, first);
    expect(byV1.data.ruleVersions).toEqual({ [m.code]: 1 });
    expect(byV1.data.tasks.map((t) => t.departmentCode)).toEqual([LEAD, FIRE]);

    // What another routing instance's application of version 2 leaves behind; this one consumed no event.
    const v2 = [{ regionCode: '420000', stages: [{ stage: 1, completionRule: 'ALL', departmentCodes: [HEALTH] }] }];
    await sql.query('UPDATE routing.routing_rule_set SET version = 2, rules = $2, applied_at = now() WHERE matter_code = $1', [
      m.code,
      JSON.stringify(v2),
    ]);
    const second = ulid();
    await publisher.send(makeEvent(EventTypes.CaseAccepted, second, accepted(second, m)));
    const byV2 = await probe.waitFor(EventTypes.CaseRouted, second);
    expect(byV2.data.ruleVersions).toEqual({ [m.code]: 2 });
    expect(byV2.data.tasks.map((t) => t.departmentCode)).toEqual([HEALTH]);
  });

  it('routes a case accepted before its matter reached routing once the matter arrives', async () => {
    const m = matter({ coDepartmentCodes: [FIRE] });
    const caseId = ulid();
    await publishRules(m);
    await publisher.send(makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m)));

    await new Promise((r) => setTimeout(r, 1500));
    expect(probe.ofType(EventTypes.CaseRouted, caseId)).toHaveLength(0);
    expect((await getPlan(caseId)).status).toBe(404);

    await publisher.send(makeEvent(EventTypes.MatterPublished, m.code, m));
    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    expect(routed.data.tasks.map((t) => t.departmentCode)).toEqual([LEAD, FIRE]);
  });

  it('sends undecodable and schema-invalid events to the dead-letter topic and goes on with the next one', async () => {
    const m = matter();
    await publishMatter(m);
    const caseId = ulid();
    const notJson = ulid();
    await publisher.sendRaw(Topics.IntakeCaseEvents, {
      key: caseId,
      value: '{"caseId": ',
      headers: {
        ce_id: notJson,
        ce_source: '/onewindow/intake',
        ce_type: EventTypes.CaseAccepted,
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
        ce_subject: caseId,
        ce_sequence: '1',
        'content-type': 'application/json',
      },
    });
    const invalid = makeEvent(EventTypes.CaseAccepted, caseId, { ...accepted(caseId, m), regionCode: '42' });
    const good = makeEvent(EventTypes.CaseAccepted, caseId, accepted(caseId, m));
    await publisher.send(invalid, good);

    const routed = await probe.waitFor(EventTypes.CaseRouted, caseId);
    expect(routed.causationid).toBe(good.id);
    const dead = await eventually(async () => {
      const mine = probe.raw.filter(
        (r) => r.topic === DeadLetterTopics.routing && [notJson, invalid.id].includes(r.headers.ce_id),
      );
      return mine.length === 2 ? mine : undefined;
    });
    expect(dead.find((d) => d.headers.ce_id === notJson)?.headers['dlq-error']).toContain(
      'value is not JSON',
    );
    expect(dead.find((d) => d.headers.ce_id === invalid.id)?.headers['dlq-error']).toContain('/regionCode');
    expect(dead.every((d) => d.headers['dlq-original-topic'] === prefix + Topics.IntakeCaseEvents)).toBe(
      true,
    );

    // An outcome that names a task of this case under another case is dead-lettered, not recorded.
    const otherCase = ulid();
    const misdirected = decided(otherCase, routed.data.tasks[0], 'APPROVED');
    await publisher.send(misdirected);
    await eventually(async () =>
      probe.raw.some((r) => r.topic === DeadLetterTopics.routing && r.headers.ce_id === misdirected.id)
        ? true
        : undefined,
    );
    expect((await getPlan(caseId)).body.tasks[0].status).toBe('OPEN');
  });

  it('decides exactly once when the last two outcomes are processed at the same moment', async () => {
    const m = matter({ coDepartmentCodes: [FIRE] });
    await publishMatter(m);
    const recordOutcome = service.app.get(RecordTaskOutcomeUseCase);
    const cases = await Promise.all([1, 2, 3, 4].map(() => routeNewCase(m)));
    // Straight into the use case, as two consumer instances would: both transactions race for the plan.
    await Promise.all(
      cases.flatMap(({ caseId, tasks }) =>
        tasks.map((t) => recordOutcome.execute(decided(caseId, t, 'APPROVED'))),
      ),
    );
    for (const { caseId } of cases) {
      const rows = await sql.query(
        'SELECT 1 FROM routing.outbox WHERE event_type = $1 AND message_key = $2',
        [EventTypes.CaseDecided, caseId],
      );
      expect(rows.rowCount).toBe(1);
      expect((await probe.waitFor(EventTypes.CaseDecided, caseId)).data.outcome).toBe('APPROVED');
    }
  });

  it('answers operators with problem details for unknown and malformed case ids, and documents the endpoint', async () => {
    const unknown = await getPlan(ulid());
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ type: '/problems/plan-not-found', status: 404 });

    const malformed = await getPlan('not-a-case-id');
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ field: 'caseId' }],
    });

    const doc = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, any>;
    };
    const op = doc.paths['/api/v1/plans/{caseId}']?.get;
    expect(op?.tags).toEqual(['plans']);
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '429']);
  });
});
