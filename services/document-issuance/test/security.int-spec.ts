import { randomBytes } from 'node:crypto';
import { type CaseDecided, EventTypes, type MatterPublished } from '@onewindow/contracts';
import { bootstrapService, createLogger, mintAccessToken, type RunningService, verifyAuditChain } from '@onewindow/platform';
import { createTestDatabase, eventually, makeEvent, serviceEnv, TestPublisher, uniqueTopicPrefix } from '@onewindow/testing';
import { Client } from 'pg';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadDocumentIssuanceConfig } from '../src/config/document-issuance.config';
import { DOCUMENT_ISSUANCE } from '../src/service';

jest.setTimeout(90_000);

const SECRET = 'issuance-security-secret-0123456789abcdef';
const DEPARTMENT = 'HB-SCJGJ';

const licence: MatterPublished = {
  code: `MATTER-${ulid().slice(-8)}`,
  version: 1,
  name: '食品经营许可',
  departmentCode: DEPARTMENT,
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
  materials: [],
  status: 'ACTIVE',
  publishedAt: new Date().toISOString(),
};

function decision(place: { regionCode?: string; serviceCentre?: string } = {}): CaseDecided {
  const caseId = ulid();
  return {
    caseId,
    caseNo: `420102-20261129-${caseId.slice(-6)}`,
    matterCode: licence.code,
    matterVersion: 1,
    matterName: licence.name,
    regionCode: place.regionCode ?? '420102',
    ...(place.serviceCentre ? { serviceCentre: place.serviceCentre } : {}),
    channel: 'WINDOW',
    applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X', contact: { email: 'zhangsan@example.org' } },
    outcome: 'APPROVED',
    reasons: [],
    departments: [{ taskId: ulid(), departmentCode: DEPARTMENT, outcome: 'APPROVED' }],
    leadDepartmentCode: DEPARTMENT,
    decidedAt: new Date().toISOString(),
  };
}

const token = (subject: string, claims: Record<string, string>) =>
  mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject, claims, ttlSeconds: 600 });

/** Object-level rules and the audit trail of result documents, over real HTTP, PostgreSQL and Kafka. */
describe('document-issuance security: department isolation and the audit trail', () => {
  const prefix = uniqueTopicPrefix('di-sec');
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;
  let pg: Client;
  let clerk: string;
  let ownOfficer: string;
  let foreignOfficer: string;
  let otherCentre: string;
  let otherCounty: string;

  const call = (method: string, path: string, bearer: string, body?: unknown, reason?: string) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(reason ? { 'x-audit-reason': encodeURIComponent(reason) } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  /** Publishes a decision as routing would and waits for its document. */
  async function issued(place: { regionCode?: string; serviceCentre?: string } = {}): Promise<{ id: string; caseId: string }> {
    const d = decision(place);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    return eventually(
      async () => {
        const r = (await pg.query('SELECT id, case_id FROM document_issuance.document WHERE case_id = $1', [d.caseId])).rows[0];
        return r ? { id: r.id as string, caseId: r.case_id as string } : undefined;
      },
      { what: `the document of case ${d.caseId}` },
    );
  }
  const auditOf = async (documentId: string) =>
    (await pg.query("SELECT actor, actor_roles, action, reason FROM document_issuance.audit_log WHERE subject_type = 'document' AND subject_id = $1 ORDER BY position", [documentId])).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadDocumentIssuanceConfig(
      serviceEnv(db.url, prefix, {
        AUTH_REST: 'enforce',
        AUTH_JWT_SECRET: SECRET,
        SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        VERIFICATION_URL: 'https://zwfw.example.gov.cn/api/v1/verification',
      }),
    );
    const logger = createLogger(DOCUMENT_ISSUANCE.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...DOCUMENT_ISSUANCE, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    publisher = new TestPublisher(prefix);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await publisher.send(makeEvent(EventTypes.MatterPublished, licence.code, licence));
    clerk = await token('clerk-ja-1', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' });
    ownOfficer = await token('officer-scj', { role: 'officer', department: DEPARTMENT });
    foreignOfficer = await token('officer-zjt', { role: 'officer', department: 'HB-ZJT' });
    otherCentre = await token('clerk-ja-2', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-02' });
    otherCounty = await token('clerk-wc-1', { role: 'clerk', regionCode: '420106', serviceCentre: 'WC-01' });
  });

  afterAll(async () => {
    await publisher?.close();
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  it("an officer of another department cannot revoke a document: 404 like a missing one, and it stays valid", async () => {
    const doc = await issued();
    const refused = await call('POST', `/api/v1/documents/${doc.id}/revocation`, foreignOfficer, { reason: '以欺骗手段取得许可' });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/document-not-found');
    const missing = await call('POST', `/api/v1/documents/${ulid()}/revocation`, foreignOfficer, { reason: '错误' });
    expect(missing.status).toBe(404);
    const row = await pg.query('SELECT status FROM document_issuance.document WHERE id = $1', [doc.id]);
    expect(row.rows[0].status).toBe('READY_FOR_PICKUP');
    const own = await call('POST', `/api/v1/documents/${doc.id}/revocation`, ownOfficer, { reason: '以欺骗手段取得许可' });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { status: string }).status).toBe('REVOKED');
  });

  it("a clerk of another centre or county neither reads, prints, hands over nor lists a centre's document: 404 like a missing one", async () => {
    const doc = await issued({ serviceCentre: 'JA-01' });
    const collector = { name: '张三', idNumber: '11010519491231002X', role: 'HOLDER' };
    const listedTo = async (who: string) =>
      ((await (await call('GET', `/api/v1/documents?caseId=${doc.caseId}`, who)).json()) as { items: { id: string }[] }).items.map((d) => d.id);
    for (const stranger of [otherCentre, otherCounty]) {
      const read = await call('GET', `/api/v1/documents/${doc.id}`, stranger);
      expect(read.status).toBe(404);
      expect(((await read.json()) as { type: string }).type).toBe('/problems/document-not-found');
      expect((await call('GET', `/api/v1/documents/${doc.id}/pdf`, stranger)).status).toBe(404);
      const handover = await call('POST', `/api/v1/documents/${doc.id}/handover`, stranger, { method: 'WINDOW', collector });
      expect(handover.status).toBe(404);
      expect(await listedTo(stranger)).toEqual([]);
      const all = (await (await call('GET', '/api/v1/documents?limit=100', stranger)).json()) as { items: { id: string }[] };
      expect(all.items.map((d) => d.id)).not.toContain(doc.id);
    }
    expect((await pg.query('SELECT status FROM document_issuance.document WHERE id = $1', [doc.id])).rows[0].status).toBe('READY_FOR_PICKUP');
    // The clerk of the registering centre reaches it.
    expect(await listedTo(clerk)).toEqual([doc.id]);
    expect((await call('GET', `/api/v1/documents/${doc.id}`, clerk)).status).toBe(200);
    expect((await call('POST', `/api/v1/documents/${doc.id}/handover`, clerk, { method: 'WINDOW', collector })).status).toBe(200);
  });

  it('a document whose centre is unknown (online case, or issued before the decision carried it) is checked by region alone', async () => {
    const doc = await issued();
    expect((await pg.query('SELECT region_code, service_centre FROM document_issuance.document WHERE id = $1', [doc.id])).rows[0]).toEqual({ region_code: '420102', service_centre: null });
    expect((await call('GET', `/api/v1/documents/${doc.id}`, otherCentre)).status).toBe(200);
    expect((await call('GET', `/api/v1/documents/${doc.id}`, otherCounty)).status).toBe(404);
    // A row from before the region was stored, whose case number does not tell it either, is out of every clerk's reach.
    await pg.query('UPDATE document_issuance.document SET region_code = NULL WHERE id = $1', [doc.id]);
    expect((await call('GET', `/api/v1/documents/${doc.id}`, clerk)).status).toBe(404);
  });

  it('who revoked or handed over is the verified caller: a body naming someone else is refused, the record names the caller', async () => {
    const doc = await issued();
    const problemOf = async (r: Response) => (await r.json()) as { type: string; errors?: { field: string }[] };
    // officer-scj tries to put the revocation on officer-zjt's name.
    const posing = await call('POST', `/api/v1/documents/${doc.id}/revocation`, ownOfficer, { reason: '以欺骗手段取得许可', revokedBy: 'officer-zjt' });
    expect(posing.status).toBe(400);
    expect(await problemOf(posing)).toMatchObject({ type: '/problems/validation-error', errors: [{ field: 'revokedBy' }] });
    // clerk-ja-1 tries to hand over as another clerk.
    const handing = await call('POST', `/api/v1/documents/${doc.id}/handover`, clerk, {
      method: 'WINDOW',
      clerkId: 'clerk-ja-2',
      collector: { name: '张三', idNumber: '11010519491231002X', role: 'HOLDER' },
    });
    expect(handing.status).toBe(400);
    expect(await problemOf(handing)).toMatchObject({ type: '/problems/validation-error', errors: [{ field: 'clerkId' }] });
    expect((await pg.query('SELECT status FROM document_issuance.document WHERE id = $1', [doc.id])).rows[0].status).toBe('READY_FOR_PICKUP');

    const handed = await call('POST', `/api/v1/documents/${doc.id}/handover`, clerk, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: '11010519491231002X', role: 'HOLDER' },
    });
    expect(handed.status).toBe(200);
    expect(((await handed.json()) as { handover: { clerkId: string } }).handover.clerkId).toBe('clerk-ja-1');
    const revoked = await call('POST', `/api/v1/documents/${doc.id}/revocation`, ownOfficer, { reason: '许可条件已不具备' });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revocation: { revokedBy: string } }).revocation.revokedBy).toBe('officer-scj');
    const row = await pg.query('SELECT revoked_by FROM document_issuance.document WHERE id = $1', [doc.id]);
    expect(row.rows[0].revoked_by).toBe('officer-scj');
  });

  it('records the issue, every read of the document and its PDF, the handover and the revocation: who, what, why', async () => {
    const doc = await issued();
    expect((await call('GET', `/api/v1/documents?caseId=${doc.caseId}`, clerk, undefined, '窗口查找待领结果')).status).toBe(200);
    const listed = await pg.query("SELECT actor, reason, details->'documentIds' AS ids FROM document_issuance.audit_log WHERE action = 'document.list' ORDER BY position DESC LIMIT 1");
    expect(listed.rows[0]).toEqual({ actor: 'clerk-ja-1', reason: '窗口查找待领结果', ids: [doc.id] });
    expect((await call('GET', `/api/v1/documents/${doc.id}`, clerk, undefined, '申请人来电查询')).status).toBe(200);
    const pdf = await call('GET', `/api/v1/documents/${doc.id}/pdf`, clerk, undefined, '打印出件');
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    const handed = await call('POST', `/api/v1/documents/${doc.id}/handover`, clerk, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: '11010519491231002X', role: 'HOLDER' },
    });
    expect(handed.status).toBe(200);
    expect((await call('POST', `/api/v1/documents/${doc.id}/revocation`, ownOfficer, { reason: '许可条件已不具备' })).status).toBe(200);
    expect(await auditOf(doc.id)).toEqual([
      { actor: 'system:document-issuance', actor_roles: 'system', action: 'document.issue', reason: null },
      { actor: 'clerk-ja-1', actor_roles: 'clerk', action: 'document.read', reason: '申请人来电查询' },
      { actor: 'clerk-ja-1', actor_roles: 'clerk', action: 'document.pdf.read', reason: '打印出件' },
      { actor: 'clerk-ja-1', actor_roles: 'clerk', action: 'document.hand-over', reason: null },
      { actor: 'officer-scj', actor_roles: 'officer', action: 'document.revoke', reason: '许可条件已不具备' },
    ]);
    // The trail says who acted; it does not copy the holder's id number.
    const details = await pg.query('SELECT details::text AS d FROM document_issuance.audit_log WHERE subject_id = $1', [doc.id]);
    for (const r of details.rows) expect(r.d).not.toContain('11010519491231002X');
    const verdict = await verifyAuditChain((sql, params) => pg.query(sql, params), 'document_issuance');
    expect(verdict.broken).toBeUndefined();
    expect(verdict.checked).toBeGreaterThanOrEqual(5);
  });

  it('refuses UPDATE and DELETE; a row changed behind the trigger is named as the first broken link', async () => {
    await issued();
    await expect(pg.query("UPDATE document_issuance.audit_log SET actor = 'nobody'")).rejects.toThrow(/append-only/);
    await expect(pg.query('DELETE FROM document_issuance.audit_log')).rejects.toThrow(/append-only/);
    const all = await pg.query('SELECT a.position::text AS pos FROM document_issuance.audit_log a ORDER BY a.position');
    const victim = all.rows[Math.floor(all.rows.length / 2)].pos as string;
    await pg.query('BEGIN');
    await pg.query('SET LOCAL session_replication_role = replica');
    await pg.query("UPDATE document_issuance.audit_log SET actor = 'someone-else' WHERE position = $1", [victim]);
    await pg.query('COMMIT');
    const verdict = await verifyAuditChain((sql, params) => pg.query(sql, params), 'document_issuance');
    expect(verdict.broken?.position).toBe(victim);
    expect(verdict.checked).toBe(all.rows.findIndex((r) => r.pos === victim));
  });
});
