import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
  applicationName?: string;
  /** Called once per statement sent to PostgreSQL (a round trip), BEGIN and COMMIT included. */
  onQuery?: () => void;
}

/** pg's Client, counting the statements it sends: the pool (pg-pool's `Client` option) makes every connection one. */
function countingClient(onQuery: () => void): typeof Client {
  class CountingClient extends Client {}
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  CountingClient.prototype.query = function (this: Client, ...args: unknown[]) {
    onQuery();
    return query.apply(this, args);
  } as Client['query'];
  return CountingClient;
}

export function buildDataSourceOptions(o: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    schema: o.schema,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: o.poolSize,
    applicationName: o.applicationName ?? o.schema,
    // Raw queries in repositories and the outbox name tables without a schema.
    extra: { options: `-c search_path=${o.schema},public`, ...(o.onQuery ? { Client: countingClient(o.onQuery) } : {}) },
  };
}

/** Creates the database if it does not exist yet (a fresh machine has only `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to create database with name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    const rows: unknown[] = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      try {
        await ds.query(`CREATE DATABASE "${name}"`);
      } catch (e) {
        // Another service created it at the same moment.
        if ((e as { driverError?: { code?: string } }).driverError?.code !== '42P04') throw e;
      }
    }
  } finally {
    await ds.destroy();
  }
}

/** Advisory-lock key per schema: several instances starting together migrate one at a time. */
function lockKey(schema: string): number {
  let h = 0;
  for (const c of `migrate:${schema}`) h = (Math.imul(31, h) + c.charCodeAt(0)) | 0;
  return h;
}

export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lockKey(schema)]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [lockKey(schema)]).catch(() => undefined);
    await runner.release();
  }
}
