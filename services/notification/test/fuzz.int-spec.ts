import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, fuzzRestApi, schemaRowCounts, serviceEnv, uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config/notification.config';
import { NOTIFICATION } from '../src/service';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';

/** Issue #9: hostile input derived from docs/openapi/notification.json never yields a 5xx, a non-problem error, or a write. */
describe('notification REST fuzzing from docs/openapi/notification.json', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadNotificationConfig(
      serviceEnv(db.url, uniqueTopicPrefix('notification-fuzz'), {
        // Nothing is sent: the fuzzer publishes no events, so no message reaches these.
        SMTP_URL: 'smtp://127.0.0.1:9',
        MAIL_FROM: 'noreply@zwfw.example.org',
        // With a gateway configured the receipt endpoint checks signatures and bodies instead of answering 404.
        SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
        SMS_GATEWAY_KEY: 'fuzz-sms-gateway-key-0123456789',
        SMS_SIGN_NAME: '武汉政务',
        AUTH_REST: 'enforce',
        AUTH_JWT_SECRET: SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal');
    service = await bootstrapService({ ...NOTIFICATION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    operator = await mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject: 'op-fuzz', claims: { role: 'operator' }, ttlSeconds: 3_600 });
  });

  afterAll(async () => {
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  it('answers every hostile input with a catalogued 4xx problem (or success for a harmless read), and writes nothing', async () => {
    const doc = committedOpenApiDocument('notification');
    const before = await schemaRowCounts(pg, 'notification');
    const report = await fuzzRestApi({ base, doc, seed: FUZZ_SEED, runs: FUZZ_RUNS, headersFor: () => ({ authorization: `Bearer ${operator}` }) });
    console.log(`notification fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each): ${JSON.stringify(report.statuses)}`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await schemaRowCounts(pg, 'notification')).toEqual(before);
  });
});
