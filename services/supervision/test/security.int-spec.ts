import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, serviceEnv, uniqueTopicPrefix } from '@onewindow/testing';
import { Client } from 'pg';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadSupervisionConfig } from '../src/config/supervision.config';
import { SUPERVISION } from '../src/service';

jest.setTimeout(90_000);

const SECRET = 'supervision-security-secret-0123456789abcdef';

const token = (subject: string, claims: Record<string, string>) =>
  mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject, claims, ttlSeconds: 600 });

/** Rectifications (整改) are a department's own work: an officer sees and answers only their department's. */
describe('supervision security: rectifications per department', () => {
  const prefix = uniqueTopicPrefix('sup-sec');
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  let scjgj: string;
  let zjj: string;
  let operator: string;

  const call = async (method: string, path: string, bearer: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  /** A poor evaluation with its open rectification, written as the evaluation use case would have. */
  async function rectificationOf(departmentCode: string): Promise<string> {
    const caseId = ulid();
    const id = ulid();
    await pg.query(
      `INSERT INTO supervision.evaluation (case_id, case_no, matter_code, department_code, region_code, city_code, score, reason, submitted_at)
       VALUES ($1, $2, 'WH-X-001', $3, '420102', '420100', 1, '让我跑了三趟', now())`,
      [caseId, `420102-20261129-${caseId.slice(-6)}`, departmentCode],
    );
    await pg.query(
      `INSERT INTO supervision.rectification (id, case_id, case_no, department_code, region_code, score, reason, status, deadline, opened_at)
       VALUES ($1, $2, $3, $4, '420102', 1, '让我跑了三趟', 'OPEN', '2026-12-18', now())`,
      [id, caseId, `420102-20261129-${caseId.slice(-6)}`, departmentCode],
    );
    return id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadSupervisionConfig(
      serviceEnv(db.url, prefix, { AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, EVALUATION_SECRET: 'supervision-evaluation-secret-0123456789' }),
    );
    const logger = createLogger(SUPERVISION.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...SUPERVISION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    scjgj = await token('officer-scj', { role: 'officer', department: 'WH-SCJGJ' });
    zjj = await token('officer-zjj', { role: 'officer', department: 'WH-ZJJ' });
    operator = await token('sup-1', { role: 'operator' });
  });

  afterAll(async () => {
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  it("an officer neither lists, reads nor answers another department's rectification (404 like a missing one)", async () => {
    const mine = await rectificationOf('WH-SCJGJ');
    const theirs = await rectificationOf('WH-ZJJ');

    const listed = await call('GET', '/api/v1/rectifications?limit=100', scjgj);
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(listed.body.items.every((r: { departmentCode: string }) => r.departmentCode === 'WH-SCJGJ')).toBe(true);
    // Asking for the other department by filter shows nothing either.
    expect((await call('GET', '/api/v1/rectifications?departmentCode=WH-ZJJ', scjgj)).body.items).toEqual([]);

    const read = await call('GET', `/api/v1/rectifications/${theirs}`, scjgj);
    expect(read.status).toBe(404);
    expect(read.body.type).toBe('/problems/rectification-not-found');
    const answer = await call('POST', `/api/v1/rectifications/${theirs}/response`, scjgj, { response: '已整改' });
    expect(answer.status).toBe(404);
    const row = await pg.query('SELECT status, response FROM supervision.rectification WHERE id = $1', [theirs]);
    expect(row.rows[0]).toEqual({ status: 'OPEN', response: null });

    // Their own department's: read and answered.
    expect((await call('GET', `/api/v1/rectifications/${mine}`, scjgj)).status).toBe(200);
    expect((await call('POST', `/api/v1/rectifications/${mine}/response`, scjgj, { response: '已约谈窗口人员' })).status).toBe(200);
    // The other department answers its own.
    expect((await call('POST', `/api/v1/rectifications/${theirs}/response`, zjj, { response: '已整改' })).status).toBe(200);
  });

  it('who answered, followed up and closed is the verified caller: a body naming someone else is refused, the record names the caller', async () => {
    const id = await rectificationOf('WH-SCJGJ');
    const path = `/api/v1/rectifications/${id}`;
    // officer-scj tries to answer in officer-zjj's name; the operator sup-1 as another supervisor.
    const posing = await call('POST', `${path}/response`, scjgj, { response: '已约谈窗口人员', respondedBy: 'officer-zjj' });
    expect(posing.status).toBe(400);
    expect(posing.body).toMatchObject({ type: '/problems/validation-error', errors: [{ field: 'respondedBy' }] });
    expect((await pg.query('SELECT status FROM supervision.rectification WHERE id = $1', [id])).rows[0].status).toBe('OPEN');

    expect((await call('POST', `${path}/response`, scjgj, { response: '已约谈窗口人员' })).body).toMatchObject({ status: 'RESPONDED', respondedBy: 'officer-scj' });
    const followUpAs = await call('POST', `${path}/follow-up`, operator, { note: '申请人表示满意', applicantSatisfied: true, followedUpBy: 'sup-2' });
    expect(followUpAs.status).toBe(400);
    expect(followUpAs.body.errors).toEqual([expect.objectContaining({ field: 'followedUpBy' })]);
    expect((await call('POST', `${path}/follow-up`, operator, { note: '申请人表示满意', applicantSatisfied: true })).body).toMatchObject({ followedUpBy: 'sup-1' });
    const closeAs = await call('POST', `${path}/closure`, operator, { closedBy: 'sup-2' });
    expect(closeAs.status).toBe(400);
    expect(closeAs.body.errors).toEqual([expect.objectContaining({ field: 'closedBy' })]);
    expect((await call('POST', `${path}/closure`, operator, {})).body).toMatchObject({ status: 'CLOSED', closedBy: 'sup-1' });
    const row = await pg.query('SELECT responded_by, followed_up_by, closed_by FROM supervision.rectification WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ responded_by: 'officer-scj', followed_up_by: 'sup-1', closed_by: 'sup-1' });
  });

  it('operators who supervise the rectifications see every department', async () => {
    const a = await rectificationOf('WH-SCJGJ');
    const b = await rectificationOf('WH-ZJJ');
    const ids = (await call('GET', '/api/v1/rectifications?limit=100', operator)).body.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    expect((await call('GET', `/api/v1/rectifications/${b}`, operator)).status).toBe(200);
  });
});
