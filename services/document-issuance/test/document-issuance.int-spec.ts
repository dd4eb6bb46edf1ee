import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer } from 'node:net';
import { inflateSync } from 'node:zlib';
import {
  type CaseDecided,
  DeadLetterTopics,
  EventTypes,
  type MatterPublished,
  Topics,
} from '@onewindow/contracts';
import { createLogger, type RunningService, bootstrapService } from '@onewindow/platform';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  serviceEnv,
  TestPublisher,
  uniqueTopicPrefix,
} from '@onewindow/testing';
import jsQR from 'jsqr';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { Client } from 'pg';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadDocumentIssuanceConfig } from '../src/config/document-issuance.config';
import { FlagUncollectedUseCase } from '../src/handover/flag-uncollected.usecase';
import { DOCUMENT_ISSUANCE } from '../src/service';

jest.setTimeout(90_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const HOLDER_ID = '11010519491231002X';
const STRANGER_ID = '110105194912310037';

function matter(over: Partial<MatterPublished> = {}): MatterPublished {
  return {
    code: `MATTER-${ulid().slice(-8)}`,
    version: 1,
    name: '食品经营许可',
    departmentCode: 'HB-SCJGJ',
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
    ...over,
  };
}

function decision(m: MatterPublished, over: Partial<CaseDecided> = {}): CaseDecided {
  const caseId = ulid();
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
      idNumber: HOLDER_ID,
      contact: { email: 'zhangsan@example.org' },
    },
    outcome: 'APPROVED',
    reasons: [],
    departments: [{ taskId: ulid(), departmentCode: m.departmentCode, outcome: 'APPROVED' }],
    leadDepartmentCode: m.departmentCode,
    decidedAt: new Date().toISOString(),
    ...over,
  };
}

interface DocumentBody {
  id: string;
  documentNo: string;
  caseId: string;
  caseNo: string;
  kind: string;
  title: string;
  matterCode: string;
  departmentCode: string;
  departmentName: string;
  status: string;
  reasons: string[];
  verificationCode: string;
  issuedAt: string;
  validUntil?: string;
  holder: { kind: string; name: string; idNumberMasked: string };
  handover?: {
    method: string;
    collectorName: string;
    collectorRole: string;
    clerkId: string;
    courier?: { company: string; trackingNo: string; addressMasked: string };
    electronicCopyUrl?: string;
  };
  uncollectedFlaggedAt?: string;
  signature: { algorithm: string; kid: string; value: string };
  revocation?: { reason: string; revokedBy: string; revokedAt: string };
}

interface PublishedKey {
  kid: string;
  kty: string;
  crv: string;
  x: string;
  department: string;
  status: string;
  validFrom: string;
  validTo?: string;
}

interface VerificationBody {
  valid: boolean;
  verdict: string;
  reason: string;
  status: string;
  holderName: string;
}

/**
 * An integrator's verifier, written from the README and nothing else of the service: RFC 8785 canonical
 * JSON of the documented fields, Ed25519 with the published JWK.
 */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function signedContentOf(doc: DocumentBody, holderIdNumber: string): Record<string, unknown> {
  return {
    format: 'onewindow-document/1',
    kid: doc.signature.kid,
    documentNo: doc.documentNo,
    kind: doc.kind,
    title: doc.title,
    caseNo: doc.caseNo,
    matterCode: doc.matterCode,
    departmentCode: doc.departmentCode,
    departmentName: doc.departmentName,
    holderKind: doc.holder.kind,
    holderName: doc.holder.name,
    holderIdNumber,
    issuedAt: doc.issuedAt,
    validUntil: doc.validUntil ?? null,
    reasons: doc.reasons,
    verificationCode: doc.verificationCode,
  };
}

function verifiesWith(keys: PublishedKey[], content: Record<string, unknown>, signature: string): boolean {
  const jwk = keys.find((k) => k.kid === content.kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  return verify(null, Buffer.from(canonical(content), 'utf8'), key, Buffer.from(signature, 'base64url'));
}

/** Reads the QR code as a scanner would: the image drawn in the PDF, decoded pixel by pixel. */
function qrCodesIn(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const found: string[] = [];
  for (const m of text.matchAll(/\d+ 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    const dict = m[1];
    if (dict.includes('endobj') || !dict.includes('/Subtype /Image') || !dict.includes('/DeviceRGB'))
      continue;
    const num = (name: string) => Number(new RegExp(`/${name} (\\d+)`).exec(dict)?.[1]);
    const [width, height, length] = [num('Width'), num('Height'), num('Length')];
    const start = (m.index ?? 0) + m[0].length;
    const rgb = inflateSync(pdf.subarray(start, start + length));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
    }
    const code = jsQR(rgba, width, height);
    if (code) found.push(code.data);
  }
  return found;
}

describe('document-issuance (real PostgreSQL and Kafka)', () => {
  const prefix = uniqueTopicPrefix('di');
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;
  let probe: EventProbe;
  let pg: Client;
  const licence = matter();
  const VERIFICATION_URL = 'https://zwfw.example.gov.cn/api/v1/verification';

  const get = async <T>(path: string): Promise<{ status: number; body: T; type: string | null }> => {
    const r = await fetch(base + path);
    return { status: r.status, body: (await r.json()) as T, type: r.headers.get('content-type') };
  };
  const post = async <T>(
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: T; type: string | null }> => {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T, type: r.headers.get('content-type') };
  };
  const documentOfCase = async (caseId: string) =>
    eventually(
      async () => {
        const r = await get<{ items: DocumentBody[] }>(`/api/v1/documents?caseId=${caseId}`);
        return r.body.items[0];
      },
      { what: `the document of case ${caseId}` },
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    const config = loadDocumentIssuanceConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(port),
        SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        VERIFICATION_URL,
      }),
    );
    const logger = createLogger(DOCUMENT_ISSUANCE.service, config.LOG_LEVEL);
    service = await bootstrapService({
      ...DOCUMENT_ISSUANCE,
      module: AppModule.forRoot(config, logger),
      config,
      logger,
      httpPort: port,
    });
    base = service.urls.http;
    publisher = new TestPublisher(prefix);
    probe = new EventProbe(prefix, [Topics.IssuanceDocumentEvents, DeadLetterTopics['document-issuance']]);
    await probe.start();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await publisher.send(makeEvent(EventTypes.MatterPublished, licence.code, licence));
  });

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  it('issues exactly one licence per decision, even when the decision arrives again under the same or a new id', async () => {
    const d = decision(licence);
    const decided = makeEvent(EventTypes.CaseDecided, d.caseId, d);
    await publisher.send(decided);

    const issued = await probe.waitFor(EventTypes.DocumentIssued, d.caseId);
    expect(issued.data).toMatchObject({
      caseId: d.caseId,
      kind: 'LICENCE',
      title: '食品经营许可（电子证照）',
      departmentCode: 'HB-SCJGJ',
    });
    expect(issued.causationid).toBe(decided.id);
    expect(issued.correlationid).toBe(decided.correlationid);
    expect(issued.data.documentNo).toMatch(/^HB-SCJGJ-20\d\d-\d{6}$/);
    expect(issued.data.verificationCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
    expect(issued.data.validUntil).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(issued.data.signature).toMatchObject({
      algorithm: 'Ed25519',
      kid: expect.stringMatching(/^HB-SCJGJ-/),
    });

    // The same event redelivered, then the same decision under a new event id; the second is the
    // last one on this case's partition, so once it is in the inbox both have been handled.
    const again = makeEvent(EventTypes.CaseDecided, d.caseId, d);
    await publisher.send(decided, again);
    await eventually(
      async () => {
        const r = await pg.query('SELECT 1 FROM document_issuance.inbox WHERE event_id = $1', [again.id]);
        return r.rowCount ? true : undefined;
      },
      { what: 'the second decision to be handled' },
    );

    const list = await get<{ items: DocumentBody[] }>(`/api/v1/documents?caseId=${d.caseId}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      documentNo: issued.data.documentNo,
      status: 'READY_FOR_PICKUP',
    });
    await new Promise((r) => setTimeout(r, 1000)); // give a wrong second event time to reach the probe
    expect(probe.ofType(EventTypes.DocumentIssued, d.caseId)).toHaveLength(1);
    // Nor did the decision that issued nothing take a number: the register stays without gaps.
    const [, , year, no] = /^(HB-SCJGJ)-(\d{4})-(\d{6})$/.exec(issued.data.documentNo) ?? [];
    const counter = await pg.query<{ last_value: number }>(
      'SELECT last_value FROM document_issuance.document_number_counter WHERE department_code = $1 AND year = $2',
      ['HB-SCJGJ', Number(year)],
    );
    expect(counter.rows[0].last_value).toBe(Number(no));
  });

  it('issues one result per matter of an approved bundle (一件事), each ready at the window, none twice when the decision comes again', async () => {
    const food = licence;
    const fire = matter({ name: '消防安全检查', departmentCode: 'HB-XFJY', departmentName: '湖北省消防救援总队', resultType: 'APPROVAL', resultValidityMonths: undefined });
    const health = matter({ name: '公共场所卫生许可', departmentCode: 'HB-WJW', departmentName: '湖北省卫生健康委员会', resultValidityMonths: 48 });
    await publisher.send(makeEvent(EventTypes.MatterPublished, fire.code, fire), makeEvent(EventTypes.MatterPublished, health.code, health));
    const member = (m: MatterPublished, stage: number) => ({ matterCode: m.code, matterVersion: m.version, matterName: m.name, departmentCode: m.departmentCode, stage });
    const d = decision(food, {
      matterCode: 'YJS-TEST-CANYIN',
      matterVersion: 3,
      matterName: '开办餐馆一件事',
      bundle: { code: 'YJS-TEST-CANYIN', version: 3, name: '开办餐馆一件事', matters: [member(fire, 2), member(food, 1), member(health, 2)] },
      departments: [food, fire, health].map((m) => ({ taskId: ulid(), departmentCode: m.departmentCode, outcome: 'APPROVED' as const })),
    });
    const decided = makeEvent(EventTypes.CaseDecided, d.caseId, d);
    await publisher.send(decided);
    const docs = await eventually(async () => {
      const r = await get<{ items: DocumentBody[] }>(`/api/v1/documents?caseId=${d.caseId}`);
      return r.body.items.length === 3 ? r.body.items : undefined;
    }, { what: 'three results of the bundle' });
    expect(docs.map((x) => [x.matterCode, x.departmentCode, x.kind, x.status])).toEqual([
      [food.code, 'HB-SCJGJ', 'LICENCE', 'READY_FOR_PICKUP'],
      [fire.code, 'HB-XFJY', 'APPROVAL', 'READY_FOR_PICKUP'],
      [health.code, 'HB-WJW', 'LICENCE', 'READY_FOR_PICKUP'],
    ]);
    expect(docs.map((x) => x.title)).toEqual(['食品经营许可（电子证照）', '消防安全检查准予行政许可决定书', '公共场所卫生许可（电子证照）']);
    expect(docs[1].departmentName).toBe('湖北省消防救援总队');
    expect(new Set(docs.map((x) => x.documentNo)).size).toBe(3);

    const again = makeEvent(EventTypes.CaseDecided, d.caseId, d);
    await publisher.send(decided, again);
    await eventually(async () => ((await pg.query('SELECT 1 FROM document_issuance.inbox WHERE event_id = $1', [again.id])).rowCount ? true : undefined), {
      what: 'the repeated decision handled',
    });
    expect((await get<{ items: DocumentBody[] }>(`/api/v1/documents?caseId=${d.caseId}`)).body.items).toHaveLength(3);
    expect(probe.ofType(EventTypes.DocumentIssued, d.caseId)).toHaveLength(3);

    // A denied bundle: one refusal notice for the bundle, by its lead department, with the reasons.
    const denied = decision(food, {
      matterCode: 'YJS-TEST-CANYIN',
      matterVersion: 3,
      matterName: '开办餐馆一件事',
      outcome: 'DENIED',
      reasons: ['消防设施不符合要求'],
      bundle: { code: 'YJS-TEST-CANYIN', version: 3, name: '开办餐馆一件事', matters: [member(food, 1), member(fire, 2)] },
      departments: [{ taskId: ulid(), departmentCode: fire.departmentCode, outcome: 'DENIED', reason: '消防设施不符合要求' }],
    });
    await publisher.send(makeEvent(EventTypes.CaseDecided, denied.caseId, denied));
    const refusal = await documentOfCase(denied.caseId);
    expect(refusal).toMatchObject({
      kind: 'REFUSAL_NOTICE',
      title: '开办餐馆一件事不予行政许可决定书',
      matterCode: 'YJS-TEST-CANYIN',
      departmentCode: 'HB-SCJGJ',
      departmentName: '湖北省市场监督管理局',
      reasons: ['消防设施不符合要求'],
    });
  });

  it('numbers documents of one department consecutively', async () => {
    const a = decision(licence);
    const b = decision(licence);
    await publisher.send(
      makeEvent(EventTypes.CaseDecided, a.caseId, a),
      makeEvent(EventTypes.CaseDecided, b.caseId, b),
    );
    const [da, dbb] = await Promise.all([documentOfCase(a.caseId), documentOfCase(b.caseId)]);
    const seq = (no: string) => Number(no.split('-').pop());
    expect(Math.abs(seq(da.documentNo) - seq(dbb.documentNo))).toBe(1);
  });

  it('issues a refusal notice carrying the reasons when the case is denied', async () => {
    const d = decision(licence, {
      outcome: 'DENIED',
      reasons: ['经营场所不符合食品安全要求'],
      departments: [
        {
          taskId: ulid(),
          departmentCode: licence.departmentCode,
          outcome: 'DENIED',
          reason: '经营场所不符合食品安全要求',
        },
      ],
    });
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    const doc = await documentOfCase(d.caseId);
    expect(doc).toMatchObject({
      kind: 'REFUSAL_NOTICE',
      title: '食品经营许可不予行政许可决定书',
      reasons: ['经营场所不符合食品安全要求'],
    });
    expect(doc.validUntil).toBeUndefined();
  });

  it('waits for a matter it does not know yet, then issues its result', async () => {
    const filing = matter({ resultType: 'FILING', resultValidityMonths: undefined, name: '食品小作坊登记' });
    const d = decision(filing);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await get<{ items: unknown[] }>(`/api/v1/documents?caseId=${d.caseId}`)).body.items).toHaveLength(
      0,
    );

    await publisher.send(makeEvent(EventTypes.MatterPublished, filing.code, filing));
    const doc = await documentOfCase(d.caseId);
    expect(doc).toMatchObject({ kind: 'FILING', title: '食品小作坊登记备案回执' });
  });

  it('lists what is ready at the window page by page', async () => {
    const cases = [decision(licence), decision(licence), decision(licence)];
    await publisher.send(...cases.map((c) => makeEvent(EventTypes.CaseDecided, c.caseId, c)));
    await Promise.all(cases.map((c) => documentOfCase(c.caseId)));

    const seen: string[] = [];
    const seenCases: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/documents?status=READY_FOR_PICKUP&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get<{ items: DocumentBody[]; nextCursor: string | null }>(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.id));
      seenCases.push(...page.body.items.map((i) => i.caseId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    // Each document once (a bundle case has several, so documents, not cases, are unique).
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of cases) expect(seenCases).toContain(c.caseId);

    const blanks = await get<{ items: DocumentBody[] }>('/api/v1/documents?status=&caseId=&limit=&cursor=');
    expect(blanks.status).toBe(200);
    expect(blanks.body.items.length).toBeGreaterThan(0);

    const tooMany = await get<{ type: string }>('/api/v1/documents?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.type).toBe('/problems/validation-error');
    const badCursor = await get<{ type: string }>('/api/v1/documents?cursor=nonsense');
    expect(badCursor.body.type).toBe('/problems/invalid-cursor');
  });

  it('refuses a stranger claiming to be the holder and changes nothing; hands over to the holder once', async () => {
    const d = decision(licence);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    const doc = await documentOfCase(d.caseId);
    const path = `/api/v1/documents/${doc.id}/handover`;

    const stranger = await post<{ type: string; status: number }>(path, {
      method: 'WINDOW',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'HOLDER' },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.type).toContain('application/problem+json');
    expect(stranger.body.type).toBe('/problems/collector-identity-mismatch');
    expect((await get<DocumentBody>(`/api/v1/documents/${doc.id}`)).body.status).toBe('READY_FOR_PICKUP');

    const agentWithoutPaper = await post<{ type: string }>(path, {
      method: 'WINDOW',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'AGENT' },
    });
    expect(agentWithoutPaper.status).toBe(422);
    expect(agentWithoutPaper.body.type).toBe('/problems/agent-authorisation-required');

    const smuggled = await post<{ type: string }>(path, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
      status: 'HANDED_OVER',
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.type).toBe('/problems/validation-error');

    const holder = await post<DocumentBody>(path, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: HOLDER_ID.toLowerCase(), role: 'HOLDER' },
    });
    expect(holder.status).toBe(200);
    expect(holder.body.status).toBe('HANDED_OVER');
    expect(holder.body.handover).toMatchObject({
      collectorName: '张三',
      collectorRole: 'HOLDER',
      clerkId: 'anonymous',
    });

    const handedOver = await probe.waitFor(EventTypes.DocumentHandedOver, d.caseId);
    expect(handedOver.data).toMatchObject({
      documentId: doc.id,
      method: 'WINDOW',
      collectorRole: 'HOLDER',
      handedOverBy: 'anonymous',
    });

    const second = await post<{ type: string }>(path, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
    });
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('/problems/already-handed-over');
    const ready = await get<{ items: DocumentBody[] }>(
      `/api/v1/documents?status=READY_FOR_PICKUP&caseId=${d.caseId}`,
    );
    expect(ready.body.items).toHaveLength(0);
  });

  it('hands over to an authorised agent', async () => {
    const d = decision(licence);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    const doc = await documentOfCase(d.caseId);
    const r = await post<DocumentBody>(`/api/v1/documents/${doc.id}/handover`, {
      method: 'WINDOW',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'AGENT', authorisationRef: 'WT-2026-0042' },
    });
    expect(r.status).toBe(200);
    expect(r.body.handover).toMatchObject({ collectorName: '李四', collectorRole: 'AGENT' });
  });

  it('answers a public verification with masked personal data, and 404 for an unknown code', async () => {
    const d = decision(licence);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    const doc = await documentOfCase(d.caseId);

    const code = doc.verificationCode.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    const v = await get<Record<string, unknown>>(`/api/v1/verification/${code}`);
    expect(v.status).toBe(200);
    expect(v.body).toEqual({
      valid: true,
      verdict: 'VALID',
      reason: `Authentic and in force until ${doc.validUntil}.`,
      status: 'READY_FOR_PICKUP',
      documentNo: doc.documentNo,
      kind: 'LICENCE',
      title: '食品经营许可（电子证照）',
      departmentName: '湖北省市场监督管理局',
      holderName: '张*',
      issuedAt: expect.any(String),
      validUntil: doc.validUntil,
      signature: { algorithm: 'Ed25519', kid: doc.signature.kid },
    });
    expect(JSON.stringify(v.body)).not.toContain(HOLDER_ID);

    const unknown = await get<{ type: string }>('/api/v1/verification/ZZZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
    expect(unknown.body.type).toBe('/problems/verification-code-unknown');

    const missing = await get<{ type: string }>(`/api/v1/documents/${ulid()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('/problems/document-not-found');
  });

  it('sends a malformed decision to its dead-letter topic and keeps consuming', async () => {
    const caseId = ulid();
    const poisonId = `poison-${caseId}`;
    await publisher.sendRaw(Topics.RoutingCaseEvents, {
      key: caseId,
      value: JSON.stringify({ ...decision(licence), caseId, outcome: 'MAYBE' }),
      headers: {
        ce_id: poisonId,
        ce_type: EventTypes.CaseDecided,
        ce_source: '/onewindow/test',
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
        ce_subject: caseId,
        ce_sequence: '1',
      },
    });
    const dead = await eventually(
      async () =>
        probe.raw.find(
          (m) => m.topic === DeadLetterTopics['document-issuance'] && m.headers.ce_id === poisonId,
        ),
      { what: 'the poison message on the dead-letter topic' },
    );
    expect(dead.headers['dlq-error']).toContain('/outcome');

    const d = decision(licence);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    await documentOfCase(d.caseId);
  });

  const keySet = async () => (await get<{ keys: PublishedKey[] }>('/api/v1/signing-keys')).body.keys;
  const issued = async (over: Partial<CaseDecided> = {}, m: MatterPublished = licence) => {
    const d = decision(m, over);
    await publisher.send(makeEvent(EventTypes.CaseDecided, d.caseId, d));
    return documentOfCase(d.caseId);
  };

  it('signs each document so that anyone holding only the published key and the document can verify it', async () => {
    const doc = await issued();
    expect(doc.signature).toMatchObject({ algorithm: 'Ed25519', kid: expect.stringMatching(/^HB-SCJGJ-/) });
    const keys = await keySet();
    expect(keys.find((k) => k.kid === doc.signature.kid)).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      department: 'HB-SCJGJ',
      status: 'ACTIVE',
    });

    const content = signedContentOf(doc, HOLDER_ID);
    expect(verifiesWith(keys, content, doc.signature.value)).toBe(true);
    // Altered papers: another holder's name, a later expiry, or the right content with a borrowed signature.
    expect(verifiesWith(keys, { ...content, holderName: '李四' }, doc.signature.value)).toBe(false);
    expect(verifiesWith(keys, { ...content, validUntil: '2099-12-31' }, doc.signature.value)).toBe(false);
    const other = await issued();
    expect(verifiesWith(keys, content, other.signature.value)).toBe(false);

    // The private key is stored sealed, never in the clear.
    const row = await pg.query<{ private_key_sealed: string; public_key: string }>(
      'SELECT private_key_sealed, public_key FROM document_issuance.signing_key WHERE kid = $1',
      [doc.signature.kid],
    );
    expect(row.rows[0].private_key_sealed).toMatch(/^v1\./);
    expect(row.rows[0].private_key_sealed).not.toContain('MC4CAQAwBQYDK2VwBCIEI'); // PKCS#8 Ed25519 prefix, base64
  });

  it('answers FORGED for a record altered after issue and for a QR code carrying another signature', async () => {
    const doc = await issued();
    const other = await issued();
    const qr = await get<VerificationBody>(
      `/api/v1/verification/${doc.verificationCode}?kid=${other.signature.kid}&sig=${other.signature.value}`,
    );
    expect(qr.body).toMatchObject({
      valid: false,
      verdict: 'FORGED',
      reason: 'The signature in the QR code does not match the document issued under this code.',
    });
    const genuine = await get<VerificationBody>(
      `/api/v1/verification/${doc.verificationCode}?kid=${doc.signature.kid}&sig=${doc.signature.value}`,
    );
    expect(genuine.body).toMatchObject({ valid: true, verdict: 'VALID' });

    await pg.query(`UPDATE document_issuance.document SET valid_until = '2099-12-31' WHERE id = $1`, [
      doc.id,
    ]);
    const altered = await get<VerificationBody>(`/api/v1/verification/${doc.verificationCode}`);
    expect(altered.body).toMatchObject({
      valid: false,
      verdict: 'FORGED',
      reason: 'The record does not match its signature: it was altered after issue.',
    });
  });

  it('rotates a department key: new documents use the new kid, old ones still verify with the retired key', async () => {
    const before = await issued();
    const rotated = await post<PublishedKey>('/api/v1/signing-keys/hb-scjgj/rotation', {});
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ department: 'HB-SCJGJ', status: 'ACTIVE' });
    expect(rotated.body.kid).not.toBe(before.signature.kid);

    const after = await issued();
    expect(after.signature.kid).toBe(rotated.body.kid);

    const keys = await keySet();
    expect(keys.find((k) => k.kid === before.signature.kid)).toMatchObject({
      status: 'RETIRED',
      validTo: expect.any(String),
    });
    expect(keys.filter((k) => k.department === 'HB-SCJGJ' && k.status === 'ACTIVE')).toHaveLength(1);
    expect(verifiesWith(keys, signedContentOf(before, HOLDER_ID), before.signature.value)).toBe(true);
    expect(verifiesWith(keys, signedContentOf(after, HOLDER_ID), after.signature.value)).toBe(true);
    expect(
      (await get<VerificationBody>(`/api/v1/verification/${before.verificationCode}`)).body.verdict,
    ).toBe('VALID');

    const bad = await post<{ type: string }>('/api/v1/signing-keys/not%20a%20dept/rotation', {});
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('/problems/validation-error');

    // A made-up department gets no key (found by the fuzzer: POST /api/v1/signing-keys/NaN/rotation was 201).
    const unknown = await post<{ type: string }>('/api/v1/signing-keys/NaN/rotation', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('/problems/signing-key-not-found');
    expect((await keySet()).filter((k) => k.department === 'NAN')).toEqual([]);
  });

  it('revokes a document with a reason: event out, verification says revoked, no handover, no second revocation', async () => {
    const doc = await issued();
    const path = `/api/v1/documents/${doc.id}/revocation`;
    const blank = await post<{ type: string }>(path, { reason: '   ' });
    expect(blank.status).toBe(400);

    const r = await post<DocumentBody>(path, { reason: '以欺骗手段取得许可' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'REVOKED',
      revocation: { reason: '以欺骗手段取得许可', revokedBy: 'anonymous' },
    });
    const event = await probe.waitFor(EventTypes.DocumentRevoked, doc.caseId);
    expect(event.data).toMatchObject({
      documentId: doc.id,
      reason: '以欺骗手段取得许可',
      revokedBy: 'anonymous',
    });

    const v = await get<VerificationBody>(`/api/v1/verification/${doc.verificationCode}`);
    expect(v.body).toMatchObject({ valid: false, verdict: 'REVOKED', status: 'REVOKED' });
    expect(v.body.reason).toContain('以欺骗手段取得许可');

    const again = await post<{ type: string }>(path, { reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/already-revoked');
    const handover = await post<{ type: string }>(`/api/v1/documents/${doc.id}/handover`, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
    });
    expect(handover.status).toBe(409);
    expect(handover.body.type).toBe('/problems/document-revoked');
    const missing = await post<{ type: string }>(`/api/v1/documents/${ulid()}/revocation`, {
      reason: '错误',
    });
    expect(missing.status).toBe(404);
  });

  it('renders a printable PDF whose Chinese text and QR code a person can read and check', async () => {
    const doc = await issued({
      outcome: 'DENIED',
      reasons: ['经营场所不符合食品安全要求'],
      applicant: { kind: 'NATURAL_PERSON', name: '欧阳龑', idNumber: HOLDER_ID, contact: {} },
    });
    const r = await fetch(`${base}/api/v1/documents/${doc.id}/pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200_000); // the CJK font is subset, not embedded whole (1.5 MB)

    const text = (await pdfParse(pdf)).text;
    expect(text).toContain('食品经营许可不予行政许可决定书');
    expect(text).toContain('持证人：欧阳龑');
    expect(text).toContain(`文书编号：${doc.documentNo}`);
    expect(text).toContain('发证机关：湖北省市场监督管理局');
    expect(text).toContain('经营场所不符合食品安全要求');
    expect(text).toContain(doc.verificationCode.replace(/(.{4})(?=.)/g, '$1-'));

    const codes = qrCodesIn(pdf);
    expect(codes).toEqual([
      `${VERIFICATION_URL}/${doc.verificationCode}?kid=${encodeURIComponent(doc.signature.kid)}&sig=${doc.signature.value}`,
    ]);
    // Scanning it leads to the public check, which finds the document authentic.
    const scanned = await get<VerificationBody>(codes[0].replace(VERIFICATION_URL, '/api/v1/verification'));
    expect(scanned.body).toMatchObject({ verdict: 'VALID', holderName: '欧**' });

    const missing = await fetch(`${base}/api/v1/documents/${ulid()}/pdf`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends a result by courier with its tracking number, the address masked in answers', async () => {
    const doc = await issued();
    const path = `/api/v1/documents/${doc.id}/handover`;
    const holder = { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' };
    const noCourier = await post<{ type: string }>(path, {
      method: 'COURIER',
      collector: holder,
    });
    expect(noCourier.status).toBe(400);
    const courier = {
      company: '中国邮政EMS',
      trackingNo: 'ea123456789cn',
      address: '湖北省武汉市江岸区解放大道1号',
    };
    const misplaced = await post<{ type: string }>(path, {
      method: 'WINDOW',
      collector: holder,
      courier,
    });
    expect(misplaced.status).toBe(400);
    const toStranger = await post<{ type: string }>(path, {
      method: 'COURIER',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'HOLDER' },
      courier,
    });
    expect(toStranger.body.type).toBe('/problems/collector-identity-mismatch');

    const sent = await post<DocumentBody>(path, {
      method: 'COURIER',
      collector: holder,
      courier,
    });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('HANDED_OVER');
    expect(sent.body.handover).toMatchObject({
      method: 'COURIER',
      courier: { company: '中国邮政EMS', trackingNo: 'EA123456789CN', addressMasked: '湖北省武汉市****' },
    });
    expect(JSON.stringify((await get<DocumentBody>(`/api/v1/documents/${doc.id}`)).body)).not.toContain(
      '解放大道',
    );
    const event = await probe.waitFor(EventTypes.DocumentHandedOver, doc.caseId);
    expect(event.data).toMatchObject({
      method: 'COURIER',
      courierCompany: '中国邮政EMS',
      trackingNo: 'EA123456789CN',
    });
  });

  it('delivers electronically: the holder downloads the signed PDF through a secret link', async () => {
    const doc = await issued();
    const r = await post<DocumentBody>(`/api/v1/documents/${doc.id}/handover`, {
      method: 'ELECTRONIC',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
    });
    expect(r.status).toBe(200);
    expect(r.body.handover?.method).toBe('ELECTRONIC');
    const link = r.body.handover?.electronicCopyUrl ?? '';
    expect(link).toMatch(/^\/api\/v1\/electronic-copies\/[A-Za-z0-9_-]{43}$/);
    const copy = await fetch(base + link);
    expect(copy.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfParse(Buffer.from(await copy.arrayBuffer()))).text;
    expect(text).toContain(`文书编号：${doc.documentNo}`);
    expect(text).toContain(`签名值：${doc.signature.value.slice(0, 20)}`);

    const guessed = await fetch(`${base}/api/v1/electronic-copies/${'A'.repeat(43)}`);
    expect(guessed.status).toBe(404);
    await post(`/api/v1/documents/${doc.id}/revocation`, { reason: '证照信息错误' });
    const gone = await fetch(base + link);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { type: string }).type).toBe('/problems/electronic-copy-revoked');
  });

  it('flags results nobody collected in time, once, and lists them with overdue=true', async () => {
    const waiting = await issued();
    const collected = await issued();
    await post(`/api/v1/documents/${collected.id}/handover`, {
      method: 'WINDOW',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
    });
    const sweep = service.app.get(FlagUncollectedUseCase);
    const overdueIds = async () =>
      (await get<{ items: DocumentBody[] }>('/api/v1/documents?overdue=true&limit=100')).body.items.map(
        (i) => i.id,
      );

    expect(await sweep.execute(new Date())).toBe(0); // 60 working days have not passed
    expect(await overdueIds()).not.toContain(waiting.id);

    const later = new Date(Date.now() + 200 * 86_400_000);
    expect(await sweep.execute(later)).toBeGreaterThan(0);
    expect(await sweep.execute(later)).toBe(0);
    const ids = await overdueIds();
    expect(ids).toContain(waiting.id);
    expect(ids).not.toContain(collected.id);
    expect((await get<DocumentBody>(`/api/v1/documents/${waiting.id}`)).body.uncollectedFlaggedAt).toEqual(
      later.toISOString(),
    );
    const bad = await get<{ type: string }>('/api/v1/documents?overdue=maybe');
    expect(bad.status).toBe(400);
  });

  it('publishes an OpenAPI document with every endpoint, each documenting its problem answers', async () => {
    const r = await get<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    }>('/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/documents',
        '/api/v1/documents/{id}',
        '/api/v1/documents/{id}/handover',
        '/api/v1/documents/{id}/revocation',
        '/api/v1/documents/{id}/pdf',
        '/api/v1/electronic-copies/{token}',
        '/api/v1/verification/{code}',
        '/api/v1/signing-keys',
        '/api/v1/signing-keys/{department}/rotation',
      ]),
    );
    for (const [path, ops] of Object.entries(r.body.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const problems = Object.values(op.responses).filter(
          (x) => x.content && 'application/problem+json' in x.content,
        );
        expect({ endpoint: `${method} ${path}`, problems: problems.length > 0 }).toEqual({
          endpoint: `${method} ${path}`,
          problems: true,
        });
      }
    }
  });
});
