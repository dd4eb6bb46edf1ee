import { createServer } from 'node:net';
import { type CaseAccepted, type CaseReceived, EventTypes } from '@onewindow/contracts';
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

describe('scale-out: two notification instances in one consumer group share the partitions, each effect exactly once', () => {
  const prefix = uniqueTopicPrefix('so');
  const smtp = new SmtpSink();
  let db: { url: string; drop(): Promise<void> };
  const instances: RunningService[] = [];

  async function startInstance(id: string): Promise<RunningService> {
    const port = await freePort();
    const config = loadNotificationConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(port),
        INSTANCE_ID: id,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'noreply@zwfw.example.org',
        DELIVERY_POLL_INTERVAL_MS: '100',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL);
    return bootstrapService({ ...NOTIFICATION, module: AppModule.forRoot(config, logger), config, logger, httpPort: port });
  }

  beforeAll(async () => {
    await smtp.start();
    db = await createTestDatabase();
    instances.push(await startInstance('a'));
    instances.push(await startInstance('b'));
  });

  afterAll(async () => {
    for (const i of instances) await i.close();
    await db?.drop();
    await smtp.stop();
  });

  it('delivers one acceptance mail per case while both instances handle events', async () => {
    const N = 24;
    const cases = Array.from({ length: N }, (_, i) => caseOf(`applicant${i}@example.org`));
    const publisher = new TestPublisher(prefix);
    try {
      for (const c of cases) {
        await publisher.send(
          makeEvent(EventTypes.CaseReceived, c.caseId, { ...c, receivedAt: '2026-11-28T01:00:00Z', materials: [] } satisfies CaseReceived),
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
      }
    } finally {
      await publisher.close();
    }
    await eventually(async () => (smtp.messages.length >= N ? true : undefined), { what: `${N} mails`, timeoutMs: 60_000 });
    // Both instances took part: each handled some acceptances, together exactly N (keys spread over 12 partitions).
    const handled = await eventually(async () => {
      const counts = await Promise.all(
        instances.map(async (i) =>
          (await scrapeMetrics(`${i.urls.http}/metrics`))('onewindow_kafka_messages_consumed_total', { type: 'case.accepted', outcome: 'processed' }),
        ),
      );
      return counts[0] + counts[1] === N ? counts : undefined;
    });
    expect(handled[0]).toBeGreaterThan(0);
    expect(handled[1]).toBeGreaterThan(0);
    // Exactly once per case: one mail to each applicant, none twice.
    const recipients = smtp.messages.flatMap((m) => m.to);
    for (const c of cases) expect(recipients.filter((r) => r.includes(c.applicant.contact.email)).length).toBe(1);
    expect(smtp.messages).toHaveLength(N);
  });
});
