import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, fuzzRestApi, serviceEnv, uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { loadSupervisionConfig } from '../src/config/supervision.config';
import { SUPERVISION } from '../src/service';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';

/** Issue #9: hostile input derived from docs/openapi/supervision.json never yields a 5xx, a non-problem error, or a write. */
describe('supervision REST fuzzing from docs/openapi/supervision.json', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadSupervisionConfig(
      serviceEnv(db.url, uniqueTopicPrefix('supervision-fuzz'), { EVALUATION_SECRET: 'fuzz-evaluation-secret-0123456789abcdef', AUTH_REST: 'enforce', AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '100000' }),
    );
    const logger = createLogger(SUPERVISION.service, (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal');
    service = await bootstrapService({ ...SUPERVISION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const mint = (subject: string, claims: Record<string, string>) =>
      mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject, claims, ttlSeconds: 3_600 });
    bearer.officer = await mint('officer-fuzz', { role: 'officer', department: '420100-SCJGJ' });
    bearer.operator = await mint('op-fuzz', { role: 'operator' });
  });

  afterAll(async () => {
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  const writes = async () =>
    (await pg.query('SELECT (SELECT count(*) FROM supervision.evaluation) AS evaluations, (SELECT count(*) FROM supervision.rectification) AS rectifications, (SELECT count(*) FROM supervision.outbox) AS outbox')).rows[0] as Record<string, string>;

  it('answers every hostile input with a 4xx problem (or success for a harmless read), and writes nothing', async () => {
    const doc = committedOpenApiDocument('supervision');
    const before = await writes();
    const report = await fuzzRestApi({
      base,
      doc,
      seed: FUZZ_SEED,
      runs: FUZZ_RUNS,
      headersFor: (operation) => ({ authorization: `Bearer ${bearer[/follow-up|closure/.test(operation) ? 'operator' : 'officer']}` }),
    });
    console.log(`supervision fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each)`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await writes()).toEqual(before);
  });
});
