import type { EventData, EventType } from './event-catalog';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const SOURCE_PREFIX = '/onewindow/';

/**
 * A CloudEvents 1.0 event with OneWindow's extensions. On Kafka it travels in **binary mode**
 * (attributes as `ce_*` headers, `data` as the JSON value), chosen for the whole system so that
 * consumers can route and skip by header without parsing the payload.
 */
export interface CloudEvent<T extends EventType = EventType> {
  id: string;
  source: string;
  type: T;
  specversion: typeof CLOUDEVENTS_SPEC_VERSION;
  time: string;
  /** The case id for case events (also the Kafka key); the matter or bundle code for catalogue events. */
  subject: string;
  datacontenttype: 'application/json';
  /** The id shared by everything that one request set off. */
  correlationid: string;
  /** The id of the event or request that directly caused this one. */
  causationid: string;
  /** Per producer and subject, strictly increasing from 1: lets consumers spot stale or missing events. */
  sequence: number;
  data: EventData<T>;
}

export type AnyCloudEvent = { [T in EventType]: CloudEvent<T> }[EventType];

/** Kafka header names of the binary-mode binding. */
export const CloudEventHeaders = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  specversion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  sequence: 'ce_sequence',
  contentType: 'content-type',
} as const;
