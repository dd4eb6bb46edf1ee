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
    const e = await m.findOneBy(ApprovalTaskEntity, { id, departmentCode });
    return e ? toDomain(e) : null;
  }

  /** Lock waits in this transaction give up after a while instead of holding a caller beyond its deadline. */
  async boundLockWaits(m: EntityManager): Promise<void> {
    await m.query(`SET LOCAL lock_timeout = '5s'`);
  }

  /** Reads the task and locks its row until the transaction ends: concurrent changes to it queue up. */
  async findForUpdate(m: EntityManager, departmentCode: string, id: string): Promise<ApprovalTask | null> {
    const e = await m.findOne(ApprovalTaskEntity, {
      where: { id, departmentCode },
      lock: { mode: 'pessimistic_write' },
    });
    return e ? toDomain(e) : null;
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
    const result = await m
      .createQueryBuilder()
      .update(ApprovalTaskEntity)
      .set({
        status: 'CLAIMED',
        claimedBy: c.officerId,
        claimedAt: c.now,
        leaseExpiresAt: c.leaseExpiresAt,
        version: () => 'version + 1',
        updatedAt: c.now,
      })
      .where('id = :id AND department_code = :dept', { id: c.id, dept: c.departmentCode })
      .andWhere(
        `(status = 'PENDING' OR (status = 'CLAIMED' AND (lease_expires_at <= :now OR claimed_by = :officer)))`,
        {
          now: c.now,
          officer: c.officerId,
        },
      )
      .returning(['id'])
      .execute();
    if ((result.raw as unknown[]).length === 0) return null;
    return this.find(c.departmentCode, c.id, m);
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
    const qb = this.dataSource.manager
      .createQueryBuilder(ApprovalTaskEntity, 't')
      .where('t.department_code = :dept', { dept: q.departmentCode });
    // A CLAIMED row whose lease ran out is a PENDING task for the department.
    switch (q.status) {
      case 'OPEN':
        qb.andWhere(`t.status IN ('PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED')`);
        break;
      case 'PENDING':
        qb.andWhere(`(t.status = 'PENDING' OR (t.status = 'CLAIMED' AND t.lease_expires_at <= :now))`, {
          now: q.now,
        });
        break;
      case 'CLAIMED':
        qb.andWhere(`t.status = 'CLAIMED' AND t.lease_expires_at > :now`, { now: q.now });
        break;
      case 'SUPPLEMENT_REQUESTED':
      case 'SUSPENDED':
      case 'TRANSFERRED':
      case 'CANCELLED':
      case 'APPROVED':
      case 'DENIED':
        qb.andWhere('t.status = :status', { status: q.status });
        break;
      case 'NONE':
        return [];
    }
    if (q.matterCode) qb.andWhere('t.matter_code = :matter', { matter: q.matterCode });
    if (q.regionPrefix) qb.andWhere('t.region_code LIKE :region', { region: `${q.regionPrefix}%` });
    if (q.after) {
      qb.andWhere(
        '(t.promised_deadline, t.assigned_at, t.id) > (CAST(:afterDeadline AS date), CAST(:afterAssigned AS timestamptz), :afterId)',
        {
          afterDeadline: q.after.promisedDeadline,
          afterAssigned: q.after.assignedAt,
          afterId: q.after.id,
        },
      );
    }
    const rows = await qb
      .orderBy('t.promisedDeadline', 'ASC')
      .addOrderBy('t.assignedAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(q.limit)
      .getMany();
    return rows.map(toDomain);
  }
}
