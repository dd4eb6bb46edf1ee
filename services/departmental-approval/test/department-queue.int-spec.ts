import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import {
  Client,
  type ClientReadableStream,
  credentials,
  Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import { type CaseRouted, EventTypes, Topics } from '@onewindow/contracts';
import { createLogger, type RunningService, verifyAuditChain } from '@onewindow/platform';
import { approvalV1GrpcJs, DEPARTMENT_QUEUE_SERVICE_FQN } from '@onewindow/proto';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  serviceEnv,
  TestPublisher,
  uniqueTopicPrefix,
} from '@onewindow/testing';
import { service as healthService } from 'grpc-health-check';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { Client as PgClient } from 'pg';
import { ulid } from 'ulid';
import { loadDepartmentalApprovalConfig } from '../src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../src/start';
import { DeadlineSweeper } from '../src/tasks/deadline-sweeper';
import { LeaseSweeper } from '../src/tasks/lease-sweeper';

// Everything below talks to the service as a department system would: the generated grpc-js
// client, tokens minted with a plain JWT library, events on Kafka. Only the start-up is in-process.

jest.setTimeout(60_000);

const {
  DepartmentQueueServiceClient,
  DecisionOutcome,
  QueueEventType,
  TaskStatus,
  ClaimTaskRequest,
  DecideTaskRequest,
  ListTasksRequest,
  SuspensionKind,
} = approvalV1GrpcJs;
type QueueEvent = approvalV1GrpcJs.QueueEvent;

const SECRET = randomBytes(32).toString('base64url');
const ISSUER = 'onewindow';
const AUDIENCE = 'department-queue';
const DEPT_A = '420100-SCJGJ';
const DEPT_B = '420100-ZJJ';
const MIN = 60;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function token(
  dept: string,
  officer: string,
  o: { audience?: string; secret?: string; expiresAt?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dept })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(o.audience ?? AUDIENCE)
    .setSubject(officer)
    .setIssuedAt(now - 7200)
    .setExpirationTime(o.expiresAt ?? now + 600)
    .sign(new TextEncoder().encode(o.secret ?? SECRET));
}

function bearer(t: string | null): Metadata {
  const m = new Metadata();
  if (t !== null) m.set('authorization', `Bearer ${t}`);
  return m;
}

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (e: ServiceError | null, r: Res) => void,
) => unknown;

function unary<Req, Res>(fn: Unary<Req, Res>, client: object, req: Req, md: Metadata): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn.call(client, req, md, { deadline: new Date(Date.now() + 10_000) }, (e, r) =>
      e ? reject(e) : resolve(r),
    ),
  );
}

async function rejection(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    return e as ServiceError;
  }
  throw new Error('expected the call to fail');
}

/** The google.rpc.ErrorInfo reason in the status details, as a client library reads it. */
function errorReason(e: ServiceError): string | undefined {
  const [bin] = e.metadata?.get('grpc-status-details-bin') ?? [];
  if (!bin) return undefined;
  const fieldsOf = (bytes: Uint8Array) => {
    const r = new BinaryReader(bytes);
    const out = new Map<number, Uint8Array>();
    while (r.pos < r.len) {
      const [no, type] = r.tag();
      if (type === 2) out.set(no, r.bytes());
      else r.skip(type);
    }
    return out;
  };
  const any = fieldsOf(fieldsOf(bin as Buffer).get(3)!);
  return Buffer.from(fieldsOf(any.get(2)!).get(1)!).toString();
}

function routed(
  tasks: Array<{ departmentCode: string; stage?: number; taskId?: string }>,
  over: Partial<CaseRouted> = {},
): CaseRouted {
  const caseId = over.caseId ?? ulid();
  return {
    caseId,
    caseNo: `420102-20250930-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    matterCode: 'WH-SCJGJ-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW',
    applicant: {
      kind: 'NATURAL_PERSON',
      name: '张三',
      idNumber: '11010519491231002X',
      contact: { phone: '13800000000' },
    },
    planId: ulid(),
    tasks: tasks.map((t) => ({
      taskId: t.taskId ?? ulid(),
      departmentCode: t.departmentCode,
      stage: t.stage ?? 1,
    })),
    materials: [
      { code: 'M-APP', name: '申请书', provided: true },
      { code: 'M-SITE', name: '经营场所证明', provided: false },
    ],
    legalLimitDays: 20,
    promisedLimitDays: 3,
    acceptedAt: '2025-09-30T01:30:00.000Z',
    routedAt: '2025-09-30T02:00:00.000Z',
    ...over,
  };
}

/** Reads a WatchQueue stream: its events so far, and whether the server has said it is live. */
class Watch {
  readonly events: QueueEvent[] = [];
  error?: ServiceError;
  ended = false;
  readonly live: Promise<void>;

  constructor(readonly stream: ClientReadableStream<approvalV1GrpcJs.WatchQueueResponse>) {
    this.live = new Promise((resolve, reject) => {
      stream.once('metadata', () => resolve());
      stream.once('error', reject);
    });
    this.live.catch(() => undefined);
    stream.on('data', (r: approvalV1GrpcJs.WatchQueueResponse) => r.event && this.events.push(r.event));
    stream.on('error', (e: ServiceError) => (this.error = e));
    stream.on('end', () => (this.ended = true));
  }

  summary(): Array<[string, string, string]> {
    return this.events.map((e) => [e.type, e.task?.id ?? '', e.task?.status ?? '']);
  }

  async waitFor(count: number): Promise<QueueEvent[]> {
    return eventually(async () => (this.events.length >= count ? this.events.slice() : undefined), {
      timeoutMs: 15_000,
      what: `${count} queue events (have ${this.events.length})`,
    });
  }

  cancel(): void {
    this.stream.cancel();
  }
}

describe('departmental-approval: the department queue over gRPC, on real PostgreSQL, Redis and Kafka', () => {
  const prefix = uniqueTopicPrefix('da');
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let address: string;
  let httpBase: string;
  let client: approvalV1GrpcJs.DepartmentQueueServiceClient;
  let probe: EventProbe;
  let publisher: TestPublisher;
  let redis: Redis;
  let running = false;
  let config: ReturnType<typeof loadDepartmentalApprovalConfig>;
  /** What the service's deadline clock reads: moved by the tests, never waited for. */
  const BEFORE_ANY_DEADLINE = new Date('2025-09-01T00:00:00Z');
  let deadlineNow = BEFORE_ANY_DEADLINE;
  const clock = () => deadlineNow;
  /** The task of the deadline test, whose legal deadline passes during the restart test. */
  let clockTask: { dept: string; caseId: string; id: string } | undefined;

  const tokens = new Map<string, string>();
  /** The id of the last case.routed event sent per case. */
  const routedEventIds = new Map<string, string>();
  const as = async (dept: string, officer: string) => {
    const key = `${dept}/${officer}`;
    if (!tokens.has(key)) tokens.set(key, await token(dept, officer));
    return bearer(tokens.get(key)!);
  };

  const listTasks = async (dept: string, req: Partial<approvalV1GrpcJs.ListTasksRequest> = {}) =>
    unary(client.listTasks, client, ListTasksRequest.fromPartial(req), await as(dept, 'reader'));
  const getTask = async (dept: string, taskId: string) =>
    unary(client.getTask, client, { taskId }, await as(dept, 'reader'));
  const claimTask = async (dept: string, officer: string, taskId: string, leaseMinutes?: number) =>
    unary(
      client.claimTask,
      client,
      ClaimTaskRequest.fromPartial({
        taskId,
        officerId: officer,
        leaseDuration: leaseMinutes ? { seconds: leaseMinutes * MIN, nanos: 0 } : undefined,
      }),
      await as(dept, officer),
    );
  const decideTask = async (
    dept: string,
    officer: string,
    req: Partial<approvalV1GrpcJs.DecideTaskRequest>,
  ) =>
    unary(
      client.decideTask,
      client,
      DecideTaskRequest.fromPartial({ requestId: randomUUID(), officerId: officer, ...req }),
      await as(dept, officer),
    );
  const watch = async (dept: string, afterCursor = '', options: { deadline?: Date } = {}) =>
    new Watch(client.watchQueue({ afterCursor }, await as(dept, 'watcher'), options));

  const call = async <Req, Res>(fn: Unary<Req, Res>, dept: string, officer: string, req: Req) =>
    unary(fn, client, req, await as(dept, officer));
  const release = (dept: string, officer: string, taskId: string, note = '') =>
    call(client.releaseTask, dept, officer, { taskId, officerId: officer, note });
  const addOpinion = (
    dept: string,
    officer: string,
    taskId: string,
    text: string,
    requestId = randomUUID(),
  ) => call(client.addOpinion, dept, officer, { taskId, requestId, officerId: officer, text });
  const requestSupplement = (
    dept: string,
    officer: string,
    req: Partial<approvalV1GrpcJs.RequestSupplementRequest>,
  ) =>
    call(
      client.requestSupplement,
      dept,
      officer,
      approvalV1GrpcJs.RequestSupplementRequest.fromPartial({
        requestId: randomUUID(),
        officerId: officer,
        ...req,
      }),
    );
  const suspend = (dept: string, officer: string, req: Partial<approvalV1GrpcJs.SuspendTaskRequest>) =>
    call(
      client.suspendTask,
      dept,
      officer,
      approvalV1GrpcJs.SuspendTaskRequest.fromPartial({
        requestId: randomUUID(),
        officerId: officer,
        ...req,
      }),
    );
  const resume = (dept: string, officer: string, req: Partial<approvalV1GrpcJs.ResumeTaskRequest>) =>
    call(
      client.resumeTask,
      dept,
      officer,
      approvalV1GrpcJs.ResumeTaskRequest.fromPartial({ requestId: randomUUID(), officerId: officer, ...req }),
    );
  const transfer = (dept: string, officer: string, req: Partial<approvalV1GrpcJs.TransferTaskRequest>) =>
    call(
      client.transferTask,
      dept,
      officer,
      approvalV1GrpcJs.TransferTaskRequest.fromPartial({
        requestId: randomUUID(),
        officerId: officer,
        ...req,
      }),
    );
  const history = async (dept: string, taskId: string) =>
    (await getTask(dept, taskId)).history.map((h) => [h.eventType, h.actor, h.status, h.note]);
  /** Moves a lease into the past, as if its time had run out (the test cannot wait a minute). */
  const expireLease = async (taskId: string) => {
    const pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    await pg.query(
      `UPDATE departmental_approval.approval_task SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
      [taskId],
    );
    await pg.end();
  };

  /** Publishes case.routed as routing would, and waits until the department systems can see its tasks. */
  async function route(data: CaseRouted): Promise<CaseRouted> {
    const event = makeEvent(EventTypes.CaseRouted, data.caseId, data);
    routedEventIds.set(data.caseId, event.id);
    await publisher.send(event);
    await eventually(
      async () => {
        for (const t of data.tasks) await getTask(t.departmentCode, t.taskId);
        return true;
      },
      { what: `tasks of case ${data.caseId}` },
    );
    return data;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    config = loadDepartmentalApprovalConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(httpPort),
        GRPC_PORT: String(grpcPort),
        AUTH_JWT_SECRET: SECRET,
        // Long enough that live delivery within a test can only come through Redis pub/sub.
        WATCH_POLL_INTERVAL_MS: '60000',
        // Expired leases go back to the queue within a fraction of a second.
        LEASE_SWEEP_INTERVAL_MS: '200',
        DEADLINE_SWEEP_INTERVAL_MS: '200',
        DEADLINE_YELLOW_WORKING_DAYS: '1',
      }),
    );
    service = await startDepartmentalApproval(
      config,
      createLogger('departmental-approval', config.LOG_LEVEL),
      {
        clock,
      },
    );
    running = true;
    address = `127.0.0.1:${grpcPort}`;
    httpBase = service.urls.http;
    client = new DepartmentQueueServiceClient(address, credentials.createInsecure());
    probe = new EventProbe(prefix, [Topics.ApprovalTaskEvents]);
    await probe.start();
    publisher = new TestPublisher(prefix);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    client?.close();
    redis?.disconnect();
    await probe?.stop();
    await publisher?.close();
    if (running) await service.close();
    await db?.drop();
  });

  describe('health', () => {
    it('answers the gRPC health check with SERVING, overall and for DepartmentQueueService', async () => {
      const health = new Client(address, credentials.createInsecure());
      const check = healthService['Check']!;
      const ask = (svc: string) =>
        new Promise<object>((resolve, reject) =>
          health.makeUnaryRequest(
            check.path,
            check.requestSerialize,
            check.responseDeserialize,
            { service: svc },
            (e, r) => (e ? reject(e) : resolve(r as object)),
          ),
        );
      await expect(ask('')).resolves.toEqual({ status: 'SERVING' });
      await expect(ask(DEPARTMENT_QUEUE_SERVICE_FQN)).resolves.toEqual({ status: 'SERVING' });
      health.close();
    });

    it('is ready over HTTP with PostgreSQL, Redis and Kafka', async () => {
      const r = await fetch(`${httpBase}/health/ready`);
      expect(r.status).toBe(200);
      expect(JSON.stringify(await r.json())).toContain('redis-subscriber');
    });
  });

  describe('authentication', () => {
    it.each([
      ['no token', async () => bearer(null)],
      [
        'an expired token',
        async () => bearer(await token(DEPT_A, 'o-1', { expiresAt: Math.floor(Date.now() / 1000) - 3600 })),
      ],
      [
        'a token for another audience',
        async () => bearer(await token(DEPT_A, 'o-1', { audience: 'intake' })),
      ],
      [
        'a token signed with another secret',
        async () => bearer(await token(DEPT_A, 'o-1', { secret: 'x'.repeat(40) })),
      ],
      [
        'a malformed authorization entry',
        async () => {
          const m = new Metadata();
          m.set('authorization', 'Basic b2ZmaWNlcjpwYXNz');
          return m;
        },
      ],
    ])('refuses %s with UNAUTHENTICATED, on unary calls and streams', async (_what, metadata) => {
      const md = await metadata();
      const e = await rejection(unary(client.listTasks, client, ListTasksRequest.fromPartial({}), md));
      expect(e.code).toBe(status.UNAUTHENTICATED);
      const w = new Watch(client.watchQueue({ afterCursor: '' }, md));
      await eventually(async () => w.error, { what: 'the stream to fail' });
      expect(w.error?.code).toBe(status.UNAUTHENTICATED);
    });

    it('refuses to act for an officer other than the token holder', async () => {
      const e = await rejection(
        unary(
          client.claimTask,
          client,
          ClaimTaskRequest.fromPartial({ taskId: ulid(), officerId: 'o-2' }),
          await as(DEPT_A, 'o-1'),
        ),
      );
      expect(e.code).toBe(status.PERMISSION_DENIED);
    });
  });

  describe('the queue', () => {
    let c1: CaseRouted;

    beforeAll(async () => {
      c1 = await route(routed([{ departmentCode: DEPT_A }, { departmentCode: DEPT_B }]));
    });

    it('shows a routed task in its own department queue only, with deadlines on the holiday calendar', async () => {
      const [taskA, taskB] = c1.tasks;
      const a = (await listTasks(DEPT_A)).tasks.filter((t) => t.caseId === c1.caseId);
      const b = (await listTasks(DEPT_B)).tasks.filter((t) => t.caseId === c1.caseId);
      expect(a.map((t) => t.id)).toEqual([taskA.taskId]);
      expect(b.map((t) => t.id)).toEqual([taskB.taskId]);
      // Routed 30 Sept 2025 (China time); 1–8 Oct are holidays and Sat 11 Oct a make-up workday.
      expect(a[0]).toMatchObject({
        caseNo: c1.caseNo,
        departmentCode: DEPT_A,
        matterCode: 'WH-SCJGJ-001',
        regionCode: '420102',
        stage: 1,
        status: TaskStatus.PENDING,
        claimedBy: '',
        promisedDeadline: '2025-10-11',
        legalDeadline: '2025-11-04',
        outcome: DecisionOutcome.UNSPECIFIED,
        version: 1,
      });

      const details = await getTask(DEPT_A, taskA.taskId);
      expect(details.caseSummary).toMatchObject({
        caseId: c1.caseId,
        applicantDisplayName: '张三',
        materials: [
          { code: 'M-APP', name: '申请书', provided: true },
          { code: 'M-SITE', name: '经营场所证明', provided: false },
        ],
      });
      expect(JSON.stringify(details)).not.toContain('11010519491231002X');
      expect(details.history.map((h) => [h.eventType, h.actor, h.status])).toEqual([
        ['task.assigned', 'system', TaskStatus.PENDING],
      ]);
    });

    it('publishes task.assigned per task, caused by case.routed', async () => {
      const assigned = await eventually(
        async () => {
          const es = probe.ofType(EventTypes.TaskAssigned, c1.caseId);
          return es.length >= 2 ? es : undefined;
        },
        { what: 'two task.assigned' },
      );
      expect(assigned.map((e) => e.data.departmentCode).sort()).toEqual([DEPT_B, DEPT_A].sort());
      const routedId = routedEventIds.get(c1.caseId);
      expect(assigned.map((e) => [e.causationid, e.correlationid])).toEqual([
        [routedId, routedId],
        [routedId, routedId],
      ]);
      expect(assigned.map((e) => e.sequence).sort()).toEqual([1, 2]);
    });

    it("answers NOT_FOUND for another department's task, exactly as for a task that does not exist", async () => {
      const foreign = c1.tasks[0].taskId;
      const unknown = ulid();
      for (const id of [foreign, unknown]) {
        const get = await rejection(getTask(DEPT_B, id));
        const claim = await rejection(claimTask(DEPT_B, 'b-1', id));
        expect([get.code, claim.code]).toEqual([status.NOT_FOUND, status.NOT_FOUND]);
        expect([errorReason(get), errorReason(claim)]).toEqual(['TASK_NOT_FOUND', 'TASK_NOT_FOUND']);
        expect(get.details.replace(id, '<id>')).toBe(`task <id> not found in your department's queue`);
      }
      expect((await getTask(DEPT_A, foreign)).task?.status).toBe(TaskStatus.PENDING);
    });

    it('creates no second task when case.routed comes again, redelivered or re-planned', async () => {
      const c = await route(routed([{ departmentCode: DEPT_A }]));
      const original = makeEvent(EventTypes.CaseRouted, c.caseId, c);
      // The same event twice, then a new plan naming another task id for the same department and stage…
      await publisher.send(
        original,
        original,
        makeEvent(EventTypes.CaseRouted, c.caseId, {
          ...c,
          planId: ulid(),
          tasks: [{ ...c.tasks[0], taskId: ulid() }],
        }),
      );
      // …then one more for stage 2: events of a case are consumed in order, so once it shows, the others were handled.
      const stage2 = ulid();
      await publisher.send(
        makeEvent(EventTypes.CaseRouted, c.caseId, {
          ...c,
          planId: ulid(),
          tasks: [{ taskId: stage2, departmentCode: DEPT_A, stage: 2 }],
        }),
      );
      await eventually(async () => (await getTask(DEPT_A, stage2)).task, { what: 'the stage 2 task' });

      const mine = (await listTasks(DEPT_A, { pageSize: 200 })).tasks.filter((t) => t.caseId === c.caseId);
      expect(mine.map((t) => [t.id, t.stage])).toEqual([
        [c.tasks[0].taskId, 1],
        [stage2, 2],
      ]);
      await eventually(async () =>
        probe.ofType(EventTypes.TaskAssigned, c.caseId).length >= 2 ? true : undefined,
      );
      expect(probe.ofType(EventTypes.TaskAssigned, c.caseId).map((e) => e.data.taskId)).toEqual([
        c.tasks[0].taskId,
        stage2,
      ]);
    });

    it('pages with an opaque token, filters by status, matter and region, and bounds the page size', async () => {
      const dept = 'PAGING-DEPT';
      const c = await route(
        routed([
          { departmentCode: dept },
          { departmentCode: dept, stage: 2 },
          { departmentCode: dept, stage: 3 },
        ]),
      );
      const other = await route(
        routed([{ departmentCode: dept }], { regionCode: '420502', matterCode: 'YC-OTHER-001' }),
      );

      const seen: string[] = [];
      let pageToken = '';
      do {
        const page = await listTasks(dept, { pageSize: 1, pageToken });
        expect(page.tasks.length).toBeLessThanOrEqual(1);
        seen.push(...page.tasks.map((t) => t.id));
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect(seen.sort()).toEqual([...c.tasks.map((t) => t.taskId), other.tasks[0].taskId].sort());

      expect((await listTasks(dept, { regionCode: '420100' })).tasks.map((t) => t.caseId)).toEqual([
        c.caseId,
        c.caseId,
        c.caseId,
      ]);
      expect((await listTasks(dept, { regionCode: '420000' })).tasks).toHaveLength(4);
      expect((await listTasks(dept, { matterCode: 'YC-OTHER-001' })).tasks.map((t) => t.id)).toEqual([
        other.tasks[0].taskId,
      ]);
      expect((await listTasks(dept, { status: TaskStatus.APPROVED })).tasks).toEqual([]);

      const negative = await rejection(listTasks(dept, { pageSize: -1 }));
      expect(negative.code).toBe(status.INVALID_ARGUMENT);
      const first = await listTasks(dept, { pageSize: 1 });
      const misused = await rejection(
        listTasks(dept, { pageSize: 1, pageToken: first.nextPageToken, status: TaskStatus.PENDING }),
      );
      expect(misused.code).toBe(status.INVALID_ARGUMENT);
      expect((await listTasks(dept, { pageSize: 100_000 })).tasks).toHaveLength(4);
    });
  });

  describe('claims and decisions', () => {
    it('lets exactly one of two concurrent claims win, on every try', async () => {
      const dept = 'RACE-DEPT';
      const c = await route(routed([1, 2, 3, 4].map((stage) => ({ departmentCode: dept, stage }))));
      for (const t of c.tasks) {
        const results = await Promise.allSettled([
          claimTask(dept, 'r-1', t.taskId),
          claimTask(dept, 'r-2', t.taskId),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect([won.length, lost.length]).toEqual([1, 1]);
        expect((lost[0].reason as ServiceError).code).toBe(status.FAILED_PRECONDITION);
        expect(errorReason(lost[0].reason as ServiceError)).toBe('TASK_CLAIMED_BY_OTHER');
        const winner = (won[0] as PromiseFulfilledResult<approvalV1GrpcJs.ClaimTaskResponse>).value.task!;
        expect((await getTask(dept, t.taskId)).task).toMatchObject({
          status: TaskStatus.CLAIMED,
          claimedBy: winner.claimedBy,
          version: 2,
        });
      }
      await eventually(async () =>
        probe.ofType(EventTypes.TaskClaimed, c.caseId).length >= 4 ? true : undefined,
      );
      const claimed = probe.ofType(EventTypes.TaskClaimed, c.caseId);
      expect(claimed.map((e) => e.data.taskId).sort()).toEqual(c.tasks.map((t) => t.taskId).sort());
    });

    it('says why a claim is refused: claimed by another officer, or already decided', async () => {
      const dept = 'REFUSE-DEPT';
      const c = await route(routed([1, 2].map((stage) => ({ departmentCode: dept, stage }))));
      const [held, done] = c.tasks.map((t) => t.taskId);
      await claimTask(dept, 'rf-1', held);
      const other = await rejection(claimTask(dept, 'rf-2', held));
      expect([other.code, errorReason(other)]).toEqual([status.FAILED_PRECONDITION, 'TASK_CLAIMED_BY_OTHER']);
      await claimTask(dept, 'rf-1', done);
      await decideTask(dept, 'rf-1', { taskId: done, outcome: DecisionOutcome.APPROVED });
      for (const officer of ['rf-1', 'rf-2']) {
        const decided = await rejection(claimTask(dept, officer, done));
        expect([decided.code, errorReason(decided)]).toEqual([status.FAILED_PRECONDITION, 'TASK_ALREADY_DECIDED']);
      }
      expect((await getTask(dept, held)).task).toMatchObject({ status: TaskStatus.CLAIMED, claimedBy: 'rf-1', version: 2 });
    });

    it('renews the lease when the holder claims again, and hands an expired claim to the next officer', async () => {
      const dept = 'LEASE-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      const first = (await claimTask(dept, 'l-1', id, 10)).task!;
      const renewed = (await claimTask(dept, 'l-1', id, 60)).task!;
      expect(renewed.leaseExpiresAt!.seconds - first.leaseExpiresAt!.seconds).toBeGreaterThanOrEqual(
        50 * MIN,
      );
      expect(renewed.version).toBe(first.version + 1);
      expect((await rejection(claimTask(dept, 'l-2', id))).code).toBe(status.FAILED_PRECONDITION);
      const tooLong = await rejection(claimTask(dept, 'l-1', id, 9 * 60));
      expect(tooLong.code).toBe(status.INVALID_ARGUMENT);

      // Let the lease run out (the test cannot wait 60 minutes).
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      await pg.query(
        `UPDATE departmental_approval.approval_task SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
        [id],
      );
      await pg.end();

      expect((await getTask(dept, id)).task).toMatchObject({ status: TaskStatus.PENDING, claimedBy: '' });
      const late = await rejection(
        decideTask(dept, 'l-1', { taskId: id, outcome: DecisionOutcome.APPROVED }),
      );
      expect([late.code, errorReason(late)]).toEqual([
        status.FAILED_PRECONDITION,
        'TASK_NOT_CLAIMED_BY_OFFICER',
      ]);
      expect((await claimTask(dept, 'l-2', id)).task).toMatchObject({
        status: TaskStatus.CLAIMED,
        claimedBy: 'l-2',
      });
    });

    it('refuses a decision without a claim, and a denial without a reason', async () => {
      const dept = 'DECIDE-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      const unclaimed = await rejection(
        decideTask(dept, 'd-1', { taskId: id, outcome: DecisionOutcome.APPROVED }),
      );
      expect([unclaimed.code, errorReason(unclaimed)]).toEqual([
        status.FAILED_PRECONDITION,
        'TASK_NOT_CLAIMED_BY_OFFICER',
      ]);

      await claimTask(dept, 'd-1', id);
      const noReason = await rejection(
        decideTask(dept, 'd-1', { taskId: id, outcome: DecisionOutcome.DENIED, reason: ' ' }),
      );
      expect([noReason.code, errorReason(noReason)]).toEqual([status.INVALID_ARGUMENT, 'REASON_REQUIRED']);
      const noOutcome = await rejection(decideTask(dept, 'd-1', { taskId: id }));
      expect(noOutcome.code).toBe(status.INVALID_ARGUMENT);
      const badId = await rejection(
        decideTask(dept, 'd-1', { taskId: 'not-a-task', outcome: DecisionOutcome.APPROVED }),
      );
      expect(badId.code).toBe(status.INVALID_ARGUMENT);
      const other = await rejection(
        decideTask(dept, 'd-2', { taskId: id, outcome: DecisionOutcome.APPROVED }),
      );
      expect([other.code, errorReason(other)]).toEqual([
        status.FAILED_PRECONDITION,
        'TASK_NOT_CLAIMED_BY_OFFICER',
      ]);
      expect((await getTask(dept, id)).task?.status).toBe(TaskStatus.CLAIMED);
    });

    it('decides once per request id: a repeat answers the same, without a second task.decided', async () => {
      const c = await route(routed([{ departmentCode: DEPT_A }, { departmentCode: DEPT_B }]));
      const [a, b] = c.tasks;
      await claimTask(DEPT_A, 'a-1', a.taskId);
      const request = {
        taskId: a.taskId,
        requestId: randomUUID(),
        outcome: DecisionOutcome.DENIED,
        reason: '经营场所不符合食品安全要求（《食品经营许可和备案管理办法》第十二条）',
        opinion: '不予许可',
      };
      const first = (await decideTask(DEPT_A, 'a-1', request)).task!;
      const again = (await decideTask(DEPT_A, 'a-1', request)).task!;
      expect(first).toMatchObject({
        status: TaskStatus.DENIED,
        outcome: DecisionOutcome.DENIED,
        decidedBy: 'a-1',
        claimedBy: '',
        reason: request.reason,
      });
      expect(again).toEqual(first);

      const reused = await rejection(decideTask(DEPT_A, 'a-1', { ...request, opinion: 'changed my mind' }));
      expect([reused.code, errorReason(reused)]).toEqual([status.FAILED_PRECONDITION, 'REQUEST_ID_REUSED']);
      const another = await rejection(decideTask(DEPT_A, 'a-1', { ...request, requestId: randomUUID() }));
      expect([another.code, errorReason(another)]).toEqual([
        status.FAILED_PRECONDITION,
        'TASK_ALREADY_DECIDED',
      ]);

      // A later event of the same case: once it is on Kafka, anything published before it is too.
      await claimTask(DEPT_B, 'b-1', b.taskId);
      await eventually(
        async () => probe.ofType(EventTypes.TaskClaimed, c.caseId).find((e) => e.data.taskId === b.taskId),
        {
          what: "task.claimed of department B's task",
        },
      );
      const decided = probe.ofType(EventTypes.TaskDecided, c.caseId);
      expect(decided).toHaveLength(1);
      expect(decided[0].data).toMatchObject({
        taskId: a.taskId,
        officerId: 'a-1',
        outcome: 'DENIED',
        documentsPending: false,
        reason: request.reason,
      });
    });

    it('decides once when the same request and a different one race: the same request answers the same, the other is refused', async () => {
      const dept = 'DECIDE-RACE-DEPT';
      const c = await route(routed([1, 2, 3].map((stage) => ({ departmentCode: dept, stage }))));
      for (const t of c.tasks) {
        await claimTask(dept, 'dr-1', t.taskId);
        const request = { taskId: t.taskId, requestId: randomUUID(), outcome: DecisionOutcome.APPROVED, opinion: '同意' };
        const results = await Promise.allSettled([
          decideTask(dept, 'dr-1', request),
          decideTask(dept, 'dr-1', request),
          decideTask(dept, 'dr-1', { ...request, requestId: randomUUID() }),
        ]);
        const [same1, same2, other] = results;
        if (same1.status === 'fulfilled' && same2.status === 'fulfilled') {
          // The first request won: its repeat answers the same task; the other request id is refused.
          expect(same2.value.task).toEqual(same1.value.task);
          expect(same1.value.task).toMatchObject({ status: TaskStatus.APPROVED, decidedBy: 'dr-1', version: 3 });
          expect(other.status).toBe('rejected');
          const e = (other as PromiseRejectedResult).reason as ServiceError;
          expect([e.code, errorReason(e)]).toEqual([status.FAILED_PRECONDITION, 'TASK_ALREADY_DECIDED']);
        } else {
          // The other request id won: both copies of the first are refused alike.
          expect(other.status).toBe('fulfilled');
          for (const r of [same1, same2]) {
            expect(r.status).toBe('rejected');
            const e = (r as PromiseRejectedResult).reason as ServiceError;
            expect([e.code, errorReason(e)]).toEqual([status.FAILED_PRECONDITION, 'TASK_ALREADY_DECIDED']);
          }
        }
      }
      await eventually(async () => (probe.ofType(EventTypes.TaskDecided, c.caseId).length >= 3 ? true : undefined));
      const decided = probe.ofType(EventTypes.TaskDecided, c.caseId);
      expect(decided.map((e) => e.data.taskId).sort()).toEqual(c.tasks.map((t) => t.taskId).sort());
    });

    it('gives up a claim or a decision that waits on a locked task row (lock timeout) with UNAVAILABLE, and changes nothing', async () => {
      const dept = 'LOCKED-DEPT';
      const c = await route(routed([1, 2].map((stage) => ({ departmentCode: dept, stage }))));
      const [toClaim, toDecide] = c.tasks.map((t) => t.taskId);
      await claimTask(dept, 'lk-1', toDecide);
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        await pg.query('BEGIN');
        await pg.query('SELECT 1 FROM departmental_approval.approval_task WHERE id = ANY($1) FOR UPDATE', [[toClaim, toDecide]]);
        const claim = await rejection(claimTask(dept, 'lk-2', toClaim));
        expect(claim.code).toBe(status.UNAVAILABLE);
        const decision = await rejection(decideTask(dept, 'lk-1', { taskId: toDecide, outcome: DecisionOutcome.APPROVED }));
        expect(decision.code).toBe(status.UNAVAILABLE);
      } finally {
        await pg.query('ROLLBACK');
        await pg.end();
      }
      expect((await getTask(dept, toClaim)).task).toMatchObject({ status: TaskStatus.PENDING, version: 1 });
      expect((await getTask(dept, toDecide)).task).toMatchObject({ status: TaskStatus.CLAIMED, claimedBy: 'lk-1', version: 2 });
    }, 30_000);

    it('publishes APPROVED_PENDING_DOCUMENTS as an approval with documents pending', async () => {
      const dept = 'RONGQUE-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 'p-1', id);
      const task = (
        await decideTask(dept, 'p-1', {
          taskId: id,
          outcome: DecisionOutcome.APPROVED_PENDING_DOCUMENTS,
          pendingMaterialCodes: ['M-SITE'],
        })
      ).task!;
      expect(task).toMatchObject({
        status: TaskStatus.APPROVED,
        outcome: DecisionOutcome.APPROVED_PENDING_DOCUMENTS,
        pendingMaterialCodes: ['M-SITE'],
      });
      const e = await probe.waitFor(EventTypes.TaskDecided, c.caseId);
      expect(e.data).toMatchObject({ outcome: 'APPROVED', documentsPending: true });
    });
  });

  describe('release, opinions, supplements, special procedures and transfers', () => {
    it('releases only the caller’s own claim: someone else’s release is a no-op, the holder’s puts the task back in the queue', async () => {
      const dept = 'RELEASE-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 'r-1', id);
      const other = await release(dept, 'r-2', id);
      expect(other.task).toMatchObject({ status: TaskStatus.CLAIMED, claimedBy: 'r-1' });
      const released = await release(dept, 'r-1', id, '换人办理');
      expect(released.task).toMatchObject({ status: TaskStatus.PENDING, claimedBy: '' });
      const e = await probe.waitFor(EventTypes.TaskReleased, c.caseId);
      expect(e.data).toMatchObject({ taskId: id, officerId: 'r-1', cause: 'RELEASED', note: '换人办理' });
      expect(await history(dept, id)).toEqual([
        ['task.assigned', 'system', TaskStatus.PENDING, ''],
        ['task.claimed', 'r-1', TaskStatus.CLAIMED, ''],
        ['task.released', 'r-1', TaskStatus.PENDING, '换人办理'],
      ]);
      expect((await claimTask(dept, 'r-2', id)).task?.claimedBy).toBe('r-2');
      expect((await rejection(release(DEPT_B, 'r-2', id))).code).toBe(status.NOT_FOUND);
    });

    it('keeps review opinions in the history, once per request id, from the claim holder only', async () => {
      const dept = 'OPINION-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      const unclaimed = await rejection(addOpinion(dept, 'p-1', id, '初审同意'));
      expect([unclaimed.code, errorReason(unclaimed)]).toEqual([
        status.FAILED_PRECONDITION,
        'TASK_NOT_CLAIMED_BY_OFFICER',
      ]);
      await claimTask(dept, 'p-1', id);
      const requestId = randomUUID();
      const first = await addOpinion(dept, 'p-1', id, '初审同意，材料齐全', requestId);
      expect(first.entry).toMatchObject({
        eventType: 'task.opinion-added',
        actor: 'p-1',
        note: '初审同意，材料齐全',
      });
      const again = await addOpinion(dept, 'p-1', id, '初审同意，材料齐全', requestId);
      expect(again.entry?.eventId).toBe(first.entry?.eventId);
      const reused = await rejection(addOpinion(dept, 'p-1', id, '另一意见', requestId));
      expect([reused.code, errorReason(reused)]).toEqual([status.FAILED_PRECONDITION, 'REQUEST_ID_REUSED']);
      await addOpinion(dept, 'p-1', id, '复审同意');
      expect((await rejection(addOpinion(dept, 'p-1', id, '   '))).code).toBe(status.INVALID_ARGUMENT);
      expect((await rejection(addOpinion(DEPT_B, 'p-1', id, '越权'))).code).toBe(status.NOT_FOUND);
      const notes = (await getTask(dept, id)).history.filter((h) => h.eventType === 'task.opinion-added');
      expect(notes.map((h) => h.note)).toEqual(['初审同意，材料齐全', '复审同意']);
      await eventually(async () =>
        probe.ofType(EventTypes.TaskOpinionAdded, c.caseId).length >= 2 ? true : undefined,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(probe.ofType(EventTypes.TaskOpinionAdded, c.caseId)).toHaveLength(2);
    });

    it('stops the task for a supplement, and the same task continues with its officer when the applicant supplies', async () => {
      const dept = 'SUPPLEMENT-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 's-1', id);
      expect((await rejection(requestSupplement(dept, 's-1', { taskId: id, items: [] }))).code).toBe(
        status.INVALID_ARGUMENT,
      );
      const asked = await requestSupplement(dept, 's-1', {
        taskId: id,
        items: [{ materialCode: 'M-SITE', description: '经营场所证明', problem: '缺少公章' }],
        note: '请于十五日内补正',
      });
      expect(asked.task).toMatchObject({ status: TaskStatus.SUPPLEMENT_REQUESTED, claimedBy: '' });
      const requested = await probe.waitFor(EventTypes.TaskSupplementRequested, c.caseId);
      expect(requested.data).toMatchObject({
        taskId: id,
        officerId: 's-1',
        items: [{ materialCode: 'M-SITE', description: '经营场所证明', problem: '缺少公章' }],
        note: '请于十五日内补正',
      });
      const waiting = await listTasks(dept, { status: TaskStatus.SUPPLEMENT_REQUESTED });
      expect(waiting.tasks.map((t) => t.id)).toEqual([id]);
      const decideNow = await rejection(
        decideTask(dept, 's-1', { taskId: id, outcome: DecisionOutcome.APPROVED }),
      );
      expect(decideNow.code).toBe(status.FAILED_PRECONDITION);
      expect((await rejection(claimTask(dept, 's-2', id))).code).toBe(status.FAILED_PRECONDITION);

      await publisher.send(
        makeEvent(EventTypes.CaseSupplemented, c.caseId, {
          caseId: c.caseId,
          caseNo: c.caseNo,
          materials: [{ code: 'M-SITE', name: '经营场所证明', provided: true }],
          supplementedAt: new Date().toISOString(),
        }),
      );
      const back = await eventually(async () => {
        const t = (await getTask(dept, id)).task!;
        return t.status === TaskStatus.CLAIMED ? t : undefined;
      });
      expect(back).toMatchObject({ id, claimedBy: 's-1' });
      const details = await getTask(dept, id);
      expect(details.caseSummary?.materials.find((m) => m.code === 'M-SITE')?.provided).toBe(true);
      expect((await probe.waitFor(EventTypes.TaskSupplemented, c.caseId)).data).toMatchObject({
        taskId: id,
        officerId: 's-1',
      });
      expect((await listTasks(dept)).tasks.filter((t) => t.caseId === c.caseId)).toHaveLength(1);
      await decideTask(dept, 's-1', { taskId: id, outcome: DecisionOutcome.APPROVED });
    });

    it('suspends for a special procedure with its kind and reason, and resumes to the officer who suspended', async () => {
      const dept = 'SUSPEND-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 'h-1', id);
      const noKind = await rejection(suspend(dept, 'h-1', { taskId: id, reason: '听证' }));
      expect(noKind.code).toBe(status.INVALID_ARGUMENT);
      const noReason = await rejection(suspend(dept, 'h-1', { taskId: id, kind: SuspensionKind.HEARING }));
      expect(noReason.code).toBe(status.INVALID_ARGUMENT);
      const suspended = await suspend(dept, 'h-1', {
        taskId: id,
        kind: SuspensionKind.HEARING,
        reason: '依申请举行听证',
        plannedDays: 20,
      });
      expect(suspended.task).toMatchObject({ status: TaskStatus.SUSPENDED });
      expect((await probe.waitFor(EventTypes.TaskSuspended, c.caseId)).data).toMatchObject({
        kind: 'HEARING',
        reason: '依申请举行听证',
        plannedDays: 20,
      });
      const requestId = randomUUID();
      const resumed = await resume(dept, 'h-2', { taskId: id, requestId, note: '听证结束' });
      expect(resumed.task).toMatchObject({ status: TaskStatus.CLAIMED, claimedBy: 'h-1' });
      const repeat = await resume(dept, 'h-2', { taskId: id, requestId, note: '听证结束' });
      expect(repeat.task?.version).toBe(resumed.task?.version);
      const again = await rejection(resume(dept, 'h-2', { taskId: id, note: '听证结束' }));
      expect([again.code, errorReason(again)]).toEqual([status.FAILED_PRECONDITION, 'TASK_NOT_SUSPENDED']);
      expect((await probe.waitFor(EventTypes.TaskResumed, c.caseId)).data).toMatchObject({
        officerId: 'h-2',
        note: '听证结束',
        promisedDeadline: resumed.task?.promisedDeadline,
      });
      expect(probe.ofType(EventTypes.TaskResumed, c.caseId)).toHaveLength(1);
    });

    it('transfers a task to another department: it leaves this queue and a new task enters the other', async () => {
      const from = 'TRANSFER-FROM';
      const to = 'TRANSFER-TO';
      const c = await route(routed([{ departmentCode: from }, { departmentCode: to, stage: 2 }]));
      const id = c.tasks[0].taskId;
      const live = await watch(to);
      await live.live;
      await claimTask(from, 't-1', id);
      expect(
        (await rejection(transfer(from, 't-1', { taskId: id, targetDepartmentCode: from, reason: 'x' })))
          .code,
      ).toBe(status.INVALID_ARGUMENT);
      const moved = await transfer(from, 't-1', {
        taskId: id,
        targetDepartmentCode: to,
        reason: '属住建部门职责',
      });
      expect(moved.task).toMatchObject({ id, status: TaskStatus.TRANSFERRED });
      const e = await probe.waitFor(EventTypes.TaskTransferred, c.caseId);
      expect(e.data).toMatchObject({
        taskId: id,
        targetDepartmentCode: to,
        stage: 1,
        reason: '属住建部门职责',
      });
      const newId = e.data.newTaskId;
      expect((await listTasks(from)).tasks.map((t) => t.id)).not.toContain(id);
      expect((await listTasks(from, { status: TaskStatus.TRANSFERRED })).tasks.map((t) => t.id)).toEqual([
        id,
      ]);
      const arrived = await live.waitFor(1);
      expect(arrived[0]).toMatchObject({
        type: QueueEventType.ASSIGNED,
        task: { id: newId, caseId: c.caseId, status: TaskStatus.PENDING, stage: 1 },
      });
      live.cancel();
      expect((await getTask(to, newId)).task?.promisedDeadline).toBe(moved.task?.promisedDeadline);
      // The target department works the new task like any other.
      await claimTask(to, 't-9', newId);
      // A second task of the same case and stage cannot be transferred there too.
      const c2 = await route(routed([{ departmentCode: from }, { departmentCode: to }]));
      await claimTask(from, 't-1', c2.tasks[0].taskId);
      const dup = await rejection(
        transfer(from, 't-1', { taskId: c2.tasks[0].taskId, targetDepartmentCode: to, reason: '职责' }),
      );
      expect(dup.code).toBe(status.ALREADY_EXISTS);
      expect((await getTask(from, c2.tasks[0].taskId)).task?.status).toBe(TaskStatus.CLAIMED);
    });

    it('warns yellow before the promised deadline and red after it, once each, never while the clock stands still', async () => {
      const dept = 'CLOCK-DEPT';
      // Accepted Friday 26 Sep 2025: promised 3 working days → Tue 30 Sep (Sun 28 Sep is a make-up
      // workday); legal 20 → Thu 30 Oct. Yellow one working day before: from 00:00 on Mon 29 Sep.
      const c = await route(
        routed([{ departmentCode: dept }], {
          acceptedAt: '2025-09-26T02:00:00.000Z',
          promisedLimitDays: 3,
          legalLimitDays: 20,
        }),
      );
      const id = c.tasks[0].taskId;
      clockTask = { dept, caseId: c.caseId, id };
      expect((await getTask(dept, id)).task).toMatchObject({
        promisedDeadline: '2025-09-30',
        legalDeadline: '2025-10-30',
      });
      const live = await watch(dept);
      await live.live;

      deadlineNow = new Date('2025-09-28T15:00:00Z'); // 23:00 on Sunday 28 Sep in Beijing
      await new Promise((r) => setTimeout(r, 800));
      expect(probe.ofType(EventTypes.TaskDeadlineWarned, c.caseId)).toHaveLength(0);

      deadlineNow = new Date('2025-09-29T02:00:00Z');
      const yellow = await probe.waitFor(EventTypes.TaskDeadlineWarned, c.caseId);
      expect(yellow.data).toMatchObject({
        taskId: id,
        level: 'YELLOW',
        deadlineKind: 'PROMISED',
        deadline: '2025-09-30',
        workingDaysRemaining: 1,
      });
      const [warned] = await live.waitFor(1);
      expect(warned).toMatchObject({
        type: QueueEventType.DEADLINE_WARNED,
        task: { id },
        deadlineWarning: {
          kind: approvalV1GrpcJs.DeadlineKind.PROMISED,
          deadline: '2025-09-30',
          workingDaysRemaining: 1,
        },
      });

      // Suspended, the clock stands still: no red warning even once the deadline has passed.
      await claimTask(dept, 'c-1', id);
      await suspend(dept, 'c-1', { taskId: id, kind: SuspensionKind.INSPECTION, reason: '现场核查' });
      deadlineNow = new Date('2025-10-09T02:00:00Z'); // the first working day after National Day
      await new Promise((r) => setTimeout(r, 800));
      expect(probe.ofType(EventTypes.TaskOverdue, c.caseId)).toHaveLength(0);

      await resume(dept, 'c-1', { taskId: id, note: '核查完毕' });
      const red = await probe.waitFor(EventTypes.TaskOverdue, c.caseId);
      expect(red.data).toMatchObject({
        level: 'RED',
        deadlineKind: 'PROMISED',
        deadline: '2025-09-30',
        workingDaysOverdue: 1,
      });
      const overdue = await eventually(async () =>
        live.events.find((e) => e.type === QueueEventType.OVERDUE),
      );
      expect(overdue.deadlineWarning).toMatchObject({ deadline: '2025-09-30', workingDaysRemaining: -1 });
      live.cancel();
      await new Promise((r) => setTimeout(r, 800));
      expect(probe.ofType(EventTypes.TaskDeadlineWarned, c.caseId)).toHaveLength(1);
      expect(probe.ofType(EventTypes.TaskOverdue, c.caseId)).toHaveLength(1);
      expect((await history(dept, id)).map(([type]) => type)).toEqual([
        'task.assigned',
        'task.deadline-warned',
        'task.claimed',
        'task.suspended',
        'task.resumed',
        'task.overdue',
      ]);
      // Later tests route tasks with deadlines in October 2025: keep them quiet.
      deadlineNow = BEFORE_ANY_DEADLINE;
    });

    it('returns a claim whose lease ran out to the queue, once, with a RELEASED queue event', async () => {
      const dept = 'SWEEP-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      const live = await watch(dept);
      await live.live;
      await claimTask(dept, 'x-1', id);
      await expireLease(id);
      const events = await live.waitFor(2);
      expect(events[1]).toMatchObject({
        type: QueueEventType.RELEASED,
        task: { id, status: TaskStatus.PENDING, claimedBy: '' },
      });
      live.cancel();
      expect((await probe.waitFor(EventTypes.TaskReleased, c.caseId)).data).toMatchObject({
        officerId: 'x-1',
        cause: 'LEASE_EXPIRED',
      });
      await new Promise((r) => setTimeout(r, 600));
      expect(probe.ofType(EventTypes.TaskReleased, c.caseId)).toHaveLength(1);
      expect(live.events).toHaveLength(2);
    });
    it('sends each warning and returns each expired lease once when several sweeps race, as several instances do', async () => {
      const dept = 'RACE-DEPT';
      const cases = await Promise.all(
        [1, 2, 3, 4, 5].map(() =>
          route(
            routed([{ departmentCode: dept }], {
              acceptedAt: '2025-09-26T02:00:00.000Z',
              promisedLimitDays: 3,
              legalLimitDays: 20,
            }),
          ),
        ),
      );
      const ids = cases.map((c) => c.tasks[0].taskId);
      for (const id of ids) await claimTask(dept, 'q-1', id);
      for (const id of ids) await expireLease(id);
      deadlineNow = new Date('2025-09-29T02:00:00Z');
      const deadlineSweeper = service.app.get(DeadlineSweeper);
      const leaseSweeper = service.app.get(LeaseSweeper);
      await Promise.all([
        ...[1, 2, 3, 4].map(() => deadlineSweeper.sweep()),
        ...[1, 2, 3, 4].map(() => leaseSweeper.sweep(new Date())),
      ]);
      for (const c of cases) {
        await probe.waitFor(EventTypes.TaskDeadlineWarned, c.caseId);
        await probe.waitFor(EventTypes.TaskReleased, c.caseId);
      }
      await new Promise((r) => setTimeout(r, 800));
      deadlineNow = BEFORE_ANY_DEADLINE;
      for (const c of cases) {
        expect(probe.ofType(EventTypes.TaskDeadlineWarned, c.caseId)).toHaveLength(1);
        expect(probe.ofType(EventTypes.TaskReleased, c.caseId)).toHaveLength(1);
      }
    });
  });

  describe('WatchQueue', () => {
    const dept = 'WATCH-DEPT';

    it('streams assigned, claimed and decided live, and resumes after a cursor with exactly the missed events', async () => {
      const live = await watch(dept);
      await live.live;
      const c1 = await route(routed([{ departmentCode: dept }]));
      const t1 = c1.tasks[0].taskId;
      await live.waitFor(1);
      await claimTask(dept, 'w-1', t1);
      await live.waitFor(2);
      await decideTask(dept, 'w-1', { taskId: t1, outcome: DecisionOutcome.APPROVED });
      const seen = await live.waitFor(3);
      expect(live.summary()).toEqual([
        [QueueEventType.ASSIGNED, t1, TaskStatus.PENDING],
        [QueueEventType.CLAIMED, t1, TaskStatus.CLAIMED],
        [QueueEventType.DECIDED, t1, TaskStatus.APPROVED],
      ]);
      expect(seen[1].task).toMatchObject({ claimedBy: 'w-1', version: 2 });
      expect(new Set(seen.map((e) => e.eventId)).size).toBe(3);
      live.cancel();

      // While nobody watches: a new task arrives and is claimed.
      const c2 = await route(routed([{ departmentCode: dept }]));
      const t2 = c2.tasks[0].taskId;
      await claimTask(dept, 'w-2', t2);

      const resumed = await watch(dept, seen[2].cursor);
      await resumed.waitFor(2);
      await decideTask(dept, 'w-2', { taskId: t2, outcome: DecisionOutcome.DENIED, reason: '材料不实' });
      await resumed.waitFor(3);
      // Give a duplicate the time to show up, if there were one.
      await new Promise((r) => setTimeout(r, 500));
      expect(resumed.summary()).toEqual([
        [QueueEventType.ASSIGNED, t2, TaskStatus.PENDING],
        [QueueEventType.CLAIMED, t2, TaskStatus.CLAIMED],
        [QueueEventType.DECIDED, t2, TaskStatus.DENIED],
      ]);

      // An older cursor replays everything after it, in order.
      const replay = await watch(dept, seen[0].cursor);
      await replay.waitFor(5);
      expect(replay.events.map((e) => e.eventId)).toEqual(
        [...seen.slice(1), ...resumed.events].map((e) => e.eventId),
      );
      replay.cancel();
      resumed.cancel();
    });

    it('shows another department nothing', async () => {
      const mine = await watch(dept);
      const theirs = await watch('OTHER-WATCH-DEPT');
      await Promise.all([mine.live, theirs.live]);
      const c = await route(routed([{ departmentCode: dept }]));
      await mine.waitFor(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(mine.events.map((e) => e.task?.id)).toEqual([c.tasks[0].taskId]);
      expect(theirs.events).toEqual([]);
      mine.cancel();
      theirs.cancel();
    });

    it('refuses a cursor it did not issue', async () => {
      const w = await watch(dept, 'bm90LWEtY3Vyc29y');
      await eventually(async () => w.error, { what: 'the stream to fail' });
      expect(w.error?.code).toBe(status.INVALID_ARGUMENT);
    });

    it('honours the call deadline and drops the subscriptions of streams that are gone', async () => {
      const w = await watch(dept, '', { deadline: new Date(Date.now() + 1500) });
      await w.live;
      await eventually(async () => w.error, { what: 'the deadline to pass' });
      expect(w.error?.code).toBe(status.DEADLINE_EXCEEDED);
      // Every stream of this file is gone now: no Redis subscription of this test run may be left.
      await eventually(
        async () =>
          ((await redis.pubsub('CHANNELS', `${prefix}*`)) as string[]).length === 0 ? true : undefined,
        {
          what: 'no Redis subscriptions left',
          timeoutMs: 5000,
        },
      );
    });
  });

  // Last: it stops the service.
  describe('audit trail', () => {
    const audit = async (taskId: string) => {
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        return (
          await pg.query(
            'SELECT actor, actor_roles, action, reason FROM departmental_approval.audit_log WHERE subject_id = $1 ORDER BY position',
            [taskId],
          )
        ).rows;
      } finally {
        await pg.end();
      }
    };

    it('records every change of a task — who, what, why — and the officer reads, in an intact chain', async () => {
      const dept = 'AUDIT-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 'au-1', id);
      await requestSupplement(dept, 'au-1', { taskId: id, note: '请补交场所证明', items: [{ materialCode: 'M-SITE', description: '租赁合同', problem: '缺少' }] });
      const c2 = await route(routed([{ departmentCode: 'AUDIT-OTHER' }]));
      const other = c2.tasks[0].taskId;
      await claimTask('AUDIT-OTHER', 'au-9', other);
      await transfer('AUDIT-OTHER', 'au-9', { taskId: other, targetDepartmentCode: dept, reason: '属市场监管职责' });
      expect(await audit(id)).toEqual(
        expect.arrayContaining([
          { actor: 'system:departmental-approval', actor_roles: 'system', action: 'task.assigned', reason: null },
          { actor: 'au-1', actor_roles: 'officer', action: 'task.claimed', reason: null },
          { actor: 'au-1', actor_roles: 'officer', action: 'task.supplement-requested', reason: '请补交场所证明; 租赁合同' },
          { actor: 'reader', actor_roles: 'officer', action: 'task.read', reason: null },
        ]),
      );
      expect((await audit(other)).map((r) => [r.actor, r.action, r.reason])).toContainEqual(['au-9', 'task.transferred', '属市场监管职责']);
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        const verdict = await verifyAuditChain((sql, params) => pg.query(sql, params), 'departmental_approval');
        expect(verdict.broken).toBeUndefined();
        expect(verdict.checked).toBeGreaterThan(5);
      } finally {
        await pg.end();
      }
    });

    it('refuses UPDATE and DELETE; a row changed behind the trigger is named as the first broken link', async () => {
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        await expect(pg.query("UPDATE departmental_approval.audit_log SET actor = 'nobody'")).rejects.toThrow(/append-only/);
        await expect(pg.query('DELETE FROM departmental_approval.audit_log')).rejects.toThrow(/append-only/);
        const all = await pg.query('SELECT a.position::text AS pos FROM departmental_approval.audit_log a ORDER BY a.position');
        const victim = all.rows[Math.floor(all.rows.length / 2)].pos as string;
        await pg.query('BEGIN');
        await pg.query('SET LOCAL session_replication_role = replica');
        await pg.query("UPDATE departmental_approval.audit_log SET reason = 'nothing to see' WHERE position = $1", [victim]);
        await pg.query('COMMIT');
        const verdict = await verifyAuditChain((sql, params) => pg.query(sql, params), 'departmental_approval');
        expect(verdict.broken?.position).toBe(victim);
        expect(verdict.checked).toBe(all.rows.findIndex((r) => r.pos === victim));
      } finally {
        await pg.end();
      }
    });
  });

  describe('restart', () => {
    it('keeps a lease and a pending deadline warning across a restart: the lease expires, the warning goes out once', async () => {
      const dept = 'RESTART-DEPT';
      const c = await route(routed([{ departmentCode: dept }]));
      const id = c.tasks[0].taskId;
      await claimTask(dept, 'z-1', id);
      running = false;
      await service.close();
      await expireLease(id);
      // Meanwhile the clock passed the legal deadline of the deadline test's task (30 Oct 2025).
      deadlineNow = new Date('2025-10-31T02:00:00Z');
      service = await startDepartmentalApproval(
        config,
        createLogger('departmental-approval', config.LOG_LEVEL),
        {
          clock,
        },
      );
      running = true;
      const e = await probe.waitFor(EventTypes.TaskReleased, c.caseId);
      expect(e.data).toMatchObject({ taskId: id, officerId: 'z-1', cause: 'LEASE_EXPIRED' });
      expect((await history(dept, id)).at(-1)).toEqual([
        'task.released',
        'system',
        TaskStatus.PENDING,
        'lease expired',
      ]);

      // The escalation (督办) that fell due while no instance ran goes out once, after the start.
      const t = clockTask!;
      const escalated = await eventually(async () =>
        probe.ofType(EventTypes.TaskOverdue, t.caseId).find((e) => e.data.level === 'ESCALATION'),
      );
      expect(escalated.data).toMatchObject({
        taskId: t.id,
        deadlineKind: 'LEGAL',
        deadline: '2025-10-30',
        workingDaysOverdue: 1,
      });
      await new Promise((r) => setTimeout(r, 800));
      expect(probe.ofType(EventTypes.TaskOverdue, t.caseId).map((e) => e.data.level)).toEqual([
        'RED',
        'ESCALATION',
      ]);
      expect(probe.ofType(EventTypes.TaskDeadlineWarned, t.caseId)).toHaveLength(1);
      deadlineNow = BEFORE_ANY_DEADLINE;
    });
  });

  describe('shutdown', () => {
    it('turns health NOT_SERVING and ends open streams with UNAVAILABLE, so clients reconnect elsewhere', async () => {
      const health = new Client(address, credentials.createInsecure());
      const statuses: string[] = [];
      const healthWatch = health.makeServerStreamRequest(
        healthService['Watch']!.path,
        healthService['Watch']!.requestSerialize,
        healthService['Watch']!.responseDeserialize,
        { service: DEPARTMENT_QUEUE_SERVICE_FQN },
      );
      healthWatch.on('data', (r: { status: string }) => statuses.push(r.status));
      healthWatch.on('error', () => undefined);
      await eventually(async () => (statuses.length ? true : undefined), { what: 'the first health status' });
      const w = await watch('SHUTDOWN-DEPT');
      await w.live;

      running = false;
      await service.close();

      expect(w.error?.code).toBe(status.UNAVAILABLE);
      expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
      health.close();
    });
  });
});
