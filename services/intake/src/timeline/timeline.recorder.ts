import { Injectable } from '@nestjs/common';
import type { CloudEvent, EventType } from '@onewindow/contracts';
import type { SqlStatement } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';

type Details = Record<string, unknown>;
const keep = (...keys: string[]) => (d: Details): Details => Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));

/**
 * What the timeline keeps of each event: enough to read the story, no personal data. A lookup rather
 * than a switch, so an event type added elsewhere keeps no details until someone decides what to keep.
 */
const DETAILS: Partial<Record<EventType, (d: Details) => Details>> = {
  'case.received': keep('channel', 'matterCode', 'matterVersion'),
  'case.accepted': keep('promisedDate', 'legalLimitDays', 'promisedLimitDays'),
  'case.supplement-required': (d) => ({ missing: (d.missing as Array<Details>).map((m) => m.code) }),
  'case.not-accepted': keep('legalBasis'),
  'case.routed': (d) => ({ tasks: (d.tasks as Array<Details>).map((t) => ({ departmentCode: t.departmentCode, stage: t.stage })) }),
  'task.assigned': keep('taskId', 'departmentCode', 'stage'),
  'task.claimed': keep('taskId', 'departmentCode', 'officerId'),
  'task.decided': keep('taskId', 'departmentCode', 'outcome', 'reason'),
  'case.decided': keep('outcome', 'reasons'),
  'plan.stage-opened': (d) => ({ stage: d.stage, tasks: (d.tasks as Array<Details>).map((t) => ({ departmentCode: t.departmentCode, stage: t.stage })) }),
  'case.unroutable': keep('reason', 'unmatchedMatterCodes'),
  // What the department asks for is what the clerk must collect: kept whole.
  'task.supplement-requested': keep('taskId', 'departmentCode', 'items', 'note'),
  'task.supplemented': keep('taskId', 'departmentCode', 'pausedWorkingDays', 'promisedDeadline'),
  'task.suspended': keep('taskId', 'departmentCode', 'kind', 'reason', 'plannedDays'),
  'task.resumed': keep('taskId', 'departmentCode', 'pausedWorkingDays', 'promisedDeadline'),
  'task.transferred': keep('taskId', 'departmentCode', 'targetDepartmentCode', 'newTaskId', 'reason'),
  'task.cancelled': keep('taskId', 'departmentCode', 'cause'),
  'case.supplemented': (d) => ({ materials: (d.materials as Array<Details>).filter((m) => m.provided).map((m) => m.code) }),
  'document.issued': keep('documentNo', 'kind', 'title', 'validUntil'),
  'document.handed-over': keep('documentNo', 'method', 'collectorRole'),
  'document.revoked': keep('documentNo', 'reason'),
};

export function timelineDetails(event: CloudEvent<EventType>): Details {
  return DETAILS[event.type]?.(event.data as unknown as Details) ?? {};
}

@Injectable()
export class TimelineRecorder {
  /**
   * Records the event once; false when it is already there — by its id, or as the same producer's
   * event of the same type at the same per-case sequence republished under a new id (a replay must
   * neither show twice nor move the case again). Callers hold the case row lock, so the check and
   * the insert are not raced by another instance.
   */
  async record(manager: EntityManager, event: CloudEvent<EventType>): Promise<boolean> {
    // One statement: the replay check and the insert (ON CONFLICT: the same event id again).
    const inserted: unknown[] = await manager.query(
      `INSERT INTO case_timeline (case_id, event_id, event_type, source, sequence, occurred_at, details)
       SELECT $1, $2, $3, $4, $5, $6, $7::jsonb
        WHERE NOT EXISTS (SELECT 1 FROM case_timeline WHERE case_id = $1 AND source = $4 AND event_type = $3 AND sequence = $5)
       ON CONFLICT DO NOTHING
       RETURNING position`,
      [event.subject, event.id, event.type, event.source, event.sequence, new Date(event.time), JSON.stringify(timelineDetails(event))],
    );
    return inserted.length > 0;
  }

  /**
   * An event intake itself has just published in this transaction: a new id at a new per-case
   * sequence, so there is no replay to look for — one plain INSERT, on every POST's hot path.
   */
  async recordPublished(manager: EntityManager, event: CloudEvent<EventType>): Promise<void> {
    const { sql, params } = this.publishedRows([event]);
    await manager.query(sql, params);
  }

  /** The INSERT of intake's own new events, for a caller that runs it in a statement of its own making. */
  publishedRows(events: ReadonlyArray<CloudEvent<EventType>>): SqlStatement {
    const params: unknown[] = [];
    const rows = events.map((e) => {
      const at = params.push(e.subject, e.id, e.type, e.source, e.sequence, new Date(e.time), JSON.stringify(timelineDetails(e))) - 7;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}::jsonb)`;
    });
    return {
      sql: `INSERT INTO case_timeline (case_id, event_id, event_type, source, sequence, occurred_at, details) VALUES ${rows.join(', ')}`,
      params,
    };
  }
}
