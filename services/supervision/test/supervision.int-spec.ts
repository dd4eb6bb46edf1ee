import { DeadLetterTopics, EventTypes, Topics } from '@onewindow/contracts';
import { addWorkingDays, chinaDate, evaluationLink, workingDaysBetween } from '@onewindow/domain';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import { createTestDatabase, EventProbe, eventually, makeEvent, serviceEnv, TestPublisher, uniqueTopicPrefix } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadSupervisionConfig } from '../src/config/supervision.config';
import { SUPERVISION } from '../src/service';
import { CITY, eventsOf, MATTERS, type Planned, plan } from './traffic';

jest.setTimeout(120_000);

const SECRET = 'integration-test-evaluation-secret-0123456789';

// ---- the same figures, computed here from the raw events, without the service's code ----

const tally = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((m, t) => ({ ...m, [key(t)]: (m[key(t)] ?? 0) + 1 }), {});
const asTally = (rows: Array<{ key: string; cases: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.cases]));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

describe('supervision (real PostgreSQL and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prefix: string;
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;
  let probe: EventProbe;
  const planned = plan();
  const get = async (path: string) => {
    const r = await fetch(`${base}${path}`);
    return { status: r.status, body: (await r.json()) as any };
  };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any };
  };
  const tokenOf = (caseId: string) => new URL(evaluationLink('http://x', caseId, SECRET)).searchParams.get('t') ?? '';

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueTopicPrefix('supervision');
    const config = loadSupervisionConfig(serviceEnv(db.url, prefix, { EVALUATION_SECRET: SECRET }));
    const logger = createLogger(SUPERVISION.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...SUPERVISION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = await service.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
    publisher = new TestPublisher(prefix);
    probe = new EventProbe(prefix, [Topics.SupervisionEvaluationEvents, DeadLetterTopics.supervision]);
    await probe.start();
    await publisher.send(...MATTERS.map((m) => makeEvent(EventTypes.MatterPublished, m.code, m)));
    await publisher.send(...planned.flatMap(eventsOf));
    const handed = planned.filter((p) => p.handedOver).length;
    const overdueOpen = planned.filter((p) => p.overdue && !p.taskDecided).length;
    await eventually(
      async () => {
        const [v, s, o] = await Promise.all([get('/api/v1/measures/volume'), get('/api/v1/measures/speed'), get('/api/v1/measures/overdue')]);
        return v.body.total === planned.length && s.body.handedOver === handed && o.body.total === overdueOpen ? true : undefined;
      },
      { timeoutMs: 90_000, what: 'the read model to hold every case' },
    );
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    await service?.close();
    await db?.drop();
    if (prefix) {
      const admin = new Kafka({
        clientId: 'supervision-test-cleanup',
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('counts volume by day, week, department, city (counties rolled up), region and channel as the events say', async () => {
    const { body } = await get('/api/v1/measures/volume');
    const day = (p: Planned) => chinaDate(p.receivedAt);
    expect(body.total).toBe(planned.length);
    expect(asTally(body.byDay)).toEqual(tally(planned, day));
    expect(asTally(body.byWeek)).toEqual(tally(planned, (p) => (day(p) < '2026-11-23' ? '2026-W47' : '2026-W48')));
    expect(asTally(body.byDepartment)).toEqual(tally(planned, (p) => p.matter.departmentCode));
    expect(asTally(body.byMatter)).toEqual(tally(planned, (p) => p.matter.code));
    expect(asTally(body.byCity)).toEqual(tally(planned, (p) => CITY[p.summary.regionCode]));
    expect(asTally(body.byRegion)).toEqual(tally(planned, (p) => p.summary.regionCode));
    expect(asTally(body.byChannel)).toEqual(tally(planned, (p) => p.summary.channel));
    expect(body.byCity.find((c: any) => c.key === '420100').name).toBe('武汉市');
    expect(body.byDepartment.find((d: any) => d.key === 'HB-JTT').name).toBe('湖北省交通运输厅');
  });

  it('filters by period, city and department', async () => {
    const inPeriod = (p: Planned) => chinaDate(p.receivedAt) >= '2026-11-16' && chinaDate(p.receivedAt) <= '2026-11-23';
    const wuhanScjgj = (p: Planned) => CITY[p.summary.regionCode] === '420100' && p.matter.departmentCode === 'WH-SCJGJ';
    const { body } = await get('/api/v1/measures/volume?from=2026-11-16&to=2026-11-23&regionCode=420100&departmentCode=WH-SCJGJ');
    expect(body.total).toBe(planned.filter((p) => inPeriod(p) && wuhanScjgj(p)).length);
    expect(body.total).toBeGreaterThan(0);
    const county = await get('/api/v1/measures/volume?regionCode=420102');
    expect(county.body.total).toBe(planned.filter((p) => p.summary.regionCode === '420102').length);
    const province = await get('/api/v1/measures/volume?regionCode=420000');
    expect(province.body.total).toBe(planned.length);
  });

  it('answers a malformed filter with a validation problem, not a 500', async () => {
    const r = await fetch(`${base}/api/v1/measures/volume?from=2026-13-01&regionCode=42`);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const body = (await r.json()) as any;
    expect(body.type).toBe('/problems/validation-error');
    expect(body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'regionCode']);
  });

  it('counts distinct applicants per week, natural and legal persons apart, without storing the ID number', async () => {
    const { body } = await get('/api/v1/measures/active-applicants');
    const expected: Record<string, { n: Set<string>; l: Set<string> }> = {};
    for (const p of planned) {
      const w = chinaDate(p.receivedAt) < '2026-11-23' ? '2026-W47' : '2026-W48';
      expected[w] ??= { n: new Set(), l: new Set() };
      (p.summary.applicant.kind === 'LEGAL_PERSON' ? expected[w].l : expected[w].n).add(p.summary.applicant.idNumber);
    }
    expect(body.byWeek).toEqual(
      Object.keys(expected)
        .sort()
        .map((week) => ({ week, naturalPersons: expected[week].n.size, legalPersons: expected[week].l.size })),
    );
    const { Client } = await import('pg');
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    const leaked = await sql.query(`SELECT count(*)::int AS n FROM supervision.case_fact WHERE applicant_key = ANY($1)`, [
      planned.map((p) => p.summary.applicant.idNumber),
    ]);
    await sql.end();
    expect(leaked.rows[0].n).toBe(0);
  });

  it('measures acceptance → decision and → handover in working days and the shares within the limits', async () => {
    const { body } = await get('/api/v1/measures/speed');
    const decided = planned.filter((p) => p.decidedAt);
    const days = (p: Planned, to: Date) => workingDaysBetween(chinaDate(p.receivedAt), chinaDate(to));
    const inPromised = decided.filter((p) => days(p, p.decidedAt!) <= p.matter.promisedLimitDays).length;
    const inLegal = decided.filter((p) => days(p, p.decidedAt!) <= p.matter.legalLimitDays).length;
    const handed = planned.filter((p) => p.handedOver);
    const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
    expect(body).toMatchObject({
      decided: decided.length,
      withinPromised: inPromised,
      withinLegal: inLegal,
      promisedShare: round4(inPromised / decided.length),
      legalShare: round4(inLegal / decided.length),
      averageDecisionWorkingDays: avg(decided.map((p) => days(p, p.decidedAt!))),
      handedOver: handed.length,
      averageHandoverWorkingDays: avg(handed.map((p) => days(p, p.handedOver!.at))),
    });
    expect(inPromised).toBeLessThan(decided.length); // the data has late cases, so the share is a real test
    const jtt = body.byDepartment.find((d: any) => d.key === 'HB-JTT');
    expect(jtt.decided).toBe(decided.filter((p) => p.matter.departmentCode === 'HB-JTT').length);
  });

  it('lists the tasks overdue now: decided ones drop out, escalations apart', async () => {
    const { body } = await get('/api/v1/measures/overdue');
    const open = planned.filter((p) => p.overdue && !p.taskDecided);
    expect(body.total).toBe(open.length);
    expect(body.escalated).toBe(open.filter((p) => p.overdue === 'ESCALATION').length);
    expect(body.red).toBe(open.filter((p) => p.overdue === 'RED').length);
    expect(body.tasks.map((t: any) => t.taskId).sort()).toEqual(open.map((p) => p.taskId).sort());
    expect(asTally(body.byDepartment)).toEqual(tally(open, (p) => p.matter.departmentCode));
    const wh = await get('/api/v1/measures/overdue?regionCode=420100');
    expect(wh.body.total).toBe(open.filter((p) => CITY[p.summary.regionCode] === '420100').length);
  });

  it('computes the reform targets: one visit, materials reused, comprehensive window, online', async () => {
    const { body } = await get('/api/v1/measures/targets');
    const handed = planned.filter((p) => p.handedOver);
    const visits = (p: Planned) => {
      const win = p.summary.channel === 'WINDOW';
      return Math.max(p.matter.visits, win ? 1 : 0) + (win && p.supplementAtIntake ? 1 : 0) + (p.handedOver!.method === 'WINDOW' ? 1 : 0);
    };
    const oneVisit = handed.filter((p) => visits(p) <= 1).length;
    const provided = planned.reduce((s, p) => s + p.provided, 0);
    const reused = planned.reduce((s, p) => s + p.reused, 0);
    const online = planned.filter((p) => p.summary.channel === 'ONLINE').length;
    const windowMatters = new Set(planned.filter((p) => ['WINDOW', 'ASSISTED'].includes(p.summary.channel)).map((p) => p.matter.code));
    expect(body.oneVisitCases).toEqual({ numerator: oneVisit, denominator: handed.length, share: round4(oneVisit / handed.length), target: null });
    expect(body.oneVisitMatters).toEqual({ numerator: 2, denominator: 3, share: 0.6667, target: 1 });
    expect(body.materialsReused).toEqual({ numerator: reused, denominator: provided, share: round4(reused / provided), target: 0.7 });
    expect(body.online).toEqual({ numerator: online, denominator: planned.length, share: round4(online / planned.length), target: null });
    expect(body.comprehensiveWindowMatters).toMatchObject({ numerator: windowMatters.size, denominator: 3 });
  });

  describe('evaluation (好差评)', () => {
    const delivered = () => planned.filter((p) => p.handedOver);

    it('refuses a wrong token, an undelivered case and a poor score without a reason', async () => {
      const c = delivered()[0].summary.caseId;
      const forged = await post(`/api/v1/cases/${c}/evaluations`, { score: 5, token: tokenOf(delivered()[1].summary.caseId) });
      expect(forged.status).toBe(403);
      expect(forged.type).toContain('application/problem+json');
      expect(forged.body.type).toBe('/problems/evaluation-token-invalid');

      const open = planned.find((p) => !p.handedOver)!.summary.caseId;
      const early = await post(`/api/v1/cases/${open}/evaluations`, { score: 5, token: tokenOf(open) });
      expect(early.status).toBe(409);
      expect(early.body.type).toBe('/problems/case-not-delivered');

      const unknown = ulid();
      expect((await post(`/api/v1/cases/${unknown}/evaluations`, { score: 5, token: tokenOf(unknown) })).status).toBe(404);

      const noReason = await post(`/api/v1/cases/${c}/evaluations`, { score: 2, token: tokenOf(c) });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

      const outOfScale = await post(`/api/v1/cases/${c}/evaluations`, { score: 6, token: tokenOf(c) });
      expect(outOfScale.status).toBe(400);
    });

    it('takes one rating per case; a poor one opens a rectification due in 15 working days, tracked to closing', async () => {
      const [good, poor, fine] = delivered().map((p) => p.summary);
      const ok = await post(`/api/v1/cases/${good.caseId}/evaluations`, { score: 5, token: tokenOf(good.caseId) });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ caseId: good.caseId, score: 5, label: '非常满意' });
      expect(ok.body.rectification).toBeUndefined();
      const again = await post(`/api/v1/cases/${good.caseId}/evaluations`, { score: 4, token: tokenOf(good.caseId) });
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('/problems/evaluation-exists');

      expect((await post(`/api/v1/cases/${fine.caseId}/evaluations`, { score: 3, token: tokenOf(fine.caseId) })).status).toBe(201);

      const bad = await post(`/api/v1/cases/${poor.caseId}/evaluations`, { score: 1, reason: '窗口让我跑了三趟', token: tokenOf(poor.caseId) });
      expect(bad.status).toBe(201);
      expect(bad.body.label).toBe('非常不满意');
      const deadline = addWorkingDays(chinaDate(new Date()), 15);
      expect(bad.body.rectification).toEqual({ id: expect.any(String), deadline });

      const submitted = await probe.waitFor(EventTypes.EvaluationSubmitted, poor.caseId);
      expect(submitted.data).toMatchObject({ score: 1, reason: '窗口让我跑了三趟', departmentCode: planned.find((p) => p.summary.caseId === poor.caseId)!.matter.departmentCode });
      const opened = await probe.waitFor(EventTypes.RectificationOpened, poor.caseId);
      expect(opened.data).toMatchObject({ rectificationId: bad.body.rectification.id, deadline });

      const id = bad.body.rectification.id;
      const list = await get('/api/v1/rectifications?status=OPEN');
      expect(list.body.items.map((r: any) => r.id)).toEqual([id]);
      expect((await post(`/api/v1/rectifications/${id}/closure`, {})).status).toBe(409);
      const responded = await post(`/api/v1/rectifications/${id}/response`, { response: '已约谈窗口人员并改为邮寄送达' });
      expect(responded.body).toMatchObject({ status: 'RESPONDED', overdue: false });
      const followed = await post(`/api/v1/rectifications/${id}/follow-up`, { note: '申请人表示满意', applicantSatisfied: true });
      expect(followed.body).toMatchObject({ status: 'FOLLOWED_UP', applicantSatisfied: true });
      const closed = await post(`/api/v1/rectifications/${id}/closure`, {});
      expect(closed.body).toMatchObject({ status: 'CLOSED', closedBy: 'anonymous' });
      expect((await probe.waitFor(EventTypes.RectificationClosed, poor.caseId)).data.rectificationId).toBe(id);
      expect((await get(`/api/v1/rectifications/${ulid()}`)).status).toBe(404);

      const ev = await get('/api/v1/measures/evaluations');
      expect(ev.body).toMatchObject({ total: 3, poor: 1, averageScore: 3, goodShare: 0.3333 });
      expect(ev.body.byScore.map((s: any) => s.count)).toEqual([1, 0, 1, 0, 1]);
      expect(ev.body.rectifications).toMatchObject({ open: 0, closed: 1 });
    });

    it('serves the page behind the link', async () => {
      const c = delivered()[5].summary.caseId;
      const r = await fetch(evaluationLink(base, c, SECRET));
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      const html = await r.text();
      expect(html).toContain(c);
      expect(html).toContain('非常不满意');
    });
  });

  it('ranks cities on timeliness, one visit, online share and evaluation with the configured weights', async () => {
    const { body } = await get('/api/v1/rankings?level=city');
    expect(body.weights).toEqual({ timeliness: 0.4, oneVisit: 0.2, online: 0.2, evaluation: 0.2 });
    const wuhan = body.rows.find((r: any) => r.key === '420100');
    const mine = planned.filter((p) => CITY[p.summary.regionCode] === '420100');
    const decided = mine.filter((p) => p.decidedAt);
    const inTime = decided.filter((p) => workingDaysBetween(chinaDate(p.receivedAt), chinaDate(p.decidedAt!)) <= p.matter.promisedLimitDays);
    expect(wuhan).toMatchObject({
      name: '武汉市',
      cases: mine.length,
      timeliness: round4(inTime.length / decided.length),
      online: round4(mine.filter((p) => p.summary.channel === 'ONLINE').length / mine.length),
    });
    const scores = body.rows.map((r: any) => r.score);
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
    expect(body.rows[0].rank).toBe(1);
    const departments = await get('/api/v1/rankings?level=department');
    expect(departments.body.rows.map((r: any) => r.key).sort()).toEqual(['HB-JTT', 'WH-GAJ', 'WH-SCJGJ']);
  });

  it('renders the monthly bulletin as a PDF in Chinese, and refuses a malformed month', async () => {
    const r = await fetch(`${base}/api/v1/bulletins/2026-11.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfParse(Buffer.from(await r.arrayBuffer()))).text;
    expect(text).toContain('改革工作通报');
    expect(text).toContain('2026年11月');
    expect(text).toContain(`本月受理办件 ${planned.length} 件`);
    expect(text).toContain('武汉市');
    expect(text).toContain('湖北省交通运输厅');
    expect((await fetch(`${base}/api/v1/bulletins/2026-13.pdf`)).status).toBe(400);
  });

  it('makes the weekly scheduling report (一周一调度) per department, as JSON and as PDF', async () => {
    const inWeek = (d: Date, from: string, to: string) => chinaDate(d) >= from && chinaDate(d) <= to;
    const w48 = planned.filter((p) => inWeek(p.receivedAt, '2026-11-23', '2026-11-29'));
    const w47 = planned.filter((p) => inWeek(p.receivedAt, '2026-11-16', '2026-11-22'));
    const decided = planned.filter((p) => p.decidedAt && inWeek(p.decidedAt, '2026-11-23', '2026-11-29'));
    const inTime = (p: Planned) => workingDaysBetween(chinaDate(p.receivedAt), chinaDate(p.decidedAt!)) <= p.matter.promisedLimitDays;
    const overdue = planned.filter((p) => p.overdue && !p.taskDecided);
    const { status, body } = await get('/api/v1/weekly-reports/2026-W48');
    expect(status).toBe(200);
    expect(body).toMatchObject({ week: '2026-W48', from: '2026-11-23', to: '2026-11-29', previousWeek: '2026-W47' });
    expect(body.totals).toMatchObject({
      received: w48.length,
      receivedPreviousWeek: w47.length,
      decided: decided.length,
      decidedWithinPromised: decided.filter(inTime).length,
      overdueNow: overdue.length,
      escalatedNow: overdue.filter((p) => p.overdue === 'ESCALATION').length,
      online: w48.filter((p) => p.summary.channel === 'ONLINE').length,
    });
    expect(w48.length * w47.length * decided.length).toBeGreaterThan(0); // the traffic fills both weeks
    const byDepartment = (rows: any[], key: string) => Object.fromEntries(rows.filter((r) => r[key] > 0).map((r) => [r.departmentCode, r[key]]));
    expect(byDepartment(body.departments, 'received')).toEqual(tally(w48, (p) => p.matter.departmentCode));
    expect(byDepartment(body.departments, 'decided')).toEqual(tally(decided, (p) => p.matter.departmentCode));
    expect(byDepartment(body.departments, 'overdueNow')).toEqual(tally(overdue, (p) => p.matter.departmentCode));
    // Attention first: the department with the most overdue tasks leads the list.
    expect(body.departments[0].overdueNow).toBe(Math.max(...body.departments.map((d: any) => d.overdueNow)));
    const evaluations = await get('/api/v1/measures/evaluations?from=2026-11-23&to=2026-11-29');
    expect([body.totals.evaluations, body.totals.poorEvaluations]).toEqual([evaluations.body.total, evaluations.body.poor]);

    const pdf = await fetch(`${base}/api/v1/weekly-reports/2026-W48/pdf`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const text = (await pdfParse(Buffer.from(await pdf.arrayBuffer()))).text;
    expect(text).toContain('一周一调度');
    expect(text).toContain(`本周受理办件 ${w48.length} 件`);
    expect(text).toContain('湖北省交通运输厅');
    const bad = await get('/api/v1/weekly-reports/2026-W54');
    expect([bad.status, bad.body.type]).toEqual([400, '/problems/validation-error']);
  });

  it('serves the dashboard and ECharts from its own dependencies', async () => {
    const page = await fetch(`${base}/dashboard`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/dashboard/echarts.min.js');
    const lib = await fetch(`${base}/dashboard/echarts.min.js`);
    expect(lib.status).toBe(200);
    expect((await lib.text()).length).toBeGreaterThan(500_000);
  });

  it('dead-letters nothing', () => {
    expect(probe.raw.filter((m) => m.topic === DeadLetterTopics.supervision)).toEqual([]);
  });
});
