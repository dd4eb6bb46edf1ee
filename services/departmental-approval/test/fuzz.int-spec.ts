import { createServer } from 'node:net';
import { credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { type CaseRouted, EventTypes } from '@onewindow/contracts';
import { createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { approvalV1GrpcJs, DEPARTMENT_QUEUE_PROTO, DEPARTMENT_QUEUE_SERVICE_FQN, PROTO_LOADER_OPTIONS } from '@onewindow/proto';
import {
  createTestDatabase,
  eventually,
  fuzzGrpcService,
  fuzzRestApi,
  makeEvent,
  schemaRowCounts,
  serviceEnv,
  TestPublisher,
  uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import fc from 'fast-check';
import { Client } from 'pg';
import { ulid } from 'ulid';
import { loadDepartmentalApprovalConfig } from '../src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../src/start';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';
const DEPT = '420100-SCJGJ';
const OTHER_DEPT = '420100-ZJJ';
const OFFICER = 'officer-fuzz';

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

function routed(departmentCode: string): CaseRouted {
  const caseId = ulid();
  return {
    caseId,
    caseNo: `420102-20261129-${caseId.slice(-6)}`,
    matterCode: 'WH-SCJGJ-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW',
    applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X', contact: { phone: '13800000000' } },
    planId: ulid(),
    tasks: [{ taskId: ulid(), departmentCode, stage: 1 }],
    materials: [{ code: 'M-SITE', name: '经营场所证明', provided: false }],
    legalLimitDays: 20,
    promisedLimitDays: 3,
    acceptedAt: new Date().toISOString(),
    routedAt: new Date().toISOString(),
  };
}

/**
 * Issue #9: hostile DepartmentQueueService requests (every field of every request message of the
 * proto, raw bytes, bad metadata) and hostile REST input never break the service or change a task.
 */
describe('departmental-approval fuzzing: the DepartmentQueueService gRPC door and the REST port', () => {
  const prefix = uniqueTopicPrefix('da-fuzz');
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let grpcAddress: string;
  let pg: Client;
  let publisher: TestPublisher;
  let token: string;
  const taskIds: string[] = [];
  let spareTaskId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const grpcPort = await freePort();
    const config = loadDepartmentalApprovalConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(grpcPort),
        AUTH_JWT_SECRET: SECRET,
        // No sweep may move a task between a rejected call and the check that it changed nothing.
        LEASE_SWEEP_INTERVAL_MS: '600000',
        DEADLINE_SWEEP_INTERVAL_MS: '600000',
      }),
    );
    service = await startDepartmentalApproval(config, createLogger('departmental-approval', config.LOG_LEVEL));
    grpcAddress = `127.0.0.1:${grpcPort}`;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    token = await mintAccessToken(
      { secret: SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE },
      { subject: OFFICER, claims: { dept: DEPT }, ttlSeconds: 3_600 },
    );
    // Real tasks, three of the caller's department and one of another, so well-formed ids reach the task rules.
    const cases = [routed(DEPT), routed(DEPT), routed(DEPT), routed(OTHER_DEPT), routed(DEPT)];
    taskIds.push(...cases.slice(0, 4).map((c) => c.tasks[0].taskId));
    // One the fuzzer does not know of, for the NUL check.
    spareTaskId = cases[4].tasks[0].taskId;
    publisher = new TestPublisher(prefix);
    await publisher.send(...cases.map((c) => makeEvent(EventTypes.CaseRouted, c.caseId, c)));
    await eventually(
      async () => ((await pg.query('SELECT count(*)::int AS n FROM departmental_approval.approval_task')).rows[0].n === cases.length ? true : undefined),
      { what: 'the routed tasks' },
    );
  });

  afterAll(async () => {
    await publisher?.close();
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  /** Tasks in full (status, claim, decision, opinion...), and how many queue events, requests, warnings and outbox rows exist. */
  const writeSide = async () =>
    JSON.stringify(
      (
        await pg.query(`SELECT
          (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM departmental_approval.approval_task t) AS tasks,
          (SELECT count(*) FROM departmental_approval.queue_event) AS queue_events,
          (SELECT count(*) FROM departmental_approval.task_request) AS requests,
          (SELECT count(*) FROM departmental_approval.deadline_warning) AS warnings,
          (SELECT count(*) FROM departmental_approval.outbox) AS outbox`)
      ).rows[0],
    );

  it('answers every hostile DepartmentQueueService request with OK or a client-error status, and rejected ones change no task', async () => {
    const report = await fuzzGrpcService({
      address: grpcAddress,
      protoPath: DEPARTMENT_QUEUE_PROTO,
      loader: PROTO_LOADER_OPTIONS,
      serviceFqn: DEPARTMENT_QUEUE_SERVICE_FQN,
      seed: FUZZ_SEED,
      runs: FUZZ_RUNS,
      metadata: () => {
        const m = new Metadata();
        m.set('authorization', `Bearer ${token}`);
        return m;
      },
      plausibleFields: {
        taskId: fc.constantFrom(...taskIds, taskIds[0].toLowerCase(), ulid()),
        officerId: fc.constantFrom('', OFFICER, 'another-officer'),
        requestId: fc.uuid(),
        reason: fc.constantFrom('材料不齐', 'site inspection'),
        text: fc.constantFrom('同意', 'agree'),
        description: fc.constantFrom('经营场所证明'),
        targetDepartmentCode: fc.constantFrom(OTHER_DEPT, DEPT, 'NO-SUCH-DEPT'),
        leaseDuration: fc.constantFrom({ seconds: 600, nanos: 0 }, { seconds: 1, nanos: 0 }),
        plannedDays: fc.constantFrom(0, 10),
        pageSize: fc.constantFrom(0, 10),
        note: fc.constantFrom('', '已联系申请人'),
        opinion: fc.constantFrom('', '同意'),
        matterCode: fc.constantFrom('WH-SCJGJ-001', 'M-SITE'),
        regionCode: fc.constantFrom('', '420102'),
      },
      stateOf: writeSide,
    });
    console.log(
      `departmental-approval gRPC fuzz: ${report.tried} inputs over ${report.methods} methods in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each): ${JSON.stringify(report.codes)}`,
    );
    expect(report.failures.slice(0, 30)).toEqual([]);

    // Still up and serving the caller's queue afterwards.
    const client = new approvalV1GrpcJs.DepartmentQueueServiceClient(grpcAddress, credentials.createInsecure());
    const m = new Metadata();
    m.set('authorization', `Bearer ${token}`);
    const page = await new Promise<approvalV1GrpcJs.ListTasksResponse>((resolve, reject) =>
      client.listTasks(approvalV1GrpcJs.ListTasksRequest.fromPartial({ status: approvalV1GrpcJs.TaskStatus.CANCELLED }), m, (e: ServiceError | null, r) => (e ? reject(e) : resolve(r))),
    );
    client.close();
    expect(page.tasks).toEqual([]);
  });

  it('refuses a NUL character in a text field with INVALID_ARGUMENT before anything is stored (PostgreSQL refused it: INTERNAL)', async () => {
    const client = new approvalV1GrpcJs.DepartmentQueueServiceClient(grpcAddress, credentials.createInsecure());
    const m = new Metadata();
    m.set('authorization', `Bearer ${token}`);
    const call = (rpc: 'claimTask' | 'addOpinion', req: object) =>
      new Promise<ServiceError | null>((resolve) => (client[rpc] as (r: object, md: Metadata, cb: (e: ServiceError | null) => void) => void).call(client, req, m, resolve));
    const taskId = spareTaskId;
    expect(await call('claimTask', approvalV1GrpcJs.ClaimTaskRequest.fromPartial({ taskId }))).toBeNull();
    const before = await writeSide();
    const e = await call('addOpinion', approvalV1GrpcJs.AddOpinionRequest.fromPartial({ taskId, requestId: ulid(), text: '同意\u0000' }));
    client.close();
    expect({ code: e?.code, details: e?.details }).toEqual({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('NUL') as string });
    expect(await writeSide()).toEqual(before);
  });

  it('answers every hostile REST input (health checks only) with a catalogued 4xx problem or success, and writes nothing', async () => {
    const doc = committedOpenApiDocument('departmental-approval');
    const before = await schemaRowCounts(pg, 'departmental_approval', ['inbox']);
    const report = await fuzzRestApi({ base: service.urls.http, doc, seed: FUZZ_SEED, runs: FUZZ_RUNS });
    console.log(`departmental-approval REST fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms: ${JSON.stringify(report.statuses)}`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await schemaRowCounts(pg, 'departmental_approval', ['inbox'])).toEqual(before);
  });
});
