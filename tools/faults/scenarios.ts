import type { ServiceName } from '@onewindow/contracts';
import { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { BenchService, Fleet } from '../bench/fleet';
import type { DepartmentFleet } from '../bench/officers';
import { sleep } from '../bench/stats';
import type { Clerks } from './clerks';
import type { OwnKafka, OwnPostgres, OwnRedis } from './infra';
import {
  CASE_TOPICS,
  deadLetterTopics,
  headerText,
  POISON_HEADER,
  readAll,
  readersOf,
  resend,
  sendPoison,
} from './topics';

/** What a scenario can reach: the system, its infrastructure, the flow, and where to write what it saw. */
export interface FaultContext {
  fleet: Fleet;
  pg: OwnPostgres;
  redis: OwnRedis;
  kafka: OwnKafka;
  client: Kafka;
  clerks: Clerks;
  officers: DepartmentFleet;
  /** Adds one more case to the running scenario (traffic that reaches a fault point). */
  submitCase(): void;
  /** Dead-letter messages expected so far: the copies of the poison messages. */
  poisonCopies: number;
  notes: string[];
  problems: string[];
  /** Whether another scenario follows this one (a fault that would stay armed is then disarmed). */
  more: boolean;
  /** The short form: as little as still shows the fault. */
  short: boolean;
}

export interface Scenario {
  n: number;
  name: string;
  /** Applies the fault and returns when it is over (what was stopped is running again). */
  inject(ctx: FaultContext): Promise<void>;
  /** How each case of this scenario is submitted, when not as usual. */
  submit?(ctx: FaultContext): Promise<string | undefined>;
  /** Run after the checks: undo what would otherwise affect the next scenario. */
  after?(ctx: FaultContext): Promise<void>;
}

const START_MS = 300_000;

function services(ctx: FaultContext): BenchService[] {
  return [...ctx.fleet.services.values()];
}

export async function allReady(ctx: FaultContext, timeoutMs = 240_000): Promise<void> {
  await Promise.all(services(ctx).map((s) => s.waitReady(timeoutMs)));
}

/** Runs `outage` while polling every service's readiness; notes which services never went unready. */
async function readinessDuring(ctx: FaultContext, what: string, outage: () => Promise<void>): Promise<void> {
  const dropped = new Set<string>();
  let polling = true;
  const poll = (async () => {
    for (let i = 0; polling && i < 3000; i++) {
      await Promise.all(
        services(ctx).map(async (s) => {
          try {
            const r = await fetch(`${s.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2500) });
            if (!r.ok) dropped.add(s.name);
          } catch {
            dropped.add(s.name);
          }
        }),
      );
      await sleep(150);
    }
  })();
  try {
    await outage();
  } finally {
    polling = false;
    await poll;
  }
  const stayed = services(ctx)
    .filter((s) => !dropped.has(s.name))
    .map((s) => s.name);
  ctx.notes.push(`readiness dropped in ${dropped.size}/${services(ctx).length}`);
  if (stayed.length) ctx.problems.push(`${what}: readiness stayed up in ${stayed.join(', ')}`);
}

/** Redelivered events the services' inboxes recognised and skipped, from their metrics. */
async function inboxDuplicates(ctx: FaultContext): Promise<number> {
  let n = 0;
  for (const s of services(ctx)) {
    const text = await (await fetch(`${s.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    for (const line of text.split('\n'))
      if (line.startsWith('onewindow_inbox_duplicates_total')) n += Number(line.split(' ').pop());
  }
  return n;
}

/** Restarts one service with FAULT_POINTS set, drives cases until the fault kills it, starts it again clean. */
async function crashAt(ctx: FaultContext, name: ServiceName, faultPoints: string): Promise<void> {
  const s = ctx.fleet.get(name);
  await s.stop();
  try {
    await s.start(START_MS, { FAULT_POINTS: faultPoints });
  } catch (e) {
    if (s.exited === null) throw e; // the fault may fire while it catches up, before it is ready
  }
  let fired = s.exited !== null;
  for (let i = 0; i < 15 && !fired; i++) {
    ctx.submitCase();
    fired = await s.exitedWithin(2000);
  }
  if (!fired) fired = await s.exitedWithin(60_000);
  if (fired) ctx.notes.push(`${name} killed at ${faultPoints.split(':')[0]}`);
  else {
    ctx.problems.push(`${faultPoints} did not fire in ${name}: the flow never reached it`);
    await s.stop();
  }
  await s.start(START_MS);
}

export const SCENARIOS: Scenario[] = [
  {
    n: 1,
    name: 'SIGKILL between DB commit and publish (intake)',
    inject: (ctx) => crashAt(ctx, 'intake', 'relay.before-publish:kill@3'),
  },
  {
    n: 2,
    name: 'SIGKILL after effect, before offset commit (approval)',
    inject: (ctx) => crashAt(ctx, 'departmental-approval', 'consumer.after-effect-before-commit:kill@3'),
  },
  {
    n: 3,
    name: 'Kafka broker restarted mid-flow',
    inject: async (ctx) => {
      await readinessDuring(ctx, 'Kafka down', async () => {
        await ctx.kafka.stop();
        await sleep(3000);
        await ctx.kafka.start();
      });
      await allReady(ctx);
    },
  },
  {
    n: 4,
    name: 'PostgreSQL stopped abruptly, started again',
    inject: async (ctx) => {
      await readinessDuring(ctx, 'PostgreSQL down', async () => {
        await ctx.pg.stopImmediately();
        await sleep(3000);
        await ctx.pg.start();
      });
      await allReady(ctx);
    },
  },
  {
    n: 5,
    name: 'Redis flushed, then restarted',
    inject: async (ctx) => {
      const r = new Redis(ctx.redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await r.connect();
      await r.flushall();
      r.disconnect();
      await readinessDuring(ctx, 'Redis down', async () => {
        await ctx.redis.kill();
        await sleep(2000);
        await ctx.redis.start();
      });
      await allReady(ctx);
    },
  },
  {
    n: 6,
    name: 'consumer-group rebalances (extra instances come and go)',
    inject: async (ctx) => {
      // The short form: one extra instance still makes its group rebalance twice.
      const names = ctx.short ? (['routing'] as const) : (['routing', 'notification', 'intake'] as const);
      const extras = await Promise.all(names.map((n) => ctx.fleet.addInstance(n)));
      await Promise.all(extras.map((e) => e.start(START_MS)));
      ctx.notes.push(`${extras.length} extra instances joined`);
      for (const e of extras) {
        await sleep(2000);
        await e.stop();
      }
    },
  },
  {
    n: 7,
    name: 'every event delivered twice, newest first',
    inject: async (ctx) => {
      const prefix = ctx.fleet.prefix;
      const all = await readAll(
        ctx.client,
        CASE_TOPICS.map((t) => prefix + t),
        `${prefix}faults-replay`,
      );
      const before = await inboxDuplicates(ctx);
      // Each event arrives a second time, and a case's events arrive in reverse order (stale sequences).
      await resend(ctx.client, [...all].reverse());
      // The inboxes must have seen them: wait until their duplicate count stops growing (bounded).
      let absorbed = 0;
      for (let i = 0, still = 0; i < 90 && still < 4; i++) {
        await sleep(1000);
        const now = (await inboxDuplicates(ctx)) - before;
        still = now > 0 && now === absorbed ? still + 1 : 0;
        absorbed = now;
      }
      ctx.notes.push(`${all.length} events sent again, ${absorbed} duplicates skipped by inboxes`);
      if (absorbed === 0) ctx.problems.push('no inbox recognised a redelivered event');
    },
  },
  {
    n: 8,
    name: 'poison messages',
    inject: async (ctx) => {
      const prefix = ctx.fleet.prefix;
      const readers = await readersOf(ctx.client, prefix);
      const topics = CASE_TOPICS.map((t) => prefix + t);
      const ids = await sendPoison(ctx.client, topics);
      const expected = new Map<string, number>();
      topics.forEach((t, i) => expected.set(ids[i], readers.get(t)?.length ?? 0));
      const copies = [...expected.values()].reduce((a, b) => a + b, 0);
      ctx.poisonCopies += copies;
      // Bounded wait until every reader has dead-lettered its copies.
      let found: Awaited<ReturnType<typeof readAll>> = [];
      for (let i = 0; i < 60; i++) {
        found = await readAll(ctx.client, deadLetterTopics(prefix), `${prefix}faults-dlq`);
        if (found.length >= ctx.poisonCopies) break;
        await sleep(2000);
      }
      const seen = new Map<string, number>();
      for (const m of found) {
        const id = headerText(m.headers, POISON_HEADER);
        if (!id) {
          ctx.problems.push(
            `dead-letter ${m.topic} holds a message that is no poison (${headerText(m.headers, 'dlq-error') ?? '?'})`,
          );
          continue;
        }
        const k = `${id} ${headerText(m.headers, 'dlq-consumer-group') ?? '?'}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      for (const [k, n] of seen) if (n > 1) ctx.problems.push(`poison ${k} dead-lettered ${n} times`);
      const perPoison = (id: string) => [...seen.keys()].filter((k) => k.startsWith(`${id} `)).length;
      for (const [id, n] of expected)
        if (perPoison(id) !== n)
          ctx.problems.push(`poison ${id}: ${perPoison(id)} of ${n} readers dead-lettered it`);
      ctx.notes.push(
        `${ids.length} poison messages, ${copies} dead-letter copies expected, ${found.length} found`,
      );
    },
  },
  {
    n: 9,
    name: 'outbox relay killed mid-batch (routing)',
    inject: (ctx) => crashAt(ctx, 'routing', 'relay.after-publish-before-mark:kill@4'),
  },
  {
    n: 10,
    name: 'same Idempotency-Key from two clients at once',
    inject: () => Promise.resolve(),
    submit: async (ctx) => {
      const [a, b] = await ctx.clerks.submitTwice();
      if (a !== b) ctx.problems.push(`one Idempotency-Key, two answers: ${a ?? 'none'} and ${b ?? 'none'}`);
      return a ?? b;
    },
  },
  {
    n: 11,
    name: 'gRPC decide applied, answer after the caller gave up',
    inject: async (ctx) => {
      const approval = ctx.fleet.get('departmental-approval');
      await approval.stop();
      const before = ctx.officers.deadlineRetries;
      ctx.officers.decideDeadlineMs = 1000;
      await approval.start(START_MS, { FAULT_POINTS: 'grpc.decide.after-apply:delay=3000@2' });
      // Decisions that reach the armed process: more cases until one answer missed its deadline (bounded).
      for (let i = 0; i < 30 && ctx.officers.deadlineRetries === before; i++) {
        if (i % 2 === 0 && i < 20) ctx.submitCase();
        await sleep(2000);
      }
      const retried = ctx.officers.deadlineRetries - before;
      ctx.notes.push(`${retried} decisions sent again after a deadline`);
      if (retried === 0)
        ctx.problems.push('no DecideTask call missed its deadline: the delayed answer never happened');
    },
    after: async (ctx) => {
      ctx.officers.decideDeadlineMs = undefined;
      if (!ctx.more) return;
      const approval = ctx.fleet.get('departmental-approval');
      await approval.stop();
      await approval.start(START_MS);
    },
  },
];
