import { randomUUID } from 'node:crypto';
import {
  type AnyCloudEvent,
  CLOUDEVENTS_SPEC_VERSION,
  type CloudEvent,
  type EventData,
  type EventType,
  topicOf,
} from '@onewindow/contracts';
import { decodeCloudEvent, encodeCloudEvent } from '@onewindow/platform';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { eventually } from './test-environment';

function kafkaClient(): Kafka {
  return new Kafka({
    clientId: `test-${randomUUID().slice(0, 8)}`,
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
}

/** Builds a well-formed CloudEvent as another service would publish it. */
export function makeEvent<T extends EventType>(
  type: T,
  subject: string,
  data: EventData<T>,
  over: Partial<Omit<CloudEvent<T>, 'type' | 'data' | 'subject'>> = {},
): CloudEvent<T> {
  const id = randomUUID();
  return {
    id,
    source: '/onewindow/test',
    type,
    specversion: CLOUDEVENTS_SPEC_VERSION,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    correlationid: id,
    causationid: id,
    sequence: 1,
    data,
    ...over,
  };
}

/** Publishes events (or raw poison messages) onto the prefixed topics, as a peer service would. */
export class TestPublisher {
  private producer?: Producer;
  constructor(private readonly prefix: string) {}

  async send(...events: CloudEvent<EventType>[]): Promise<void> {
    this.producer ??= kafkaClient().producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    for (const e of events) {
      const m = encodeCloudEvent(e as AnyCloudEvent);
      await this.producer.send({ topic: this.prefix + topicOf(e.type), messages: [m] });
    }
  }

  async sendRaw(topic: string, message: { key: string; value: string; headers?: Record<string, string> }): Promise<void> {
    this.producer ??= kafkaClient().producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.producer.send({ topic: this.prefix + topic, messages: [message] });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** Reads everything on the given (unprefixed) topics under the prefix, decoded; raw for undecodable ones. */
export class EventProbe {
  readonly events: AnyCloudEvent[] = [];
  readonly raw: Array<{ topic: string; headers: Record<string, string>; value: string }> = [];
  private consumer?: Consumer;

  constructor(
    private readonly prefix: string,
    private readonly topics: string[],
  ) {}

  async start(): Promise<void> {
    this.consumer = kafkaClient().consumer({ groupId: `probe-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics.map((t) => this.prefix + t), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        this.raw.push({ topic: topic.slice(this.prefix.length), headers, value: message.value?.toString() ?? '' });
        try {
          this.events.push(decodeCloudEvent(message));
        } catch {
          // kept in raw only
        }
      },
    });
  }

  ofType<T extends EventType>(type: T, subject?: string): CloudEvent<T>[] {
    return this.events.filter((e) => e.type === type && (!subject || e.subject === subject)) as unknown as CloudEvent<T>[];
  }

  async waitFor<T extends EventType>(type: T, subject?: string, timeoutMs = 30_000): Promise<CloudEvent<T>> {
    return eventually(async () => this.ofType(type, subject)[0], { timeoutMs, what: `${type} for ${subject ?? 'any subject'}` });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
