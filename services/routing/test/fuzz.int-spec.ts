import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, fuzzRestApi, schemaRowCounts, serviceEnv, uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { loadRoutingConfig } from '../src/config/routing.config';
import { ROUTING } from '../src/service';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';

/** Issue #9: hostile input derived from docs/openapi/routing.json never yields a 5xx, a non-problem error, or a write. */
describe('routing REST fuzzing from docs/openapi/routing.json', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadRoutingConfig(
      serviceEnv(db.url, uniqueTopicPrefix('routing-fuzz'), { AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '100000' }),
    );
    const logger = createLogger(ROUTING.service, (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal');
    service = await bootstrapService({ ...ROUTING, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
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
    const doc = committedOpenApiDocument('routing');
    const before = await schemaRowCounts(pg, 'routing');
    const report = await fuzzRestApi({ base, doc, seed: FUZZ_SEED, runs: FUZZ_RUNS, headersFor: () => ({ authorization: `Bearer ${operator}` }) });
    console.log(`routing fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each): ${JSON.stringify(report.statuses)}`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await schemaRowCounts(pg, 'routing')).toEqual(before);
  });
});
