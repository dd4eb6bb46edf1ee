import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { EventTypes, Topics } from '@onewindow/contracts';
import { addWorkingDays, chinaDate, citizenIdCheckChar } from '@onewindow/domain';
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
import fc from 'fast-check';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { SeedCatalogUseCase } from '../src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../src/config/intake.config';

jest.setTimeout(90_000);

/** A fresh, valid citizen ID per applicant, so each test sees only its own cases. */
let serial = 0;
function citizenId(): string {
  serial++;
  const first17 = `420102199${serial % 10}0${(serial % 9) + 1}1${serial % 10}${String(100 + serial).slice(-3)}`;
  return first17 + citizenIdCheckChar(first17);
}

const FOOD_MATERIALS = ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'];
const foodLicence = (
  idNumber: string,
  materials: string[] = FOOD_MATERIALS,
  extra: Record<string, unknown> = {},
) => ({
  matterCode: 'WH-SCJGJ-001',
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: { kind: 'NATURAL_PERSON', name: '王五', idNumber, contact: { email: 'wang.wu@example.org' } },
  materials: materials.map((code) => ({ code })),
  ...extra,
});

type Json = Record<string, any>;

describe('intake front desk: catalogue, one-time notice, supplement, refusal, withdrawal, reuse', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let probe: EventProbe;
  let publisher: TestPublisher;
  const prefix = uniqueTopicPrefix('intake-fd');

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const pdfText = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'application/pdf']);
    return (await pdfParse(Buffer.from(await res.arrayBuffer()))).text;
  };
  const countCases = async () => (await call('GET', '/api/v1/cases?limit=200')).body.items.length as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadIntakeConfig(
      serviceEnv(db.url, prefix, { HTTP_PORT: '0', MATERIAL_FILE_MAX_BYTES: String(64 * 1024) }),
    );
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
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    probe = new EventProbe(prefix, [Topics.IntakeCaseEvents, Topics.IntakeCatalogEvents]);
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

  describe('the catalogue', () => {
    it('seeds at least 40 matters and 4 bundles, publishes each bundle keyed by its code, and re-seeding publishes nothing', async () => {
      const matters = (await call('GET', '/api/v1/matters?limit=200')).body.items as Json[];
      expect(matters.length).toBeGreaterThanOrEqual(40);
      expect(new Set(matters.map((m) => m.level))).toEqual(new Set(['PROVINCE', 'CITY', 'COUNTY']));
      expect(matters.some((m) => m.kind === 'INSTANT' && m.legalLimitDays === 0)).toBe(true);
      expect(matters.some((m) => m.coDepartmentCodes.length > 0)).toBe(true);

      const bundles = (await call('GET', '/api/v1/bundles')).body.items as Json[];
      expect(bundles.length).toBeGreaterThanOrEqual(4);
      const restaurant = await call('GET', '/api/v1/bundles/YJS-WH-CANYIN');
      expect(restaurant.status).toBe(200);
      expect(restaurant.body.matters).toEqual([
        { matterCode: 'WH-SCJGJ-003', stage: 1 },
        { matterCode: 'WH-SCJGJ-001', stage: 2 },
        { matterCode: 'WH-XFJY-001', stage: 2 },
        { matterCode: 'WH-WJW-001', stage: 2 },
      ]);
      const event = await probe.waitFor(EventTypes.BundlePublished, 'YJS-WH-CANYIN');
      expect(event.data).toMatchObject({ code: 'YJS-WH-CANYIN', version: 1, name: '开办餐馆一件事' });

      const again = await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
      expect(again.bundles).toEqual({ published: 0, unchanged: bundles.length });
      expect(again.matters.published).toBe(0);
      expect((await call('GET', '/api/v1/bundles/NO-SUCH-BUNDLE')).body.type).toBe(
        '/problems/bundle-not-found',
      );
    });

    it('lets an operator publish a new version; an unchanged definition publishes nothing; cases keep the version they were accepted under', async () => {
      const current = (await call('GET', '/api/v1/matters/WH-CGW-001')).body;
      const applicant = citizenId();
      const adCase = (materials: string[]) => ({
        matterCode: 'WH-CGW-001',
        regionCode: '420102',
        channel: 'WINDOW',
        applicant: { kind: 'NATURAL_PERSON', name: '赵六', idNumber: applicant, contact: {} },
        materials: materials.map((code) => ({ code })),
      });
      const before = await call('POST', '/api/v1/cases', adCase(['M-APP', 'M-BL', 'M-DESIGN', 'M-SAFETY']));
      expect([before.status, before.body.matter.version]).toEqual([201, 1]);

      const { code: _code, version: _v, publishedAt: _p, departmentName: _d, ...definition } = current;
      const changed = {
        ...definition,
        promisedLimitDays: 8,
        materials: [
          ...definition.materials,
          {
            code: 'M-PERMIT',
            name: '产权人同意设置证明',
            required: true,
            form: 'ORIGINAL',
            shareable: false,
          },
        ],
      };
      const v2 = await call('PUT', '/api/v1/matters/WH-CGW-001', changed);
      expect(v2.status).toBe(200);
      expect(v2.body).toMatchObject({
        code: 'WH-CGW-001',
        version: 2,
        changed: true,
        matter: { version: 2, promisedLimitDays: 8, departmentName: '武汉市城市管理执法委员会' },
      });
      await eventually(async () =>
        probe.ofType(EventTypes.MatterPublished, 'WH-CGW-001').find((e) => e.data.version === 2),
      );

      const same = await call('PUT', '/api/v1/matters/WH-CGW-001', changed);
      expect(same.body).toMatchObject({ version: 2, changed: false });

      // The case accepted under version 1 keeps it; a new one is checked against version 2.
      expect((await call('GET', `/api/v1/cases/${before.body.id}`)).body.matter.version).toBe(1);
      const after = await call('POST', '/api/v1/cases', adCase(['M-APP', 'M-BL', 'M-DESIGN', 'M-SAFETY']));
      expect(after.body).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', matter: { version: 2 } });
      expect(after.body.supplementNotice.missing.map((m: Json) => m.code)).toEqual(['M-PERMIT']);
      expect((await call('GET', '/api/v1/matters/WH-CGW-001?version=1')).body.promisedLimitDays).toBe(
        current.promisedLimitDays,
      );
    });

    it('refuses an invalid definition with every problem at once, and publishes nothing', async () => {
      const current = (await call('GET', '/api/v1/matters/WH-WJW-001')).body;
      const { code: _c, version: _v, publishedAt: _p, ...definition } = current;
      const inconsistent = await call('PUT', '/api/v1/matters/WH-WJW-001', {
        ...definition,
        kind: 'INSTANT',
        promisedLimitDays: 30,
        materials: [...definition.materials, definition.materials[0]],
      });
      expect(inconsistent.status).toBe(422);
      expect(inconsistent.body.type).toBe('/problems/invalid-matter-definition');
      expect(inconsistent.body.problems.join('\n')).toMatch(
        /promisedLimitDays must not exceed legalLimitDays[\s\S]*instant matter[\s\S]*duplicate material codes: M-APP/,
      );

      const malformed = await call('PUT', '/api/v1/matters/WH-WJW-001', {
        ...definition,
        level: 'GALAXY',
        legalLimitDays: -1,
        regionCodes: ['42'],
      });
      expect([malformed.status, malformed.body.type]).toEqual([400, '/problems/validation-error']);
      expect(malformed.body.errors.map((e: Json) => e.field)).toEqual(
        expect.arrayContaining(['level', 'legalLimitDays', 'regionCodes']),
      );

      const unknownDept = await call('PUT', '/api/v1/matters/WH-WJW-001', {
        ...definition,
        departmentCode: 'NO-SUCH-DEPT',
      });
      expect([unknownDept.status, unknownDept.body.type]).toEqual([422, '/problems/unknown-department']);
      expect((await call('GET', '/api/v1/matters/WH-WJW-001')).body.version).toBe(1);
    });

    it('retires a matter: new cases are refused with matter-retired and nothing is saved, earlier cases stay as they were', async () => {
      const current = (await call('GET', '/api/v1/matters/HB-MZT-002')).body;
      const application = {
        matterCode: 'HB-MZT-002',
        regionCode: '420100',
        channel: 'ONLINE',
        applicant: { kind: 'NATURAL_PERSON', name: '钱七', idNumber: citizenId(), contact: {} },
        materials: ['M-APP', 'M-AOA', 'M-CAP', 'M-PREM', 'M-ID'].map((code) => ({ code })),
      };
      const earlier = await call('POST', '/api/v1/cases', application);
      expect(earlier.body.status).toBe('ACCEPTED');
      const { code: _c, version: _v, publishedAt: _p, ...definition } = current;
      const retired = await call('PUT', '/api/v1/matters/HB-MZT-002', { ...definition, status: 'RETIRED' });
      expect(retired.body).toMatchObject({ version: 2, changed: true, matter: { status: 'RETIRED' } });

      const casesBefore = await countCases();
      const refused = await call('POST', '/api/v1/cases', application);
      expect([refused.status, refused.body.type]).toEqual([422, '/problems/matter-retired']);
      expect(await countCases()).toBe(casesBefore);
      expect((await call('GET', `/api/v1/cases/${earlier.body.id}`)).body).toMatchObject({
        status: 'ACCEPTED',
        matter: { version: 1 },
      });
    });
  });

  describe('the front desk', () => {
    it('registers an incomplete application as SUPPLEMENT_REQUIRED with a printable one-time notice, then accepts it once supplemented', async () => {
      const applicant = citizenId();
      const res = await call(
        'POST',
        '/api/v1/cases',
        foodLicence(applicant, ['M-APP', 'M-ID']),
        { 'x-correlation-id': 'morning-notice' },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', matter: { code: 'WH-SCJGJ-001' } });
      expect(res.body.promisedDate).toBeUndefined();
      const id = res.body.id as string;

      const notice = await call('GET', `/api/v1/cases/${id}/supplement-notice`);
      expect(notice.status).toBe(200);
      expect(notice.body.missing.map((m: Json) => m.code)).toEqual(['M-BL', 'M-SITE', 'M-SAFE']);
      expect(notice.body.printable).toContain('一次性补正告知书');
      expect(notice.body.printable).toContain(`办件编号：${res.body.caseNo}`);
      expect(notice.body.printable).toContain('3. 食品安全管理制度文本：未提交（需原件）');
      const noticePdf = await pdfText(`/api/v1/cases/${id}/supplement-notice/pdf`);
      expect(noticePdf).toContain('一次性补正告知书');
      expect(noticePdf).toContain(`办件编号：${res.body.caseNo}`);
      expect(noticePdf).toContain('需补正的材料（共 3 项）');
      for (const name of ['营业执照', '经营场所平面图及设备布局图', '食品安全管理制度文本']) expect(noticePdf).toContain(name);
      const notYet = await call('GET', `/api/v1/cases/${id}/receipt/pdf`);
      expect([notYet.status, notYet.body.type]).toEqual([409, '/problems/case-not-accepted']);

      const required = await probe.waitFor(EventTypes.CaseSupplementRequired, id);
      expect(required.correlationid).toBe('morning-notice');
      expect(required.data.missing.map((m) => m.name)).toEqual([
        '营业执照',
        '经营场所平面图及设备布局图',
        '食品安全管理制度文本',
      ]);
      expect(probe.ofType(EventTypes.CaseAccepted, id)).toEqual([]);

      // Still one missing: refused with the list, nothing changes.
      const partial = await call('POST', `/api/v1/cases/${id}/supplements`, {
        materials: [{ code: 'M-BL' }, { code: 'M-SITE' }],
      });
      expect([partial.status, partial.body.type]).toEqual([422, '/problems/materials-incomplete']);
      expect(partial.body.missing.map((m: Json) => m.code)).toEqual(['M-SAFE']);
      expect((await call('GET', `/api/v1/cases/${id}`)).body.status).toBe('SUPPLEMENT_REQUIRED');

      const key = `supp-${ulid()}`;
      const done = await call(
        'POST',
        `/api/v1/cases/${id}/supplements`,
        { materials: [{ code: 'M-BL' }, { code: 'M-SITE' }, { code: 'M-SAFE' }] },
        { 'idempotency-key': key },
      );
      expect(done.status).toBe(200);
      const today = chinaDate(new Date());
      expect(done.body).toMatchObject({ id, status: 'ACCEPTED', promisedDate: addWorkingDays(today, 5) });
      expect(done.body.materials.filter((m: Json) => m.required && !m.provided)).toEqual([]);
      const retried = await call(
        'POST',
        `/api/v1/cases/${id}/supplements`,
        { materials: [{ code: 'M-BL' }, { code: 'M-SITE' }, { code: 'M-SAFE' }] },
        { 'idempotency-key': key },
      );
      expect([retried.status, retried.headers.get('idempotent-replayed'), retried.body.acceptedAt]).toEqual([
        200,
        'true',
        done.body.acceptedAt,
      ]);

      const accepted = await probe.waitFor(EventTypes.CaseAccepted, id);
      const supplemented = probe.ofType(EventTypes.CaseSupplemented, id)[0];
      expect(accepted.causationid).toBe(supplemented.id);
      expect(accepted.data).toMatchObject({
        promisedDate: done.body.promisedDate,
        departmentCode: 'WH-SCJGJ',
      });
      const view = (await call('GET', `/api/v1/cases/${id}`)).body;
      expect(view).toMatchObject({ status: 'ACCEPTED', hasSupplementNotice: true });
      expect(view.timeline.map((t: Json) => t.type)).toEqual([
        'case.received',
        'case.supplement-required',
        'case.supplemented',
        'case.accepted',
      ]);

      const receipt = await pdfText(`/api/v1/cases/${id}/receipt/pdf`);
      expect(receipt).toContain('受理回执');
      expect(receipt).toContain(`办件编号：${res.body.caseNo}`);
      const [y, m, d] = (done.body.promisedDate as string).split('-').map(Number);
      expect(receipt).toContain(`承诺办结日期：${y}年${m}月${d}日`);
      expect(receipt).toContain(`${applicant.slice(0, 6)}********${applicant.slice(-4)}`);
      expect(receipt).not.toContain(applicant);

      const late = await call('POST', `/api/v1/cases/${id}/supplements`, {
        materials: [{ code: 'M-AGENT' }],
      });
      expect([late.status, late.body.type]).toEqual([409, '/problems/no-supplement-required']);
    });

    it('refuses materials of another matter and saves nothing; a complete application has no notice', async () => {
      const before = await countCases();
      const res = await call('POST', '/api/v1/cases', foodLicence(citizenId(), ['M-APP', 'M-NOT-OURS']));
      expect([res.status, res.body.type]).toEqual([422, '/problems/unknown-materials']);
      expect(res.body.unknown).toEqual(['M-NOT-OURS']);
      expect(await countCases()).toBe(before);

      const complete = await call('POST', '/api/v1/cases', foodLicence(citizenId()));
      expect(complete.body.status).toBe('ACCEPTED');
      expect((await call('GET', `/api/v1/cases/${complete.body.id}/supplement-notice`)).body.type).toBe(
        '/problems/supplement-notice-not-found',
      );
    });

    it('checks materials for the clerk without saving anything', async () => {
      const before = await countCases();
      const res = await call('POST', '/api/v1/matters/WH-SCJGJ-001/materials-check', {
        materials: [{ code: 'M-APP' }, { code: 'M-XX' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        complete: false,
        unknown: ['M-XX'],
        matter: { code: 'WH-SCJGJ-001', version: 1 },
      });
      expect(res.body.missing.map((m: Json) => m.code)).toEqual(['M-BL', 'M-ID', 'M-SITE', 'M-SAFE']);
      const ok = await call('POST', '/api/v1/matters/WH-SCJGJ-001/materials-check', {
        materials: FOOD_MATERIALS.map((code) => ({ code })),
      });
      expect(ok.body.complete).toBe(true);
      expect((await call('POST', '/api/v1/matters/NOPE-1/materials-check', { materials: [] })).status).toBe(
        404,
      );
      expect(await countCases()).toBe(before);
    });

    it('refuses a case with a legal reason; a closed case takes no supplement, refusal or withdrawal', async () => {
      const res = await call('POST', '/api/v1/cases', foodLicence(citizenId(), ['M-APP']));
      const id = res.body.id as string;
      const refusal = {
        reason: '申请事项依法不需要取得行政许可',
        legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
      };
      const refused = await call('POST', `/api/v1/cases/${id}/refusal`, refusal);
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ id, status: 'NOT_ACCEPTED', legalBasis: refusal.legalBasis });
      const event = await probe.waitFor(EventTypes.CaseNotAccepted, id);
      expect(event.data).toMatchObject({
        caseNo: res.body.caseNo,
        reason: refusal.reason,
        legalBasis: refusal.legalBasis,
      });
      expect((await call('GET', `/api/v1/cases/${id}`)).body).toMatchObject({
        status: 'NOT_ACCEPTED',
        closure: { kind: 'NOT_ACCEPTED', reason: refusal.reason },
      });

      for (const [path, body] of [
        ['supplements', { materials: [{ code: 'M-BL' }] }],
        ['refusal', refusal],
        ['withdrawal', { reason: '不办了' }],
      ] as const) {
        const r = await call('POST', `/api/v1/cases/${id}/${path}`, body);
        expect([path, r.status, r.body.type]).toEqual([path, 409, '/problems/case-closed']);
      }
      const noLegalBasis = await call('POST', `/api/v1/cases/${id}/refusal`, { reason: 'x' });
      expect([noLegalBasis.status, noLegalBasis.body.type]).toEqual([400, '/problems/validation-error']);

      const accepted = await call('POST', '/api/v1/cases', foodLicence(citizenId()));
      const late = await call('POST', `/api/v1/cases/${accepted.body.id}/refusal`, refusal);
      expect([late.status, late.body.type]).toEqual([409, '/problems/case-already-accepted']);
      expect((await call('POST', `/api/v1/cases/${ulid()}/refusal`, refusal)).body.type).toBe(
        '/problems/case-not-found',
      );
    });

    it('withdraws a case before a decision, and refuses to after one', async () => {
      const open = await call('POST', '/api/v1/cases', foodLicence(citizenId()));
      const withdrawn = await call('POST', `/api/v1/cases/${open.body.id}/withdrawal`, {
        reason: '申请人主动撤回',
      });
      expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'WITHDRAWN']);
      expect((await probe.waitFor(EventTypes.CaseWithdrawn, open.body.id)).data.reason).toBe(
        '申请人主动撤回',
      );
      expect((await call('GET', `/api/v1/cases/${open.body.id}`)).body.status).toBe('WITHDRAWN');

      const decided = await call('POST', '/api/v1/cases', foodLicence(citizenId()));
      const id = decided.body.id as string;
      const accepted = await probe.waitFor(EventTypes.CaseAccepted, id);
      const taskId = ulid();
      await publisher.send(
        makeEvent(EventTypes.CaseDecided, id, {
          caseId: id,
          caseNo: decided.body.caseNo,
          matterCode: 'WH-SCJGJ-001',
          matterVersion: 1,
          matterName: '食品经营许可（新办）',
          regionCode: '420102',
          channel: 'WINDOW',
          applicant: accepted.data.applicant,
          outcome: 'APPROVED',
          reasons: [],
          departments: [{ taskId, departmentCode: 'WH-SCJGJ', outcome: 'APPROVED' }],
          leadDepartmentCode: 'WH-SCJGJ',
          decidedAt: new Date().toISOString(),
        }),
      );
      await eventually(
        async () =>
          (await call('GET', `/api/v1/cases/${id}`)).body.status === 'APPROVED' ? true : undefined,
        { what: 'APPROVED' },
      );
      const late = await call('POST', `/api/v1/cases/${id}/withdrawal`, { reason: '不办了' });
      expect([late.status, late.body.type]).toEqual([409, '/problems/case-already-decided']);
      expect(probe.ofType(EventTypes.CaseWithdrawn, id)).toEqual([]);
    });

    it('keeps the agent and the channel, and finds cases by applicant, status, matter, region and day, page by page', async () => {
      const applicant = citizenId();
      const agentId = citizenId();
      const agent = { name: '孙八', idNumber: agentId, authorisationRef: 'WT-2026-0042' };
      const first = await call(
        'POST',
        '/api/v1/cases',
        foodLicence(applicant, FOOD_MATERIALS, { channel: 'ASSISTED', agent }),
      );
      const second = await call('POST', '/api/v1/cases', foodLicence(applicant, ['M-APP']));
      await call('POST', '/api/v1/cases', foodLicence(citizenId()));

      const view = (await call('GET', `/api/v1/cases/${first.body.id}`)).body;
      expect(view).toMatchObject({
        channel: 'ASSISTED',
        agent: {
          name: '孙八',
          authorisationRef: 'WT-2026-0042',
          idNumber: `${agentId.slice(0, 6)}********${agentId.slice(-4)}`,
        },
      });
      const received = await probe.waitFor(EventTypes.CaseReceived, first.body.id);
      expect(received.data).toMatchObject({ channel: 'ASSISTED', agent });
      expect((await probe.waitFor(EventTypes.CaseAccepted, first.body.id)).data.agent).toEqual(agent);

      const mine = await call('GET', `/api/v1/cases?applicantIdNumber=${applicant}`);
      expect(mine.body.items.map((c: Json) => c.id)).toEqual([second.body.id, first.body.id]);
      const page1 = await call('GET', `/api/v1/cases?applicantIdNumber=${applicant}&limit=1`);
      expect(page1.body.items.map((c: Json) => c.id)).toEqual([second.body.id]);
      const page2 = await call(
        'GET',
        `/api/v1/cases?applicantIdNumber=${applicant}&limit=1&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.body.items.map((c: Json) => c.id)).toEqual([first.body.id]);
      expect(page2.body.nextCursor).toBeUndefined();

      const waiting = await call(
        'GET',
        `/api/v1/cases?applicantIdNumber=${applicant}&status=SUPPLEMENT_REQUIRED&matterCode=WH-SCJGJ-001&regionCode=420102`,
      );
      expect(waiting.body.items.map((c: Json) => c.id)).toEqual([second.body.id]);
      const today = chinaDate(new Date());
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(
        (
          await call(
            'GET',
            `/api/v1/cases?applicantIdNumber=${applicant}&receivedFrom=${today}&receivedTo=${today}`,
          )
        ).body.items,
      ).toHaveLength(2);
      expect(
        (await call('GET', `/api/v1/cases?applicantIdNumber=${applicant}&receivedTo=${yesterday}`)).body
          .items,
      ).toHaveLength(0);
      expect(
        (await call('GET', `/api/v1/cases?applicantIdNumber=${applicant}&regionCode=420103`)).body.items,
      ).toHaveLength(0);
      const bad = await call('GET', '/api/v1/cases?receivedFrom=yesterday&applicantIdNumber=123');
      expect([bad.status, bad.body.errors.map((e: Json) => e.field).sort()]).toEqual([
        400,
        ['applicantIdNumber', 'receivedFrom'],
      ]);
    });
  });

  describe('material files', () => {
    const upload = (
      caseId: string,
      code: string,
      content: Buffer,
      name: string,
      type = 'application/octet-stream',
    ) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type }), name);
      return fetch(`${base}/api/v1/cases/${caseId}/materials/${code}/files`, { method: 'POST', body: form });
    };

    it('stores a scan with its checksum by its real content type, serves it back, and refuses fakes, oversized and foreign files', async () => {
      const c = await call('POST', '/api/v1/cases', foodLicence(citizenId(), ['M-APP', 'M-ID']));
      const id = c.body.id as string;
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(2000),
      ]);
      const res = await upload(id, 'M-BL', png, '营业执照.png', 'image/png');
      expect(res.status).toBe(201);
      const meta = (await res.json()) as Json;
      expect(meta).toMatchObject({
        caseId: id,
        materialCode: 'M-BL',
        fileName: '营业执照.png',
        contentType: 'image/png',
        sizeBytes: png.length,
        sha256: createHash('sha256').update(png).digest('hex'),
      });

      const down = await fetch(`${base}/api/v1/cases/${id}/files/${meta.id}`);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await down.arrayBuffer()).equals(png)).toBe(true);

      const fake = await upload(
        id,
        'M-SITE',
        Buffer.from('just text pretending to be a PDF'),
        'plan.pdf',
        'application/pdf',
      );
      expect([fake.status, ((await fake.json()) as Json).type]).toEqual([
        415,
        '/problems/unsupported-file-type',
      ]);
      const big = await upload(
        id,
        'M-SITE',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(70 * 1024)]),
        'plan.pdf',
        'application/pdf',
      );
      expect([big.status, ((await big.json()) as Json).type]).toEqual([413, '/problems/file-too-large']);
      const foreign = await upload(id, 'M-NOT-OURS', png, 'x.png');
      expect([foreign.status, ((await foreign.json()) as Json).type]).toEqual([
        422,
        '/problems/unknown-materials',
      ]);
      const notMultipart = await call('POST', `/api/v1/cases/${id}/materials/M-BL/files`, { file: 'x' });
      expect([notMultipart.status, notMultipart.body.type]).toEqual([400, '/problems/file-missing']);

      const files = (await call('GET', `/api/v1/cases/${id}/files`)).body as unknown as Json[];
      expect(files.map((f) => f.id)).toEqual([meta.id]);
      expect((await call('GET', `/api/v1/cases/${id}/files/${ulid()}`)).status).toBe(404);
    });
  });

  describe('bad input, at random', () => {
    it('never answers a random or mutated body with a 5xx, and creates a case only for a 201', async () => {
      const before = await countCases();
      let created = 0;
      const valid = foodLicence(citizenId());
      const mutated = fc.record({
        field: fc.constantFrom(
          'matterCode',
          'regionCode',
          'channel',
          'applicant',
          'materials',
          'agent',
          'clerkId',
          'status',
        ),
        value: fc.oneof(
          fc.anything(),
          fc.string(),
          fc.integer(),
          fc.constant(null),
          fc.array(fc.record({ code: fc.string() }), { maxLength: 3 }),
        ),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.anything(),
            mutated.map((m) => ({ ...valid, [m.field]: m.value })),
          ),
          async (body) => {
            const res = await call('POST', '/api/v1/cases', body ?? {});
            expect(res.status).toBeLessThan(500);
            expect(res.body.type ?? 'ok').not.toBe('/problems/internal-error');
            if (res.status === 201) created++;
          },
        ),
        { numRuns: 60 },
      );
      const tail = await fc.sample(fc.anything(), 10);
      for (const body of tail) {
        for (const path of [
          `/api/v1/cases/${ulid()}/supplements`,
          `/api/v1/cases/${ulid()}/refusal`,
          '/api/v1/matters/WH-SCJGJ-001/materials-check',
        ]) {
          expect((await call('POST', path, body ?? {})).status).toBeLessThan(500);
        }
        expect((await call('PUT', '/api/v1/matters/WH-RANDOM-001', body ?? {})).status).toBeLessThan(500);
      }
      expect(await countCases()).toBe(before + created);
      expect((await call('GET', '/api/v1/matters/WH-RANDOM-001')).status).toBe(404);
    });
  });

  it('documents every endpoint with its problem types in the OpenAPI document', async () => {
    const doc = (await call('GET', '/docs/openapi.json')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const expected = [
      'post /api/v1/cases',
      'post /api/v1/cases/with-files',
      'post /api/v1/cases/{id}/supplements',
      'post /api/v1/cases/{id}/refusal',
      'post /api/v1/cases/{id}/withdrawal',
      'get /api/v1/cases/{id}/supplement-notice',
      'post /api/v1/matters/{code}/materials-check',
      'put /api/v1/matters/{code}',
      'get /api/v1/bundles',
      'get /api/v1/bundles/{code}',
      'post /api/v1/cases/{id}/materials/{code}/files',
      'get /api/v1/cases/{id}/files/{fileId}',
    ];
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(expected));
    for (const o of ops.filter(
      (x) => x.path.startsWith('/api/') && (x.method !== 'get' || x.path.includes('{')),
    )) {
      const problems = Object.values(o.op.responses as Record<string, Json>).filter(
        (r) => r.content?.['application/problem+json'],
      );
      expect([`${o.method} ${o.path}`, problems.length > 0]).toEqual([`${o.method} ${o.path}`, true]);
    }
  });

  describe('shareable materials (共享材料)', () => {
    it('reuses a business licence issued to the applicant on their next case instead of asking for it', async () => {
      const applicant = citizenId();
      const registration = await call('POST', '/api/v1/cases', {
        matterCode: 'WH-SCJGJ-003',
        regionCode: '420102',
        channel: 'WINDOW',
        applicant: { kind: 'NATURAL_PERSON', name: '周九', idNumber: applicant, contact: {} },
        materials: ['M-APP', 'M-AOA', 'M-ID', 'M-PREM'].map((code) => ({ code })),
      });
      expect(registration.body.status).toBe('ACCEPTED');
      const documentNo = `WH-SCJGJ-BL-${ulid().slice(-8)}`;
      await publisher.send(
        makeEvent(EventTypes.DocumentIssued, registration.body.id, {
          documentId: ulid(),
          documentNo,
          caseId: registration.body.id,
          caseNo: registration.body.caseNo,
          kind: 'LICENCE',
          title: '营业执照',
          matterCode: 'WH-SCJGJ-003',
          departmentCode: 'WH-SCJGJ',
          holder: { kind: 'NATURAL_PERSON', name: '周九', idNumber: applicant },
          issuedAt: new Date().toISOString(),
          verificationCode: 'ABCD2345EFGH',
        }),
      );
      await eventually(
        async () =>
          (await call('GET', `/api/v1/cases/${registration.body.id}`)).body.status === 'ISSUED'
            ? true
            : undefined,
        { what: 'ISSUED' },
      );

      const check = await call('POST', '/api/v1/matters/WH-SCJGJ-001/materials-check', {
        applicantIdNumber: applicant,
        materials: ['M-APP', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
      });
      expect(check.body).toMatchObject({ complete: true, reused: [{ code: 'M-BL', documentNo }] });

      const food = await call(
        'POST',
        '/api/v1/cases',
        foodLicence(applicant, ['M-APP', 'M-ID', 'M-SITE', 'M-SAFE']),
      );
      expect(food.body.status).toBe('ACCEPTED');
      expect(food.body.materials.find((m: Json) => m.code === 'M-BL')).toEqual({
        code: 'M-BL',
        name: '营业执照',
        required: true,
        provided: true,
        reusedFromDocumentNo: documentNo,
      });
      const accepted = await probe.waitFor(EventTypes.CaseAccepted, food.body.id);
      expect(accepted.data.materials.find((m) => m.code === 'M-BL')?.reusedFromDocumentNo).toBe(documentNo);
      expect(
        (await call('GET', `/api/v1/cases/${food.body.id}`)).body.materials.find(
          (m: Json) => m.code === 'M-BL',
        ).reusedFromDocumentNo,
      ).toBe(documentNo);

      // Somebody else still has to bring theirs.
      const other = await call(
        'POST',
        '/api/v1/cases',
        foodLicence(citizenId(), ['M-APP', 'M-ID', 'M-SITE', 'M-SAFE']),
      );
      expect(other.body.status).toBe('SUPPLEMENT_REQUIRED');
      expect(other.body.supplementNotice.missing.map((m: Json) => m.code)).toEqual(['M-BL']);

      // Once revoked (撤销) the licence stands in for nothing: the next check asks for it again.
      await publisher.send(
        makeEvent(EventTypes.DocumentRevoked, registration.body.id, {
          documentId: ulid(),
          documentNo,
          caseId: registration.body.id,
          caseNo: registration.body.caseNo,
          reason: '以欺骗手段取得许可',
          revokedBy: 'officer-wh-scjgj-1',
          revokedAt: new Date().toISOString(),
        }),
      );
      const afterRevocation = await eventually(
        async () => {
          const r = await call('POST', '/api/v1/matters/WH-SCJGJ-001/materials-check', {
            applicantIdNumber: applicant,
            materials: ['M-APP', 'M-ID', 'M-SITE', 'M-SAFE'].map((code) => ({ code })),
          });
          return r.body.complete === false ? r.body : undefined;
        },
        { what: 'the revoked licence no longer reused' },
      );
      expect(afterRevocation.reused).toEqual([]);
      expect(afterRevocation.missing.map((m: Json) => m.code)).toEqual(['M-BL']);
      const revokedOnTimeline = await eventually(
        async () =>
          (await call('GET', `/api/v1/cases/${registration.body.id}`)).body.timeline.find(
            (t: Json) => t.type === 'document.revoked',
          ),
        { what: 'the revocation on the first case timeline' },
      );
      expect(revokedOnTimeline.details).toEqual({ documentNo, reason: '以欺骗手段取得许可' });
    });
  });
});
