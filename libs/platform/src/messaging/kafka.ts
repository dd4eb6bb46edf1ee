import { type TopicSpec, TOPIC_SPECS } from '@onewindow/contracts';
import { Kafka, type KafkaConfig, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';

/** kafkajs with its log routed to our JSON logger. */
export function createKafka(clientId: string, brokers: string[], log: Logger, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        // kafkajs reports retriable protocol errors (a leader moving, a coordinator loading) at ERROR and
        // retries them itself; what really fails surfaces as a rejected call or a consumer CRASH event.
        // "Response X(...)" lines are protocol answers kafkajs is about to retry (a coordinator still
        // loading after a broker start, a leader moving): useful when digging, noise at 3 a.m.
        const retried = String(message).startsWith('Response ');
        const method = level <= logLevel.WARN && !retried ? 'warn' : level <= logLevel.WARN ? 'info' : 'debug';
        log[method]({ kafka: rest }, String(message));
      },
    ...extra,
  });
}

/** Idempotent producer: no duplicates or reordering from the producer's own retries. */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Java-compatible murmur2: the same key lands on the same partition whichever client wrote it.
    createPartitioner: Partitioners.DefaultPartitioner,
    // The idempotent producer keeps retrying while the broker is away; the relay waits with it.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5000 },
  });
}

/** Creates missing topics (idempotent). Compacted topics keep the latest value per key forever. */
export async function ensureTopics(
  kafka: Kafka,
  prefix = '',
  specs: readonly TopicSpec[] = TOPIC_SPECS,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.map((s) => ({ ...s, name: prefix + s.name })).filter((s) => !existing.has(s.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: s.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
    return missing.map((s) => s.name);
  } finally {
    await admin.disconnect();
  }
}
