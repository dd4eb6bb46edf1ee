import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A fresh database per test file: tests never see each other's rows. */
export async function createTestDatabase(baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `ow_test_${randomBytes(5).toString('hex')}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** A topic and consumer-group prefix of its own, so a test never reads another test's events. */
export function uniqueTopicPrefix(label = 't'): string {
  return `${label}-${randomBytes(4).toString('hex')}.`;
}

/** Personal-data keys of this test process (random: no test may depend on a fixed key). */
export const TEST_PII_KEYS = `k1:${randomBytes(32).toString('base64')}`;
export const TEST_PII_INDEX_KEY = randomBytes(32).toString('base64');

/** The environment a service under test gets: real infrastructure, its own database and topics. */
export function serviceEnv(databaseUrl: string, topicPrefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    HTTP_HOST: '127.0.0.1',
    // Suites written before issue #9 call REST without tokens; the security suites set 'enforce'.
    AUTH_REST: 'off',
    PII_KEYS: TEST_PII_KEYS,
    PII_INDEX_KEY: TEST_PII_INDEX_KEY,
    ...extra,
  };
}

/** Polls until `probe` returns a value (not undefined), or fails with the last seen state. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
