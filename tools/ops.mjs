#!/usr/bin/env node
// `npm run ops -- <command>`: what an operator asks of a running OneWindow, from the services'
// health and metrics endpoints, PostgreSQL and the Kafka admin API. Read-only except `dlq replay` and `rebuild --yes`.
//   status                       health/readiness of every service, consumer lag per group, outbox backlog, dead letters
//   outbox                       unpublished outbox rows per service and event type, oldest age
//   dlq list <service> [--limit N]
//   dlq replay <service> [--offset O ...] --yes   re-send dead letters to their original topic (inboxes make it idempotent)
//   rebuild [<service> <read-model> [--yes]]      drop a read model and re-read its topics (tools/scripts/read-models.ts)
// Environment: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, DATABASE_URL, and <SERVICE>_URL (e.g. INTAKE_URL) when
// a service is not on its default 127.0.0.1 port.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const { Client } = require('pg');
const { ServiceNames, DeadLetterTopics, TOPIC_SPECS } = require(resolve(root, 'dist/libs/contracts/src/index.js'));
const readModels = require(resolve(root, 'dist/tools/scripts/read-models.js'));

const PORTS = { intake: 3001, routing: 3002, 'departmental-approval': 3003, 'document-issuance': 3004, notification: 3005, supervision: 3006 };
const services = Object.values(ServiceNames);
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/onewindow';
const urlOf = (svc) => process.env[`${svc.toUpperCase().replace(/-/g, '_')}_URL`] ?? `http://127.0.0.1:${PORTS[svc] ?? 3000}`;
const kafka = () => new Kafka({ clientId: `onewindow-ops-${process.pid}`, brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });

async function get(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: r.status, text: await r.text() };
  } catch (e) {
    return { status: 0, text: String(e.cause?.code ?? e.message) };
  }
}

function metric(text, name) {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

async function lagOf(admin, svc) {
  const groupId = prefix + svc;
  const consumed = TOPIC_SPECS.map((t) => prefix + t.name);
  // One topic at a time: a topic missing on this cluster fails only its own look-up.
  const offsets = [];
  for (const topic of consumed) offsets.push(...(await admin.fetchOffsets({ groupId, topics: [topic] }).catch(() => [])));
  const rows = [];
  for (const t of offsets) {
    if (!t.partitions.some((p) => Number(p.offset) >= 0)) continue; // not a topic this group reads
    const ends = await admin.fetchTopicOffsets(t.topic);
    let lag = 0;
    for (const p of ends) {
      const c = t.partitions.find((x) => x.partition === p.partition);
      lag += Number(p.high) - (c && Number(c.offset) >= 0 ? Number(c.offset) : Number(p.low));
    }
    rows.push({ group: groupId, topic: t.topic, lag });
  }
  return rows;
}

async function dlqSize(admin, svc) {
  const ends = await admin.fetchTopicOffsets(prefix + DeadLetterTopics[svc]).catch(() => []);
  return ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

async function status() {
  const health = [];
  for (const svc of services) {
    const live = await get(`${urlOf(svc)}/health/live`);
    const ready = await get(`${urlOf(svc)}/health/ready`);
    const m = await get(`${urlOf(svc)}/metrics`);
    health.push({
      service: svc,
      url: urlOf(svc),
      live: live.status === 200 ? 'up' : `down (${live.status || live.text})`,
      ready: ready.status === 200 ? 'ready' : `not ready (${ready.status || ready.text})`,
      outboxBacklog: m.status === 200 ? metric(m.text, 'onewindow_outbox_backlog_rows') : '?',
      oldestUnpublishedS: m.status === 200 ? Math.round(metric(m.text, 'onewindow_outbox_oldest_unpublished_age_seconds')) : '?',
    });
  }
  console.table(health);
  const admin = kafka().admin();
  await admin.connect();
  try {
    const lag = [];
    const dlq = [];
    for (const svc of services) {
      lag.push(...(await lagOf(admin, svc)));
      dlq.push({ service: svc, topic: prefix + DeadLetterTopics[svc], messages: await dlqSize(admin, svc) });
    }
    console.log('consumer lag (messages after the committed offset):');
    console.table(lag);
    console.log('dead-letter topics:');
    console.table(dlq);
  } finally {
    await admin.disconnect();
  }
}

async function outbox() {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const rows = [];
    for (const svc of services) {
      const schema = svc.replace(/-/g, '_');
      const r = await c
        .query(
          `SELECT event_type, count(*)::int AS unpublished, round(EXTRACT(EPOCH FROM now() - min(created_at)))::int AS oldest_s
           FROM "${schema}".outbox WHERE published_at IS NULL GROUP BY event_type ORDER BY event_type`,
        )
        .catch(() => ({ rows: [] }));
      const total = await c
        .query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at > now() - interval '1 hour'`)
        .catch(() => ({ rows: [{ n: '?' }] }));
      rows.push({ service: svc, event_type: '(published, last hour)', unpublished: '', oldest_s: '', published: total.rows[0].n });
      for (const x of r.rows) rows.push({ service: svc, ...x, published: '' });
    }
    console.table(rows);
  } finally {
    await c.end();
  }
}

/** Reads the dead-letter topic from the start up to its current end (bounded in count and time), with a throw-away group. */
async function readDlq(svc, limit) {
  const topic = prefix + DeadLetterTopics[svc];
  const k = kafka();
  const admin = k.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const groupId = `onewindow-ops-${randomUUID()}`;
  const consumer = k.consumer({ groupId });
  const out = [];
  if (remaining.size > 0) {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((done) => {
      const timer = setTimeout(done, 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          if (out.length < limit) out.push({ partition, ...message });
          if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
          if (remaining.size === 0 || out.length >= limit) {
            clearTimeout(timer);
            done();
          }
        },
      });
    });
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  await admin.disconnect();
  return { topic, messages: out };
}

const h = (m, k) => m.headers?.[k]?.toString();

async function dlqList(svc, limit) {
  const { topic, messages } = await readDlq(svc, limit);
  console.log(`${topic}: ${messages.length} message(s)`);
  console.table(
    messages.map((m) => ({
      partition: m.partition,
      offset: m.offset,
      type: h(m, 'ce_type'),
      eventId: h(m, 'ce_id'),
      from: `${h(m, 'dlq-original-topic')}[${h(m, 'dlq-original-partition')}]@${h(m, 'dlq-original-offset')}`,
      attempts: h(m, 'dlq-attempts'),
      failedAt: h(m, 'dlq-failed-at'),
      error: (h(m, 'dlq-error') ?? '').slice(0, 80),
    })),
  );
}

async function dlqReplay(svc, offsets, yes) {
  const { messages } = await readDlq(svc, 10_000);
  const chosen = offsets.length ? messages.filter((m) => offsets.includes(`${m.partition}:${m.offset}`) || offsets.includes(m.offset)) : messages;
  if (!yes) {
    console.log(`would re-send ${chosen.length} message(s) to their original topics; add --yes to do it`);
    return;
  }
  const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const m of chosen) {
    const headers = Object.fromEntries(Object.entries(m.headers ?? {}).filter(([k]) => !k.startsWith('dlq-')));
    headers['ops-replayed-from'] = `${prefix + DeadLetterTopics[svc]}:${m.partition}:${m.offset}`;
    await producer.send({ topic: h(m, 'dlq-original-topic'), acks: -1, messages: [{ key: m.key, value: m.value, headers }] });
  }
  await producer.disconnect();
  console.log(`re-sent ${chosen.length} message(s); the consumers' inboxes skip any that had been handled`);
}

const REBUILD_HELP = `usage: npm run ops -- rebuild <service> <read-model> [--yes]

Drops a read model (its tables and the service's inbox rows for its event types, in one transaction)
and moves the service's consumer group back to the start of the topics it is built from; when the
service starts again it re-applies every event still on those topics with its own code. Nothing else
is touched: the inbox still skips every other event, write-side tables stay as they are.
Without --yes: a dry run showing what would be dropped and which offsets would be re-read.

Required: every instance of the service STOPPED (Kafka moves only an empty group's offsets; the
command refuses while the group has members). The read model is empty until the service has caught
up again (watch the lag fall to 0 in \`npm run ops -- status\`). Running it twice does no harm.

Rebuildable:
${readModels.READ_MODELS.map((m) => `  ${m.service} ${m.name}: ${m.what}\n    topics: ${readModels.topicsOf(m).join(', ')}${m.limits ? `\n    limit: ${m.limits}` : ''}`).join('\n')}
Not rebuildable from Kafka:
${readModels.NOT_REBUILDABLE.map((m) => `  ${m.service} ${m.name}: ${m.why}`).join('\n')}`;

async function rebuild(svc, name, yes) {
  if (!svc) {
    console.log(REBUILD_HELP);
    return;
  }
  const model = readModels.findReadModel(svc, name);
  const sql = new Client({ connectionString: databaseUrl });
  const admin = kafka().admin();
  await sql.connect();
  await admin.connect();
  try {
    const deps = { sql, admin, prefix };
    const plan = yes ? await readModels.rebuild(model, deps) : await readModels.planRebuild(model, deps);
    const rows = plan.tables.map((t) => `${t.table} (${t.rows} rows)`).join(', ');
    const messages = plan.topics.reduce((n, t) => n + t.partitions.reduce((k, p) => k + p.end - p.from, 0), 0);
    console.log(`${model.service} ${model.name}: ${model.what}`);
    console.log(`${yes ? 'dropped' : 'would drop'}: ${rows}, and ${plan.inboxRows} inbox rows of ${model.eventTypes.length} event types`);
    console.log(`${yes ? 'moved' : 'would move'} consumer group ${plan.group} back to the start of (${messages} messages to re-read):`);
    console.table(
      plan.topics.map((t) => {
        const from = t.partitions.filter((p) => p.from > 0).map((p) => `${p.partition}@${p.from}`);
        return {
          topic: t.topic,
          partitions: t.partitions.length,
          messages: t.partitions.reduce((n, p) => n + p.end - p.from, 0),
          'from offset': from.length ? `0 but ${from.join(' ')}` : '0 on every partition',
          'lag before': t.partitions.reduce((n, p) => n + (p.committed >= 0 ? p.end - p.committed : p.end - p.from), 0),
        };
      }),
    );
    if (model.limits) console.log(`limit: ${model.limits}`);
    if (yes) console.log(`done; start ${model.service} again: it re-applies the events, then its lag is 0 in \`npm run ops -- status\``);
    else if (plan.members > 0) console.log(`${plan.members} ${model.service} instance(s) running: stop them all, then add --yes`);
    else console.log('add --yes to do it');
  } finally {
    await admin.disconnect();
    await sql.end();
  }
}

const [cmd, sub, ...rest] = process.argv.slice(2);
const flag = (name, def) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : def;
};
const needService = (s) => {
  if (!services.includes(s)) {
    console.error(`unknown service "${s ?? ''}"; one of: ${services.join(', ')}`);
    process.exit(2);
  }
  return s;
};
try {
  if (cmd === 'status') await status();
  else if (cmd === 'outbox') await outbox();
  else if (cmd === 'dlq' && sub === 'list') await dlqList(needService(rest[0]), Number(flag('--limit', '100')));
  else if (cmd === 'dlq' && sub === 'replay')
    await dlqReplay(needService(rest[0]), rest.flatMap((a, i) => (rest[i - 1] === '--offset' ? [a] : [])), rest.includes('--yes'));
  else if (cmd === 'rebuild') {
    const [svc, name] = [sub, ...rest].filter((a) => a && !a.startsWith('--'));
    await rebuild(svc, name, rest.includes('--yes'));
  } else {
    console.log(
      'usage: npm run ops -- status | outbox | dlq list <service> [--limit N] | dlq replay <service> [--offset P:O ...] [--yes]\n' +
        '                      | rebuild [<service> <read-model> [--yes]]   (rebuild alone explains it and lists the read models)',
    );
    process.exit(cmd ? 2 : 0);
  }
} catch (e) {
  console.error(`ops ${cmd}: ${e.message}`);
  process.exit(e instanceof readModels.UsageError ? 2 : 1);
}
