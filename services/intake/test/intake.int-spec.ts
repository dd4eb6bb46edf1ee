import { resolve } from 'node:path';
import { DeadLetterTopics, type EventData, EventTypes, Topics } from '@onewindow/contracts';
import { addWorkingDays, chinaDate } from '@onewindow/domain';
import { createLogger, type RunningService, bootstrapService } from '@onewindow/platform';
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
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { SeedCatalogUseCase } from '../src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../src/config/intake.config';

jest.setTimeout(60_000);

const CITIZEN = '11010519491231002X';
const FOOD_LICENCE = {
  matterCode: 'WH-SCJGJ-001',
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN, contact: { email: 'zhang.san@example.org' } },
  materials: ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
};

describe('intake: the comprehensive window on real PostgreSQL and Kafka', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let probe: EventProbe;
  let publisher: TestPublisher;
  const prefix = uniqueTopicPrefix('intake');

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const getCase = async (id: string) => (await fetch(`${base}/api/v1/cases/${id}`)).json() as Promise<Record<string, any>>;
  const countCases = async () => {
    const r = (await (await fetch(`${base}/api/v1/cases?limit=200`)).json()) as { items: unknown[] };
    return r.items.length;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadIntakeConfig(serviceEnv(db.url, prefix, { HTTP_PORT: '0' }));
    const logger = createLogger('intake', config.LOG_LEVEL);
    service = await bootstrapService({
      service: 'intake',
      module: AppModule.forRoot(config, logger),
      config,
      logger,
      httpPort: 0,
      consumes: [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents],
      openApi: { title: 'intake', description: 'test' },
    });
    const address = service.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    probe = new EventProbe(prefix, [Topics.IntakeCaseEvents, Topics.IntakeCatalogEvents, DeadLetterTopics.intake]);
    await probe.start();
    publisher = new TestPublisher(prefix);
    await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
  });

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    await service?.close();
    await db?.drop();
  });

  it('publishes the seeded catalogue once, and re-seeding publishes nothing', async () => {
    const matters = require('../../../seeds/matters.json') as unknown[];
    await eventually(async () => (probe.ofType(EventTypes.MatterPublished).length >= matters.length ? true : undefined), {
      what: 'all catalogue events',
    });
    const report = await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    expect(report.matters).toEqual({ published: 0, unchanged: matters.length });
    const matter = await (await fetch(`${base}/api/v1/matters/WH-SCJGJ-001`)).json();
    expect(matter).toMatchObject({ code: 'WH-SCJGJ-001', version: 1, promisedLimitDays: 5 });
  });

  it('accepts a complete application with a receipt, its events and its timeline', async () => {
    const res = await post(FOOD_LICENCE, { 'x-correlation-id': 'clerk-morning-1' });
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as Record<string, any>;
    const today = chinaDate(new Date());
    expect(receipt.caseNo).toMatch(new RegExp(`^420102-${today.replace(/-/g, '')}-\\d{6}$`));
    expect(receipt.promisedDate).toBe(addWorkingDays(today, 5));
    expect(res.headers.get('location')).toBe(`/api/v1/cases/${receipt.id}`);

    const accepted = await probe.waitFor(EventTypes.CaseAccepted, receipt.id);
    const received = probe.ofType(EventTypes.CaseReceived, receipt.id)[0];
    expect(accepted.correlationid).toBe('clerk-morning-1');
    expect(accepted.causationid).toBe(received.id);
    expect([received.sequence, accepted.sequence]).toEqual([1, 2]);
    expect(accepted.data).toMatchObject({ departmentCode: 'WH-SCJGJ', promisedDate: receipt.promisedDate, matterVersion: 1 });

    const view = await getCase(receipt.id);
    expect(view.status).toBe('ACCEPTED');
    expect(view.applicant.idNumber).toBe('110105********002X');
    expect(view.timeline.map((t: { type: string }) => t.type)).toEqual(['case.received', 'case.accepted']);
  });

  it('refuses materials of another matter, listing every gap at once, and saves nothing', async () => {
    const before = await countCases();
    const res = await post({ ...FOOD_LICENCE, materials: [{ code: 'M-APP' }, { code: 'M-NOT-OURS' }] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Record<string, any>;
    expect(problem.type).toBe('/problems/unknown-materials');
    expect(problem.missing.map((m: { code: string }) => m.code)).toEqual(['M-BL', 'M-ID', 'M-SITE', 'M-SAFE']);
    expect(problem.unknown).toEqual(['M-NOT-OURS']);
    expect(await countCases()).toBe(before);
  });

  it.each([
    ['a citizen ID with a wrong check character', { applicant: { ...FOOD_LICENCE.applicant, idNumber: '110105194912310021' } }, 'invalid-id-number'],
    ['a company with an invalid USCC', { applicant: { ...FOOD_LICENCE.applicant, kind: 'LEGAL_PERSON', idNumber: '91350100M000100Y42' } }, 'invalid-id-number'],
    ['an unknown matter', { matterCode: 'NO-SUCH-MATTER' }, 'unknown-matter'],
    ['a region where the matter is not offered', { regionCode: '420502' }, 'matter-not-offered-here'],
  ])('refuses %s with a stable problem type', async (_what, change, slug) => {
    const before = await countCases();
    const res = await post({ ...FOOD_LICENCE, ...change });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toBe(`/problems/${slug}`);
    expect(await countCases()).toBe(before);
  });

  it('answers malformed, oversized and over-posted requests with problem details, never a 500', async () => {
    const bad = await post('{"matterCode":');
    expect([bad.status, ((await bad.json()) as { type: string }).type]).toEqual([400, '/problems/malformed-json']);
    const big = await post({ ...FOOD_LICENCE, clerkId: 'x'.repeat(2_000_000) });
    expect([big.status, ((await big.json()) as { type: string }).type]).toEqual([413, '/problems/payload-too-large']);
    const mass = await post({ ...FOOD_LICENCE, status: 'APPROVED' });
    const problem = (await mass.json()) as { type: string; errors: Array<{ field: string }> };
    expect([mass.status, problem.type]).toEqual([400, '/problems/validation-error']);
    expect(problem.errors.map((e) => e.field)).toContain('status');
  });

  it('gives a retried request its first answer, also when two arrive at once; a reused key with another body is refused', async () => {
    const key = `retry-${ulid()}`;
    const [a, b] = await Promise.all([post(FOOD_LICENCE, { 'idempotency-key': key }), post(FOOD_LICENCE, { 'idempotency-key': key })]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as Array<{ id: string }>;
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(ra.id).toBe(rb.id);
    const again = await post(FOOD_LICENCE, { 'idempotency-key': key });
    expect(((await again.json()) as { id: string }).id).toBe(ra.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await post({ ...FOOD_LICENCE, channel: 'ONLINE' }, { 'idempotency-key': key });
    expect([other.status, ((await other.json()) as { type: string }).type]).toEqual([422, '/problems/idempotency-key-reused']);
    await eventually(async () => (probe.ofType(EventTypes.CaseAccepted, ra.id).length === 1 ? true : undefined));
  });

  it('follows the back office to DELIVERED, ignoring duplicates and a late claim, with the timeline in order', async () => {
    const receipt = (await (await post(FOOD_LICENCE)).json()) as { id: string; caseNo: string };
    const accepted = await probe.waitFor(EventTypes.CaseAccepted, receipt.id);
    const summary = { caseId: receipt.id, caseNo: receipt.caseNo, matterCode: 'WH-SCJGJ-001', matterVersion: 1, matterName: '食品经营许可（新办）', regionCode: '420102', channel: 'WINDOW' as const, applicant: accepted.data.applicant };
    const taskId = ulid();
    const t = (s: number) => new Date(Date.now() + s * 1000).toISOString();
    const routed = makeEvent(EventTypes.CaseRouted, receipt.id, { ...summary, planId: ulid(), tasks: [{ taskId, departmentCode: 'WH-SCJGJ', stage: 1 }], materials: accepted.data.materials, legalLimitDays: 20, promisedLimitDays: 5, acceptedAt: accepted.data.acceptedAt, routedAt: t(1) }, { time: t(1) });
    const claimed = makeEvent(EventTypes.TaskClaimed, receipt.id, { taskId, caseId: receipt.id, caseNo: receipt.caseNo, departmentCode: 'WH-SCJGJ', officerId: 'officer-7', claimedAt: t(2), leaseExpiresAt: t(1800) }, { time: t(2) });
    const decided = makeEvent(EventTypes.CaseDecided, receipt.id, { ...summary, outcome: 'APPROVED', reasons: [], departments: [{ taskId, departmentCode: 'WH-SCJGJ', outcome: 'APPROVED' }], leadDepartmentCode: 'WH-SCJGJ', decidedAt: t(3) } satisfies EventData<'case.decided'>, { time: t(3) });
    const documentId = ulid();
    const issued = makeEvent(EventTypes.DocumentIssued, receipt.id, { documentId, documentNo: 'WH-SCJGJ-2026-000001', caseId: receipt.id, caseNo: receipt.caseNo, kind: 'LICENCE', title: '食品经营许可证', matterCode: 'WH-SCJGJ-001', departmentCode: 'WH-SCJGJ', holder: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN }, issuedAt: t(4), verificationCode: 'ABCD2345EFGH' }, { time: t(4) });
    const handed = makeEvent(EventTypes.DocumentHandedOver, receipt.id, { documentId, documentNo: 'WH-SCJGJ-2026-000001', caseId: receipt.id, caseNo: receipt.caseNo, method: 'WINDOW', collectorName: '张三', collectorRole: 'HOLDER', handedOverBy: 'clerk-1', handedOverAt: t(5) }, { time: t(5) });

    // Decision before the claim (they travel on different topics), and every event twice.
    await publisher.send(routed, decided, issued, claimed, handed, routed, decided, handed);
    const view = await eventually(async () => {
      const v = await getCase(receipt.id);
      // The case row and its timeline are two reads: wait for both to show the handover.
      return v.timeline.length === 7 && v.status === 'DELIVERED' ? v : undefined;
    }, { what: 'seven timeline entries and DELIVERED' });
    expect(view.status).toBe('DELIVERED');
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual([
      'case.received',
      'case.accepted',
      'case.routed',
      'task.claimed',
      'case.decided',
      'document.issued',
      'document.handed-over',
    ]);
  });

  it('sends a poison message to its dead-letter topic and keeps consuming', async () => {
    await publisher.sendRaw(Topics.RoutingCaseEvents, { key: 'x', value: '{not json', headers: { ce_type: 'case.routed', ce_id: 'poison-1' } });
    const receipt = (await (await post(FOOD_LICENCE)).json()) as { id: string; caseNo: string };
    const accepted = await probe.waitFor(EventTypes.CaseAccepted, receipt.id);
    const taskId = ulid();
    await publisher.send(
      makeEvent(EventTypes.TaskClaimed, receipt.id, { taskId, caseId: receipt.id, caseNo: receipt.caseNo, departmentCode: 'WH-SCJGJ', officerId: 'o', claimedAt: accepted.time, leaseExpiresAt: accepted.time }),
    );
    await eventually(async () => ((await getCase(receipt.id)).status === 'IN_REVIEW' ? true : undefined), { what: 'IN_REVIEW' });
    const dead = await eventually(async () => probe.raw.find((r) => r.topic === DeadLetterTopics.intake && r.headers.ce_id === 'poison-1'));
    expect(dead.headers['dlq-error']).toContain('value is not JSON');
    expect(dead.headers['dlq-original-topic']).toBe(prefix + Topics.RoutingCaseEvents);
  });
});
