import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceName } from '@onewindow/contracts';
import { benchMatters } from './cases';
import { ALL_SERVICES, Fleet, ROOT } from './fleet';
import { deleteTopics, kafkaClient, MilestoneObserver } from './kafka';
import { printProfile, summariseProfile } from './profile-summary';
import { e2eScenario, type SystemContext } from './scenario-e2e';
import { grpcScenario } from './scenario-grpc';
import { intakeScenario } from './scenario-intake';
import { soakScenario } from './scenario-soak';
import { progress, RESULTS_DIR, round, table, writeResult } from './stats';

const USAGE = `usage: npm run bench -- [--short] [--only intake,e2e,grpc,soak] [--minutes N] [--seconds N]
                          [--profile <service>] [--soak-rate N]

  --short             a few seconds per scenario (what the tests run, so the suite never rots)
  --only              the scenarios to run, comma-separated (default: all four; grpc runs last, its preload would hold up the soak)
  --seconds N         measured seconds per load step of scenarios 1-3 (default 20 / 60 / 30; --short 3 / 8 / 4)
  --minutes N         length of the soak (default 10; --short: 20 s)
  --profile <service> CPU-profile that service during scenario 2 (intake: during scenario 1 when it runs); summary printed, .cpuprofile kept
  --soak-rate N       cases/s for the soak instead of 70 % of scenario 2's measured maximum
Results: one JSON file per scenario in .local/bench/.`;

const SCENARIOS = ['intake', 'e2e', 'grpc', 'soak'] as const;

function options() {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      only: { type: 'string' },
      seconds: { type: 'string' },
      minutes: { type: 'string' },
      profile: { type: 'string' },
      'soak-rate': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = (values.only ?? SCENARIOS.join(',')).split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  const profile = values.profile as ServiceName | undefined;
  if (profile && !ALL_SERVICES.includes(profile)) throw new Error(`--profile: one of ${ALL_SERVICES.join(', ')}`);
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
    return n;
  };
  return {
    short: values.short,
    only: new Set(only),
    seconds: num(values.seconds, '--seconds'),
    soakSeconds: values.short ? 20 : (num(values.minutes, '--minutes') ?? 10) * 60,
    profile,
    soakRate: num(values['soak-rate'], '--soak-rate'),
  };
}

function machine() {
  const c = cpus();
  return { cpus: c.length, model: c[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30), loadAverage1m: round(loadavg()[0], 2), node: process.version };
}

/** Summarises the service's newest .cpuprofile (written when the profiled window closed). */
function printLatestProfile(profileDir: string, service: ServiceName, scenario: string): void {
  const files = readdirSync(profileDir).filter((f) => f.startsWith(`${service}-`) && f.endsWith('.cpuprofile'));
  const latest = files.sort((a, b) => statSync(join(profileDir, a)).mtimeMs - statSync(join(profileDir, b)).mtimeMs).pop();
  if (!latest) {
    process.stderr.write(`[bench] no CPU profile of ${service} was written\n`);
    return;
  }
  const s = summariseProfile(join(profileDir, latest));
  printProfile(`CPU profile of ${service} under ${scenario}`, s);
  writeResult(`profile-${service}`, { service, file: join('.local/bench/profiles', latest), ...s });
}

async function main(): Promise<number> {
  const o = options();
  const started = machine();
  progress(`${started.cpus} × ${started.model}, load average ${started.loadAverage1m} (figures below are comparable only to the baselines printed beside them)`);
  const summary: Array<[string, string, number, number, string]> = [];
  let failed = false;
  const record = (name: string, r: Record<string, unknown> | Error) => {
    if (r instanceof Error) {
      failed = true;
      writeResult(name, { scenario: name, failed: r.message, machine: started });
      summary.push([name, 'FAILED', 0, 0, r.message.split('\n')[0].slice(0, 80)]);
      process.stderr.write(`[bench] ${name} failed: ${r.stack ?? r.message}\n`);
      return;
    }
    const file = writeResult(name, { ...r, machine: { ...started, loadAverage1mAtEnd: round(loadavg()[0], 2) }, short: o.short, at: new Date().toISOString() });
    summary.push([name, 'ran', Number(r.completedOperations ?? 0), Number(r.errors ?? 0), file.replace(`${ROOT}/`, '')]);
  };

  if (o.only.has('intake')) {
    const s = o.seconds ?? (o.short ? 3 : 20);
    const profileDir = o.profile === 'intake' ? join(RESULTS_DIR, 'profiles') : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    record('intake', await intakeScenario({ durationSeconds: s, connections: [1, 16, 64], profileDir }).catch((e: Error) => e));
    if (profileDir) printLatestProfile(profileDir, 'intake', 'scenario 1');
  }

  const system = ['e2e', 'grpc', 'soak'].filter((s) => o.only.has(s));
  if (system.length) {
    const profileDir = join(RESULTS_DIR, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    const fleet = new Fleet({
      services: ALL_SERVICES,
      label: 'system',
      nodeArgs: o.profile ? { [o.profile]: ['--require', join(ROOT, 'dist/tools/bench/cpu-profile-preload.js')] } : {},
      env: o.profile ? { [o.profile]: { BENCH_PROFILE_DIR: profileDir, BENCH_PROFILE_NAME: o.profile } } : {},
    });
    const kafka = kafkaClient(fleet.kafkaBrokers, 'onewindow-bench');
    const observer = new MilestoneObserver(kafka, fleet.prefix);
    let maximum: number | undefined;
    try {
      await fleet.start();
      await observer.start();
      const matters = benchMatters();
      const ctx: SystemContext = { fleet, kafka, observer, matters, departments: [...new Set(matters.map((m) => m.departmentCode))] };
      if (o.only.has('e2e')) {
        const s = o.seconds ?? (o.short ? 8 : 60);
        const r = await e2eScenario(ctx, {
          durationSeconds: s,
          submitters: o.short ? 4 : 16,
          maxInFlight: o.short ? 50 : 400,
          officersPerDepartment: 3,
          drainSeconds: o.short ? 60 : 120,
          profile: o.profile,
        }).catch((e: Error) => e);
        record('e2e', r);
        if (!(r instanceof Error)) maximum = Number(r.completedPerSecond);
      }
      if (o.only.has('soak')) {
        const max = maximum ?? o.soakRate;
        if (!max) {
          record('soak', new Error('the soak needs scenario 2 in the same run (its measured maximum) or --soak-rate'));
        } else {
          const rate = o.soakRate ?? Math.max(0.1, round(max * 0.7, 2));
          record(
            'soak',
            await soakScenario(ctx, {
              durationSeconds: o.soakSeconds,
              intervalSeconds: o.short ? 5 : 30,
              rate,
              maximum: o.soakRate ? rate : max,
              officersPerDepartment: 3,
              drainSeconds: o.short ? 60 : 120,
            }).catch((e: Error) => e),
          );
        }
      }
      // Last: its preload leaves thousands of tasks in the queues, which officers, most urgent
      // first, would work through before any case of a later scenario.
      if (o.only.has('grpc')) {
        const s = o.seconds ?? (o.short ? 4 : 30);
        record('grpc', await grpcScenario(ctx, { durationSeconds: s, officers: 50, preload: o.short ? 100 : 1500, preloadSeconds: o.short ? 60 : 180, settleSeconds: o.short ? 30 : 300 }).catch((e: Error) => e));
      }
    } catch (e) {
      for (const s of system) if (!summary.some((r) => r[0] === s)) record(s, e as Error);
    } finally {
      await observer.stop();
      await fleet.stop();
      await deleteTopics(kafka, fleet.prefix);
    }
    if (o.profile) printLatestProfile(profileDir, o.profile, 'scenario 2');
  }

  process.stdout.write(table('Summary', ['scenario', 'status', 'operations', 'errors', 'results'], summary));
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
