import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { portOpen } from '@onewindow/testing';
import { Client } from 'pg';
import { ROOT } from '../bench/fleet';
import { sleep } from '../bench/stats';

const run = promisify(execFile);

/** Everything the suite keeps on disk: its own PostgreSQL cluster, Redis directory, Kafka home. */
export const FAULTS_DIR = join(ROOT, '.local/faults');

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

/**
 * A PostgreSQL cluster of the suite's own (initdb, pg_ctl from the installed binaries) on
 * 127.0.0.1:15432, so it can be stopped abruptly without touching the shared one on 5432.
 * Default durability settings: a commit the services confirmed must survive `-m immediate`.
 */
export class OwnPostgres {
  readonly port = 15432;
  readonly dataDir = join(FAULTS_DIR, 'pg');
  private readonly bin: string;
  private readonly asRoot = process.getuid?.() === 0;

  constructor() {
    const base = '/usr/lib/postgresql';
    const version = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
    this.bin = process.env.PG_BIN ?? (version ? join(base, version, 'bin') : '');
    if (!this.bin || !existsSync(join(this.bin, 'pg_ctl')))
      throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: set PG_BIN');
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** PostgreSQL refuses to run as root: as root, its commands run as the postgres user. */
  private async pg(tool: string, args: string[]): Promise<void> {
    const [cmd, argv] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args]]
      : [join(this.bin, tool), args];
    await run(cmd, argv, { cwd: '/', timeout: 90_000 });
  }

  async init(): Promise<void> {
    if (await portOpen('127.0.0.1', this.port))
      throw new Error(
        `127.0.0.1:${this.port} is in use: a cluster of an earlier run? (pg_ctl -D ${this.dataDir} stop)`,
      );
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    if (this.asRoot) {
      const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      chownSync(this.dataDir, await id('-u'), await id('-g'));
    }
    await this.pg('initdb', [
      '-D',
      this.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-locale',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300`;
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
    await until('PostgreSQL answers', 30_000, () => this.answers());
  }

  /** The abrupt stop: no checkpoint, clients cut off; the next start recovers from the WAL. */
  async stopImmediately(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  async stop(): Promise<void> {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(
      () => undefined,
    );
  }

  async answers(): Promise<boolean> {
    const c = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** What every session gets unless a client overrides it (the finding of the first suite: `off` loses confirmed commits). */
  async durability(): Promise<{ synchronousCommit: string; fsync: string; overrides: string[] }> {
    const c = new Client({ connectionString: this.adminUrl });
    await c.connect();
    try {
      const s = await c.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')`,
      );
      const o = await c.query<{ setconfig: string[] }>('SELECT setconfig FROM pg_db_role_setting');
      const get = (n: string) => s.rows.find((r) => r.name === n)?.setting ?? '?';
      return {
        synchronousCommit: get('synchronous_commit'),
        fsync: get('fsync'),
        overrides: o.rows.flatMap((r) => r.setconfig),
      };
    } finally {
      await c.end();
    }
  }
}

/** A redis-server of the suite's own on 127.0.0.1:16379, without persistence (nothing in it may matter). */
export class OwnRedis {
  readonly port = 16379;
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (await portOpen('127.0.0.1', this.port))
      throw new Error(`127.0.0.1:${this.port} is in use: a redis-server of an earlier run?`);
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        FAULTS_DIR,
      ],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    await until('redis-server listens', 15_000, () => portOpen('127.0.0.1', this.port));
  }

  /** SIGKILL: everything in memory is gone, as after a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await gone;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
}

/**
 * A Kafka broker of the suite's own, from deploy/kafka/kafka.sh with its own KAFKA_HOME and ports
 * (19092, controller 19093): stopping it never touches the shared broker on 9092.
 */
export class OwnKafka {
  readonly port = 19092;
  readonly home = join(FAULTS_DIR, 'kafka');
  private readonly env = {
    ...process.env,
    KAFKA_HOME: this.home,
    KAFKA_PORT: String(this.port),
    KAFKA_CONTROLLER_PORT: '19093',
  };

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private async script(command: string, timeoutMs: number): Promise<void> {
    await run('bash', [join(ROOT, 'deploy/kafka/kafka.sh'), command], {
      cwd: ROOT,
      env: this.env,
      timeout: timeoutMs,
    });
  }

  /** A fresh broker: data of an earlier run deleted (the jars are kept, copied once by Maven). */
  async init(): Promise<void> {
    await this.script('stop', 60_000);
    rmSync(join(this.home, 'data'), { recursive: true, force: true });
  }

  async start(): Promise<void> {
    await this.script('start', 240_000);
  }

  async stop(): Promise<void> {
    await this.script('stop', 60_000);
  }
}
