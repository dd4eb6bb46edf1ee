import { createServer } from 'node:net';
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
import { Client } from 'pg';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadDocumentIssuanceConfig } from '../src/config/document-issuance.config';
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
  kind: string;
  title: string;
  status: string;
  reasons: string[];
  verificationCode: string;
  validUntil?: string;
  holder: { name: string; idNumberMasked: string };
  handover?: { collectorName: string; collectorRole: string; clerkId: string };
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
    const config = loadDocumentIssuanceConfig(serviceEnv(db.url, prefix, { HTTP_PORT: String(port) }));
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
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/documents?status=READY_FOR_PICKUP&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get<{ items: DocumentBody[]; nextCursor: string | null }>(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.caseId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of cases) expect(seen).toContain(c.caseId);

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
      clerkId: 'clerk-7',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'HOLDER' },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.type).toContain('application/problem+json');
    expect(stranger.body.type).toBe('/problems/collector-identity-mismatch');
    expect((await get<DocumentBody>(`/api/v1/documents/${doc.id}`)).body.status).toBe('READY_FOR_PICKUP');

    const agentWithoutPaper = await post<{ type: string }>(path, {
      method: 'WINDOW',
      clerkId: 'clerk-7',
      collector: { name: '李四', idNumber: STRANGER_ID, role: 'AGENT' },
    });
    expect(agentWithoutPaper.status).toBe(422);
    expect(agentWithoutPaper.body.type).toBe('/problems/agent-authorisation-required');

    const smuggled = await post<{ type: string }>(path, {
      method: 'WINDOW',
      clerkId: 'clerk-7',
      collector: { name: '张三', idNumber: HOLDER_ID, role: 'HOLDER' },
      status: 'HANDED_OVER',
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.type).toBe('/problems/validation-error');

    const holder = await post<DocumentBody>(path, {
      method: 'WINDOW',
      clerkId: 'clerk-7',
      collector: { name: '张三', idNumber: HOLDER_ID.toLowerCase(), role: 'HOLDER' },
    });
    expect(holder.status).toBe(200);
    expect(holder.body.status).toBe('HANDED_OVER');
    expect(holder.body.handover).toMatchObject({
      collectorName: '张三',
      collectorRole: 'HOLDER',
      clerkId: 'clerk-7',
    });

    const handedOver = await probe.waitFor(EventTypes.DocumentHandedOver, d.caseId);
    expect(handedOver.data).toMatchObject({
      documentId: doc.id,
      method: 'WINDOW',
      collectorRole: 'HOLDER',
      handedOverBy: 'clerk-7',
    });

    const second = await post<{ type: string }>(path, {
      method: 'WINDOW',
      clerkId: 'clerk-8',
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
      clerkId: 'clerk-7',
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
      status: 'READY_FOR_PICKUP',
      documentNo: doc.documentNo,
      kind: 'LICENCE',
      title: '食品经营许可（电子证照）',
      holderName: '张*',
      issuedAt: expect.any(String),
      validUntil: doc.validUntil,
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

  it('publishes an OpenAPI document with every endpoint', async () => {
    const r = await get<{ paths: Record<string, unknown> }>('/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/documents',
        '/api/v1/documents/{id}',
        '/api/v1/documents/{id}/handover',
        '/api/v1/verification/{code}',
      ]),
    );
  });
});
