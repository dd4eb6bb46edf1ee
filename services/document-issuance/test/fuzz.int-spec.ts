import { randomBytes } from 'node:crypto';
import { bootstrapService, createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { createTestDatabase, fuzzRestApi, schemaRowCounts, serviceEnv, uniqueTopicPrefix, committedOpenApiDocument, FUZZ_RUNS, FUZZ_SEED } from '@onewindow/testing';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { loadDocumentIssuanceConfig } from '../src/config/document-issuance.config';
import { DOCUMENT_ISSUANCE } from '../src/service';

jest.setTimeout(180_000);

const SECRET = 'fuzz-suite-secret-0123456789abcdef0123';

/** Issue #9: hostile input derived from docs/openapi/document-issuance.json never yields a 5xx, a non-problem error, or a write. */
describe('document-issuance REST fuzzing from docs/openapi/document-issuance.json', () => {
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let pg: Client;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadDocumentIssuanceConfig(
      serviceEnv(db.url, uniqueTopicPrefix('issuance-fuzz'), {
        SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        VERIFICATION_URL: 'https://zwfw.example.gov.cn/verify',
        AUTH_REST: 'enforce',
        AUTH_JWT_SECRET: SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      }),
    );
    const logger = createLogger(DOCUMENT_ISSUANCE.service, (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal');
    service = await bootstrapService({ ...DOCUMENT_ISSUANCE, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const mint = (subject: string, claims: Record<string, string>) =>
      mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'onewindow' }, { subject, claims, ttlSeconds: 3_600 });
    bearer.clerk = await mint('clerk-fuzz', { role: 'clerk', regionCode: '420102', serviceCentre: 'JA-01' });
    bearer.officer = await mint('officer-fuzz', { role: 'officer', department: '420100-SCJGJ' });
    bearer.operator = await mint('op-fuzz', { role: 'operator' });
  });

  afterAll(async () => {
    await pg?.end();
    await service?.close();
    await db?.drop();
  });

  const roleFor = (operation: string) => (operation.includes('signing-keys') ? 'operator' : operation.includes('revocation') ? 'officer' : 'clerk');

  it('answers every hostile input with a catalogued 4xx problem (or success for a harmless read), and writes nothing', async () => {
    const doc = committedOpenApiDocument('document-issuance');
    const before = await schemaRowCounts(pg, 'document_issuance');
    const report = await fuzzRestApi({ base, doc, seed: FUZZ_SEED, runs: FUZZ_RUNS, headersFor: (operation) => ({ authorization: `Bearer ${bearer[roleFor(operation)]}` }) });
    console.log(`document-issuance fuzz: ${report.tried} inputs over ${report.operations} operations in ${report.ms} ms (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each): ${JSON.stringify(report.statuses)}`);
    expect(report.failures.slice(0, 30)).toEqual([]);
    expect(await schemaRowCounts(pg, 'document_issuance')).toEqual(before);
  });
});
