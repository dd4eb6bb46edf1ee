import { type AnyCloudEvent, CloudEventHeaders } from '@onewindow/contracts';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { runWithContext } from '../logging/request-context';
import type { ConsumeOutcome, ServiceMetrics } from '../observability/metrics';
import { contextFromHeaders, inSpan, SpanKind } from '../observability/trace-context';
import { faultPoint } from '../faults/fault-points';
import { decodeCloudEvent, PoisonMessageError, peekEventType } from './cloudevent-codec';
import { createProducer } from './kafka';
import { isTransientError, RetryLaterError } from './transient-error';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  log: Logger;
  /** Attempts for a handler error that is not transient before the event goes to the dead-letter topic. */
  maxAttempts?: number;
  /**
   * Back-off rounds for an event whose prerequisite has not arrived (RetryLaterError) before it
   * goes to the dead-letter topic; about 15 minutes with the default 40 (delays cap at 30 s).
   */
  maxWaitAttempts?: number;
  /** Partitions handled at once; order within a partition (so within a case) is kept. */
  partitionsConsumedConcurrently?: number;
  metrics?: ServiceMetrics;
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
  /** Per partition: the message waiting for a transient failure to pass, and how often it failed. */
  private readonly waiting = new Map<string, { offset: string; attempt: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  isConnected(): boolean {
    return this.connected;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const { kafka, groupId, topics, log } = this.options;
    this.dlqProducer = createProducer(kafka);
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
      // Offsets are resolved message by message in handleBatch, so a message that must wait is not skipped.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    callback();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, pause, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping) return;
      const done = await this.handleMessage({ topic, partition, message, heartbeat, pause });
      // Not done: the partition is paused; this message and the rest of the batch are fetched again on resume.
      if (!done) return;
      // The effect and its inbox row are committed; the offset is not.
      await faultPoint('consumer.after-effect-before-commit');
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** True when the message is finished with (handled, skipped or dead-lettered); false when it must be retried later. */
  private async handleMessage(payload: EachMessagePayload): Promise<boolean> {
    const { message, topic } = payload;
    const type = peekEventType(message);
    // Events nobody here handles are skipped without parsing (and without a span); a message without a type is poison.
    if (type && !this.messageHandlers.has(type)) {
      this.count(topic, type, 'skipped');
      return true;
    }
    const started = process.hrtime.bigint();
    const outcome = await inSpan(
      `process ${topic}`,
      SpanKind.CONSUMER,
      contextFromHeaders(message.headers),
      { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.kafka.message.offset': message.offset, 'cloudevents.event_type': type ?? '' },
      () => this.handleDecoded(payload),
    );
    this.count(topic, type ?? 'unknown', outcome);
    if (outcome !== 'waiting') {
      this.options.metrics?.eventDuration.observe({ topic, type: type ?? 'unknown' }, Number(process.hrtime.bigint() - started) / 1e9);
    }
    return outcome !== 'waiting';
  }

  private count(topic: string, type: string, outcome: ConsumeOutcome): void {
    this.options.metrics?.eventsConsumed.inc({ topic, type, outcome });
  }

  private async handleDecoded(payload: EachMessagePayload): Promise<ConsumeOutcome> {
    const { message, topic, partition, heartbeat } = payload;
    let event: AnyCloudEvent;
    try {
      event = decodeCloudEvent(message);
    } catch (e) {
      await this.deadLetter(payload, e as Error, 1);
      return 'dead_lettered';
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return 'skipped';
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await runWithContext({ correlationId: event.correlationid, causationId: event.id }, async () => {
          const result = this.transformToObservable(await handler(event, new EventContext([payload])));
          await lastValueFrom(result, { defaultValue: undefined });
        });
        this.waiting.delete(`${topic}:${partition}`);
        return 'processed';
      } catch (e) {
        const err = e as Error;
        const transient = isTransientError(err);
        if (this.stopping) return 'waiting'; // leave the offset uncommitted; the next owner retries it
        if (transient) {
          // Infrastructure away: wait as long as it takes. Something that never arrives: not forever.
          if (err instanceof RetryLaterError && this.waitingAttempts(payload) >= (this.options.maxWaitAttempts ?? 40)) {
            await this.deadLetter(payload, err, this.waitingAttempts(payload));
            this.waiting.delete(`${topic}:${partition}`);
            return 'dead_lettered';
          }
          this.retryLater(payload, event, err);
          return 'waiting';
        }
        if (err instanceof PoisonMessageError || attempt >= maxAttempts) {
          await this.deadLetter(payload, err, attempt);
          return 'dead_lettered';
        }
        this.count(topic, event.type, 'retried');
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

  private waitingAttempts(payload: EachMessagePayload): number {
    const w = this.waiting.get(`${payload.topic}:${payload.partition}`);
    return w?.offset === payload.message.offset ? w.attempt : 0;
  }

  /**
   * A transient failure (RetryLaterError, infrastructure away) pauses only this partition and comes
   * back after a back-off. Waiting inside the handler instead would hold kafkajs' fetch loop, which
   * waits for every batch of a fetch: no partition of the broker would be read any more, including
   * the one carrying the event that is being waited for.
   */
  private retryLater(payload: EachMessagePayload, event: AnyCloudEvent, err: Error): void {
    const { topic, partition, message } = payload;
    const key = `${topic}:${partition}`;
    const previous = this.waiting.get(key);
    const attempt = previous?.offset === message.offset ? previous.attempt + 1 : 1;
    this.waiting.set(key, { offset: message.offset, attempt });
    const delay = Math.min(30_000, 200 * 2 ** Math.min(attempt, 8)) * (0.5 + Math.random() / 2);
    this.options.log.warn(
      { err, eventId: event.id, type: event.type, topic, partition, attempt, delayMs: Math.round(delay) },
      'event cannot be handled yet; partition paused, retrying',
    );
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delay);
    this.resumeTimers.add(timer);
  }

  private async deadLetter(payload: EachMessagePayload, err: Error, attempts: number): Promise<void> {
    const { message, topic, partition } = payload;
    this.options.metrics?.deadLettered.inc({ topic, type: peekEventType(message) ?? 'unknown' });
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
    for (const t of this.resumeTimers) clearTimeout(t);
    this.resumeTimers.clear();
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
