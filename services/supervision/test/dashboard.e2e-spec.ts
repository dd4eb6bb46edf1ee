import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes } from '@onewindow/contracts';
import { evaluationLink } from '@onewindow/domain';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import { createTestDatabase, eventually, makeEvent, REPO_ROOT, serviceEnv, TestPublisher, uniqueTopicPrefix } from '@onewindow/testing';
import { Kafka, logLevel } from 'kafkajs';
import { type BrowserContext, chromium } from 'playwright-core';
import { AppModule } from '../src/app.module';
import { loadSupervisionConfig } from '../src/config/supervision.config';
import { SUPERVISION } from '../src/service';
import { eventsOf, MATTERS, plan } from './traffic';

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'dashboard-e2e-evaluation-secret-0123456789abc';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stdout.write(`dashboard e2e SKIPPED: ${CHROMIUM} is absent (install Debian's browser: apt-get install -y chromium)\n`);
}
const describeWithChromium = haveChromium ? describe : describe.skip;

interface ChartOption {
  xAxis?: Array<{ data?: string[] }>;
  yAxis?: Array<{ data?: string[] }>;
  series: Array<{ name?: string; data: Array<number | { name: string; value: number }> }>;
}

describeWithChromium('dashboard in headless Chromium', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prefix: string;
  let service: RunningService;
  let base: string;
  let browser: BrowserContext;
  let profile: string;
  const planned = plan();

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueTopicPrefix('supervision-e2e');
    const config = loadSupervisionConfig(serviceEnv(db.url, prefix, { EVALUATION_SECRET: SECRET }));
    const logger = createLogger(SUPERVISION.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...SUPERVISION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
    const publisher = new TestPublisher(prefix);
    await publisher.send(...MATTERS.map((m) => makeEvent(EventTypes.MatterPublished, m.code, m)));
    await publisher.send(...planned.flatMap(eventsOf));
    await publisher.close();
    const handed = planned.filter((p) => p.handedOver);
    await eventually(
      async () => {
        const s = (await (await fetch(`${base}/api/v1/measures/speed`)).json()) as { handedOver: number };
        return s.handedOver === handed.length ? true : undefined;
      },
      { timeoutMs: 90_000, what: 'the read model to hold every case' },
    );
    // A few ratings, so the evaluation chart has bars.
    for (const [i, score] of [5, 5, 4, 2].entries()) {
      const caseId = handed[i].summary.caseId;
      const t = new URL(evaluationLink(base, caseId, SECRET)).searchParams.get('t');
      const r = await fetch(`${base}/api/v1/cases/${caseId}/evaluations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ score, token: t, ...(score < 3 ? { reason: '等候时间太长' } : {}) }),
      });
      expect(r.status).toBe(201);
    }
    profile = mkdtempSync(join(tmpdir(), 'onewindow-chromium-'));
    // A fresh profile per run (--user-data-dir), through the persistent-context door Playwright asks for.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1300 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await service?.close();
    await db?.drop();
    if (prefix) {
      const admin = new Kafka({ clientId: 'supervision-e2e-cleanup', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('draws the numbers the API returns: departments, weekly trend, channels, evaluations, ranking and overdue', async () => {
    const api = async (path: string) => (await (await fetch(`${base}/api/v1/${path}`)).json()) as any;
    const [volume, active, evaluations, ranking, overdue] = await Promise.all([
      api('measures/volume'),
      api('measures/active-applicants'),
      api('measures/evaluations'),
      api('rankings?level=city'),
      api('measures/overdue'),
    ]);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });

    // In the page, as the charts hold it (the test's tsconfig has no DOM types, hence the string).
    const option = (id: string) =>
      page.evaluate(`JSON.parse(JSON.stringify(echarts.getInstanceByDom(document.getElementById(${JSON.stringify(id)})).getOption()))`) as Promise<ChartOption>;
    const cells = (selector: string) =>
      page.evaluate(
        `[...document.querySelectorAll(${JSON.stringify(selector)})].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`,
      ) as Promise<string[][]>;

    const departments = await option('chart-department');
    expect(departments.yAxis?.[0].data).toEqual(volume.byDepartment.map((d: any) => d.name));
    expect(departments.series[0].data).toEqual(volume.byDepartment.map((d: any) => d.cases));
    expect(departments.series[0].data.reduce((s: number, v) => s + (v as number), 0)).toBe(planned.length);

    const weekly = await option('chart-weekly');
    expect(weekly.xAxis?.[0].data).toEqual(['2026-W47', '2026-W48']);
    expect(weekly.series[0].data).toEqual(volume.byWeek.map((w: any) => w.cases));
    expect(weekly.series[1].data).toEqual(active.byWeek.map((w: any) => w.naturalPersons));
    expect(weekly.series[2].data).toEqual(active.byWeek.map((w: any) => w.legalPersons));

    const channels = await option('chart-channel');
    const names: Record<string, string> = { WINDOW: '综合窗口', ONLINE: '网上申请', HOTLINE: '12345热线', ASSISTED: '帮办代办' };
    expect(channels.series[0].data).toEqual(volume.byChannel.map((c: any) => ({ name: names[c.key], value: c.cases })));

    const ev = await option('chart-evaluation');
    expect(ev.xAxis?.[0].data).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(ev.series[0].data).toEqual([2, 1, 0, 1, 0]);
    expect(evaluations.byScore.map((s: any) => s.count)).toEqual([2, 1, 0, 1, 0]);

    const rows = await cells('#ranking tbody tr');
    expect(rows.map((r) => r[1])).toEqual(ranking.rows.map((r: any) => r.name));
    expect(rows.map((r) => Number(r[2]))).toEqual(ranking.rows.map((r: any) => r.cases));
    expect(rows.map((r) => r[3])).toEqual(ranking.rows.map((r: any) => r.score.toFixed(2)));

    const overdueKpi = await page.evaluate(`[...document.querySelectorAll('#overdue-kpis .kpi b')].map((b) => b.textContent)`);
    expect(overdueKpi).toEqual([String(overdue.total), String(overdue.red), String(overdue.escalated)]);
    expect(overdue.total).toBeGreaterThan(0);

    const dir = join(REPO_ROOT, '.local/screenshots');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });
    expect(existsSync(join(dir, 'dashboard.png'))).toBe(true);
    expect(errors).toEqual([]);

    // A filter narrows every chart the same way the API does.
    await page.goto(`${base}/dashboard?regionCode=420500`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const yichang = await api('measures/volume?regionCode=420500');
    const filtered = await option('chart-department');
    expect(filtered.series[0].data).toEqual(yichang.byDepartment.map((d: any) => d.cases));
    expect(yichang.total).toBeLessThan(planned.length);
    await page.close();
  });
});
