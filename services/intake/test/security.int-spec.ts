import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { EventTypes, Topics } from '@onewindow/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { bootstrapService, createLogger, FieldCipher, mintAccessToken, type RunningService, verifyAuditChain } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, makeEvent, REPO_ROOT, serviceEnv, TestPublisher, uniqueTopicPrefix } from '@onewindow/testing';
import { ulid } from 'ulid';
import { KeyedHolderKeys1765200000000 } from '../migrations/1765200000000-keyed-holder-keys';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { SeedCatalogUseCase } from '../src/catalog/seed-catalog.usecase';
import { installPersonalDataCipher } from '../src/cases/infrastructure/personal-data';
import { reencryptPersonalData } from '../src/cases/infrastructure/reencrypt-personal-data';
import { type IntakeConfig, loadIntakeConfig } from '../src/config/intake.config';

jest.setTimeout(60_000);

const SECRET = 'security-suite-secret-0123456789abcdef';
const CITIZEN = '11010519491231002X';
const PHONE = '13912345678';
const APPLICATION = {
  matterCode: 'WH-SCJGJ-001',
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN, contact: { phone: PHONE } },
  materials: ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
};

const token = (subject: string, claims: Record<string, string>, o: { ttl?: number; audience?: string; issuer?: string; now?: Date } = {}) =>
  mintAccessToken(
    { secret: SECRET, issuer: o.issuer ?? 'onewindow', audience: o.audience ?? 'onewindow' },
    { subject, claims, ttlSeconds: o.ttl ?? 600, ...(o.now ? { now: o.now } : {}) },
  );
const clerk = (subject: string, regionCode: string, serviceCentre: string) => token(subject, { role: 'clerk', regionCode, serviceCentre });

/** OWASP API Security Top 10 (2023) items that apply to the comprehensive window, over real HTTP. */
describe('intake security: authentication, object- and function-level authorisation, personal data', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  let config: IntakeConfig;
  let publisher: TestPublisher;
  const prefix = uniqueTopicPrefix('intake-sec');
  const logLines: string[] = [];
  let wuchang: string; // a clerk of 江岸区 (420102) at centre JA-01
  let otherCounty: string;
  let cityClerk: string;
  let otherCentre: string;
  let operator: string;
  let officer: string;
  let integrator: string;

  const call = (method: string, path: string, bearer?: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadIntakeConfig(
      serviceEnv(db.url, prefix, { HTTP_PORT: '0', AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '40', LOG_LEVEL: 'trace' }),
    );
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => { logLines.push(chunk.toString()); done(); } });
    const logger = createLogger('intake', 'trace', sink);
    service = await bootstrapService({
      service: 'intake',
      module: AppModule.forRoot(config, logger),
      config,
      logger,
      httpPort: 0,
      consumes: [Topics.RoutingCaseEvents, Topics.IssuanceDocumentEvents],
      openApi: { title: 'intake', description: 'test' },
    });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    publisher = new TestPublisher(prefix);
    wuchang = await clerk('clerk-ja-1', '420102', 'JA-01');
    otherCounty = await clerk('clerk-wc-1', '420106', 'WC-01');
    cityClerk = await clerk('clerk-wh-1', '420100', 'JA-01');
    otherCentre = await clerk('clerk-ja-2', '420102', 'JA-02');
    operator = await token('op-1', { role: 'operator' });
    officer = await token('officer-1', { role: 'officer', department: '420100-SCJGJ' });
    integrator = await token('hotline-12345', { role: 'integrator', scope: 'cases:read catalog:read' });
  });

  afterAll(async () => {
    await publisher?.close();
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  const caseCount = async () => Number((await pg.query('SELECT count(*) FROM intake.intake_case')).rows[0].count);

  async function register(bearer: string): Promise<Record<string, any>> {
    const r = await call('POST', '/api/v1/cases', bearer, APPLICATION);
    expect(r.status).toBe(201);
    return (await r.json()) as Record<string, any>;
  }

  describe('API2 broken authentication', () => {
    it.each([
      ['no token', () => Promise.resolve(undefined)],
      ['an expired token', () => token('c', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' }, { ttl: 60, now: new Date(Date.now() - 3_600_000) })],
      ['another audience', () => token('c', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' }, { audience: 'department-queue' })],
      ['another issuer', () => token('c', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' }, { issuer: 'evil' })],
      ['an unsigned token (alg none)', () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const exp = Math.floor(Date.now() / 1000) + 600;
        return Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'c', iss: 'onewindow', aud: 'onewindow', exp, role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' })}.`);
      }],
    ])('refuses %s with 401 problem details, and nothing is saved', async (_what, make) => {
      const before = await caseCount();
      const r = await call('POST', '/api/v1/cases', await make(), APPLICATION);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(((await r.json()) as { type: string }).type).toBe('/problems/unauthenticated');
      expect(await caseCount()).toBe(before);
    });

    it('keeps health and the OpenAPI document open', async () => {
      expect((await call('GET', '/health/live')).status).toBeLessThan(400);
      expect((await call('GET', '/docs/openapi.json')).status).toBe(200);
    });
  });

  describe('API5 broken function-level authorisation', () => {
    it('a clerk or an officer cannot publish the catalogue; an operator cannot read cases', async () => {
      const matter = (await (await call('GET', '/api/v1/matters/WH-SCJGJ-001', wuchang)).json()) as Record<string, unknown>;
      for (const who of [wuchang, officer]) {
        const r = await call('PUT', '/api/v1/matters/WH-SCJGJ-001', who, matter);
        expect(r.status).toBe(403);
        expect(((await r.json()) as { type: string }).type).toBe('/problems/forbidden');
      }
      const c = await register(wuchang);
      expect((await call('GET', `/api/v1/cases/${c.id}`, operator)).status).toBe(403);
      expect((await call('GET', '/api/v1/cases', operator)).status).toBe(403);
      expect((await call('POST', `/api/v1/cases/${c.id}/withdrawal`, integrator, { reason: 'x' })).status).toBe(403);
    });
  });

  describe('API1 broken object-level authorisation', () => {
    it("another county's or another centre's clerk neither sees nor changes a case; the city clerk of the same centre does", async () => {
      const c = await register(wuchang);
      for (const stranger of [otherCounty, otherCentre]) {
        const got = await call('GET', `/api/v1/cases/${c.id}`, stranger);
        expect(got.status).toBe(404);
        const listed = (await (await call('GET', '/api/v1/cases?limit=100', stranger)).json()) as { items: Array<{ id: string }> };
        expect(listed.items.map((x) => x.id)).not.toContain(c.id);
        const refused = await call('POST', `/api/v1/cases/${c.id}/withdrawal`, stranger, { reason: '申请人要求撤回' });
        expect(refused.status).toBe(404);
      }
      const row = await pg.query('SELECT status FROM intake.intake_case WHERE id = $1', [c.id]);
      expect(row.rows[0].status).toBe('ACCEPTED');
      expect((await call('GET', `/api/v1/cases/${c.id}`, cityClerk)).status).toBe(200);
      const own = (await (await call('GET', '/api/v1/cases?limit=100', wuchang)).json()) as { items: Array<{ id: string }> };
      expect(own.items.map((x) => x.id)).toContain(c.id);
    });

    it("another centre's or county's clerk neither lists, downloads nor adds a case's material files (404, nothing stored)", async () => {
      const c = await register(wuchang);
      const upload = (bearer: string) => {
        const f = new FormData();
        f.append('file', new Blob([new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(600)]))], { type: 'application/pdf' }), 'licence.pdf');
        return fetch(`${base}/api/v1/cases/${c.id}/materials/M-BL/files`, { method: 'POST', body: f, headers: { authorization: `Bearer ${bearer}` } });
      };
      const own = await upload(wuchang);
      expect(own.status).toBe(201);
      const file = (await own.json()) as { id: string };
      const files = async () => Number((await pg.query('SELECT count(*) FROM intake.material_file WHERE case_id = $1', [c.id])).rows[0].count);
      for (const stranger of [otherCounty, otherCentre]) {
        const listed = await call('GET', `/api/v1/cases/${c.id}/files`, stranger);
        expect(listed.status).toBe(404);
        expect(((await listed.json()) as { type: string }).type).toBe('/problems/case-not-found');
        const down = await call('GET', `/api/v1/cases/${c.id}/files/${file.id}`, stranger);
        expect(down.status).toBe(404);
        expect(await down.text()).not.toContain('%PDF');
        expect((await upload(stranger)).status).toBe(404);
      }
      expect(await files()).toBe(1);
      const mine = (await (await call('GET', `/api/v1/cases/${c.id}/files`, cityClerk)).json()) as Array<{ id: string }>;
      expect(mine.map((x) => x.id)).toEqual([file.id]);
      expect((await call('GET', `/api/v1/cases/${c.id}/files/${file.id}`, wuchang)).status).toBe(200);
    });

    it('a clerk cannot register a case in another region', async () => {
      const before = await caseCount();
      const r = await call('POST', '/api/v1/cases', otherCounty, APPLICATION);
      expect(r.status).toBe(403);
      expect(await caseCount()).toBe(before);
    });
  });

  describe('API3 broken object-property-level authorisation', () => {
    it('refuses mass assignment of status, decision or service-centre fields', async () => {
      const before = await caseCount();
      for (const extra of [{ status: 'APPROVED' }, { decision: 'APPROVED' }, { serviceCentre: 'JA-02' }, { applicantKey: 'x' }]) {
        const r = await call('POST', '/api/v1/cases', wuchang, { ...APPLICATION, ...extra });
        expect(r.status).toBe(400);
      }
      expect(await caseCount()).toBe(before);
    });

    it('records the acting clerk from the token: a body naming another clerk is refused, the case, notice and closure name the caller', async () => {
      const actor = await clerk('clerk-ja-3', '420102', 'JA-01');
      const incomplete = { ...APPLICATION, materials: [{ code: 'M-APP' }] };
      const before = await caseCount();
      const posing = await call('POST', '/api/v1/cases', actor, { ...incomplete, clerkId: 'clerk-ja-1' });
      expect(posing.status).toBe(400);
      expect(((await posing.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['clerkId']);
      expect(await caseCount()).toBe(before);

      const created = await call('POST', '/api/v1/cases', actor, incomplete);
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      expect(((await (await call('GET', `/api/v1/cases/${id}`, actor)).json()) as { clerkId: string }).clerkId).toBe('clerk-ja-3');
      const notice = (await (await call('GET', `/api/v1/cases/${id}/supplement-notice`, actor)).json()) as { printable: string };
      expect(notice.printable).toContain('经办人：clerk-ja-3');
      // The clerk's centre travels with the case, so issuance can confine clerks to their centre's documents.
      const received = await pg.query("SELECT payload->>'serviceCentre' AS centre, payload->>'regionCode' AS region FROM intake.outbox WHERE message_key = $1 AND event_type = 'case.received'", [id]);
      expect(received.rows).toEqual([{ centre: 'JA-01', region: '420102' }]);

      const refusal = { reason: '申请事项依法不需要取得行政许可', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项' };
      expect((await call('POST', `/api/v1/cases/${id}/refusal`, actor, { ...refusal, clerkId: 'clerk-ja-1' })).status).toBe(400);
      const refused = await call('POST', `/api/v1/cases/${id}/refusal`, actor, refusal);
      expect(refused.status).toBe(200);
      expect(((await refused.json()) as { clerkId: string }).clerkId).toBe('clerk-ja-3');
    });

    it('answers full id numbers only to the clerk; integrators get them masked; internal fields never appear', async () => {
      const c = await register(wuchang);
      const own = (await (await call('GET', `/api/v1/cases/${c.id}`, wuchang)).json()) as Record<string, any>;
      expect(own.applicant.idNumber).toBe(CITIZEN);
      const viaHotline = await call('GET', `/api/v1/cases/${c.id}`, integrator);
      expect(viaHotline.status).toBe(200);
      const text = await viaHotline.text();
      expect(text).not.toContain(CITIZEN);
      expect(JSON.parse(text).applicant.idNumber).toBe('110105********002X');
      for (const hidden of ['applicantKey', 'serviceCentre', 'contact', PHONE]) expect(text).not.toContain(hidden);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('refuses page sizes over the limit and oversized bodies', async () => {
      const big = await call('GET', '/api/v1/cases?limit=100000', wuchang);
      expect(big.status).toBe(400);
      const before = await caseCount();
      const huge = await call('POST', '/api/v1/cases', wuchang, { ...APPLICATION, padding: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(await caseCount()).toBe(before);
    });

    it('limits each caller per minute in Redis: 429 with Retry-After and problem details', async () => {
      const busy = await clerk(`clerk-busy-${Date.now()}`, '420102', 'JA-01');
      let limited: Response | undefined;
      // 40 a minute: within 81 calls one must be refused, even if a minute boundary passes.
      for (let i = 0; i < 81 && !limited; i++) {
        const r = await call('GET', '/api/v1/regions', busy);
        if (r.status === 429) limited = r;
        else expect(r.status).toBe(200);
      }
      expect(limited).toBeDefined();
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited?.json()) as { type: string }).type).toBe('/problems/too-many-requests');
      // Another caller is not affected.
      expect((await call('GET', '/api/v1/regions', wuchang)).status).toBe(200);
    });
  });

  describe('personal data', () => {
    it('is encrypted at rest, found by its blind index, and never written to the logs', async () => {
      const c = await register(wuchang);
      const row = await pg.query('SELECT applicant::text AS a, applicant_key FROM intake.intake_case WHERE id = $1', [c.id]);
      expect(row.rows[0].a).not.toContain(CITIZEN);
      expect(row.rows[0].a).not.toContain(PHONE);
      expect(row.rows[0].a).toContain('enc:v1:k1:');
      expect(row.rows[0].applicant_key).toMatch(/^[0-9a-f]{64}$/);
      const found = (await (await call('GET', `/api/v1/cases?applicantIdNumber=${CITIZEN}&limit=100`, wuchang)).json()) as { items: Array<{ id: string }> };
      expect(found.items.map((x) => x.id)).toContain(c.id);
      // A request that fails validation echoes nothing personal into the logs either.
      await call('POST', '/api/v1/cases', wuchang, { ...APPLICATION, applicant: { ...APPLICATION.applicant, idNumber: '11010519491231002Y' } });
      const logs = logLines.join('');
      expect(logs.length).toBeGreaterThan(0);
      for (const raw of [CITIZEN, PHONE, '11010519491231002Y', SECRET]) expect(logs).not.toContain(raw);
    });
  });

  describe('issued documents by holder', () => {
    it('are found by the keyed blind index, not an unkeyed SHA-256 of the id number; the migration re-keys old rows', async () => {
      const c = await register(wuchang);
      const applicantKey = (await pg.query('SELECT applicant_key FROM intake.intake_case WHERE id = $1', [c.id])).rows[0].applicant_key as string;
      const unkeyed = createHash('sha256').update(CITIZEN, 'utf8').digest('hex');
      const documentNo = `WH-SCJGJ-BL-${ulid().slice(-8)}`;
      await publisher.send(
        makeEvent(EventTypes.DocumentIssued, c.id, {
          documentId: ulid(),
          documentNo,
          caseId: c.id,
          caseNo: c.caseNo,
          kind: 'LICENCE',
          title: '营业执照',
          matterCode: 'WH-SCJGJ-003',
          departmentCode: 'WH-SCJGJ',
          holder: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN },
          issuedAt: new Date().toISOString(),
          verificationCode: 'ABCD2345EFGH',
        }),
      );
      const key = await eventually(
        async () => (await pg.query('SELECT holder_key FROM intake.issued_document WHERE document_no = $1', [documentNo])).rows[0]?.holder_key as string | undefined,
        { what: 'the issued document in intake' },
      );
      expect(key).toBe(applicantKey);
      expect(key).not.toBe(unkeyed);
      // The window still finds the licence for the applicant (共享材料).
      const check = await call('POST', '/api/v1/matters/WH-SCJGJ-001/materials-check', wuchang, {
        applicantIdNumber: CITIZEN,
        materials: ['M-APP', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
      });
      expect(((await check.json()) as { reused: Array<{ code: string; documentNo: string }> }).reused).toContainEqual({ code: 'M-BL', documentNo: expect.any(String) });

      // A row written before the change carries the unkeyed SHA-256; the migration re-keys it from its case.
      const old = `WH-SCJGJ-BL-${ulid().slice(-8)}`;
      await pg.query(
        `INSERT INTO intake.issued_document (document_no, holder_key, matter_code, kind, title, case_id, issued_at)
         VALUES ($1, $2, 'WH-SCJGJ-003', 'LICENCE', '营业执照', $3, now())`,
        [old, unkeyed, c.id],
      );
      const runner = service.app.get(DataSource).createQueryRunner();
      try {
        await new KeyedHolderKeys1765200000000().up(runner);
      } finally {
        await runner.release();
      }
      const rekeyed = await pg.query("SELECT count(*) FROM intake.issued_document WHERE holder_key = $1", [unkeyed]);
      expect(Number(rekeyed.rows[0].count)).toBe(0);
      expect((await pg.query('SELECT holder_key FROM intake.issued_document WHERE document_no = $1', [old])).rows[0].holder_key).toBe(applicantKey);
    });
  });

  describe('audit trail', () => {
    const verify = () => verifyAuditChain((sql, params) => pg.query(sql, params), 'intake');

    it('records who read or changed which case, when and why, in an intact chain', async () => {
      const c = await register(wuchang);
      const read = await fetch(`${base}/api/v1/cases/${c.id}`, { headers: { authorization: `Bearer ${cityClerk}`, 'x-audit-reason': encodeURIComponent('申请人来电查询进度') } });
      expect(read.status).toBe(200);
      const rows = await pg.query('SELECT actor, actor_roles, action, reason FROM intake.audit_log WHERE subject_id = $1 ORDER BY position', [c.id]);
      expect(rows.rows).toEqual([
        { actor: 'clerk-ja-1', actor_roles: 'clerk', action: 'POST /api/v1/cases', reason: null },
        { actor: 'clerk-wh-1', actor_roles: 'clerk', action: 'case.read', reason: '申请人来电查询进度' },
      ]);
      const verdict = await verify();
      expect(verdict.broken).toBeUndefined();
      expect(verdict.checked).toBeGreaterThan(2);
    });

    it('keeps one unbroken chain when cases are registered and read at the same time', async () => {
      const before = Number((await pg.query('SELECT count(*) AS n FROM intake.audit_log')).rows[0].n);
      // A clerk of their own, so the burst stays under the per-caller rate limit of the others' tests.
      const burst = await clerk('clerk-ja-burst', '420102', 'JA-01');
      const cases = await Promise.all(Array.from({ length: 10 }, () => register(burst)));
      await Promise.all(cases.map(async (c) => expect((await call('GET', `/api/v1/cases/${c.id}`, burst)).status).toBe(200)));
      const after = Number((await pg.query('SELECT count(*) AS n FROM intake.audit_log')).rows[0].n);
      expect(after - before).toBeGreaterThanOrEqual(20);
      // Every record links to a different predecessor: no two writers chained onto the same one.
      const forks = await pg.query('SELECT prev_hash FROM intake.audit_log GROUP BY prev_hash HAVING count(*) > 1');
      expect(forks.rows).toEqual([]);
      const verdict = await verify();
      expect(verdict.broken).toBeUndefined();
      expect(verdict.checked).toBeGreaterThanOrEqual(after);
    });

    it('refuses UPDATE and DELETE, and a row changed behind the trigger is found at its own link', async () => {
      await expect(pg.query("UPDATE intake.audit_log SET actor = 'nobody'")).rejects.toThrow(/append-only/);
      await expect(pg.query('DELETE FROM intake.audit_log')).rejects.toThrow(/append-only/);
      const c = await register(wuchang);
      for (let i = 0; i < 3; i++) expect((await call('GET', `/api/v1/cases/${c.id}`, wuchang)).status).toBe(200);
      const all = await pg.query('SELECT a.position::text AS pos FROM intake.audit_log a ORDER BY a.position');
      const victim = all.rows[Math.floor(all.rows.length / 2)].pos as string;
      // A database superuser can switch triggers off; the chain still tells.
      await pg.query('BEGIN');
      await pg.query('SET LOCAL session_replication_role = replica');
      await pg.query("UPDATE intake.audit_log SET actor = 'someone-else' WHERE position = $1", [victim]);
      await pg.query('COMMIT');
      const verdict = await verify();
      expect(verdict.broken?.position).toBe(victim);
      expect(verdict.checked).toBe(all.rows.findIndex((r) => r.pos === victim));
    });
  });

  describe('key rotation', () => {
    it('re-encrypts every case to the new key; the API still reads them', async () => {
      const c = await register(wuchang);
      const rotated = FieldCipher.fromConfig(`k2:${randomBytes(32).toString('base64')},${config.PII_KEYS}`, config.PII_INDEX_KEY);
      installPersonalDataCipher(rotated);
      const ds = service.app.get(DataSource);
      const progress: number[] = [];
      const r = await reencryptPersonalData(ds, rotated, (p) => progress.push(p.scanned));
      expect(r.rewritten).toBe(await caseCount());
      expect(progress.length).toBeGreaterThan(0);
      const rows = await pg.query("SELECT count(*) FROM intake.intake_case WHERE applicant->>'idNumber' NOT LIKE 'enc:v1:k2:%'");
      expect(Number(rows.rows[0].count)).toBe(0);
      expect((await reencryptPersonalData(ds, rotated)).rewritten).toBe(0);
      const got = (await (await call('GET', `/api/v1/cases/${c.id}`, wuchang)).json()) as Record<string, any>;
      expect(got.applicant.idNumber).toBe(CITIZEN);
    });
  });
});
