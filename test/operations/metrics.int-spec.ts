import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type CaseAccepted, type CaseReceived, EventTypes, Topics } from '@onewindow/contracts';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import {
  createTestDatabase,
  eventually,
  makeEvent,
  scrapeMetrics,
  serviceEnv,
  SmtpSink,
  TestPublisher,
  uniqueTopicPrefix,
} from '@onewindow/testing';
import { ulid } from 'ulid';
import { AppModule } from '../../services/notification/src/app.module';
import { loadNotificationConfig } from '../../services/notification/src/config/notification.config';
import { NOTIFICATION } from '../../services/notification/src/service';

jest.setTimeout(120_000);

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

function caseOf(email: string) {
  const caseId = ulid();
  return {
    caseId,
    caseNo: `420102-20261128-${caseId.slice(-6)}`,
    matterCode: '11420000MB0000001X-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW' as const,
    applicant: { kind: 'NATURAL_PERSON' as const, name: '李四', idNumber: '11010519491231002X', contact: { email } },
  };
}

describe('metrics: GET /metrics of a service moves with the work it did (notification, real Kafka/PostgreSQL/SMTP)', () => {
  const prefix = uniqueTopicPrefix('mt');
  const smtp = new SmtpSink();
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let publisher: TestPublisher;
  let metricsUrl: string;

  beforeAll(async () => {
    await smtp.start();
    db = await createTestDatabase();
    const port = await freePort();
    const config = loadNotificationConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(port),
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'noreply@zwfw.example.org',
        DELIVERY_POLL_INTERVAL_MS: '100',
        METRICS_LAG_INTERVAL_MS: '300',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL);
    service = await bootstrapService({ ...NOTIFICATION, module: AppModule.forRoot(config, logger), config, logger, httpPort: port });
    metricsUrl = `${service.urls.http}/metrics`;
    publisher = new TestPublisher(prefix);
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await db?.drop();
    await smtp.stop();
  });

  it('counts consumed events by type and outcome, inbox duplicates, dead letters, HTTP routes, published events and lag', async () => {
    const before = await scrapeMetrics(metricsUrl);
    const consumed = (m: typeof before, type: string, outcome: string) =>
      m('onewindow_kafka_messages_consumed_total', { type, outcome });

    const cases = [caseOf('a@example.org'), caseOf('b@example.org'), caseOf('c@example.org')];
    const accepted = cases.map((c) =>
      makeEvent(EventTypes.CaseAccepted, c.caseId, {
        ...c,
        acceptedAt: '2026-11-28T02:00:00Z',
        departmentCode: 'HB-SCJGJ',
        materials: [],
        legalLimitDays: 20,
        promisedLimitDays: 10,
        promisedDate: '2026-12-11',
      } satisfies CaseAccepted),
    );
    for (const [i, c] of cases.entries()) {
      await publisher.send(
        makeEvent(EventTypes.CaseReceived, c.caseId, { ...c, receivedAt: '2026-11-28T01:00:00Z', materials: [] } satisfies CaseReceived),
        accepted[i],
      );
    }
    await publisher.send(accepted[0]); // a redelivery: the inbox must skip it
    await publisher.sendRaw(Topics.IntakeCaseEvents, {
      key: 'poison',
      value: 'not json',
      headers: { ce_type: EventTypes.CaseAccepted, ce_id: 'poison-1', ce_specversion: '1.0' },
    });

    // Three acceptance mails, each delivered once and announced once on the delivery topic.
    await eventually(async () => (smtp.messages.length >= 3 ? true : undefined), { what: 'three mails' });
    const after = await eventually(
      async () => {
        const m = await scrapeMetrics(metricsUrl);
        return m('onewindow_outbox_published_total', { type: 'notification.delivered' }) -
          before('onewindow_outbox_published_total', { type: 'notification.delivered' }) >= 3 &&
          m('onewindow_kafka_dead_lettered_total') > before('onewindow_kafka_dead_lettered_total')
          ? m
          : undefined;
      },
      { what: 'delivered events published and the poison message dead-lettered' },
    );

    expect(consumed(after, 'case.received', 'processed') - consumed(before, 'case.received', 'processed')).toBe(3);
    // Four handled (one of them the redelivery), one dead-lettered.
    expect(consumed(after, 'case.accepted', 'processed') - consumed(before, 'case.accepted', 'processed')).toBe(4);
    expect(consumed(after, 'case.accepted', 'dead_lettered') - consumed(before, 'case.accepted', 'dead_lettered')).toBe(1);
    expect(
      after('onewindow_inbox_duplicates_total', { type: 'case.accepted' }) - before('onewindow_inbox_duplicates_total', { type: 'case.accepted' }),
    ).toBe(1);
    expect(after('onewindow_kafka_dead_lettered_total', { type: 'case.accepted' })).toBe(1);
    expect(after('onewindow_outbox_published_total', { type: 'notification.delivered' })).toBe(3);
    expect(smtp.messages).toHaveLength(3);
    expect(after('onewindow_kafka_message_processing_seconds_count', { type: 'case.accepted' })).toBe(5);

    // HTTP: by route template, never by concrete path (no case id in any label).
    const route = '/api/v1/deliveries';
    const h = (m: typeof before, status: string) =>
      m('onewindow_http_request_duration_seconds_count', { route, method: 'GET', status_code: status });
    for (const c of cases) expect((await fetch(`${service.urls.http}${route}?caseId=${c.caseId}`)).status).toBe(200);
    expect((await fetch(`${service.urls.http}${route}?limit=0`)).status).toBe(400);
    expect((await fetch(`${service.urls.http}/api/v1/no-such-thing/${cases[0].caseId}`)).status).toBe(404);
    const http = await scrapeMetrics(metricsUrl);
    expect(h(http, '200') - h(before, '200')).toBe(3);
    expect(h(http, '400') - h(before, '400')).toBe(1);
    expect(http('onewindow_http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
    const text = await (await fetch(metricsUrl)).text();
    for (const c of cases) expect(text).not.toContain(c.caseId);

    // Lag falls to zero once everything is committed; the dead-letter topic holds the poison message; outbox drained.
    const settled = await eventually(
      async () => {
        const m = await scrapeMetrics(metricsUrl);
        return m('onewindow_kafka_consumer_lag_messages', { topic: prefix + Topics.IntakeCaseEvents }) === 0 &&
          m('onewindow_kafka_dead_letter_topic_messages') === 1 &&
          m('onewindow_outbox_backlog_rows') === 0
          ? m
          : undefined;
      },
      { what: 'lag 0, one dead letter kept, outbox empty' },
    );
    expect(settled('onewindow_outbox_relay_leader')).toBe(1);

    // Every metric the Grafana dashboard queries is one this service exposes (histograms by their base name).
    const dashboard = readFileSync(join(__dirname, '../../deploy/grafana/onewindow-dashboard.json'), 'utf8');
    const queried = new Set([...dashboard.matchAll(/onewindow_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    const exposed = await (await fetch(metricsUrl)).text();
    expect([...queried].filter((name) => !exposed.includes(`# TYPE ${name} `))).toEqual([]);
    expect(settled('onewindow_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
