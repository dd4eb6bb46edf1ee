import { CloudEventHeaders as H, EventTypes, ServiceNames, Topics } from '@onewindow/contracts';
import { type Admin, type Consumer, type IHeaders, Kafka, logLevel, Partitioners } from 'kafkajs';
import { Latencies, round, sleep } from './stats';

/** The steps a case goes through on its way to the applicant, as the bench reports them. */
export const MILESTONES = ['routed', 'queued', 'decided', 'issued', 'notified'] as const;
export type Milestone = (typeof MILESTONES)[number];

const MILESTONE_OF: Record<string, Milestone | undefined> = {
  [EventTypes.CaseRouted]: 'routed',
  [EventTypes.TaskAssigned]: 'queued',
  [EventTypes.TaskDecided]: 'decided',
  [EventTypes.DocumentIssued]: 'issued',
};

function header(h: IHeaders | undefined, name: string): string | undefined {
  const v = h?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

export function kafkaClient(brokers: string, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10 } });
}

/**
 * Reads every service's events and keeps, per case, when each milestone happened — the `time`
 * each event was written with in its service's transaction, so the observer's own delay does not count.
 */
export class MilestoneObserver {
  private consumer?: Consumer;
  readonly at = new Map<string, Partial<Record<Milestone, number>>>();
  events = 0;
  /** Called once per case when the applicant has been told about the issued result. */
  onNotified?: (caseId: string, at: number) => void;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {}

  async start(timeoutMs = 60_000): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `${this.prefix}bench-observer`, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
    await consumer.connect();
    const topics = [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents, Topics.NotificationDeliveryEvents];
    await consumer.subscribe({ topics: topics.map((t) => this.prefix + t), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) this.record(m.headers, m.value);
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([joined, new Promise((_, ko) => (timer = setTimeout(() => ko(new Error('the milestone observer did not join its group')), timeoutMs)))]).finally(
      () => clearTimeout(timer),
    );
  }

  private record(h: IHeaders | undefined, value: Buffer | null): void {
    this.events++;
    const type = header(h, H.type);
    const subject = header(h, H.subject);
    const time = Date.parse(header(h, H.time) ?? '');
    if (!type || !subject || !Number.isFinite(time)) return;
    let milestone = MILESTONE_OF[type];
    if (type === EventTypes.NotificationDelivered && value) {
      const data = JSON.parse(value.toString('utf8')) as { triggerEventType?: string };
      if (data.triggerEventType === EventTypes.DocumentIssued) milestone = 'notified';
    }
    if (!milestone) return;
    let m = this.at.get(subject);
    if (!m) this.at.set(subject, (m = {}));
    if (m[milestone] !== undefined) return;
    m[milestone] = time;
    if (milestone === 'notified') this.onNotified?.(subject, time);
  }

  /** p50/p99 from submission to each milestone, over the given cases (submission instants in ms). */
  latencies(submitted: Map<string, number>): Record<Milestone, { count: number; p50: number; p99: number; max: number }> {
    const out = {} as Record<Milestone, { count: number; p50: number; p99: number; max: number }>;
    for (const ms of MILESTONES) {
      const l = new Latencies();
      for (const [id, t0] of submitted) {
        const t = this.at.get(id)?.[ms];
        if (t !== undefined) l.add(t - t0);
      }
      out[ms] = l.summary();
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}

/** The consumer groups of the services, by the topics they read: lag = high watermark − committed offset. */
export async function consumerLag(admin: Admin, prefix: string): Promise<Record<string, number>> {
  const topics = Object.values(Topics).map((t) => prefix + t);
  const highs = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic).catch(() => [])) highs.set(`${topic}:${p.partition}`, Number(p.high));
  }
  const out: Record<string, number> = {};
  for (const service of Object.values(ServiceNames)) {
    const groups = await admin.fetchOffsets({ groupId: prefix + service, topics }).catch(() => []);
    let lag = 0;
    for (const t of groups) {
      for (const p of t.partitions) {
        // -1: the group has never committed on this partition (a topic it does not read).
        if (Number(p.offset) >= 0) lag += Math.max(0, (highs.get(`${t.topic}:${p.partition}`) ?? 0) - Number(p.offset));
      }
    }
    out[service] = lag;
  }
  return out;
}

/** Removes the run's topics from the shared broker. */
export async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 10_000 });
  } catch {
    // Best effort: a leftover prefixed topic harms nobody.
  } finally {
    await admin.disconnect();
  }
}

/**
 * The broker's own floor: messages produced (idempotent producer, acks=all, batches like the outbox
 * relay's) and consumed back by a group, with the latency from send to receipt.
 */
export async function kafkaRoundTrip(kafka: Kafka, prefix: string, seconds: number, batchSize = 100, producers = 2): Promise<{ perSecond: number; p50: number; p99: number; consumed: number; errors: number }> {
  const topic = `${prefix}bench.round-trip`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: -1 }], waitForLeaders: true });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${prefix}bench.round-trip`, maxWaitTimeInMs: 100 });
  const lat = new Latencies();
  const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) lat.add(now - Number(m.value?.toString() ?? now));
    },
  });
  await joined;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let produced = 0;
  let errors = 0;
  const began = Date.now();
  const until = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: producers }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        const ts = String(Date.now());
        try {
          await producer.send({ topic, acks: -1, messages: Array.from({ length: batchSize }, (_x, k) => ({ key: `case-${w}-${i}-${k}`, value: ts })) });
          produced += batchSize;
        } catch {
          errors++;
        }
      }
    }),
  );
  // Bounded wait for the consumer to catch up with what was sent.
  const drainUntil = Date.now() + 15_000;
  while (lat.count < produced && Date.now() < drainUntil) await sleep(50);
  const elapsed = (Date.now() - began) / 1000;
  await producer.disconnect();
  await consumer.disconnect();
  const s = lat.summary();
  return { perSecond: round(s.count / elapsed), p50: s.p50, p99: s.p99, consumed: s.count, errors };
}
