import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ServiceNames } from '@onewindow/contracts';
import { benchMatters } from '../bench/cases';
import { Fleet } from '../bench/fleet';
import { kafkaClient } from '../bench/kafka';
import { DepartmentFleet } from '../bench/officers';
import { sleep, table } from '../bench/stats';
import { Checker } from './checks';
import { Clerks } from './clerks';
import { FAULTS_DIR, OwnKafka, OwnPostgres, OwnRedis } from './infra';
import { allReady, type FaultContext, type Scenario, SCENARIOS } from './scenarios';
import { deadLetterCount } from './topics';

const USAGE = `usage: npm run faults -- [--short] [--only=N,M] [--cases=N] [--keep]

  --short      a few cases per scenario (what npm test runs); default: 40 per scenario
  --only=N,M   only these scenarios (1-11), in this order
  --cases=N    cases per scenario
  --keep       keep the database, the Kafka data and the PostgreSQL cluster's files in .local/faults/

Starts its own PostgreSQL (127.0.0.1:15432), Redis (16379) and Kafka (19092), the six services as
processes, then runs the scenarios one at a time while clerks submit cases and a department
approves them over gRPC. Exit code 1 when any case was lost or duplicated or a check failed.`;

const say = (line: string) => process.stdout.write(`[faults] ${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      only: { type: 'string' },
      cases: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = values.only ? values.only.split(',').map((s) => Number(s.trim())) : SCENARIOS.map((s) => s.n);
  const scenarios = only.map((n) => {
    const s = SCENARIOS.find((x) => x.n === n);
    if (!s) throw new Error(`no scenario ${n}\n${USAGE}`);
    return s;
  });
  const cases = values.cases ? Number(values.cases) : values.short ? 4 : 40;
  if (!Number.isInteger(cases) || cases < 2 || cases > 500) throw new Error('--cases: 2 to 500');
  return { short: values.short, scenarios, cases, keep: values.keep };
}

interface Row {
  n: number;
  name: string;
  cases: number;
  lost: number;
  duplicated: number;
  recoverSeconds: number;
  notes: string[];
  problems: string[];
}

async function main(): Promise<number> {
  const o = options();
  const began = Date.now();
  mkdirSync(FAULTS_DIR, { recursive: true });
  const pg = new OwnPostgres();
  const redis = new OwnRedis();
  const kafka = new OwnKafka();
  // The fleet (tools/bench) takes its PostgreSQL, Redis and Kafka from these.
  process.env.DATABASE_URL = pg.adminUrl;
  process.env.REDIS_URL = redis.url;
  process.env.KAFKA_BROKERS = kafka.brokers;

  let fleet: Fleet | undefined;
  let officers: DepartmentFleet | undefined;
  let officersDone: Promise<void> | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      say('stopping everything it started…');
      officers?.stop();
      await officersDone?.catch(() => undefined);
      officers?.close();
      await fleet?.stop(o.keep).catch((e: Error) => say(`stopping the services: ${e.message}`));
      await kafka.stop().catch((e: Error) => say(`stopping Kafka: ${e.message}`));
      await redis.stop();
      await pg.stop();
      if (!o.keep) {
        rmSync(pg.dataDir, { recursive: true, force: true });
        rmSync(join(kafka.home, 'data'), { recursive: true, force: true });
      }
    })());
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      say(`${sig}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const rows: Row[] = [];
  const runProblems: string[] = [];
  try {
    say('own PostgreSQL on 127.0.0.1:15432 (initdb), Redis on 16379, Kafka on 19092…');
    await pg.init();
    await pg.start();
    await redis.start();
    await kafka.init();
    await kafka.start();
    const d = await pg.durability();
    say(
      `PostgreSQL durability: synchronous_commit=${d.synchronousCommit}, fsync=${d.fsync}${d.overrides.length ? `, overrides ${d.overrides.join(' ')}` : ''}`,
    );
    if (
      d.synchronousCommit !== 'on' ||
      d.fsync !== 'on' ||
      d.overrides.some((x) => /synchronous_commit|fsync/.test(x))
    ) {
      runProblems.push('PostgreSQL runs with relaxed durability: a confirmed commit can be lost');
    }

    fleet = new Fleet({ services: Object.values(ServiceNames), label: 'faults' });
    await fleet.start();
    const client = kafkaClient(kafka.brokers, 'onewindow-faults');
    const matters = benchMatters();
    const departments = [...new Set(matters.map((m) => m.departmentCode))];
    const clerks = new Clerks(fleet.get('intake').baseUrl, matters, fleet.clerkToken, `faults-${Date.now()}`);
    officers = new DepartmentFleet(fleet.grpcPort, fleet.secret, departments, departments.length, 100, {
      resumeClaimed: true,
    });
    officersDone = officers.run(Date.now() + 4 * 3600_000);
    const checker = new Checker(fleet.databaseUrl);
    const confirmed = new Set<string>();
    const duplicatedSoFar = new Set<string>();
    const paceMs = o.short ? 500 : 300;
    const recoverBoundMs = o.short ? 150_000 : 300_000;
    say(
      `${o.scenarios.length} scenarios, ${o.cases} cases each; ${departments.length} departments, one officer each`,
    );

    let poisonCopies = 0;
    const runScenario = async (sc: Scenario, more: boolean): Promise<Row> => {
      say(`scenario ${sc.n}: ${sc.name}`);
      const pending: Array<Promise<string | undefined>> = [];
      const ctx: FaultContext = {
        fleet: fleet!,
        pg,
        redis,
        kafka,
        client,
        clerks,
        officers: officers!,
        submitCase: () => pending.push(sc.submit ? sc.submit(ctx) : clerks.submit()),
        poisonCopies,
        notes: [],
        problems: [],
        more,
        short: o.short,
      };
      const half = Math.ceil(o.cases / 2);
      for (let k = 0; k < half; k++) {
        ctx.submitCase();
        await sleep(paceMs);
      }
      const faultAt = Date.now();
      // The rest of the cases go in while the fault happens.
      await Promise.all([
        sc.inject(ctx),
        (async () => {
          for (let k = half; k < o.cases; k++) {
            ctx.submitCase();
            await sleep(paceMs);
          }
        })(),
      ]);
      await allReady(ctx);
      const answers = await Promise.all(pending);
      const ids = answers.filter((x): x is string => !!x);
      if (ids.length < answers.length)
        ctx.problems.push(
          `${answers.length - ids.length} applications never confirmed (${clerks.errorSamples.slice(-1).join('')})`,
        );
      for (const id of ids) confirmed.add(id);
      const { doneAt, missing } = await checker.waitCompleted(ids, Date.now() + recoverBoundMs);
      // Every case so far: a replay or a restart may duplicate an effect of an earlier scenario's case.
      const dups = await checker.duplicates([...confirmed]);
      const fresh = [...dups.keys()].filter((id) => !duplicatedSoFar.has(id));
      for (const id of fresh) {
        duplicatedSoFar.add(id);
        ctx.problems.push(`${id}: ${dups.get(id)!.join(', ')}`);
      }
      const pairs = ctx.problems.filter((p) => p.startsWith('one Idempotency-Key')).length;
      await sc.after?.(ctx);
      poisonCopies = ctx.poisonCopies;
      const dlq = await deadLetterCount(client, fleet!.prefix);
      if (dlq !== ctx.poisonCopies)
        ctx.problems.push(`dead-letter topics hold ${dlq} messages, ${ctx.poisonCopies} poison copies`);
      if (missing.length)
        ctx.problems.push(
          `not at the end state: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`,
        );
      return {
        n: sc.n,
        name: sc.name,
        cases: ids.length,
        lost: missing.length,
        duplicated: fresh.length + pairs,
        recoverSeconds: doneAt ? Math.round((doneAt - faultAt) / 100) / 10 : Number.NaN,
        notes: ctx.notes,
        problems: ctx.problems,
      };
    };

    for (const [i, sc] of o.scenarios.entries()) {
      const r = await runScenario(sc, i < o.scenarios.length - 1);
      rows.push(r);
      say(
        `scenario ${r.n}: ${r.cases} cases, ${r.lost} lost, ${r.duplicated} duplicated, recovered in ${r.recoverSeconds} s${r.problems.length ? `; ${r.problems.join('; ')}` : ''}`,
      );
    }

    const cases = await checker.caseCount();
    if (cases !== confirmed.size)
      runProblems.push(`intake holds ${cases} cases, the clerks were confirmed ${confirmed.size}`);
    const delivered = await checker.deliveredEmails();
    say(`e-mails: ${delivered} recorded as delivered, ${fleet.smtp.received} received by the SMTP sink`);
  } catch (e) {
    runProblems.push(`the run failed: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await cleanup();
  }

  process.stdout.write(
    table(
      `Fault injection — ${o.short ? 'short' : 'long'} form, ${o.cases} cases per scenario (${Math.round((Date.now() - began) / 1000)} s)`,
      ['#', 'scenario', 'cases', 'lost', 'duplicated', 'time to recover s', 'seen'],
      rows.map((r) => [r.n, r.name, r.cases, r.lost, r.duplicated, r.recoverSeconds, r.notes.join('; ')]),
    ),
  );
  const problems = [...rows.flatMap((r) => r.problems.map((p) => `scenario ${r.n}: ${p}`)), ...runProblems];
  for (const p of problems) process.stdout.write(`✗ ${p}\n`);
  writeFileSync(
    join(FAULTS_DIR, 'result.json'),
    `${JSON.stringify({ at: new Date().toISOString(), short: o.short, cases: o.cases, rows, problems }, null, 2)}\n`,
  );
  const bad = problems.length > 0 || rows.some((r) => r.lost > 0 || r.duplicated > 0);
  process.stdout.write(bad ? '\nFAILED: see above\n' : '\nnothing lost, nothing twice\n');
  return bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
