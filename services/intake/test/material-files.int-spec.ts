import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Topics } from '@onewindow/contracts';
import { citizenIdCheckChar } from '@onewindow/domain';
import { bootstrapService, createLogger } from '@onewindow/platform';
import { createTestDatabase, REPO_ROOT, serviceEnv, TEST_PII_INDEX_KEY, TEST_PII_KEYS, uniqueTopicPrefix } from '@onewindow/testing';
import { Client } from 'pg';
import S3rver from 's3rver';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { SeedCatalogUseCase } from '../src/catalog/seed-catalog.usecase';
import { loadIntakeConfig } from '../src/config/intake.config';
import { createS3Client, S3MaterialFileStore } from '../src/materials/infrastructure/s3-material-file.store';

jest.setTimeout(120_000);

type Json = Record<string, any>;
let serial = 0;
function citizenId(): string {
  serial++;
  const first17 = `42010219880${(serial % 9) + 1}1${serial % 10}${String(500 + serial).slice(-3)}${serial % 10}`.slice(0, 17);
  return first17 + citizenIdCheckChar(first17);
}
const FOOD = ['M-APP', 'M-BL', 'M-ID', 'M-SITE', 'M-SAFE'];
const caseBody = (idNumber: string, materials = FOOD) => ({
  matterCode: 'WH-SCJGJ-001',
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: { kind: 'NATURAL_PERSON', name: '钱七', idNumber, contact: {} },
  materials: materials.map((code) => ({ code })),
});
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1500)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1500)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One intake with its own database, storing files as FILE_STORAGE says. */
async function startIntake(extra: Record<string, string>) {
  const db = await createTestDatabase();
  const prefix = uniqueTopicPrefix('intake-files');
  const config = loadIntakeConfig(serviceEnv(db.url, prefix, { HTTP_PORT: '0', MATERIAL_FILE_MAX_BYTES: String(32 * 1024), ...extra }));
  const logger = createLogger('intake', config.LOG_LEVEL);
  const service = await bootstrapService({
    service: 'intake',
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: 0,
    consumes: [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents],
    openApi: { title: 'intake', description: 'test' },
  });
  await service.app.get(SeedCatalogUseCase).execute(resolve(REPO_ROOT, 'seeds'));
  const base = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const stop = async () => {
    await pg.end();
    await service.close();
    await db.drop();
  };
  return { base, pg, stop };
}

function form(body: unknown, files: Array<[code: string, content: Buffer, name: string, type?: string]>): FormData {
  const f = new FormData();
  f.append('case', typeof body === 'string' ? body : JSON.stringify(body));
  for (const [code, content, name, type] of files) f.append(code, new Blob([new Uint8Array(content)], { type: type ?? 'application/octet-stream' }), name);
  return f;
}

function frontDeskWithFiles(label: string, env: () => Record<string, string>, objectStore?: () => { client: S3Client; bucket: string }) {
  describe(label, () => {
    let intake: Awaited<ReturnType<typeof startIntake>>;
    const post = async (f: FormData, key?: string) => {
      const res = await fetch(`${intake.base}/api/v1/cases/with-files`, { method: 'POST', body: f, headers: key ? { 'idempotency-key': key } : {} });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
    };
    const casesOf = async (idNumber: string) =>
      ((await (await fetch(`${intake.base}/api/v1/cases?applicantIdNumber=${idNumber}`)).json()) as Json).items as Json[];
    const fileRows = async () => Number((await intake.pg.query('SELECT count(*) FROM intake.material_file')).rows[0].count);
    const objects = async () => {
      if (!objectStore) return 0;
      const { client, bucket } = objectStore();
      return (await client.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0;
    };

    beforeAll(async () => {
      intake = await startIntake(env());
    });
    afterAll(async () => {
      await intake?.stop();
    });

    it('creates the case and stores every file in one request; the files download unchanged with their checksum', async () => {
      const idNumber = citizenId();
      const bl = png();
      const site = pdf();
      const res = await post(form(caseBody(idNumber), [['M-BL', bl, '营业执照.png', 'image/png'], ['M-SITE', site, '场所平面图.pdf']]));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'ACCEPTED', matter: { code: 'WH-SCJGJ-001' } });
      expect(res.body.files.map((f: Json) => [f.materialCode, f.contentType, f.sizeBytes, f.sha256])).toEqual([
        ['M-BL', 'image/png', bl.length, sha(bl)],
        ['M-SITE', 'application/pdf', site.length, sha(site)],
      ]);
      const listed = (await (await fetch(`${intake.base}/api/v1/cases/${res.body.id}/files`)).json()) as Json[];
      expect(listed.map((f) => f.fileName)).toEqual(['营业执照.png', '场所平面图.pdf']);
      const down = await fetch(`${intake.base}/api/v1/cases/${res.body.id}/files/${res.body.files[1].id}`);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe('application/pdf');
      expect(down.headers.get('digest')).toBe(`sha-256=${createHash('sha256').update(site).digest('base64')}`);
      expect(Buffer.from(await down.arrayBuffer()).equals(site)).toBe(true);
    });

    it('stores nothing when any part is bad: a fake PDF, a foreign material, an oversized file, a broken case body', async () => {
      const before = { rows: await fileRows(), objects: await objects() };
      const idNumber = citizenId();
      const fake = await post(form(caseBody(idNumber), [['M-BL', png(), 'bl.png'], ['M-SITE', Buffer.from('plain text, named .pdf'), 'site.pdf', 'application/pdf']]));
      expect([fake.status, fake.body.type, fake.body.materialCode]).toEqual([415, '/problems/unsupported-file-type', 'M-SITE']);
      const foreign = await post(form(caseBody(idNumber), [['M-BL', png(), 'bl.png'], ['M-OTHER', png(), 'x.png']]));
      expect([foreign.status, foreign.body.type, foreign.body.unknown]).toEqual([422, '/problems/unknown-materials', ['M-OTHER']]);
      const notOfMatter = await post(form(caseBody(idNumber, [...FOOD, 'M-OTHER']), [['M-OTHER', png(), 'x.png']]));
      expect([notOfMatter.status, notOfMatter.body.type]).toEqual([422, '/problems/unknown-materials']);
      const big = await post(form(caseBody(idNumber), [['M-BL', Buffer.concat([pdf(), randomBytes(40 * 1024)]), 'big.pdf']]));
      expect([big.status, big.body.type]).toEqual([413, '/problems/file-too-large']);
      const broken = await post(form('{"matterCode":', [['M-BL', png(), 'bl.png']]));
      expect([broken.status, broken.body.type]).toEqual([400, '/problems/malformed-json']);
      const invalid = await post(form({ ...caseBody(idNumber), channel: 'FAX' }, [['M-BL', png(), 'bl.png']]));
      expect([invalid.status, invalid.body.type]).toEqual([400, '/problems/validation-error']);
      const twice = await post(form(caseBody(idNumber), [['M-BL', png(), 'a.png'], ['M-BL', png(), 'b.png']]));
      expect([twice.status, twice.body.type]).toEqual([400, '/problems/invalid-multipart']);
      const noCase = new FormData();
      noCase.append('M-BL', new Blob([new Uint8Array(png())]), 'bl.png');
      expect((await post(noCase)).body.type).toBe('/problems/invalid-multipart');
      const json = await fetch(`${intake.base}/api/v1/cases/with-files`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caseBody(idNumber)) });
      expect(json.status).toBe(400);

      // A failure after the content was stored (the metadata insert refused by the database) rolls it all back.
      await intake.pg.query(`
        CREATE FUNCTION intake.refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.file_name = 'boom.pdf' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
      await intake.pg.query('CREATE TRIGGER refuse_boom BEFORE INSERT ON intake.material_file FOR EACH ROW EXECUTE FUNCTION intake.refuse_boom()');
      try {
        const boom = await post(form(caseBody(idNumber), [['M-BL', png(), 'bl.png'], ['M-SITE', pdf(), 'boom.pdf']]));
        expect(boom.status).toBe(500);
      } finally {
        await intake.pg.query('DROP TRIGGER refuse_boom ON intake.material_file');
      }

      expect(await casesOf(idNumber)).toEqual([]);
      expect({ rows: await fileRows(), objects: await objects() }).toEqual(before);
    });

    it('answers a retry with the same key and files with the first answer, and refuses the key with other files', async () => {
      const idNumber = citizenId();
      const bl = png();
      const key = `files-${ulid()}`;
      const first = await post(form(caseBody(idNumber), [['M-BL', bl, 'bl.png']]), key);
      expect(first.status).toBe(201);
      const rows = await fileRows();
      const again = await post(form(caseBody(idNumber), [['M-BL', bl, 'bl.png']]), key);
      expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(again.body).toEqual(first.body);
      expect(await fileRows()).toBe(rows);
      const other = await post(form(caseBody(idNumber), [['M-BL', png(), 'bl.png']]), key);
      expect([other.status, other.body.type]).toEqual([422, '/problems/idempotency-key-reused']);
      expect(await casesOf(idNumber)).toHaveLength(1);
    });

    it('never serves content that no longer matches its checksum', async () => {
      const res = await post(form(caseBody(citizenId()), [['M-BL', png(), 'bl.png']]));
      const file = res.body.files[0] as Json;
      if (objectStore) {
        const { client, bucket } = objectStore();
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: `cases/${res.body.id}/${file.id}`, Body: png() }));
      } else {
        await intake.pg.query(`UPDATE intake.material_file SET content = content || '\\x00'::bytea WHERE id = $1`, [file.id]);
      }
      const down = await fetch(`${intake.base}/api/v1/cases/${res.body.id}/files/${file.id}`);
      expect(down.status).toBe(500);
      expect(((await down.json()) as Json).type).toBe('/problems/material-file-corrupted');
    });
  });
}

frontDeskWithFiles('create-with-files, files in PostgreSQL (FILE_STORAGE=postgres)', () => ({}));

/**
 * The S3 adapter against a real S3-compatible HTTP server: S3_TEST_ENDPOINT (+ S3_TEST_BUCKET,
 * S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY; e.g. MinIO) when set, else s3rver started here.
 */
const external = process.env.S3_TEST_ENDPOINT;
const s3 = {
  endpoint: external ?? '',
  bucket: process.env.S3_TEST_BUCKET ?? 'onewindow-materials',
  accessKey: process.env.S3_TEST_ACCESS_KEY ?? 'S3RVER',
  secretKey: process.env.S3_TEST_SECRET_KEY ?? 'S3RVER',
};
let server: S3rver | undefined;
let dir: string | undefined;
let client: S3Client;

beforeAll(async () => {
  if (!external) {
    dir = mkdtempSync(join(tmpdir(), 'ow-s3rver-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: s3.bucket, configs: [] }] });
    const { port } = await server.run();
    s3.endpoint = `http://127.0.0.1:${port}`;
  }
  client = createS3Client({ ...s3, region: 'us-east-1', forcePathStyle: true });
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

frontDeskWithFiles(
  `create-with-files, files in an S3-compatible bucket (FILE_STORAGE=s3, ${external ? 'S3_TEST_ENDPOINT' : 's3rver'})`,
  () => ({ FILE_STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey }),
  () => ({ client, bucket: s3.bucket }),
);

describe('FILE_STORAGE=s3 at start-up', () => {
  it('refuses to start without its settings', () => {
    expect(() => loadIntakeConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', PII_KEYS: TEST_PII_KEYS, PII_INDEX_KEY: TEST_PII_INDEX_KEY, FILE_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /S3_BUCKET is required when FILE_STORAGE=s3/,
    );
  });

  it('refuses to start when the bucket does not exist', async () => {
    const store = new S3MaterialFileStore(undefined as never, client, 'no-such-bucket', createLogger('intake', 'fatal'));
    await expect(store.checkBucket()).rejects.toThrow(/S3 bucket no-such-bucket is not reachable/);
  });
});
