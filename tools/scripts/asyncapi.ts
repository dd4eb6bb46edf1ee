import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CloudEventHeaders,
  DeadLetterTopics,
  EVENT_CATALOG,
  type EventType,
  TOPIC_SPECS,
} from '@onewindow/contracts';

/**
 * The AsyncAPI 3 document of every topic and event type, generated from libs/contracts (the same
 * source the producers and consumers validate against). `node dist/tools/scripts/asyncapi.js`
 * writes docs/asyncapi.json; `--check` fails when the committed file differs.
 */
export function buildAsyncApi(): Record<string, unknown> {
  const types = Object.keys(EVENT_CATALOG) as EventType[];
  const messageName = (t: string) => t.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
  const channelName = (topic: string) => topic.replace(/[^a-zA-Z0-9]+/g, '-');

  const headers = {
    type: 'object',
    required: ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time', 'ce_subject', 'ce_sequence', 'content-type'],
    properties: {
      [CloudEventHeaders.id]: { type: 'string', description: 'Event id; consumers deduplicate on it' },
      [CloudEventHeaders.source]: { type: 'string', example: '/onewindow/intake' },
      [CloudEventHeaders.type]: { type: 'string', example: 'case.accepted' },
      [CloudEventHeaders.specversion]: { type: 'string', const: '1.0' },
      [CloudEventHeaders.time]: { type: 'string', format: 'date-time' },
      [CloudEventHeaders.subject]: { type: 'string', description: 'Case id (also the Kafka key); matter or bundle code for catalogue events' },
      [CloudEventHeaders.correlationid]: { type: 'string', description: 'Shared by everything one request set off' },
      [CloudEventHeaders.causationid]: { type: 'string', description: 'Id of the event or request that caused this one' },
      [CloudEventHeaders.sequence]: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'Per producer and subject, increasing from 1' },
      [CloudEventHeaders.contentType]: { type: 'string', const: 'application/json' },
    },
  };

  const messages: Record<string, unknown> = {};
  for (const t of types) {
    const e = EVENT_CATALOG[t];
    messages[messageName(t)] = {
      name: t,
      title: t,
      summary: e.description,
      contentType: 'application/json',
      headers,
      payload: JSON.parse(JSON.stringify(e.schema)) as unknown,
      bindings: { kafka: { key: { type: 'string', description: `The ${e.subject}` }, bindingVersion: '0.5.0' } },
      'x-producer': e.producer,
      'x-kind': e.kind,
    };
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const spec of TOPIC_SPECS) {
    const own = types.filter((t) => EVENT_CATALOG[t].topic === spec.name);
    const isDeadLetter = Object.values(DeadLetterTopics).includes(spec.name);
    const id = channelName(spec.name);
    channels[id] = {
      address: spec.name,
      description: isDeadLetter
        ? 'Dead-letter topic: messages this service could not process, unchanged, with dlq-* headers (original topic, partition, offset, error, attempts).'
        : `Events of ${[...new Set(own.map((t) => EVENT_CATALOG[t].producer))].join(', ')}. Partitions: ${spec.partitions}${spec.compacted ? '; compacted (latest value per key kept)' : ''}.`,
      messages: Object.fromEntries(own.map((t) => [messageName(t), { $ref: `#/components/messages/${messageName(t)}` }])),
      bindings: {
        kafka: {
          topic: spec.name,
          partitions: spec.partitions,
          topicConfiguration: { 'cleanup.policy': [spec.compacted ? 'compact' : 'delete'] },
          bindingVersion: '0.5.0',
        },
      },
    };
    if (own.length) {
      operations[`publish-${id}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${EVENT_CATALOG[own[0]].producer} publishes (transactional outbox, at-least-once; consumers deduplicate by ce_id)`,
        messages: own.map((t) => ({ $ref: `#/channels/${id}/messages/${messageName(t)}` })),
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'OneWindow events',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 in Kafka binary mode: attributes as ce_* headers, data as the JSON value, key = subject. ' +
        'Topics are versioned (.v1); a breaking change gets a new topic. Generated from libs/contracts.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The local broker of `npm start`' },
    },
    channels,
    operations,
    components: { messages },
  };
}

if (require.main === module) {
  const file = resolve(process.cwd(), 'docs/asyncapi.json');
  const text = `${JSON.stringify(buildAsyncApi(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = require('node:fs').existsSync(file) ? require('node:fs').readFileSync(file, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/asyncapi.json is out of date with libs/contracts: run `npm run docs:asyncapi` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('docs/asyncapi.json is current\n');
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
