import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApprovalTask, Decision, StoredTaskStatus } from '../domain/approval-task';
import type { NewWarning } from './deadline-warnings';
import { ApprovalTaskEntity } from './task.entities';

export function toDomain(e: ApprovalTaskEntity): ApprovalTask {
  return {
    id: e.id,
    caseId: e.caseId,
    caseNo: e.caseNo,
    planId: e.planId,
    departmentCode: e.departmentCode,
    stage: e.stage,
    matterCode: e.matterCode,
    matterVersion: e.matterVersion,
    matterName: e.matterName,
    regionCode: e.regionCode,
    applicantDisplayName: e.applicantDisplayName,
    materials: e.materials,
    acceptedAt: e.acceptedAt,
    routedAt: e.routedAt,
    legalLimitDays: e.legalLimitDays,
    promisedLimitDays: e.promisedLimitDays,
    promisedDeadline: e.promisedDeadline,
    legalDeadline: e.legalDeadline,
    status: e.status,
    claimedBy: e.claimedBy,
    claimedAt: e.claimedAt,
    leaseExpiresAt: e.leaseExpiresAt,
    decision:
      e.outcome && e.decidedBy && e.decidedAt && e.decisionRequestId && e.decisionRequestDigest
        ? {
            outcome: e.outcome,
            reason: e.reason,
            opinion: e.opinion,
            pendingMaterialCodes: e.pendingMaterialCodes,
            decidedBy: e.decidedBy,
            decidedAt: e.decidedAt,
            requestId: e.decisionRequestId,
            requestDigest: e.decisionRequestDigest,
          }
        : null,
    pause:
      e.pauseKind && e.pausedBy && e.pausedSince
        ? { kind: e.pauseKind, officerId: e.pausedBy, since: e.pausedSince, reason: e.pauseReason }
        : null,
    pausedWorkingDays: e.pausedWorkingDays,
    transfer:
      e.transferredTo && e.transferredTaskId
        ? { departmentCode: e.transferredTo, taskId: e.transferredTaskId }
        : null,
    version: e.version,
    assignedAt: e.assignedAt,
    updatedAt: e.updatedAt,
  };
}

/**
 * Maps a raw `approval_task` row (hot paths use parameterised SQL: the query builder's SQL
 * generation and result mapping showed in CPU profiles) the way TypeORM's own reads map it.
 */
function hydrate(m: EntityManager, raw: Record<string, unknown>): ApprovalTask {
  const meta = m.connection.getMetadata(ApprovalTaskEntity);
  const e = new ApprovalTaskEntity();
  for (const c of meta.columns) c.setEntityValue(e, m.connection.driver.prepareHydratedValue(raw[c.databaseName], c));
  return toDomain(e);
}

function toEntity(t: ApprovalTask): ApprovalTaskEntity {
  const { decision, pause, transfer, ...rest } = t;
  return Object.assign(new ApprovalTaskEntity(), {
    ...rest,
    pauseKind: pause?.kind ?? null,
    pausedBy: pause?.officerId ?? null,
    pausedSince: pause?.since ?? null,
    pauseReason: pause?.reason ?? null,
    transferredTo: transfer?.departmentCode ?? null,
    transferredTaskId: transfer?.taskId ?? null,
    outcome: decision?.outcome ?? null,
    reason: decision?.reason ?? null,
    opinion: decision?.opinion ?? null,
    pendingMaterialCodes: decision?.pendingMaterialCodes ?? [],
    decidedBy: decision?.decidedBy ?? null,
    decidedAt: decision?.decidedAt ?? null,
    decisionRequestId: decision?.requestId ?? null,
    decisionRequestDigest: decision?.requestDigest ?? null,
  });
}

export type StatusFilter =
  | 'OPEN'
  | 'PENDING'
  | 'CLAIMED'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUSPENDED'
  | 'APPROVED'
  | 'DENIED'
  | 'TRANSFERRED'
  | 'CANCELLED'
  | 'NONE';

export interface TaskPageQuery {
  departmentCode: string;
  status: StatusFilter;
  matterCode: string | null;
  /** Region code prefix, see regionScope. */
  regionPrefix: string | null;
  /** Position after which the page starts, in queue order. */
  after: { promisedDeadline: string; assignedAt: Date; id: string } | null;
  limit: number;
  now: Date;
}

const LOCK_TIMEOUT = `'5s'`;

/**
 * Lock waits in the transaction give up after LOCK_TIMEOUT instead of holding a caller beyond its
 * deadline: SET LOCAL lock_timeout, folded into the first statement of the transaction that may
 * wait on a lock, to spare that round trip. `set_config(..., true)` is SET LOCAL; the CTE is evaluated through the
 * uncorrelated sub-select in LOCK_WAITS_BOUNDED, an init plan that runs once before the scan hands
 * the statement its first row, so before the statement waits on any row lock, and the setting holds
 * for the rest of the transaction (the queue log's and the audit chain's lock waits included).
 */
const BOUND_LOCK_WAITS = `WITH bound_lock_waits AS MATERIALIZED (SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true) AS lock_timeout)`;
const LOCK_WAITS_BOUNDED = `(SELECT lock_timeout FROM bound_lock_waits) IS NOT NULL`;

/** Where the approval tasks live. Every read and write names the department: no task leaks across queues. */
@Injectable()
export class ApprovalTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the tasks that are not there yet (by task id, or by case, department and stage) and the
   * deadline warnings of those inserted, in one statement; returns the tasks inserted. The warnings
   * ride along in a CTE joined to the RETURNING of the insert, so a task skipped by ON CONFLICT gets
   * none (its own schedule stays as it was), and a new task needs no DELETE first: the row is new and
   * `deadline_warning` references it, so it has no warnings yet.
   */
  async insertNew(m: EntityManager, tasks: ApprovalTask[], warnings: readonly NewWarning[]): Promise<ApprovalTask[]> {
    if (tasks.length === 0) return [];
    const [insertTasks, params] = m
      .createQueryBuilder()
      .insert()
      .into(ApprovalTaskEntity)
      .values(tasks.map(toEntity))
      .orIgnore()
      .returning(['id'])
      .getQueryAndParameters();
    const $ = (v: unknown) => `$${params.push(v)}`;
    const sql = warnings.length
      ? `WITH inserted AS (${insertTasks}),
         warnings AS (
           INSERT INTO deadline_warning (task_id, level, deadline_kind, deadline, due_at)
           SELECT w.task_id, w.level, w.deadline_kind, w.deadline, w.due_at
             FROM (VALUES ${warnings
               .map((w) => `(${$(w.taskId)}::char(26), ${$(w.level)}::text, ${$(w.deadlineKind)}::text, ${$(w.deadline)}::date, ${$(w.dueAt)}::timestamptz)`)
               .join(', ')}) AS w (task_id, level, deadline_kind, deadline, due_at)
             JOIN inserted ON inserted.id = w.task_id
           ON CONFLICT DO NOTHING)
         SELECT id FROM inserted`
      : insertTasks;
    const rows = (await m.query(sql, params)) as Array<{ id: string }>;
    const inserted = new Set(rows.map((r) => r.id));
    return tasks.filter((t) => inserted.has(t.id));
  }

  async find(
    departmentCode: string,
    id: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ApprovalTask | null> {
    const rows: Array<Record<string, unknown>> = await m.query(
      'SELECT * FROM approval_task WHERE id = $1 AND department_code = $2',
      [id, departmentCode],
    );
    return rows[0] ? hydrate(m, rows[0]) : null;
  }

  /**
   * Reads the task and locks its row until the transaction ends: concurrent changes to it queue up.
   * Bounds the transaction's lock waits first (see BOUND_LOCK_WAITS).
   */
  async findForUpdate(m: EntityManager, departmentCode: string, id: string): Promise<ApprovalTask | null> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `${BOUND_LOCK_WAITS}
       SELECT * FROM approval_task WHERE id = $1 AND department_code = $2 AND ${LOCK_WAITS_BOUNDED} FOR UPDATE`,
      [id, departmentCode],
    );
    return rows[0] ? hydrate(m, rows[0]) : null;
  }

  /**
   * The claim as one conditional UPDATE: of concurrent claims exactly one finds the row PENDING (or
   * its lease expired); PostgreSQL re-checks the condition on the row the winner committed, so the
   * others match nothing. The holder's own renewal also matches. Same rule as `claimRefusal`.
   * Bounds the transaction's lock waits first (see BOUND_LOCK_WAITS).
   *
   * Returns the claimed row, or else the row as the statement's snapshot saw it (null: no such task
   * in the department), so that a lost claim usually needs no second read to say why it was lost:
   * a losing officer is the common case when a department's officers work one queue. That row
   * predates any claim that committed while this one waited, so when it looks claimable the caller
   * reads the row again.
   */
  async tryClaim(
    m: EntityManager,
    c: { departmentCode: string; id: string; officerId: string; now: Date; leaseExpiresAt: Date },
  ): Promise<{ claimed: ApprovalTask } | { claimed: null; seen: ApprovalTask | null }> {
    // RETURNING the row spares the read after it.
    const rows: Array<Record<string, unknown>> = await m.query(
      `${BOUND_LOCK_WAITS},
       claimed AS (
         UPDATE approval_task
            SET status = 'CLAIMED', claimed_by = $3, claimed_at = $4, lease_expires_at = $5,
                version = version + 1, updated_at = $4
          WHERE id = $1 AND department_code = $2 AND ${LOCK_WAITS_BOUNDED}
            AND (status = 'PENDING' OR (status = 'CLAIMED' AND (lease_expires_at <= $4 OR claimed_by = $3)))
         RETURNING *)
       SELECT true AS claimed, claimed.* FROM claimed
       UNION ALL
       SELECT false AS claimed, t.* FROM approval_task t
        WHERE t.id = $1 AND t.department_code = $2 AND NOT EXISTS (SELECT FROM claimed)`,
      [c.id, c.departmentCode, c.officerId, c.now, c.leaseExpiresAt],
    );
    const row = rows[0];
    if (row?.claimed === true) return { claimed: hydrate(m, row) };
    return { claimed: null, seen: row ? hydrate(m, row) : null };
  }

  /**
   * The decision as one conditional UPDATE, in the manner of `tryClaim`: it matches only while the
   * deciding officer holds an unexpired claim and the task has no decision, which is the rule of
   * `decide` for a first decision. A concurrent decision or claim that committed first makes
   * PostgreSQL re-check the row it left, so this one matches nothing; the caller then reads the row
   * and lets `decide` say why (a repeat of the same request, or a refusal). Returns the decided row,
   * which spares both the read before the write and the read after it. Bounds the transaction's lock
   * waits first (see BOUND_LOCK_WAITS).
   */
  async tryDecide(
    m: EntityManager,
    c: { departmentCode: string; id: string; status: 'APPROVED' | 'DENIED'; decision: Decision },
  ): Promise<ApprovalTask | null> {
    const d = c.decision;
    const [rows] = (await m.query(
      `${BOUND_LOCK_WAITS}
       UPDATE approval_task
          SET status = $4, claimed_by = NULL, claimed_at = NULL, lease_expires_at = NULL,
              outcome = $5, reason = $6, opinion = $7, pending_material_codes = $8,
              decided_by = $3, decided_at = $9, decision_request_id = $10, decision_request_digest = $11,
              version = version + 1, updated_at = $9
        WHERE id = $1 AND department_code = $2 AND ${LOCK_WAITS_BOUNDED}
          AND status = 'CLAIMED' AND claimed_by = $3 AND lease_expires_at > $9
          AND decision_request_id IS NULL
       RETURNING *`,
      [
        c.id,
        c.departmentCode,
        d.decidedBy,
        c.status,
        d.outcome,
        d.reason,
        d.opinion,
        d.pendingMaterialCodes,
        d.decidedAt,
        d.requestId,
        d.requestDigest,
      ],
    )) as [Array<Record<string, unknown>>, number];
    return rows[0] ? hydrate(m, rows[0]) : null;
  }

  /** Writes every changeable column of a task whose row this transaction locked (findForUpdate). */
  async save(m: EntityManager, task: ApprovalTask): Promise<void> {
    const e = toEntity(task);
    await m.update(
      ApprovalTaskEntity,
      { id: task.id, departmentCode: task.departmentCode },
      {
        status: e.status,
        materials: e.materials,
        promisedDeadline: e.promisedDeadline,
        legalDeadline: e.legalDeadline,
        claimedBy: e.claimedBy,
        claimedAt: e.claimedAt,
        leaseExpiresAt: e.leaseExpiresAt,
        pauseKind: e.pauseKind,
        pausedBy: e.pausedBy,
        pausedSince: e.pausedSince,
        pauseReason: e.pauseReason,
        pausedWorkingDays: e.pausedWorkingDays,
        transferredTo: e.transferredTo,
        transferredTaskId: e.transferredTaskId,
        version: e.version,
        updatedAt: e.updatedAt,
      },
    );
  }

  /**
   * The case's tasks in `status`, of any department, locked until the transaction ends. Raw SQL:
   * runs for every closed case (case.decided), where TypeORM's find built the same statement anew.
   */
  async ofCaseForUpdate(
    m: EntityManager,
    caseId: string,
    status: StoredTaskStatus | readonly StoredTaskStatus[],
  ): Promise<ApprovalTask[]> {
    const rows: Array<Record<string, unknown>> = await m.query(
      'SELECT * FROM approval_task WHERE case_id = $1 AND status = ANY($2) ORDER BY id FOR UPDATE',
      [caseId, typeof status === 'string' ? [status] : [...status]],
    );
    return rows.map((r) => hydrate(m, r));
  }

  /**
   * Up to `limit` claims whose lease ran out before `now`, locked; rows another instance is sweeping
   * are skipped (SKIP LOCKED), so several instances share the work and each expiry is handled once.
   */
  async expiredLeasesForUpdate(m: EntityManager, now: Date, limit: number): Promise<ApprovalTask[]> {
    const rows = await m
      .createQueryBuilder(ApprovalTaskEntity, 't')
      .where(`t.status = 'CLAIMED' AND t.lease_expires_at < :now`, { now })
      .orderBy('t.lease_expires_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return rows.map(toDomain);
  }

  /** One page of a department's queue in queue order (promised deadline, assignment, id), keyset-paged. */
  async page(q: TaskPageQuery): Promise<ApprovalTask[]> {
    const params: unknown[] = [q.departmentCode];
    const $ = (v: unknown) => `$${params.push(v)}`;
    const where = ['department_code = $1'];
    // A CLAIMED row whose lease ran out is a PENDING task for the department.
    switch (q.status) {
      case 'OPEN':
        where.push(`status IN ('PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED')`);
        break;
      case 'PENDING':
        where.push(`(status = 'PENDING' OR (status = 'CLAIMED' AND lease_expires_at <= ${$(q.now)}))`);
        break;
      case 'CLAIMED':
        where.push(`status = 'CLAIMED' AND lease_expires_at > ${$(q.now)}`);
        break;
      case 'SUPPLEMENT_REQUESTED':
      case 'SUSPENDED':
      case 'TRANSFERRED':
      case 'CANCELLED':
      case 'APPROVED':
      case 'DENIED':
        where.push(`status = ${$(q.status)}`);
        break;
      case 'NONE':
        return [];
    }
    if (q.matterCode) where.push(`matter_code = ${$(q.matterCode)}`);
    if (q.regionPrefix) where.push(`region_code LIKE ${$(`${q.regionPrefix}%`)}`);
    if (q.after) {
      where.push(
        `(promised_deadline, assigned_at, id) > (CAST(${$(q.after.promisedDeadline)} AS date), CAST(${$(q.after.assignedAt)} AS timestamptz), ${$(q.after.id)})`,
      );
    }
    const m = this.dataSource.manager;
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT * FROM approval_task WHERE ${where.join(' AND ')}
        ORDER BY promised_deadline, assigned_at, id LIMIT ${$(q.limit)}`,
      params,
    );
    return rows.map((r) => hydrate(m, r));
  }
}
