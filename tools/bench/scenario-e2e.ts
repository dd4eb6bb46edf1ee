import type { ServiceName } from '@onewindow/contracts';
import type { Kafka } from 'kafkajs';
import type { BenchMatter } from './cases';
import type { Fleet } from './fleet';
import { kafkaRoundTrip, MILESTONES, type MilestoneObserver } from './kafka';
import { DepartmentFleet } from './officers';
import { progress, ratio, round, sleep, table } from './stats';
import { Submitter } from './submitter';

export interface SystemContext {
  fleet: Fleet;
  kafka: Kafka;
  observer: MilestoneObserver;
  matters: BenchMatter[];
  departments: string[];
}

export interface E2eOptions {
  durationSeconds: number;
  /** Concurrent clerks posting applications (closed loop). */
  submitters: number;
  /** Clerks wait while this many cases are between submission and the applicant's notice. */
  maxInFlight: number;
  officersPerDepartment: number;
  drainSeconds: number;
  /** Signalled at the start and end of the load (the CPU profiler preload listens for it). */
  profile?: ServiceName;
}

/** CPU share of each service over an interval, from /proc: which process the time goes to. */
export function cpuShare(before: Record<string, { cpuSeconds: number }>, after: Record<string, { cpuSeconds: number }>, seconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, a] of Object.entries(after)) out[name] = round(((a.cpuSeconds - (before[name]?.cpuSeconds ?? 0)) / seconds) * 100);
  return out;
}

/**
 * Scenario 2: applications submitted at the window, routed, claimed and approved over gRPC by
 * simulated officers, issued and notified by e-mail. Baseline: the broker's produce→consume round trip.
 */
export async function e2eScenario(ctx: SystemContext, o: E2eOptions): Promise<Record<string, unknown>> {
  const { fleet, observer } = ctx;
  progress(`e2e: baseline — raw kafkajs produce→consume round trip for ${Math.min(o.durationSeconds, 10)} s`);
  const baseline = await kafkaRoundTrip(ctx.kafka, fleet.prefix, Math.min(o.durationSeconds, 10));

  const submitter = new Submitter(fleet.get('intake').baseUrl, ctx.matters, `e2e-${Date.now()}`, fleet.clerkToken);
  let notified = 0;
  let lastNotifiedAt = 0;
  observer.onNotified = (id, at) => {
    if (!submitter.submitted.has(id)) return;
    notified++;
    lastNotifiedAt = Math.max(lastNotifiedAt, at);
  };
  const officers = new DepartmentFleet(fleet.grpcPort, fleet.secret, ctx.departments, o.officersPerDepartment * ctx.departments.length, undefined, { watch: true });
  const eventsBefore = observer.events;
  const usageBefore = fleet.usage();
  const statementsBefore = await fleet.statements();
  const mailsBefore = fleet.smtp.received;
  if (o.profile) fleet.get(o.profile).signal('SIGWINCH');
  const began = Date.now();
  const submitUntil = began + o.durationSeconds * 1000;
  const hardDeadline = submitUntil + o.drainSeconds * 1000;
  progress(`e2e: ${o.submitters} clerks submitting for ${o.durationSeconds} s (at most ${o.maxInFlight} cases in flight), ${o.officersPerDepartment} officers in each of ${ctx.departments.length} departments`);
  const officersDone = officers.run(hardDeadline);
  const ticker = setInterval(() => progress(`e2e: submitted ${submitter.submitted.size}, notified ${notified}, decided ${officers.decided}`), 5000);
  try {
    await Promise.all(
      Array.from({ length: o.submitters }, async () => {
        while (Date.now() < submitUntil) {
          if (submitter.submitted.size + submitter.inFlight - notified >= o.maxInFlight) {
            await sleep(20);
            continue;
          }
          await submitter.submitOne();
        }
      }),
    );
    // Bounded drain: every submitted case should reach the applicant's notice.
    while (notified < submitter.submitted.size && Date.now() < hardDeadline) await sleep(100);
  } finally {
    clearInterval(ticker);
    officers.stop();
    await officersDone;
    officers.close();
  }
  const ended = Date.now();
  if (o.profile) fleet.get(o.profile).signal('SIGWINCH');
  const elapsed = (ended - began) / 1000;
  const usageAfter = fleet.usage();
  const cpu = cpuShare(usageBefore, usageAfter, elapsed);
  const statementsAfter = await fleet.statements();
  const perCase = (before: number | undefined, after: number | undefined, scale = 1) =>
    notified && after !== undefined ? round(((after - (before ?? 0)) * scale) / notified, 1) : undefined;
  const perService = Object.fromEntries(
    Object.keys(cpu).map((name) => [
      name,
      {
        cpuPercent: cpu[name],
        cpuMsPerCompletedCase: perCase(usageBefore[name]?.cpuSeconds, usageAfter[name]?.cpuSeconds, 1000),
        statementsPerCompletedCase: perCase(statementsBefore[name], statementsAfter[name]),
      },
    ]),
  );
  const completedWindow = Math.max(0.001, ((lastNotifiedAt || ended) - began) / 1000);
  const completedPerSecond = round(notified / completedWindow);
  const eventsPerSecond = round((observer.events - eventsBefore) / elapsed);
  const milestones = observer.latencies(submitter.submitted);
  const fleetReport = officers.report();
  const hottest = Object.entries(cpu).sort((a, b) => b[1] - a[1])[0]?.[0];

  process.stdout.write(
    table(
      'Scenario 2 — end to end: submitted → routed → in the queue → decided over gRPC → issued → applicant notified',
      ['figure', 'value', 'baseline (raw kafkajs round trip)', 'ratio'],
      [
        ['completed cases/s', completedPerSecond, '', ''],
        ['events on Kafka/s', eventsPerSecond, `${baseline.perSecond} msg/s`, ratio(eventsPerSecond, baseline.perSecond)],
        ['submitted / notified', `${submitter.submitted.size} / ${notified}`, '', ''],
        ['submit errors / officer errors', `${submitter.errors} / ${fleetReport.errors}`, `${baseline.errors} send errors`, ''],
        ['e-mails received by the SMTP sink', fleet.smtp.received - mailsBefore, '', ''],
        ['officers: ListTasks calls (empty) / queue events watched', `${fleetReport.list.calls} (${fleetReport.emptyLists}) / ${fleetReport.watchedEvents}`, '', ''],
        ['hop latency p50 / p99 ms', '', `${baseline.p50} / ${baseline.p99}`, ''],
      ],
    ),
  );
  process.stdout.write(
    table(
      'Scenario 2 — milestone latency from submission (ms)',
      ['milestone', 'cases', 'p50', 'p99', 'max'],
      MILESTONES.map((m) => [m, milestones[m].count, milestones[m].p50, milestones[m].p99, milestones[m].max]),
    ),
  );
  process.stdout.write(
    table(
      'Scenario 2 — per service process: CPU during the run, and per completed case CPU and PostgreSQL statements (round trips, BEGIN/COMMIT included)',
      ['service', 'cpu %', 'CPU ms/case', 'statements/case'],
      Object.entries(perService).map(([k, v]) => [k, v.cpuPercent, v.cpuMsPerCompletedCase ?? '', v.statementsPerCompletedCase ?? '']),
    ),
  );
  return {
    scenario: 'e2e',
    durationSeconds: o.durationSeconds,
    submitters: o.submitters,
    maxInFlight: o.maxInFlight,
    submitted: submitter.submitted.size,
    completed: notified,
    completedPerSecond,
    eventsPerSecond,
    milestones,
    officers: fleetReport,
    cpuPercentPerService: cpu,
    perService,
    hottestService: hottest,
    emails: fleet.smtp.received - mailsBefore,
    baseline: { kind: 'kafkajs produce→consume round trip (idempotent producer, acks=all, batches of 100)', ...baseline },
    completedOperations: notified,
    errors: submitter.errors + fleetReport.errors + baseline.errors,
    errorSamples: [...submitter.errorSamples, ...fleetReport.errorSamples],
    notCompleted: submitter.submitted.size - notified,
  };
}
