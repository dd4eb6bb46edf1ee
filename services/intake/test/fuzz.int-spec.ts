import { resolve } from 'node:path';
import { Topics } from '@onewindow/contracts';
import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, fuzzRestApi, REPO_ROOT, serviceEnv, uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { SeedCatalogUseCase } from '../src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../src/config/intake.config';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';

/** Issue #9: hostile input derived from the committed OpenAPI document never yields a 5xx, a non-problem error, or a write. */
describe('intake REST fuzzing from docs/openapi/intake.json', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadIntakeConfig(
      serviceEnv(db.url, uniqueTopicPrefix('intake-fuzz'), { HTTP_PORT: '0', AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '100000' }),
    );
    const logger = createLogger('intake', (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal');
    service = await bootstrapService({ service: 'intake', module: AppModule.forRoot(config, logger), config, logger, httpPort: 0, consumes: [Topics.RoutingCaseEvents], openApi: { title: 'intake', description: 'fuzz' } });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const mint = (subject: string, claims: Record<string, string>) =>
      mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject, claims, ttlSeconds: 3_600 });
    bearer.clerk = await mint('clerk-fuzz', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' });
    bearer.operator = await mint('op-fuzz', { role: 'operator' });
  });

  afterAll(async () => {
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  const writes = async () => {
    const r = await pg.query('SELECT (SELECT count(*) FROM intake.intake_case) AS cases, (SELECT count(*) FROM intake.outbox) AS outbox');
    return r.rows[0] as { cases: string; outbox: string };
  };

  it('answers every hostile input with a 4xx problem (or success for a harmless read), and writes nothing', async () => {
    const doc = committedOpenApiDocument('intake');
    const before = await writes();
    const report = await fuzzRestApi({
      base,
      doc,
      seed: FUZZ_SEED,
      runs: FUZZ_RUNS,
      headersFor: (operation) => ({ authorization: `Bearer ${bearer[operation.startsWith('PUT /api/v1/matters') ? 'operator' : 'clerk']}` }),
    });
    console.log(`intake fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each)`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await writes()).toEqual(before);
  });
});
