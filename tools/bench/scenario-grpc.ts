import { consumerLag } from './kafka';
import { DepartmentFleet, healthCheckRate } from './officers';
import type { SystemContext } from './scenario-e2e';
import { progress, ratio, sleep, table } from './stats';
import { Submitter } from './submitter';

export interface GrpcOptions {
  durationSeconds: number;
  officers: number;
  /** Tasks put in the queues before the officers start, so they measure the queue and not intake. */
  preload: number;
  preloadSeconds: number;
  /** At most this long for every consumer group and outbox to catch up with the preload. */
  settleSeconds: number;
}

async function settle(ctx: SystemContext, seconds: number): Promise<{ done: boolean; seconds: number }> {
  const began = Date.now();
  const admin = ctx.kafka.admin();
  await admin.connect();
  try {
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    for (;;) {
      const busy = sum(await consumerLag(admin, ctx.fleet.prefix)) + sum(await ctx.fleet.outboxBacklog());
      const elapsed = Math.round((Date.now() - began) / 1000);
      if (busy === 0 || elapsed >= seconds) return { done: busy === 0, seconds: elapsed };
      await sleep(2000);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Scenario 3: ListTasks / ClaimTask / DecideTask with many officers, beside the health Check rate of the same server. */
export async function grpcScenario(ctx: SystemContext, o: GrpcOptions): Promise<Record<string, unknown>> {
  const { fleet, observer } = ctx;
  const submitter = new Submitter(fleet.get('intake').baseUrl, ctx.matters, `grpc-${Date.now()}`, fleet.clerkToken);
  progress(`grpc: putting ${o.preload} tasks in the queues (at most ${o.preloadSeconds} s)`);
  const until = Date.now() + o.preloadSeconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < o.preload && Date.now() < until) {
        next++;
        await submitter.submitOne();
      }
    }),
  );
  const queued = () => [...submitter.submitted.keys()].filter((id) => observer.at.get(id)?.queued !== undefined).length;
  while (queued() < submitter.submitted.size && Date.now() < until) await sleep(200);
  const preloaded = queued();
  // The rest of the preload's work (timelines, e-mails, …) done first: the officers then measure
  // the queue, not the queue beside a machine still busy with thousands of other events.
  const settled = await settle(ctx, o.settleSeconds);
  progress(`grpc: ${preloaded} tasks queued, the other services ${settled.done ? 'idle' : 'still busy'} after ${settled.seconds} s; baseline — health Check at ${o.officers} concurrent calls for ${o.durationSeconds} s`);
  const health = await healthCheckRate(fleet.grpcPort, o.officers, o.durationSeconds);

  progress(`grpc: ${o.officers} officers list / claim / decide for ${o.durationSeconds} s`);
  const officers = new DepartmentFleet(fleet.grpcPort, fleet.secret, ctx.departments, o.officers);
  await officers.run(Date.now() + o.durationSeconds * 1000);
  officers.close();
  const r = officers.report();
  const total = r.list.calls + r.claim.calls + r.decide.calls;
  const allPerSecond = Math.round((total / r.seconds) * 10) / 10;
  process.stdout.write(
    table(
      `Scenario 3 — gRPC department queue, ${o.officers} concurrent officers (${preloaded} tasks preloaded)`,
      ['call', 'calls', 'calls/s', 'p50 ms', 'p99 ms', 'vs health Check/s'],
      [
        ['ListTasks', r.list.calls, r.list.perSecond, r.list.p50, r.list.p99, ratio(r.list.perSecond, health.perSecond)],
        ['ClaimTask', r.claim.calls, r.claim.perSecond, r.claim.p50, r.claim.p99, ratio(r.claim.perSecond, health.perSecond)],
        ['DecideTask', r.decide.calls, r.decide.perSecond, r.decide.p50, r.decide.p99, ratio(r.decide.perSecond, health.perSecond)],
        ['all three', total, allPerSecond, '', '', ratio(allPerSecond, health.perSecond)],
        ['baseline: Health/Check', health.calls, health.perSecond, health.p50, health.p99, '100 %'],
      ],
    ),
  );
  process.stdout.write(`claims lost to another officer: ${r.claimRaces}; empty lists: ${r.emptyLists}; errors: ${r.errors}\n`);
  return {
    scenario: 'grpc',
    durationSeconds: o.durationSeconds,
    preloaded,
    settled,
    officers: r,
    allCallsPerSecond: allPerSecond,
    baseline: { kind: 'grpc.health.v1.Health/Check on the same server and concurrency', ...health },
    completedOperations: total,
    errors: r.errors + health.errors + submitter.errors,
    errorSamples: [...r.errorSamples, ...submitter.errorSamples],
  };
}
