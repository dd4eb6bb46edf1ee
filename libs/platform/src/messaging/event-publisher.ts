import { randomUUID } from 'node:crypto';
import {
  type AnyCloudEvent,
  assertEventData,
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
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
  constructor(
    private readonly service: string,
    private readonly notifyChannel: string,
  ) {}

  /** The event as it will travel, numbered `sequence` (0 while the outbox statement still has to take the number). */
  prepare<T extends EventType>(type: T, subject: string, data: EventData<T>, cause?: Cause, sequence = 0): CloudEvent<T> {
    assertEventData(type, data);
    const ctx = currentContext();
    const id = randomUUID();
    return {
      id,
      source: `${SOURCE_PREFIX}${this.service}`,
      type,
      specversion: CLOUDEVENTS_SPEC_VERSION,
      time: new Date().toISOString(),
      subject,
      datacontenttype: 'application/json',
      correlationid: cause?.correlationid ?? ctx?.correlationId ?? id,
      causationid: cause?.id ?? ctx?.causationId ?? id,
      sequence,
      data,
    };
  }

  async publish<T extends EventType>(
    manager: EntityManager,
    type: T,
    subject: string,
    data: EventData<T>,
    cause?: Cause,
  ): Promise<CloudEvent<T>> {
    const event = this.prepare(type, subject, data, cause);
    const row = this.outboxRow(event);
    // One round trip: the subject's next sequence number, the outbox row carrying it in its
    // ce_sequence header, and the notification that wakes the relay at commit (PostgreSQL delivers
    // identical notifications of one transaction once). A notification lost all the same (a
    // savepoint rolled back) only delays the row to the relay's safety poll; it is in the outbox.
    const rows: Array<{ sequence: string }> = await manager.query(
      `WITH next AS (
         INSERT INTO event_sequence (subject, last_sequence) VALUES ($1, 1)
         ON CONFLICT (subject) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1
         RETURNING last_sequence)
       INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload)
       SELECT $2, $3, $4, $5, $6::jsonb || jsonb_build_object($7::text, next.last_sequence::text), $8 FROM next
       RETURNING headers->>$7 AS sequence, pg_notify($9, '')`,
      [subject, ...row.slice(0, 5), CloudEventHeaders.sequence, row[5], this.notifyChannel],
    );
    event.sequence = Number(rows[0].sequence);
    return event;
  }

  /**
   * The first events of a subject this very transaction creates (a new case), prepared in order with
   * sequences 1..n: written in ONE statement with the caller's own writes (`alongside`, each a
   * data-modifying statement with its placeholders from $1), the subject's sequence row and the
   * relay's notification. A subject that already has events makes the statement fail (its sequence
   * row exists), so nothing is numbered twice.
   */
  async publishFirst(manager: EntityManager, events: ReadonlyArray<CloudEvent<EventType>>, alongside: readonly SqlStatement[] = []): Promise<void> {
    const subject = events[0]?.subject;
    if (!subject || events.some((e, i) => e.subject !== subject || e.sequence !== i + 1)) {
      throw new Error('publishFirst takes the first events of one subject, numbered 1..n in order');
    }
    const params: unknown[] = [];
    const ctes = alongside.map((st, i) => `caller_${i} AS (${renumber(st, params)})`);
    ctes.push(`next AS (${renumber({ sql: 'INSERT INTO event_sequence (subject, last_sequence) VALUES ($1, $2)', params: [subject, events.length] }, params)})`);
    const values = events.map((e) => `(${this.outboxRow(e).map((v) => `$${params.push(v)}`).join(', ')})`);
    await manager.query(
      `WITH ${ctes.join(',\n')}
       INSERT INTO outbox (event_id, topic, message_key, event_type, headers, payload) VALUES ${values.join(', ')}
       RETURNING pg_notify($${params.push(this.notifyChannel)}, '')`,
      params,
    );
  }

  /** event_id, topic, message_key, event_type, headers, payload of the event's outbox row. */
  private outboxRow(event: CloudEvent<EventType>): unknown[] {
    const encoded = encodeCloudEvent(event as AnyCloudEvent);
    // The trace this write belongs to travels with the row, so the relay and consumers continue it.
    return [event.id, topicOf(event.type), encoded.key, event.type, JSON.stringify({ ...encoded.headers, ...traceHeaders() }), encoded.value];
  }
}

/** A parameterised statement, placeholders from $1. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** The statement's placeholders moved after those already in `params`, to which its own are added. */
function renumber(st: SqlStatement, params: unknown[]): string {
  const offset = params.length;
  params.push(...st.params);
  return st.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema.replace(/[^a-z0-9_]/gi, '_')}`;
}
