import type { Logger } from 'pino';
import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import type { ServiceMetrics } from '../observability/metrics';
import { contextFromHeaders, SpanKind, TRACEPARENT_HEADER, traceHeaders, tracer } from '../observability/trace-context';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { faultPoint } from '../faults/fault-points';

export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  notifyChannel: string;
  topicPrefix?: string;
  batchSize?: number;
  /** Safety poll, in case a notification is lost (reconnect). */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then purged. */
  retentionHours?: number;
  metrics?: ServiceMetrics;
}

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  event_type: string;
  headers: Record<string, string>;
  payload: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves committed outbox rows to Kafka, in commit order. One relay per service is active at a time
 * (a session-level advisory lock), so per-case order on the wire is the order of the outbox;
 * other instances stand by and take over when the leader's connection drops.
 * At-least-once: a crash between send and mark re-sends, and consumers' inboxes absorb it.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private client?: Client;
  private wake?: () => void;
  private leader = false;
  private lastError?: string;
  private published = 0;

  constructor(
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish (bounded: a send waiting for an absent broker is abandoned). */
  async stop(timeoutMs = 5000): Promise<void> {
    this.running = false;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    await this.client?.end().catch(() => undefined);
  }

  status(): { leader: boolean; published: number; lastError?: string } {
    return { leader: this.leader, published: this.published, lastError: this.lastError };
  }

  /** Rows not yet on Kafka: the backlog an operator watches. */
  async backlog(): Promise<number> {
    const c = new Client({ connectionString: this.options.databaseUrl });
    await c.connect();
    try {
      const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table()} WHERE published_at IS NULL`);
      return Number(r.rows[0].n);
    } finally {
      await c.end();
    }
  }

  private table(): string {
    return `"${this.options.schema}".outbox`;
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        await this.lead();
        backoff = 200;
      } catch (e) {
        this.lastError = (e as Error).message;
        this.log.warn({ err: e }, 'outbox relay interrupted; retrying');
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        this.leader = false;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    this.leader = false;
  }

  private async lead(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.schema}-relay` });
    client.on('error', (e) => {
      this.lastError = e.message;
      this.wake?.();
    });
    await client.connect();
    this.client = client;
    const lockKey = `outbox-relay:${this.options.schema}`;
    while (this.running) {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockKey]);
      if (r.rows[0].ok) break;
      await this.idle(2000);
      if (!this.running) return;
    }
    if (!this.running) return;
    this.leader = true;
    this.log.info({ schema: this.options.schema }, 'outbox relay is the leader');
    let notified: boolean;
    client.on('notification', () => {
      notified = true;
      this.wake?.();
    });
    await client.query(`LISTEN ${this.options.notifyChannel}`);
    let lastPurge = 0;
    while (this.running) {
      notified = false;
      const sent = await this.drainOnce(client);
      if (Date.now() - lastPurge > 600_000) {
        lastPurge = Date.now();
        await client.query(
          `DELETE FROM ${this.table()} WHERE published_at < now() - make_interval(hours => $1)`,
          [this.options.retentionHours ?? 72],
        );
      }
      if (sent === (this.options.batchSize ?? 500) || notified) continue;
      // A dropped connection wakes the idle wait; the next query then fails and the relay reconnects.
      await this.idle(this.options.pollIntervalMs ?? 1000);
    }
  }

  private async drainOnce(client: Client): Promise<number> {
    const batch = this.options.batchSize ?? 500;
    const r = await client.query<OutboxRow>(
      `SELECT position, topic, message_key, event_type, headers, payload::text AS payload FROM ${this.table()}
       WHERE published_at IS NULL ORDER BY position LIMIT $1`,
      [batch],
    );
    if (r.rows.length === 0) return 0;
    // Committed in the producer's transaction, not yet on Kafka.
    await faultPoint('relay.before-publish');
    const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
    const spans: Span[] = [];
    for (const row of r.rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push({ key: row.message_key, value: String(row.payload), headers: this.producerSpan(row, spans) });
      byTopic.set(row.topic, list);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, messages]) => ({
          topic: (this.options.topicPrefix ?? '') + topic,
          messages,
        })),
      });
    } catch (e) {
      for (const s of spans) s.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message }).end();
      throw e;
    }
    for (const s of spans) s.end();
    for (const row of r.rows) {
      this.options.metrics?.outboxPublished.inc({ topic: row.topic, type: row.event_type });
      // Counted per row: the whole batch is on Kafka, none of it marked published yet.
      await faultPoint('relay.after-publish-before-mark');
    }
    await client.query(`UPDATE ${this.table()} SET published_at = now() WHERE position = ANY($1::bigint[])`, [
      r.rows.map((x) => x.position),
    ]);
    this.published += r.rows.length;
    this.lastError = undefined;
    return r.rows.length;
  }

  /**
   * A PRODUCER span per event, child of the trace the outbox row was written in; the message
   * carries the span's context, so the consumer's span is its child. Rows written without a trace
   * (or with tracing off) are sent with their headers as stored.
   */
  private producerSpan(row: OutboxRow, spans: Span[]): Record<string, string> {
    if (!row.headers[TRACEPARENT_HEADER]) return row.headers;
    const parent = contextFromHeaders(row.headers);
    const topic = (this.options.topicPrefix ?? '') + row.topic;
    const span = tracer().startSpan(
      `send ${row.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'cloudevents.event_type': row.event_type },
      },
      parent,
    );
    spans.push(span);
    return { ...row.headers, ...traceHeaders(trace.setSpan(parent, span)) };
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}
