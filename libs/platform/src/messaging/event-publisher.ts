import { randomUUID } from 'node:crypto';
import {
  type AnyCloudEvent,
  assertEventData,
  CLOUDEVENTS_SPEC_VERSION,
  type CloudEvent,
  type EventData,
  type EventType,
  SOURCE_PREFIX,
  topicOf,
} from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { currentContext } from '../logging/request-context';
import { traceHeaders } from '../observability/trace-context';
import { encodeCloudEvent } from './cloudevent-codec';

export interface Cause {
  correlationid: string;
  id: string;
}

/**
 * Writes events to the transactional outbox, inside the caller's transaction: the event is published
 * if and only if the state change commits. The relay moves it to Kafka afterwards.
 */
export class EventPublisher {
  /** Query runners whose current transaction has notified the relay (TypeORM runs each transaction on a runner of its own). */
  private readonly notifiedTransactions = new WeakSet<object>();

  constructor(
    private readonly service: string,
    private readonly notifyChannel: string,
  ) {}

  async publish<T extends EventType>(
    manager: EntityManager,
    type: T,
    subject: string,
    data: EventData<T>,
    cause?: Cause,
  ): Promise<CloudEvent<T>> {
    assertEventData(type, data);
    const rows: Array<{ last_sequence: string }> = await manager.query(
      `INSERT INTO event_sequence (subject, last_sequence) VALUES ($1, 1)
       ON CONFLICT (subject) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1
       RETURNING last_sequence`,
      [subject],
    );
    const ctx = currentContext();
    const id = randomUUID();
    const event: CloudEvent<T> = {
      id,
      source: `${SOURCE_PREFIX}${this.service}`,
      type,
      specversion: CLOUDEVENTS_SPEC_VERSION,
      time: new Date().toISOString(),
      subject,
      datacontenttype: 'application/json',
      correlationid: cause?.correlationid ?? ctx?.correlationId ?? id,
      causationid: cause?.id ?? ctx?.causationId ?? id,
      sequence: Number(rows[0].last_sequence),
      data,
    };
    const encoded = encodeCloudEvent(event as AnyCloudEvent);
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload) VALUES ($1, $2, $3, $4, $5, $6)`,
      // The trace this write belongs to travels with the row, so the relay and consumers continue it.
      [id, topicOf(type), encoded.key, type, JSON.stringify({ ...encoded.headers, ...traceHeaders() }), encoded.value],
    );
    // Delivered at commit: wakes the relay at once instead of at its next poll. Once per transaction
    // (PostgreSQL folds identical notifications of one transaction into one anyway): a round trip
    // less for every further event. A notification lost all the same (a savepoint rolled back) only
    // delays the row to the relay's safety poll; it is in the outbox either way.
    const tx = manager.queryRunner;
    if (!tx?.isTransactionActive || !this.notifiedTransactions.has(tx)) {
      await manager.query('SELECT pg_notify($1, $2)', [this.notifyChannel, '']);
      if (tx?.isTransactionActive) this.notifiedTransactions.add(tx);
    }
    return event;
  }
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema.replace(/[^a-z0-9_]/gi, '_')}`;
}
