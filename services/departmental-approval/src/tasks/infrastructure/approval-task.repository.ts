import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ApprovalTask, StoredTaskStatus } from '../domain/approval-task';
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

/** Where the approval tasks live. Every read and write names the department: no task leaks across queues. */
@Injectable()
export class ApprovalTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the tasks that are not there yet (by task id, or by case, department and stage); returns those inserted. */
  async insertNew(m: EntityManager, tasks: ApprovalTask[]): Promise<ApprovalTask[]> {
    if (tasks.length === 0) return [];
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(ApprovalTaskEntity)
      .values(tasks.map(toEntity))
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = new Set((result.raw as Array<{ id: string }>).map((r) => r.id));
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

  /** Lock waits in this transaction give up after a while instead of holding a caller beyond its deadline. */
  async boundLockWaits(m: EntityManager): Promise<void> {
    await m.query(`SET LOCAL lock_timeout = '5s'`);
  }

  /** Reads the task and locks its row until the transaction ends: concurrent changes to it queue up. */
  async findForUpdate(m: EntityManager, departmentCode: string, id: string): Promise<ApprovalTask | null> {
    const rows: Array<Record<string, unknown>> = await m.query(
      'SELECT * FROM approval_task WHERE id = $1 AND department_code = $2 FOR UPDATE',
      [id, departmentCode],
    );
    return rows[0] ? hydrate(m, rows[0]) : null;
  }

  /**
   * The claim as one conditional UPDATE: of concurrent claims exactly one finds the row PENDING (or
   * its lease expired); PostgreSQL re-checks the condition on the row the winner committed, so the
   * others match nothing. The holder's own renewal also matches. Same rule as `claimRefusal`.
   */
  async tryClaim(
    m: EntityManager,
    c: { departmentCode: string; id: string; officerId: string; now: Date; leaseExpiresAt: Date },
  ): Promise<ApprovalTask | null> {
    // RETURNING the row spares the read after it. (TypeORM answers an UPDATE with [rows, count].)
    const [rows] = (await m.query(
      `UPDATE approval_task
          SET status = 'CLAIMED', claimed_by = $3, claimed_at = $4, lease_expires_at = $5,
              version = version + 1, updated_at = $4
        WHERE id = $1 AND department_code = $2
          AND (status = 'PENDING' OR (status = 'CLAIMED' AND (lease_expires_at <= $4 OR claimed_by = $3)))
       RETURNING *`,
      [c.id, c.departmentCode, c.officerId, c.now, c.leaseExpiresAt],
    )) as [Array<Record<string, unknown>>, number];
    return rows[0] ? hydrate(m, rows[0]) : null;
  }

  /** Writes a decided task (the row is locked by findForUpdate in the same transaction). */
  async saveDecision(m: EntityManager, task: ApprovalTask): Promise<void> {
    const e = toEntity(task);
    await m.update(
      ApprovalTaskEntity,
      { id: task.id, departmentCode: task.departmentCode },
      {
        status: e.status,
        claimedBy: e.claimedBy,
        claimedAt: e.claimedAt,
        leaseExpiresAt: e.leaseExpiresAt,
        outcome: e.outcome,
        reason: e.reason,
        opinion: e.opinion,
        pendingMaterialCodes: e.pendingMaterialCodes,
        decidedBy: e.decidedBy,
        decidedAt: e.decidedAt,
        decisionRequestId: e.decisionRequestId,
        decisionRequestDigest: e.decisionRequestDigest,
        version: e.version,
        updatedAt: e.updatedAt,
      },
    );
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

  /** The case's tasks in `status`, of any department, locked until the transaction ends. */
  async ofCaseForUpdate(
    m: EntityManager,
    caseId: string,
    status: StoredTaskStatus | readonly StoredTaskStatus[],
  ): Promise<ApprovalTask[]> {
    const rows = await m.find(ApprovalTaskEntity, {
      where: { caseId, status: typeof status === 'string' ? status : In([...status]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.map(toDomain);
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
