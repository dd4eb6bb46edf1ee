#!/usr/bin/env node
// `npm start`: the whole system on this machine, without Docker. Checks PostgreSQL and Redis,
// builds, brings up Kafka (the local broker from deploy/kafka unless one answers already or
// KAFKA_BROKERS is set), creates the database, migrates and seeds, starts the six services as
// separate processes and prints where each door is. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const local = join(root, '.local');
const logsDir = join(local, 'logs');
const started = Date.now();
const children = new Map();
let stopping = false;

const say = (line) => process.stdout.write(`[onewindow] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[onewindow] ${line}\n`);
  void shutdown(1);
};

function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const s = connect({ host, port });
    const finish = (ok) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(timeoutMs, () => finish(false));
    s.once('connect', () => finish(true));
    s.once('error', () => finish(false));
  });
}

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

const env = process.env;
const DATABASE_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/onewindow';
const REDIS_URL = env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Secrets for this machine only, made once and kept in .local/ (never committed). */
function devSecrets() {
  const file = join(local, 'dev-secrets.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    EVALUATION_SECRET: randomBytes(32).toString('base64url'),
    PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    // Secrets made by an earlier run stay (the signing keys in the database are sealed with one of them).
    ...kept,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const SERVICES = [
  { name: 'intake', port: 3001, what: 'clerks: cases, catalogue, timeline' },
  { name: 'routing', port: 3002, what: 'operators: dispatch plans' },
  { name: 'departmental-approval', port: 3003, what: 'health and docs; departments use gRPC', grpc: 50051 },
  { name: 'document-issuance', port: 3004, what: 'clerks: results ready at the window, handover, verification' },
  { name: 'notification', port: 3005, what: 'delivery log' },
  { name: 'supervision', port: 3006, what: 'reform KPIs, 好差评, rankings; dashboard at /dashboard' },
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function supervise(name, cmd, args, childEnv, { restart = true } = {}) {
  const log = createWriteStream(join(logsDir, `${name}.log`), { flags: 'a' });
  let restarts = 0;
  const startOne = () => {
    // Own process group: Ctrl-C reaches only this launcher, which stops services before the broker.
    const child = spawn(cmd, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.set(name, child);
    const echo = (chunk) => {
      log.write(chunk);
      // The console shows what needs attention; everything is in the log file.
      for (const line of chunk.toString().split('\n')) {
        if (/"level":"(warn|error|fatal)"|^\S*Error|exception/i.test(line)) process.stdout.write(`  ${name} | ${line.slice(0, 400)}\n`);
      }
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      say(`${name} exited (${signal ?? code}); last lines are in .local/logs/${name}.log`);
      if (restart && restarts < 5) {
        restarts++;
        const delay = 1000 * 2 ** restarts;
        say(`restarting ${name} in ${delay / 1000} s (${restarts}/5)`);
        setTimeout(() => !stopping && startOne(), delay);
      } else if (restart) {
        fail(`${name} keeps failing; stopping everything`);
      }
    });
    return child;
  };
  return startOne();
}

async function waitReady(name, url, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return;
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (see .local/logs/${name}.log)`);
}

async function startMailCatcher(port) {
  // A development SMTP server: mail to applicants lands in .local/mail/ instead of the internet.
  const { SMTPServer } = await import('smtp-server');
  const dir = join(local, 'mail');
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`);
      const out = createWriteStream(file);
      stream.pipe(out);
      stream.on('end', () => {
        say(`mail to ${session.envelope.rcptTo.map((r) => r.address.replace(/^(.).*@/, '$1***@')).join(', ')} saved as .local/mail/${file.split('/').pop()}`);
        callback();
      });
    },
  });
  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, '127.0.0.1', ok);
  });
  return server;
}

let mailServer;

function stopChild(child, graceMs) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // Services first (they drain, commit and leave their consumer groups), then the broker.
  const services = [...children.entries()].filter(([name]) => name !== 'kafka').map(([, child]) => child);
  await Promise.all(services.map((child) => stopChild(child, 15_000)));
  const kafka = children.get('kafka');
  if (kafka) await stopChild(kafka, 40_000);
  mailServer?.close();
  say(`stopped (${code === 0 ? 'clean' : `exit ${code}`})`);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) throw new Error(`Node >= 20.19 is needed, this is ${process.versions.node}`);
  mkdirSync(logsDir, { recursive: true });

  const pg = hostPort(DATABASE_URL, 5432);
  if (!(await portOpen(pg.host, pg.port))) {
    throw new Error(`PostgreSQL does not answer on ${pg.host}:${pg.port}. Start it (on our machines: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`);
  }
  const rd = hostPort(REDIS_URL, 6379);
  if (!(await portOpen(rd.host, rd.port))) {
    throw new Error(`Redis does not answer on ${rd.host}:${rd.port}. Start it (redis-server --daemonize yes --bind 127.0.0.1) or set REDIS_URL.`);
  }
  say(`PostgreSQL ${pg.host}:${pg.port} and Redis ${rd.host}:${rd.port} answer`);

  say('building (swc)…');
  run(process.execPath, ['tools/build.mjs']);

  let kafkaBrokers = env.KAFKA_BROKERS;
  if (kafkaBrokers) {
    say(`using Kafka at ${kafkaBrokers} (KAFKA_BROKERS)`);
  } else if (await portOpen('127.0.0.1', 9092)) {
    kafkaBrokers = '127.0.0.1:9092';
    say('a Kafka broker already answers on 127.0.0.1:9092: using it (it keeps running after Ctrl-C)');
  } else {
    kafkaBrokers = '127.0.0.1:9092';
    say('starting the local Kafka broker (deploy/kafka; the first run fetches its jars with Maven)…');
    run('bash', ['deploy/kafka/kafka.sh', 'fetch']);
    supervise('kafka', 'bash', ['deploy/kafka/kafka.sh', 'run'], { ...env }, { restart: false });
    run('bash', ['deploy/kafka/kafka.sh', 'wait-ready']);
    say('Kafka is ready on 127.0.0.1:9092 (logs: .local/kafka/logs/)');
  }

  const secrets = devSecrets();
  let smtpUrl = env.SMTP_URL;
  if (!smtpUrl) {
    const port = Number(env.MAIL_CATCHER_PORT ?? 2525);
    mailServer = await startMailCatcher(port);
    smtpUrl = `smtp://127.0.0.1:${port}`;
    say(`development mail catcher on ${smtpUrl}: messages are saved in .local/mail/`);
  }

  const common = {
    PATH: env.PATH,
    NODE_ENV: env.NODE_ENV ?? 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    DATABASE_URL,
    REDIS_URL,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: env.KAFKA_TOPIC_PREFIX ?? '',
    HTTP_HOST: env.HTTP_HOST ?? '127.0.0.1',
    // Every REST door verifies tokens (`npm run token -- <role>` mints them); intake encrypts personal data.
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? secrets.AUTH_JWT_SECRET,
    PII_KEYS: env.PII_KEYS ?? secrets.PII_KEYS,
    PII_INDEX_KEY: env.PII_INDEX_KEY ?? secrets.PII_INDEX_KEY,
  };

  say('migrating and seeding the catalogue…');
  run(process.execPath, ['dist/services/intake/src/seed.js'], { env: common });
  run(process.execPath, ['dist/services/routing/src/seed.js'], { env: common });

  const perService = {
    'document-issuance': { SIGNING_KEY_ENCRYPTION_KEY: env.SIGNING_KEY_ENCRYPTION_KEY ?? secrets.SIGNING_KEY_ENCRYPTION_KEY },
    'departmental-approval': { AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? secrets.AUTH_JWT_SECRET, GRPC_PORT: '50051', GRPC_HOST: env.GRPC_HOST ?? '127.0.0.1' },
    notification: {
      SMTP_URL: smtpUrl,
      MAIL_FROM: env.MAIL_FROM ?? 'OneWindow 政务服务中心 <noreply@onewindow.local>',
      ...(env.WEBHOOK_URLS ? { WEBHOOK_URLS: env.WEBHOOK_URLS, WEBHOOK_SECRET: env.WEBHOOK_SECRET ?? secrets.WEBHOOK_SECRET } : {}),
      EVALUATION_SECRET: env.EVALUATION_SECRET ?? secrets.EVALUATION_SECRET,
      EVALUATION_BASE_URL: env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3006',
    },
    supervision: {
      EVALUATION_SECRET: env.EVALUATION_SECRET ?? secrets.EVALUATION_SECRET,
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3006',
    },
  };
  for (const s of SERVICES) {
    supervise(s.name, process.execPath, ['--enable-source-maps', `dist/services/${s.name}/src/main.js`], {
      ...common,
      ...perService[s.name],
      HTTP_PORT: String(s.port),
    });
  }
  say(`starting ${SERVICES.map((s) => s.name).join(', ')}…`);
  await Promise.all(SERVICES.map((s) => waitReady(s.name, `http://127.0.0.1:${s.port}/health/ready`)));
  if (stopping) return;

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rows = SERVICES.map((s) => `  ${s.name.padEnd(22)} http://127.0.0.1:${s.port}   docs: http://127.0.0.1:${s.port}/docs   (${s.what})`);
  process.stdout.write(
    [
      '',
      `OneWindow is up (${seconds} s). The doors:`,
      ...rows,
      '  department gRPC        127.0.0.1:50051   onewindow.approval.v1.DepartmentQueueService (health + reflection on)',
      `  Kafka                  ${kafkaBrokers}`,
      `  mail                   ${smtpUrl}${env.SMTP_URL ? '' : '   (saved in .local/mail/)'}`,
      '',
      'A department token for trying gRPC:  npm run token -- WH-SCJGJ officer-001',
      'Dashboard:                           http://127.0.0.1:3006/dashboard   (traffic: npm run simulate -- --cases 200)',
      'Logs (JSON, one file per service):   .local/logs/',
      'Ctrl-C stops everything this command started.',
      '',
    ].join('\n'),
  );
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
