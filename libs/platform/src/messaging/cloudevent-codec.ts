import {
  type AnyCloudEvent,
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders as H,
  type CloudEvent,
  checkEvent,
  type EventType,
} from '@onewindow/contracts';
import type { IHeaders, Message } from 'kafkajs';

/** Kafka binary-mode binding: attributes as `ce_*` headers, data as the JSON value, key = subject. */
export function encodeCloudEvent(event: AnyCloudEvent): { key: string; value: string; headers: Record<string, string> } {
  return {
    key: event.subject,
    value: JSON.stringify(event.data),
    headers: {
      [H.id]: event.id,
      [H.source]: event.source,
      [H.type]: event.type,
      [H.specversion]: event.specversion,
      [H.time]: event.time,
      [H.subject]: event.subject,
      [H.correlationid]: event.correlationid,
      [H.causationid]: event.causationid,
      [H.sequence]: String(event.sequence),
      [H.contentType]: event.datacontenttype,
    },
  };
}

export class PoisonMessageError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot decode event: ${problems.join('; ')}`);
    this.name = 'PoisonMessageError';
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined || v === null) return undefined;
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

/** Reads the event type without parsing the payload, so consumers skip what they do not handle cheaply. */
export function peekEventType(message: Pick<Message, 'headers'>): string | undefined {
  return header(message.headers, H.type);
}

/** Decodes and validates against the event's JSON Schema. Throws PoisonMessageError on anything malformed. */
export function decodeCloudEvent(message: Pick<Message, 'headers' | 'value'>): AnyCloudEvent {
  const problems: string[] = [];
  const get = (name: string): string => {
    const v = header(message.headers, name);
    if (!v) problems.push(`missing header ${name}`);
    return v ?? '';
  };
  const id = get(H.id);
  const type = get(H.type);
  const source = get(H.source);
  const specversion = get(H.specversion);
  const subject = get(H.subject);
  const time = get(H.time);
  const sequence = Number(header(message.headers, H.sequence) ?? '0');
  if (specversion && specversion !== CLOUDEVENTS_SPEC_VERSION) problems.push(`unsupported specversion ${specversion}`);
  if (!Number.isInteger(sequence) || sequence < 1) problems.push('ce_sequence must be a positive integer');
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    problems.push('value is not JSON');
  }
  if (problems.length === 0) problems.push(...checkEvent(type, data));
  if (problems.length > 0) throw new PoisonMessageError(problems);
  const event: CloudEvent<EventType> = {
    id,
    source,
    type: type as EventType,
    specversion: CLOUDEVENTS_SPEC_VERSION,
    time,
    subject,
    datacontenttype: 'application/json',
    correlationid: header(message.headers, H.correlationid) ?? id,
    causationid: header(message.headers, H.causationid) ?? id,
    sequence,
    data: data as CloudEvent<EventType>['data'],
  };
  return event as AnyCloudEvent;
}
