import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewQueueEvent, QueueEvent } from '../domain/task-snapshot';
import { QueueEventEntity } from './task.entities';

function toDomain(e: QueueEventEntity): QueueEvent {
  return {
    cursor: String(e.id),
    departmentCode: e.departmentCode,
    taskId: e.taskId,
    eventId: e.eventId,
    eventType: e.eventType,
    kind: e.kind,
    actor: e.actor,
    note: e.note,
    occurredAt: e.occurredAt,
    task: e.task,
    deadlineWarning: e.deadlineWarning,
  };
}

/** A raw `queue_event` row (pg parses timestamptz and jsonb; bigint comes as a string). */
function fromRow(r: Record<string, unknown>): QueueEvent {
  return {
    cursor: String(r.id),
    departmentCode: r.department_code as string,
    taskId: r.task_id as string,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    kind: r.kind as QueueEvent['kind'],
    actor: r.actor as string,
    note: r.note as string | null,
    occurredAt: r.occurred_at as Date,
    task: r.task as QueueEvent['task'],
    deadlineWarning: r.deadline_warning as QueueEvent['deadlineWarning'],
  };
}

/**
 * The durable per-department queue-event log behind WatchQueue and task histories.
 *
 * A reader resumes with "id > cursor", which is only safe if a department's ids become visible in
 * id order. A bigserial alone does not promise that (a transaction can take id 10, commit after
 * the one that took 11, and a reader that saw 11 would skip 10 for ever). So appends take a
 * per-department transaction lock before drawing ids: within a department, id order is commit order.
 */
@Injectable()
export class QueueEventLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Appends in the caller's transaction, after its other writes, to hold the locks briefly. Every
   * change of a task passes here, so here it also goes onto the audit trail: who (the verified
   * officer, or the system), what, which task, and why (the event's note, else `x-audit-reason`).
   *
   * The audit chain's lock serialises every task change of the service until commit, so only two
   * statements run under it: one takes the chain lock and the departments' locks (in that order,
   * departments sorted, so two transactions never wait on each other in a cycle); the next appends
   * to the chain and inserts the queue events together. Each reads or draws ids after its locks.
   */
  async append(m: EntityManager, events: NewQueueEvent[]): Promise<void> {
    if (events.length === 0) return;
    const departments = [...new Set(events.map((e) => e.departmentCode))].sort();
    const chain = this.audit.lockExpression('$1');
    const locks = departments.map((_, i) => `pg_advisory_xact_lock(hashtextextended($${i + 2}, 0))`);
    await m.query(`SELECT ${[chain.sql, ...locks].join(', ')}`, [
      chain.value,
      ...departments.map((d) => `departmental-approval:queue:${d}`),
    ]);
    const params: unknown[] = [];
    const rows = events.map((e) => {
      const values = [
        e.departmentCode,
        e.taskId,
        e.eventId,
        e.eventType,
        e.kind,
        e.actor,
        e.note,
        JSON.stringify(e.task),
        e.occurredAt,
        e.deadlineWarning ? JSON.stringify(e.deadlineWarning) : null,
      ];
      const first = params.length + 1;
      params.push(...values);
      return `(${values.map((_, i) => `$${first + i}`).join(', ')})`;
    });
    await this.audit.appendLocked(
      m,
      events.map((e) => ({
        action: e.eventType,
        subjectType: 'task',
        subjectId: e.taskId,
        ...(e.note ? { reason: e.note } : {}),
        details: { caseId: e.task.caseId, departmentCode: e.departmentCode, kind: e.kind, officer: e.actor, eventId: e.eventId, status: e.task.status },
      })),
      {
        sql: `INSERT INTO queue_event (department_code, task_id, event_id, event_type, kind, actor, note, task, occurred_at, deadline_warning)
              VALUES ${rows.join(', ')}`,
        params,
      },
    );
  }

  /** The logged event published with CloudEvents id `eventId`. */
  async byEventId(m: EntityManager, eventId: string): Promise<QueueEvent> {
    return toDomain(await m.findOneByOrFail(QueueEventEntity, { eventId }));
  }

  /**
   * Records the request that produced the logged event `eventId` (its id, rpc and digest, so that a
   * repeat is answered with this event) and returns the event: one statement where a read of the
   * event just written and an insert were two, while the chain lock is held. The insert takes the
   * event's id from the row it reads, and the SELECT sees the row this transaction inserted.
   */
  async recordRequest(
    m: EntityManager,
    eventId: string,
    r: { taskId: string; requestId: string; rpc: string; digest: string; createdAt: Date },
  ): Promise<QueueEvent> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `WITH request AS (
         INSERT INTO task_request (task_id, request_id, rpc, digest, queue_event_id, created_at)
         SELECT $2, $3, $4, $5, id, $6 FROM queue_event WHERE event_id = $1)
       SELECT * FROM queue_event WHERE event_id = $1`,
      [eventId, r.taskId, r.requestId, r.rpc, r.digest, r.createdAt],
    );
    if (!rows[0]) throw new Error(`queue event of ${eventId} not found`);
    return fromRow(rows[0]);
  }

  async byCursor(m: EntityManager, cursor: string): Promise<QueueEvent> {
    return toDomain(await m.findOneByOrFail(QueueEventEntity, { id: cursor }));
  }

  /** Up to `limit` events of the department after `cursor`, oldest first. */
  async after(departmentCode: string, cursor: string, limit: number): Promise<QueueEvent[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(QueueEventEntity, 'e')
      .where('e.department_code = :dept AND e.id > :cursor', { dept: departmentCode, cursor })
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toDomain);
  }

  /** The cursor of the department's latest event ('0' when it has none): "from now on". */
  async head(departmentCode: string): Promise<string> {
    const rows: Array<{ head: string }> = await this.dataSource.query(
      'SELECT coalesce(max(id), 0)::text AS head FROM queue_event WHERE department_code = $1',
      [departmentCode],
    );
    return rows[0].head;
  }

  /** Whether the cursor could have come from this log (not beyond its end). */
  async exists(cursor: string): Promise<boolean> {
    const rows: Array<{ ok: boolean }> = await this.dataSource.query(
      'SELECT coalesce(max(id), 0) >= $1::bigint AS ok FROM queue_event',
      [cursor],
    );
    return rows[0].ok;
  }

  async historyOf(departmentCode: string, taskId: string): Promise<QueueEvent[]> {
    const rows = await this.dataSource.manager.find(QueueEventEntity, {
      where: { departmentCode, taskId },
      order: { id: 'ASC' },
    });
    return rows.map(toDomain);
  }
}
