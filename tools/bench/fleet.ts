import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ServiceNames, type ServiceName } from '@onewindow/contracts';
import { mintAccessToken } from '@onewindow/platform';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { progress, sleep } from './stats';

const run = promisify(execFile);

/** The repository root: the bench runs from dist/tools/bench, the services from dist/services. */
export const ROOT = resolve(__dirname, '../../..');

export const ALL_SERVICES: ServiceName[] = [
  ServiceNames.Intake,
  ServiceNames.Routing,
  ServiceNames.DepartmentalApproval,
  ServiceNames.DocumentIssuance,
  ServiceNames.Notification,
];

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

/** An SMTP server on loopback that only counts what it receives: a soak must not keep every mail in memory. */
export class CountingSmtpSink {
  received = 0;
  private server?: SMTPServer;

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          this.received++;
          callback();
        });
      },
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const addr = this.server.server.address();
    return typeof addr === 'object' && addr ? addr.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** CPU seconds (user + system) and resident memory of one process, from /proc (Linux). */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { cpuSeconds: ticks / 100, rssMb: Math.round(rssKb / 102.4) / 10 };
  } catch {
    return undefined;
  }
}

/**
 * Waits until routing has put every seeded rule set in force (it applies them from its own topic):
 * before that, every case would be unroutable.
 */
export async function rulesInForce(databaseUrl: string, timeoutMs: number): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await c.query<{ published: string; applied: string }>(
        `SELECT (SELECT count(DISTINCT matter_code) FROM routing.routing_rule_set_version) AS published,
                (SELECT count(*) FROM routing.routing_rule_set) AS applied`,
      );
      const { published, applied } = r.rows[0];
      if (Number(applied) >= Number(published)) return progress(`routing: ${applied} rule sets in force`);
      if (Date.now() > until) throw new Error(`routing put ${applied} of ${published} rule sets in force within ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  } finally {
    await c.end();
  }
}

export class BenchService {
  private child?: ChildProcess;
  private tail: string[] = [];
  private logFile?: WriteStream;
  exited: number | null = null;

  constructor(
    readonly name: ServiceName,
    readonly httpPort: number,
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** Starts (or starts again) the process and waits until it is ready; `extraEnv` applies to this start only. */
  async start(timeoutMs: number, extraEnv: Record<string, string> = {}): Promise<void> {
    const main = join(ROOT, 'dist/services', this.name, 'src/main.js');
    this.exited = null;
    this.child = spawn(process.execPath, [...this.nodeArgs, '--enable-source-maps', main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env, ...extraEnv, HTTP_PORT: String(this.httpPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // BENCH_LOG_DIR keeps each service's whole log (with its timestamps) for finding where a hop waits.
    const logDir = process.env.BENCH_LOG_DIR;
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      this.logFile = createWriteStream(join(logDir, `${this.name}.log`), { flags: 'a' });
    }
    const keep = (b: Buffer) => {
      this.logFile?.write(b);
      this.tail.push(b.toString());
      if (this.tail.length > 200) this.tail.shift();
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.once('exit', (code) => (this.exited = code ?? -1));
    await this.waitReady(timeoutMs);
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.exited !== null) throw new Error(`${this.name} exited with ${this.exited}:\n${this.logs()}`);
      try {
        if ((await fetch(`${this.baseUrl}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(300);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.logs()}`);
  }

  signal(sig: NodeJS.Signals): void {
    this.child?.kill(sig);
  }

  /** True once the process has exited; false if it still runs after timeoutMs. */
  async exitedWithin(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.exited === null && Date.now() < until) await sleep(100);
    return this.exited !== null;
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
    this.logFile?.end();
  }

  logs(): string {
    return this.tail.join('').slice(-4000);
  }
}

export interface FleetOptions {
  services: ServiceName[];
  /** Extra node flags per service, e.g. the CPU profiler preload. */
  nodeArgs?: Partial<Record<ServiceName, string[]>>;
  /** Extra environment per service (the knobs a measured improvement turns). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  label: string;
}

/**
 * The services as operators run them — one process each, from dist/ — on a database and a topic
 * prefix of their own, so a bench run never sees another run's (or a test's) rows and events.
 */
export class Fleet {
  readonly prefix: string;
  readonly secret = randomBytes(32).toString('base64url');
  readonly smtp = new CountingSmtpSink();
  readonly kafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  readonly services = new Map<ServiceName, BenchService>();
  databaseUrl = '';
  /** A province-level clerk's token: the bench calls intake as the window does, through authentication and policy. */
  clerkToken = '';
  grpcPort = 0;
  private dbName: string;
  private adminUrl: string;
  private readonly envs = new Map<ServiceName, Record<string, string>>();
  private readonly extra: BenchService[] = [];

  constructor(private readonly o: FleetOptions) {
    const tag = randomBytes(4).toString('hex');
    this.prefix = `bench-${o.label}-${tag}.`;
    this.dbName = `ow_bench_${o.label.replace(/\W/g, '_')}_${tag}`;
    const admin = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    admin.pathname = '/postgres';
    this.adminUrl = admin.toString();
  }

  get(name: ServiceName): BenchService {
    const s = this.services.get(name);
    if (!s) throw new Error(`${name} is not part of this fleet`);
    return s;
  }

  async start(): Promise<void> {
    const c = new Client({ connectionString: this.adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${this.dbName}`);
    await c.end();
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.dbName}`;
    this.databaseUrl = url.toString();
    const smtpPort = await this.smtp.start();
    this.grpcPort = await freePort();
    const common: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: this.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      HTTP_HOST: '127.0.0.1',
      AUTH_JWT_SECRET: this.secret,
      // One clerk submits everything: the per-caller REST limit is for people, not for the bench's load.
      RATE_LIMIT_PER_MINUTE: '100000',
      PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      PII_INDEX_KEY: randomBytes(32).toString('base64'),
      // BENCH_ENV_X=v sets X=v in every service: a knob turned for one run without editing the bench.
      ...Object.fromEntries(
        Object.entries(process.env)
          .filter(([k, v]) => k.startsWith('BENCH_ENV_') && v !== undefined)
          .map(([k, v]) => [k.slice('BENCH_ENV_'.length), v as string]),
      ),
    };
    this.clerkToken = await mintAccessToken(
      { secret: this.secret, issuer: 'onewindow', audience: 'onewindow' },
      { subject: 'bench-clerk', ttlSeconds: 6 * 3600, claims: { role: 'clerk', regionCode: '420000', serviceCentre: '420000-bench' } },
    );
    // The seed commands migrate the schemas and load the catalogue and the routing rules, as `npm run seed` does.
    // Routing's seed publishes the routing rules (data since #4); without them every case is unroutable.
    for (const seed of ['intake', 'routing']) {
      await run(process.execPath, [join(ROOT, `dist/services/${seed}/src/seed.js`)], { cwd: ROOT, env: { ...common, PATH: process.env.PATH } });
    }
    const evaluationSecret = randomBytes(32).toString('base64url');
    const perService: Partial<Record<ServiceName, Record<string, string>>> = {
      'departmental-approval': { AUTH_JWT_SECRET: this.secret, GRPC_PORT: String(this.grpcPort) },
      'document-issuance': { SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url') },
      notification: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'OneWindow bench <noreply@onewindow.test>', EVALUATION_SECRET: evaluationSecret },
      supervision: { EVALUATION_SECRET: evaluationSecret },
    };
    for (const name of this.o.services) {
      const env = { ...common, ...perService[name], ...this.o.env?.[name] };
      this.envs.set(name, env);
      this.services.set(name, new BenchService(name, await freePort(), env, this.o.nodeArgs?.[name] ?? []));
    }
    progress(`starting ${this.o.services.join(', ')} (database ${this.dbName}, topic prefix ${this.prefix})`);
    // Generous: five Nest services starting at once on two shared cores take minutes, not seconds.
    await Promise.all([...this.services.values()].map((s) => s.start(300_000)));
    if (this.services.has(ServiceNames.Routing)) await rulesInForce(this.databaseUrl, 120_000);
  }

  /** Another instance of a running service (same database, same consumer group), not started yet. */
  async addInstance(name: ServiceName): Promise<BenchService> {
    const env = this.envs.get(name);
    if (!env) throw new Error(`${name} is not part of this fleet`);
    const s = new BenchService(name, await freePort(), env, []);
    this.extra.push(s);
    return s;
  }

  /** CPU seconds and RSS of every service process now. */
  usage(): Record<string, { cpuSeconds: number; rssMb: number }> {
    const out: Record<string, { cpuSeconds: number; rssMb: number }> = {};
    for (const [name, s] of this.services) {
      const u = s.pid ? processUsage(s.pid) : undefined;
      if (u) out[name] = u;
    }
    return out;
  }

  /**
   * Statements each service has sent to PostgreSQL so far (its `onewindow_db_statements_total`),
   * so a scenario can report round trips per case: a figure the machine's load does not move.
   */
  async statements(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    await Promise.all(
      [...this.services].map(async ([name, s]) => {
        const text = await (await fetch(`${s.baseUrl}/metrics`)).text();
        const m = /^onewindow_db_statements_total(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
        if (m) out[name] = Number(m[1]);
      }),
    );
    return out;
  }

  /** Events each service wrote but its relay has not put on Kafka yet. */
  async outboxBacklog(): Promise<Record<string, number>> {
    const c = new Client({ connectionString: this.databaseUrl });
    await c.connect();
    try {
      const out: Record<string, number> = {};
      for (const name of this.services.keys()) {
        const schema = name.replace(/-/g, '_');
        const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox WHERE published_at IS NULL`);
        out[name] = Number(r.rows[0].n);
      }
      return out;
    } finally {
      await c.end();
    }
  }

  async stop(keepDatabase = false): Promise<void> {
    await Promise.all([...this.services.values(), ...this.extra].map((s) => s.stop()));
    await this.smtp.stop();
    if (!this.databaseUrl || keepDatabase) return;
    // BENCH_KEEP_DATABASE=1 leaves the run's rows (outbox, inbox, tasks with their timestamps) for inspection.
    if (process.env.BENCH_KEEP_DATABASE === '1') return progress(`kept database ${this.dbName}`);
    const c = new Client({ connectionString: this.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
    await c.end();
  }
}
