import { resolve } from 'node:path';
import { EventTypes, Topics } from '@onewindow/contracts';
import { addWorkingDays, chinaDate, citizenIdCheckChar } from '@onewindow/domain';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
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

jest.setTimeout(90_000);

let serial = 0;
function citizenId(): string {
  serial++;
  const first17 = `420103198${serial % 10}1${(serial % 2) + 1}0${(serial % 9) + 1}${String(300 + serial).slice(-3)}`;
  return first17 + citizenIdCheckChar(first17);
}

type Json = Record<string, any>;

/** Everything the restaurant bundle's one form asks the applicant for (the business licence comes out of stage 1). */
const RESTAURANT_FORM = ['M-APP', 'M-AOA', 'M-ID', 'M-PREM', 'M-SITE', 'M-SAFE', 'M-FIRE', 'M-HEALTH'];

describe('intake front desk: a bundle (一件事) is one case with one form', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let probe: EventProbe;
  let publisher: TestPublisher;
  const prefix = uniqueTopicPrefix('intake-bundle');

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const bundleCase = (bundleCode: string, idNumber: string, materials: string[], extra: Json = {}) => ({
    bundleCode,
    regionCode: '420102',
    channel: 'WINDOW',
    applicant: { kind: 'NATURAL_PERSON', name: '钱七', idNumber, contact: { phone: '13700000000' } },
    materials: materials.map((code) => ({ code })),
    ...extra,
  });

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
    base = await service.app.getUrl();
    probe = new EventProbe(prefix, [Topics.IntakeCaseEvents]);
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

  it('accepts a complete bundle with one receipt: the union of materials once each, the promised date of the longest path, the bundle on the events', async () => {
    const r = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', citizenId(), RESTAURANT_FORM), { 'idempotency-key': `b-${ulid()}` });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'ACCEPTED',
      matter: { code: 'YJS-WH-CANYIN', version: 1, name: '开办餐馆一件事' },
      // Stage 1 (licence, 1 / 15 days), then stage 2 in parallel (slowest: fire 7 days; legal 20).
      promisedLimitDays: 8,
      legalLimitDays: 35,
      promisedDate: addWorkingDays(chinaDate(new Date(r.body.acceptedAt)), 8),
    });
    expect(r.body.bundle.matters.map((m: Json) => [m.matterCode, m.departmentCode, m.stage])).toEqual([
      ['WH-SCJGJ-003', 'WH-SCJGJ', 1],
      ['WH-SCJGJ-001', 'WH-SCJGJ', 2],
      ['WH-XFJY-001', 'WH-XFJY', 2],
      ['WH-WJW-001', 'WH-WJW', 2],
    ]);
    const codes = r.body.materials.map((m: Json) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(r.body.materials.find((m: Json) => m.code === 'M-BL')).toMatchObject({ provided: false, required: false });
    expect(r.body.materials.filter((m: Json) => m.required).every((m: Json) => m.provided)).toBe(true);

    const accepted = await probe.waitFor(EventTypes.CaseAccepted, r.body.id);
    expect(accepted.data).toMatchObject({
      matterCode: 'YJS-WH-CANYIN',
      matterVersion: 1,
      departmentCode: 'WH-SCJGJ',
      promisedLimitDays: 8,
      bundle: { code: 'YJS-WH-CANYIN', version: 1 },
    });
    expect(accepted.data.bundle?.matters).toHaveLength(4);
    expect((await probe.waitFor(EventTypes.CaseReceived, r.body.id)).data.bundle?.code).toBe('YJS-WH-CANYIN');

    const shown = (await call('GET', `/api/v1/cases/${r.body.id}`)).body;
    expect(shown).toMatchObject({ status: 'ACCEPTED', bundle: { code: 'YJS-WH-CANYIN' }, matter: { departmentCode: 'WH-SCJGJ' } });
    const found = (await call('GET', '/api/v1/cases?matterCode=YJS-WH-CANYIN')).body.items as Json[];
    expect(found.map((c) => c.id)).toContain(r.body.id);
  });

  it('lists everything missing across the bundle’s matters at once, each material once, and accepts the case when the supplement arrives', async () => {
    const r = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', citizenId(), ['M-APP', 'M-AOA', 'M-ID', 'M-PREM']));
    expect([r.status, r.body.status]).toEqual([201, 'SUPPLEMENT_REQUIRED']);
    expect(r.body.promisedDate).toBeUndefined();
    const missing = r.body.supplementNotice.missing.map((m: Json) => m.code);
    expect(missing).toEqual(['M-SITE', 'M-SAFE', 'M-FIRE', 'M-HEALTH']);
    expect(r.body.supplementNotice.printable).toContain('开办餐馆一件事（YJS-WH-CANYIN，第 1 版）');
    const required = await probe.waitFor(EventTypes.CaseSupplementRequired, r.body.id);
    expect(required.data.missing.map((m) => m.code)).toEqual(missing);

    const partial = await call('POST', `/api/v1/cases/${r.body.id}/supplements`, { materials: [{ code: 'M-SITE' }] });
    expect([partial.status, partial.body.type]).toEqual([422, '/problems/materials-incomplete']);
    const done = await call('POST', `/api/v1/cases/${r.body.id}/supplements`, { materials: ['M-SITE', 'M-SAFE', 'M-FIRE', 'M-HEALTH'].map((code) => ({ code })) });
    expect([done.status, done.body.status, done.body.promisedLimitDays]).toEqual([200, 'ACCEPTED', 8]);
    const accepted = await probe.waitFor(EventTypes.CaseAccepted, r.body.id);
    expect(accepted.data.bundle?.code).toBe('YJS-WH-CANYIN');
  });

  it('pulls a shareable material of the union from a document already issued to the applicant and records the reuse', async () => {
    const applicant = citizenId();
    // A first case of the applicant, whose (synthetic) result is the property certificate the transfer needs.
    const first = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', applicant, RESTAURANT_FORM));
    const documentNo = `WH-ZRZYGHJ-CERT-${ulid().slice(-8)}`;
    await publisher.send(
      makeEvent(EventTypes.DocumentIssued, first.body.id, {
        documentId: ulid(),
        documentNo,
        caseId: first.body.id,
        caseNo: first.body.caseNo,
        kind: 'LICENCE',
        title: '不动产权证书',
        matterCode: 'WH-ZRZYGHJ-002',
        departmentCode: 'WH-ZRZYGHJ',
        holder: { kind: 'NATURAL_PERSON', name: '钱七', idNumber: applicant },
        issuedAt: new Date().toISOString(),
        verificationCode: 'WXYZ2345ABCD',
      }),
    );
    await eventually(async () => ((await call('GET', `/api/v1/cases/${first.body.id}`)).body.status === 'ISSUED' ? true : undefined), { what: 'the document recorded' });

    // 二手房: contract and ids brought; the property certificate (all three matters ask for it) comes from the issued document.
    const r = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-ERSHOUFANG', applicant, ['M-APP', 'M-ID', 'M-CONTRACT', 'M-TAXFORM']));
    expect([r.status, r.body.status]).toEqual([201, 'ACCEPTED']);
    expect(r.body.materials.find((m: Json) => m.code === 'M-CERT')).toMatchObject({ provided: true, reusedFromDocumentNo: documentNo });
    expect(r.body.materials.filter((m: Json) => m.code === 'M-CERT')).toHaveLength(1);
    // The tax certificate is the output of the bundle's own stage 1: never asked for.
    expect(r.body.materials.find((m: Json) => m.code === 'M-TAX')).toMatchObject({ provided: false, required: false });
  });

  it('keeps the case on hold while any department’s hold is open: two supplement requests and a special procedure at once', async () => {
    const r = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', citizenId(), RESTAURANT_FORM));
    const caseId = r.body.id as string;
    const caseNo = r.body.caseNo as string;
    const [food, fire, health] = [ulid(), ulid(), ulid()];
    const ref = (taskId: string, departmentCode: string) => ({ taskId, caseId, caseNo, departmentCode });
    const now = () => new Date().toISOString();
    const send = (...events: Parameters<TestPublisher['send']>) => publisher.send(...events);
    const statusIs = (status: string) =>
      eventually(async () => {
        const c = (await call('GET', `/api/v1/cases/${caseId}`)).body;
        return c.status === status ? c : undefined;
      }, { what: `case ${status}` });
    const timelineHas = (n: number) =>
      eventually(async () => {
        const c = (await call('GET', `/api/v1/cases/${caseId}`)).body;
        return c.timeline.length >= n ? c : undefined;
      }, { what: `${n} timeline entries` });
    const base = (await call('GET', `/api/v1/cases/${caseId}`)).body.timeline.length as number;

    await send(
      makeEvent(EventTypes.TaskAssigned, caseId, { ...ref(food, 'WH-SCJGJ'), matterCode: 'YJS-WH-CANYIN', stage: 2, assignedAt: now() }),
      makeEvent(EventTypes.TaskSuspended, caseId, { ...ref(health, 'WH-WJW'), officerId: 'o-h', kind: 'INSPECTION', reason: '现场核查', plannedDays: 5, suspendedAt: now() }),
      makeEvent(EventTypes.TaskSupplementRequested, caseId, { ...ref(fire, 'WH-XFJY'), officerId: 'o-f', items: [{ materialCode: 'M-EVAC', description: '疏散通道示意图' }], requestedAt: now() }),
      makeEvent(EventTypes.TaskSupplementRequested, caseId, { ...ref(food, 'WH-SCJGJ'), officerId: 'o-s', items: [{ materialCode: 'M-FLOOR', description: '经营场所平面布局图' }], requestedAt: now() }),
    );
    await timelineHas(base + 4);
    await statusIs('SUPPLEMENT_REQUESTED');

    // One visit takes what both departments asked for; the special procedure still stops the clock.
    const half = await call('POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-FLOOR' }] });
    expect([half.status, half.body.type]).toEqual([422, '/problems/materials-incomplete']);
    expect(half.body.missing).toEqual([{ code: 'M-EVAC', name: '疏散通道示意图' }]);
    const taken = await call('POST', `/api/v1/cases/${caseId}/supplements`, { materials: [{ code: 'M-EVAC' }, { code: 'M-FLOOR' }] });
    expect([taken.status, taken.body.status]).toEqual([200, 'SUSPENDED']);

    // Approval resumes both tasks; the case stays SUSPENDED until the inspection ends.
    const supplemented = (taskId: string, departmentCode: string) =>
      makeEvent(EventTypes.TaskSupplemented, caseId, {
        ...ref(taskId, departmentCode), officerId: 'o', pausedWorkingDays: 0, promisedDeadline: '2026-12-31', legalDeadline: '2027-01-29', supplementedAt: now(),
      });
    await send(supplemented(fire, 'WH-XFJY'), supplemented(food, 'WH-SCJGJ'));
    const shown = await timelineHas(base + 7);
    expect(shown.status).toBe('SUSPENDED');
    await send(
      makeEvent(EventTypes.TaskResumed, caseId, {
        ...ref(health, 'WH-WJW'), officerId: 'o-h', pausedWorkingDays: 2, promisedDeadline: '2027-01-05', legalDeadline: '2027-02-02', resumedAt: now(),
      }),
    );
    await statusIs('IN_REVIEW');
  });

  it('lets the clerk check an applicant’s materials against the bundle’s one form before filing, saving nothing', async () => {
    const before = (await call('GET', '/api/v1/cases?limit=200')).body.items.length;
    const check = await call('POST', '/api/v1/bundles/YJS-WH-CANYIN/materials-check', {
      materials: ['M-APP', 'M-ID', 'M-SITE', 'M-X'].map((code) => ({ code })),
    });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ complete: false, matter: { code: 'YJS-WH-CANYIN', version: 1 }, unknown: ['M-X'] });
    expect(check.body.missing.map((m: Json) => m.code)).toEqual(['M-AOA', 'M-PREM', 'M-SAFE', 'M-FIRE', 'M-HEALTH']);
    const complete = await call('POST', '/api/v1/bundles/YJS-WH-CANYIN/materials-check', { materials: RESTAURANT_FORM.map((code) => ({ code })) });
    expect(complete.body.complete).toBe(true);
    const unknown = await call('POST', '/api/v1/bundles/YJS-NO-SUCH/materials-check', { materials: [] });
    expect([unknown.status, unknown.body.type]).toEqual([404, '/problems/bundle-not-found']);
    expect((await call('GET', '/api/v1/cases?limit=200')).body.items.length).toBe(before);
  });

  it('refuses bad bundle input with problem details and saves nothing', async () => {
    const countBefore = (await call('GET', '/api/v1/cases?limit=200')).body.items.length;
    const both = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', citizenId(), RESTAURANT_FORM, { matterCode: 'WH-SCJGJ-001' }));
    expect([both.status, both.body.type]).toEqual([400, '/problems/matter-and-bundle']);
    expect(both.type).toContain('application/problem+json');
    const neither = await call('POST', '/api/v1/cases', { ...bundleCase('X', citizenId(), []), bundleCode: undefined });
    expect([neither.status, neither.body.type]).toEqual([400, '/problems/validation-error']);
    const unknown = await call('POST', '/api/v1/cases', bundleCase('YJS-NO-SUCH', citizenId(), RESTAURANT_FORM));
    expect([unknown.status, unknown.body.type]).toEqual([422, '/problems/unknown-bundle']);
    const elsewhere = await call('POST', '/api/v1/cases', { ...bundleCase('YJS-WH-CANYIN', citizenId(), RESTAURANT_FORM), regionCode: '420502' });
    expect([elsewhere.status, elsewhere.body.type]).toEqual([422, '/problems/bundle-not-offered-here']);
    const foreign = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', citizenId(), [...RESTAURANT_FORM, 'M-BIRTHREC']));
    expect([foreign.status, foreign.body.type, foreign.body.unknown]).toEqual([422, '/problems/unknown-materials', ['M-BIRTHREC']]);
    const badId = await call('POST', '/api/v1/cases', bundleCase('YJS-WH-CANYIN', '420102199001011230', RESTAURANT_FORM));
    expect([badId.status, badId.body.type]).toEqual([422, '/problems/invalid-id-number']);
    expect((await call('GET', '/api/v1/cases?limit=200')).body.items.length).toBe(countBefore);

    // A retried POST returns the first answer; the same key with another body is refused.
    const key = `bundle-${ulid()}`;
    const body = bundleCase('YJS-WH-CANYIN', citizenId(), RESTAURANT_FORM);
    const once = await call('POST', '/api/v1/cases', body, { 'idempotency-key': key });
    const twice = await call('POST', '/api/v1/cases', body, { 'idempotency-key': key });
    expect([twice.status, twice.body.id]).toEqual([201, once.body.id]);
    const other = await call('POST', '/api/v1/cases', { ...body, channel: 'ONLINE' }, { 'idempotency-key': key });
    expect([other.status, other.body.type]).toEqual([422, '/problems/idempotency-key-reused']);
  });
});
