import { type AnyCloudEvent, CloudEventHeaders } from '@onewindow/contracts';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { runWithContext } from '../logging/request-context';
import { decodeCloudEvent, PoisonMessageError, peekEventType } from './cloudevent-codec';
import { isTransientError } from './transient-error';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  log: Logger;
  /** Attempts for a handler error that is not transient before the event goes to the dead-letter topic. */
  maxAttempts?: number;
  /** Partitions handled at once; order within a partition (so within a case) is kept. */
  partitionsConsumedConcurrently?: number;
}

export class EventContext extends BaseRpcContext<[EachMessagePayload]> {
  get payload(): EachMessagePayload {
    return this.getArgByIndex(0);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Nest microservice transport for our CloudEvents on Kafka. Handlers are ordinary
 * `@EventPattern(EventTypes.X)` methods; this class decodes and validates each message, runs the
 * handler with retry and back-off, sends poison or hopeless messages to the service's dead-letter
 * topic, and commits the offset only after the handler (and its inbox row) committed.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private connected = false;
  private stopping = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  isConnected(): boolean {
    return this.connected;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const { kafka, groupId, topics, log } = this.options;
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.dlqProducer.connect();
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.connected = true;
      log.info({ groupId, assignment: e.payload.memberAssignment }, 'joined consumer group');
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.connected = false;
      log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
    });
    this.consumer.on(this.consumer.events.DISCONNECT, () => {
      this.connected = false;
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
    callback();
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { message, topic, partition, heartbeat } = payload;
    const type = peekEventType(message);
    // Events nobody here handles are skipped without parsing; a message without a type is poison.
    if (type && !this.messageHandlers.has(type)) return;
    let event: AnyCloudEvent;
    try {
      event = decodeCloudEvent(message);
    } catch (e) {
      await this.deadLetter(payload, e as Error, 1);
      return;
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await runWithContext({ correlationId: event.correlationid, causationId: event.id }, async () => {
          const result = this.transformToObservable(await handler(event, new EventContext([payload])));
          await lastValueFrom(result, { defaultValue: undefined });
        });
        return;
      } catch (e) {
        const err = e as Error;
        const transient = isTransientError(err);
        if (this.stopping) throw err; // leave the offset uncommitted; the next owner retries it
        if (!transient && (err instanceof PoisonMessageError || attempt >= maxAttempts)) {
          await this.deadLetter(payload, err, attempt);
          return;
        }
        const delay = Math.min(30_000, 200 * 2 ** Math.min(attempt, 8)) * (0.5 + Math.random() / 2);
        this.options.log.warn(
          { err, eventId: event.id, type: event.type, topic, partition, attempt, transient, delayMs: Math.round(delay) },
          'event handler failed; retrying',
        );
        await sleep(delay);
        await heartbeat();
      }
    }
  }

  private async deadLetter(payload: EachMessagePayload, err: Error, attempts: number): Promise<void> {
    const { message, topic, partition } = payload;
    this.options.log.error(
      { err, topic, partition, offset: message.offset, eventId: message.headers?.[CloudEventHeaders.id]?.toString() },
      'event sent to the dead-letter topic',
    );
    await this.dlqProducer!.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-consumer-group': this.options.groupId,
            'dlq-error': err.message.slice(0, 1000),
            'dlq-attempts': String(attempts),
            'dlq-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
  }

  async close(): Promise<void> {
    this.stopping = true;
    // disconnect() waits for in-flight handlers, commits their offsets and leaves the group.
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.connected = false;
  }

  on(): never {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
