import { consumerLag, MILESTONES } from './kafka';
import { DepartmentFleet } from './officers';
import type { SystemContext } from './scenario-e2e';
import { progress, round, sleep, table } from './stats';
import { Submitter } from './submitter';

export interface SoakOptions {
  durationSeconds: number;
  intervalSeconds: number;
  /** Completed cases per second the run aims at (70 % of the measured maximum). */
  rate: number;
  /** What the rate is 70 % of, for the report. */
  maximum: number;
  officersPerDepartment: number;
  drainSeconds: number;
}

interface Sample {
  atSeconds: number;
  submittedPerSecond: number;
  completedPerSecond: number;
  outboxBacklog: Record<string, number>;
  consumerLag: Record<string, number>;
  rssMb: Record<string, number>;
}

/** Scenario 4: a steady open-loop load for a long while; throughput, backlogs and memory sampled per interval. */
export async function soakScenario(ctx: SystemContext, o: SoakOptions): Promise<Record<string, unknown>> {
  const { fleet, observer } = ctx;
  const admin = ctx.kafka.admin();
  await admin.connect();
  const submitter = new Submitter(fleet.get('intake').baseUrl, ctx.matters, `soak-${Date.now()}`, fleet.clerkToken);
  let completed = 0;
  observer.onNotified = (id) => {
    if (submitter.submitted.has(id)) completed++;
  };
  const rssAt = () => Object.fromEntries(Object.entries(fleet.usage()).map(([k, v]) => [k, v.rssMb]));
  const rssStart = rssAt();
  const officers = new DepartmentFleet(fleet.grpcPort, fleet.secret, ctx.departments, o.officersPerDepartment * ctx.departments.length, undefined, { watch: true });
  const began = Date.now();
  const until = began + o.durationSeconds * 1000;
  const officersDone = officers.run(until + o.drainSeconds * 1000);
  progress(`soak: ${o.rate} cases/s (70 % of ${o.maximum}) for ${o.durationSeconds} s, sampled every ${o.intervalSeconds} s`);

  // Open loop: a tick every 100 ms sends what the rate owes by the clock (a late timer catches up),
  // whatever the answers' latency; more than 256 requests outstanding means the system is not
  // keeping up, and the tick skips.
  let skipped = 0;
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const tick = setInterval(() => {
    const owed = Math.floor((o.rate * (Date.now() - began)) / 1000) - sent - skipped;
    for (let k = 0; k < owed; k++) {
      if (pending.size >= 256) {
        skipped++;
        continue;
      }
      sent++;
      const p = submitter.submitOne().finally(() => pending.delete(p));
      pending.add(p);
    }
  }, 100);

  const samples: Sample[] = [];
  let lastSent = 0;
  let lastCompleted = 0;
  try {
    for (let i = 1; Date.now() < until && i <= 100_000; i++) {
      const next = began + i * o.intervalSeconds * 1000;
      await sleep(Math.max(0, Math.min(next, until) - Date.now()));
      const span = (Date.now() - (began + (i - 1) * o.intervalSeconds * 1000)) / 1000;
      const sample: Sample = {
        atSeconds: round((Date.now() - began) / 1000),
        submittedPerSecond: round((sent - lastSent) / span),
        completedPerSecond: round((completed - lastCompleted) / span),
        outboxBacklog: await fleet.outboxBacklog(),
        consumerLag: await consumerLag(admin, fleet.prefix),
        rssMb: rssAt(),
      };
      lastSent = sent;
      lastCompleted = completed;
      samples.push(sample);
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      progress(`soak ${sample.atSeconds} s: sent ${sample.submittedPerSecond}/s, completed ${sample.completedPerSecond}/s, outbox ${sum(sample.outboxBacklog)}, lag ${sum(sample.consumerLag)}`);
    }
  } finally {
    clearInterval(tick);
  }
  await Promise.all(pending);
  const drainUntil = Date.now() + o.drainSeconds * 1000;
  while (completed < submitter.submitted.size && Date.now() < drainUntil) await sleep(100);
  officers.stop();
  await officersDone;
  officers.close();
  const rssEnd = rssAt();
  await admin.disconnect();

  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  process.stdout.write(
    table(
      `Scenario 4 — soak at ${o.rate} cases/s (70 % of the measured ${o.maximum}/s) for ${o.durationSeconds} s`,
      ['t s', 'sent/s', 'completed/s', 'outbox backlog', 'consumer lag', ...Object.keys(rssStart).map((k) => `${k} MB`)],
      samples.map((s) => [s.atSeconds, s.submittedPerSecond, s.completedPerSecond, sum(s.outboxBacklog), sum(s.consumerLag), ...Object.keys(rssStart).map((k) => s.rssMb[k] ?? Number.NaN)]),
    ),
  );
  process.stdout.write(
    table('Scenario 4 — resident memory per service (MB)', ['service', 'start', 'end'], Object.keys(rssStart).map((k) => [k, rssStart[k], rssEnd[k] ?? Number.NaN])),
  );
  // Open loop at a rate the system keeps up with: these are the hops' own latencies, not a queue's.
  const milestones = observer.latencies(submitter.submitted);
  process.stdout.write(
    table(
      'Scenario 4 — milestone latency from submission (ms), open loop',
      ['milestone', 'cases', 'p50', 'p99', 'max'],
      MILESTONES.map((m) => [m, milestones[m].count, milestones[m].p50, milestones[m].p99, milestones[m].max]),
    ),
  );
  const rates = samples.map((s) => s.completedPerSecond);
  const fleetReport = officers.report();
  return {
    scenario: 'soak',
    durationSeconds: o.durationSeconds,
    intervalSeconds: o.intervalSeconds,
    targetRate: o.rate,
    measuredMaximum: o.maximum,
    samples,
    completedPerSecond: { min: Math.min(...rates), max: Math.max(...rates), mean: round(rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length)) },
    rssMb: { start: rssStart, end: rssEnd },
    milestones,
    submitted: submitter.submitted.size,
    skippedTicks: skipped,
    officers: fleetReport,
    completedOperations: completed,
    notCompleted: submitter.submitted.size - completed,
    errors: submitter.errors + fleetReport.errors,
    errorSamples: [...submitter.errorSamples, ...fleetReport.errorSamples],
  };
}
