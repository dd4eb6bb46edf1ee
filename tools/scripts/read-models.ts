import { type EventType, EventTypes, type ServiceName, type Topic, topicOf } from '@onewindow/contracts';
import type { Admin } from 'kafkajs';
import type { Client } from 'pg';

/**
 * The read models `npm run ops -- rebuild` can rebuild: tables a service fills only from events it
 * consumes, through one consumer whose effects all go through the inbox. Rebuilding drops the
 * tables and the inbox rows of those event types, and moves the service's consumer group back to
 * the start of the topics; the service re-applies them with its own code when it starts again.
 */
export interface ReadModel {
  service: ServiceName;
  name: string;
  what: string;
  /** In the service's schema; nothing outside the read model may reference them. */
  tables: readonly string[];
  eventTypes: readonly EventType[];
  /** What a rebuild cannot bring back, or '' when the topics keep everything the model needs. */
  limits: string;
}

const RETENTION_LIMIT =
  'the case, task and document topics are not compacted: the broker keeps them log.retention.hours (168 h = 7 days ' +
  'in deploy/kafka/server.properties); events older than that are gone and a rebuild counts only what is left. ' +
  'To rebuild all history, give those topics retention.ms=-1 (or tiered storage) before the history is needed';

export const READ_MODELS: readonly ReadModel[] = [
  {
    service: 'supervision',
    name: 'measures',
    what: 'the KPI facts (matter_fact, case_fact, task_fact) behind the measures, rankings, bulletin and dashboard',
    tables: ['matter_fact', 'case_fact', 'task_fact'],
    eventTypes: [
      EventTypes.MatterPublished,
      EventTypes.CaseReceived,
      EventTypes.CaseAccepted,
      EventTypes.CaseSupplementRequired,
      EventTypes.CaseNotAccepted,
      EventTypes.CaseWithdrawn,
      EventTypes.CaseDecided,
      EventTypes.TaskAssigned,
      EventTypes.TaskDecided,
      EventTypes.TaskTransferred,
      EventTypes.TaskOverdue,
      EventTypes.DocumentHandedOver,
    ],
    limits: RETENTION_LIMIT,
  },
  {
    service: 'document-issuance',
    name: 'matters',
    what: 'the latest version of each matter (result type, validity) that documents are issued by',
    tables: ['matter'],
    eventTypes: [EventTypes.MatterPublished],
    limits: '',
  },
];

/** Projections that look rebuildable but are not, and why; the help text and the refusal show them. */
export const NOT_REBUILDABLE: ReadonlyArray<{ service: ServiceName; name: string; why: string }> = [
  {
    service: 'intake',
    name: 'timeline',
    why: 'the timeline also holds intake’s own events, moves the case status (write side) and writes the audit chain',
  },
  {
    service: 'routing',
    name: 'matters',
    why: 'dispatch plans reference every matter version they used, and the compacted catalogue topic keeps only the latest',
  },
  {
    service: 'routing',
    name: 'rules',
    why: 'applying a rule set also retries the unroutable cases waiting for it, a write-side effect',
  },
  {
    service: 'notification',
    name: 'recipients',
    why: 'contact details come from case.received, which the 7-day retention drops: older cases would lose their recipient',
  },
];

/** A request the command refuses (exit 2), as opposed to a failure on the way. */
export class UsageError extends Error {}

export const topicsOf = (m: ReadModel): Topic[] => [...new Set(m.eventTypes.map(topicOf))].sort();
export const schemaOf = (service: string): string => service.replace(/-/g, '_');

export function findReadModel(service: string | undefined, name: string | undefined): ReadModel {
  const model = READ_MODELS.find((m) => m.service === service && m.name === name);
  if (model) return model;
  const valid = READ_MODELS.map((m) => `${m.service} ${m.name}`).join(', ');
  const refused = NOT_REBUILDABLE.find((m) => m.service === service && m.name === name);
  throw new UsageError(
    refused
      ? `${service} ${name} cannot be rebuilt from Kafka: ${refused.why}. Rebuildable: ${valid}`
      : `unknown read model "${[service, name].filter(Boolean).join(' ')}"; rebuildable: ${valid}`,
  );
}

export interface RebuildPlan {
  model: ReadModel;
  group: string;
  /** Members of the service's consumer group now: a rebuild needs none. */
  members: number;
  tables: Array<{ table: string; rows: number }>;
  inboxRows: number;
  topics: Array<{ topic: string; partitions: Array<{ partition: number; from: number; committed: number; end: number }> }>;
}

export interface RebuildDeps {
  /** Connected to the database that holds the service's schema. */
  sql: Client;
  /** Connected to the cluster. */
  admin: Admin;
  /** KAFKA_TOPIC_PREFIX: prefixes topics and consumer groups alike. */
  prefix: string;
}

/** What a rebuild would drop and re-read; changes nothing. */
export async function planRebuild(model: ReadModel, { sql, admin, prefix }: RebuildDeps): Promise<RebuildPlan> {
  const schema = schemaOf(model.service);
  const group = prefix + model.service;
  const tables = [];
  for (const table of model.tables) {
    const r = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
    tables.push({ table, rows: r.rows[0].n });
  }
  const inbox = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${schema}".inbox WHERE consumer = $1 AND event_type = ANY($2)`,
    [model.service, [...model.eventTypes]],
  );
  const [description] = (await admin.describeGroups([group])).groups;
  const topics = [];
  for (const topic of topicsOf(model).map((t) => prefix + t)) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    topics.push({
      topic,
      partitions: ends.map((p) => ({
        partition: p.partition,
        from: Number(p.low),
        committed: Number(committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? -1),
        end: Number(p.high),
      })),
    });
  }
  return { model, group, members: description?.members.length ?? 0, tables, inboxRows: inbox.rows[0].n, topics };
}

/**
 * Moves the group back to the start of the model's topics, then drops the model's rows and inbox
 * rows in one transaction. In this order a failure halfway leaves the model as it was (the inbox
 * still skips every event); run it again. Refuses while any instance of the service is running:
 * Kafka moves only an empty group's offsets, and a running instance would go on writing.
 */
export async function rebuild(model: ReadModel, deps: RebuildDeps): Promise<RebuildPlan> {
  const plan = await planRebuild(model, deps);
  if (plan.members > 0) {
    throw new UsageError(
      `consumer group ${plan.group} has ${plan.members} running member(s): stop every ${model.service} instance first, then run this again`,
    );
  }
  for (const t of plan.topics) {
    await deps.admin.setOffsets({
      groupId: plan.group,
      topic: t.topic,
      partitions: t.partitions.map((p) => ({ partition: p.partition, offset: String(p.from) })),
    });
  }
  const schema = schemaOf(model.service);
  await deps.sql.query('BEGIN');
  try {
    await deps.sql.query("SET LOCAL lock_timeout = '10s'");
    await deps.sql.query(`TRUNCATE ${model.tables.map((t) => `"${schema}"."${t}"`).join(', ')}`);
    await deps.sql.query(`DELETE FROM "${schema}".inbox WHERE consumer = $1 AND event_type = ANY($2)`, [
      model.service,
      [...model.eventTypes],
    ]);
    await deps.sql.query('COMMIT');
  } catch (e) {
    await deps.sql.query('ROLLBACK');
    throw e;
  }
  return plan;
}
