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

  async publish<T extends EventType>(
    manager: EntityManager,
    type: T,
    subject: string,
    data: EventData<T>,
    cause?: Cause,
  ): Promise<CloudEvent<T>> {
    assertEventData(type, data);
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
      sequence: 0, // the subject's next number, taken by the statement below
      data,
    };
    const encoded = encodeCloudEvent(event as AnyCloudEvent);
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
      // The trace this write belongs to travels with the row, so the relay and consumers continue it.
      [subject, id, topicOf(type), encoded.key, type, JSON.stringify({ ...encoded.headers, ...traceHeaders() }), CloudEventHeaders.sequence, encoded.value, this.notifyChannel],
    );
    event.sequence = Number(rows[0].sequence);
    return event;
  }
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema.replace(/[^a-z0-9_]/gi, '_')}`;
}
