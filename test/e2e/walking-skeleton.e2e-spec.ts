import { createHmac, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { credentials, Metadata } from '@grpc/grpc-js';
import { approvalV1GrpcJs as pb } from '@onewindow/proto';
import {
  createTestDatabase,
  eventually,
  REPO_ROOT,
  ServiceProcess,
  serviceEnv,
  SmtpSink,
  uniqueTopicPrefix,
  WebhookSink,
} from '@onewindow/testing';

/**
 * The walking skeleton, as the five services run in production: separate processes from the
 * build, real PostgreSQL, Redis and Kafka. A clerk accepts a case, the department decides it over
 * gRPC (a client made from the proto alone), the clerk hands the licence over, the applicant is
 * told by e-mail and the integrator by a signed webhook at each milestone.
 */
jest.setTimeout(240_000);

const run = promisify(execFile);
const CITIZEN = '11010519491231002X';

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

/** A unary call as a promise: `call<Res>((cb) => client.method(req, md, cb))`. */
function call<Res>(start: (cb: (e: Error | null, r: Res) => void) => unknown): Promise<Res> {
  return new Promise((done, fail) => start((e, r) => (e ? fail(e) : done(r))));
}

describe('walking skeleton: one case through all five services', () => {
  const prefix = uniqueTopicPrefix('e2e');
  const secret = randomBytes(32).toString('base64url');
  const webhookSecret = randomBytes(32).toString('base64url');
  const smtp = new SmtpSink();
  const hooks = new WebhookSink();
  let db: { url: string; drop(): Promise<void> };
  let services: Record<string, ServiceProcess>;
  let grpcPort: number;
  let client: InstanceType<typeof pb.DepartmentQueueServiceClient>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const smtpPort = await smtp.start();
    const hookUrl = await hooks.start();
    grpcPort = await freePort();
    const env = serviceEnv(db.url, prefix, { LOG_LEVEL: 'warn' });
    // The seed command migrates intake's schema and loads the catalogue, as `npm start` does.
    await run(process.execPath, [resolve(REPO_ROOT, 'dist/services/intake/src/seed.js')], { cwd: REPO_ROOT, env: { ...env, PATH: process.env.PATH } });
    // …and routing's seed publishes the routing rules, without which no case would be routed.
    await run(process.execPath, [resolve(REPO_ROOT, 'dist/services/routing/src/seed.js')], { cwd: REPO_ROOT, env: { ...env, PATH: process.env.PATH } });
    const extra: Record<string, Record<string, string>> = {
      'departmental-approval': { AUTH_JWT_SECRET: secret, GRPC_PORT: String(grpcPort) },
      'document-issuance': { SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url') },
      notification: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'OneWindow <noreply@onewindow.test>',
        WEBHOOK_URLS: hookUrl,
        WEBHOOK_SECRET: webhookSecret,
      },
    };
    const names = ['intake', 'routing', 'departmental-approval', 'document-issuance', 'notification'];
    services = {};
    for (const name of names) services[name] = new ServiceProcess(name, { ...env, ...extra[name] }, await freePort());
    await Promise.all(Object.values(services).map((s) => s.start(90_000)));
    client = new pb.DepartmentQueueServiceClient(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await Promise.all(Object.values(services ?? {}).map((s) => s.stop()));
    await smtp.stop();
    await hooks.stop();
    await db?.drop();
  });

  async function departmentMetadata(department: string, officer: string): Promise<Metadata> {
    const { stdout } = await run(
      process.execPath,
      [resolve(REPO_ROOT, 'dist/services/departmental-approval/src/mint-token.js'), department, officer],
      { env: { PATH: process.env.PATH, AUTH_JWT_SECRET: secret } },
    );
    const md = new Metadata();
    md.set('authorization', `Bearer ${stdout.trim()}`);
    return md;
  }

  it('accepts at the window, decides in the department, hands over at the window, and tells the applicant', async () => {
    const intake = services.intake.baseUrl;
    const issuance = services['document-issuance'].baseUrl;

    // 1. The clerk accepts the application.
    const created = await fetch(`${intake}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-${prefix}` },
      body: JSON.stringify({
        matterCode: 'WH-SCJGJ-001',
        regionCode: '420102',
        channel: 'WINDOW',
        applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN, contact: { email: 'zhang.san@example.org' } },
        materials: ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
      }),
    });
    expect(created.status).toBe(201);
    const receipt = (await created.json()) as { id: string; caseNo: string; promisedDate: string };

    // 2. The department sees the task in its queue, claims and approves it over gRPC.
    const md = await departmentMetadata('WH-SCJGJ', 'officer-001');
    const task = await eventually(
      async () => {
        const page = await call<pb.ListTasksResponse>((cb) => client.listTasks(pb.ListTasksRequest.fromPartial({ pageSize: 50 }), md, cb));
        return page.tasks.find((t) => t.caseId === receipt.id);
      },
      { what: 'the task in the WH-SCJGJ queue', timeoutMs: 60_000 },
    );
    expect(task).toMatchObject({ caseNo: receipt.caseNo, matterCode: 'WH-SCJGJ-001', status: pb.TaskStatus.PENDING });
    const other = await departmentMetadata('WH-XFJY', 'officer-009');
    const foreign = await call<pb.ListTasksResponse>((cb) => client.listTasks(pb.ListTasksRequest.fromPartial({}), other, cb));
    expect(foreign.tasks.find((t) => t.caseId === receipt.id)).toBeUndefined();

    const claimed = await call<pb.ClaimTaskResponse>((cb) =>
      client.claimTask(pb.ClaimTaskRequest.fromPartial({ taskId: task.id, officerId: 'officer-001' }), md, cb),
    );
    expect(claimed.task?.status).toBe(pb.TaskStatus.CLAIMED);
    const decided = await call<pb.DecideTaskResponse>((cb) =>
      client.decideTask(
        pb.DecideTaskRequest.fromPartial({ taskId: task.id, requestId: `decide-${task.id}`, officerId: 'officer-001', outcome: pb.DecisionOutcome.APPROVED, opinion: '材料齐全，符合条件' }),
        md,
        cb,
      ),
    );
    expect(decided.task?.status).toBe(pb.TaskStatus.APPROVED);

    // 3. The licence is ready at the window; the clerk checks the holder's identity and hands it over.
    const doc = await eventually(
      async () => {
        const r = (await (await fetch(`${issuance}/api/v1/documents?status=READY_FOR_PICKUP&caseId=${receipt.id}`)).json()) as { items: Array<Record<string, any>> };
        return r.items[0];
      },
      { what: 'the licence ready for pickup', timeoutMs: 60_000 },
    );
    expect(doc).toMatchObject({ caseNo: receipt.caseNo, kind: 'LICENCE', holder: { name: '张三' } });
    expect(doc.verificationCode).toMatch(/^\S{10,}$/);
    const handover = await fetch(`${issuance}/api/v1/documents/${doc.id}/handover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'WINDOW', collector: { name: '张三', idNumber: CITIZEN, role: 'HOLDER' } }),
    });
    expect(handover.status).toBeLessThan(300);
    const verified = (await (await fetch(`${issuance}/api/v1/verification/${doc.verificationCode}`)).json()) as Record<string, unknown>;
    expect(verified).toMatchObject({ valid: true, documentNo: doc.documentNo });

    // 4. The case shows every step, in order.
    const expected = ['case.received', 'case.accepted', 'case.routed', 'task.assigned', 'task.claimed', 'task.decided', 'case.decided', 'document.issued', 'document.handed-over'];
    const view = await eventually(
      async () => {
        const v = (await (await fetch(`${intake}/api/v1/cases/${receipt.id}`)).json()) as { status: string; timeline: Array<{ type: string }> };
        return v.status === 'DELIVERED' && v.timeline.length === expected.length ? v : undefined;
      },
      { what: 'the case DELIVERED with its whole timeline', timeoutMs: 60_000 },
    );
    expect(view.timeline.map((e) => e.type)).toEqual(expected);

    // 5. The applicant got one e-mail per milestone, with the case number; nothing twice.
    const mails = await eventually(
      async () => {
        const mine = smtp.messages.filter((m) => m.to.includes('zhang.san@example.org'));
        return mine.length >= 4 ? mine : undefined;
      },
      { what: 'four e-mails to the applicant', timeoutMs: 60_000 },
    );
    for (const m of mails) expect(`${m.subject}\n${m.text}`).toContain(receipt.caseNo);
    // The acceptance mail names the promised date the way the receipt does, in Chinese: 2026年12月4日.
    const [y, mo, d] = receipt.promisedDate.split('-').map(Number);
    expect(mails.some((m) => m.text.includes(`${y}年${mo}月${d}日`))).toBe(true);
    expect(mails.some((m) => m.text.includes(doc.documentNo as string))).toBe(true);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(mails.length);

    // 6. The integrator's webhook got the same milestones, each signed with the shared secret.
    const calls = await eventually(async () => {
      const mine = hooks.calls.filter((c) => c.body.includes(receipt.id));
      return mine.length >= 4 ? mine : undefined;
    }, { what: 'webhook calls' });
    for (const c of calls) {
      const ts = String(c.headers['x-onewindow-timestamp']);
      const expectedSig = createHmac('sha256', webhookSecret).update(`${ts}.${c.body}`).digest('hex');
      expect(c.headers['x-onewindow-signature']).toBe(`v1=${expectedSig}`);
    }
  });
});
