import { randomUUID } from 'node:crypto';
import { DeadLetterTopics, ServiceNames, Topics } from '@onewindow/contracts';
import { AssignerProtocol, type IHeaders, type Kafka, type Message, Partitioners } from 'kafkajs';
import { sleep } from '../bench/stats';

/** The topics that carry case events (the catalogue and rule topics are compacted reference data). */
export const CASE_TOPICS = [
  Topics.IntakeCaseEvents,
  Topics.RoutingCaseEvents,
  Topics.ApprovalTaskEvents,
  Topics.IssuanceDocumentEvents,
  Topics.NotificationDeliveryEvents,
];

/** The header the suite puts on its poison messages; the dead-letter copy keeps it. */
export const POISON_HEADER = 'fault-poison';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Every message on the topics up to their end now, read by a consumer group of its own (bounded in time). */
export async function readAll(
  kafka: Kafka,
  topics: string[],
  label: string,
  timeoutMs = 60_000,
): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  try {
    for (const topic of topics)
      for (const p of await admin.fetchTopicOffsets(topic))
        if (Number(p.high) > 0) ends.set(`${topic}:${p.partition}`, Number(p.high));
  } finally {
    await admin.disconnect();
  }
  const out: ReadMessage[] = [];
  if (ends.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `${label}-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const reached = new Set<string>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const k = `${topic}:${partition}`;
        const end = ends.get(k);
        if (end === undefined || Number(message.offset) >= end) return;
        out.push({
          topic,
          partition,
          offset: Number(message.offset),
          key: message.key,
          value: message.value,
          headers: message.headers ?? {},
        });
        if (Number(message.offset) >= end - 1) reached.add(k);
      },
    });
    const until = Date.now() + timeoutMs;
    while (reached.size < ends.size && Date.now() < until) await sleep(200);
    if (reached.size < ends.size)
      throw new Error(
        `read ${reached.size} of ${ends.size} partitions to their end within ${timeoutMs / 1000} s`,
      );
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return out;
}

/** Sends messages again as they are (key, value, headers), in the order given. */
export async function resend(kafka: Kafka, messages: ReadMessage[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 100) {
      const chunk = messages.slice(i, i + 100);
      const byTopic = new Map<string, Message[]>();
      for (const m of chunk)
        byTopic.set(m.topic, [
          ...(byTopic.get(m.topic) ?? []),
          { key: m.key, value: m.value, headers: m.headers, partition: m.partition },
        ]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Which consumer groups of the services read each topic now, from the groups' own assignments. */
export async function readersOf(kafka: Kafka, prefix: string): Promise<Map<string, string[]>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = Object.values(ServiceNames).map((s) => prefix + s);
    const { groups: described } = await admin.describeGroups(groups);
    const out = new Map<string, string[]>();
    for (const g of described) {
      const topics = new Set<string>();
      for (const m of g.members) {
        const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        for (const t of Object.keys(a?.assignment ?? {})) topics.add(t);
      }
      for (const t of topics) out.set(t, [...(out.get(t) ?? []), g.groupId]);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Messages no consumer can read: no CloudEvents headers, not JSON. Each carries the poison header. */
export async function sendPoison(kafka: Kafka, topics: string[]): Promise<string[]> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const ids: string[] = [];
  try {
    for (const topic of topics) {
      const id = randomUUID();
      ids.push(id);
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: `poison-${id}`, value: '\u0000not a cloud event{', headers: { [POISON_HEADER]: id } },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return ids;
}

export function deadLetterTopics(prefix: string): string[] {
  return Object.values(DeadLetterTopics).map((t) => prefix + t);
}

/** How many messages the dead-letter topics hold (the run's topics are new, so the end offsets count them). */
export async function deadLetterCount(kafka: Kafka, prefix: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let n = 0;
    for (const topic of deadLetterTopics(prefix))
      for (const p of await admin.fetchTopicOffsets(topic)) n += Number(p.high) - Number(p.low);
    return n;
  } finally {
    await admin.disconnect();
  }
}

export function headerText(h: IHeaders, name: string): string | undefined {
  const v = h[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}
