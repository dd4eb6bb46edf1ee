import { Injectable } from '@nestjs/common';
import type { CaseSummary } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { DispatchPlan } from '../domain/dispatch-plan';
import type { PlanTask } from '../domain/plan-verdict';
import { DispatchPlanEntity, type PlanAssignment } from './dispatch-plan.entity';
import { PlanStageEntity } from './plan-stage.entity';
import { PlanTaskEntity } from './plan-task.entity';

/** What the plan row holds besides the aggregate's own state. */
export interface PlanRecord {
  caseSummary: CaseSummary;
  matterCode: string;
  matterVersion: number;
  kind: 'MATTER' | 'BUNDLE';
  ruleVersions: Record<string, number>;
  assignment: PlanAssignment | null;
}

export interface LoadedPlan {
  plan: DispatchPlan;
  record: PlanRecord;
}

export interface StoredPlan {
  plan: DispatchPlanEntity;
  stages: PlanStageEntity[];
  tasks: PlanTaskEntity[];
}

function taskToDomain(t: PlanTaskEntity): PlanTask {
  const task: PlanTask = {
    taskId: t.taskId,
    departmentCode: t.departmentCode,
    stage: t.stage,
    state: t.status,
    ...(t.holdSince ? { hold: { reason: t.holdReason ?? '', since: t.holdSince.toISOString() } } : {}),
    ...(t.transferredTo ? { transferredTo: t.transferredTo } : {}),
    ...(t.replaces ? { replaces: t.replaces } : {}),
  };
  if (!t.decidedAt || (t.status !== 'APPROVED' && t.status !== 'DENIED')) return task;
  return {
    ...task,
    result: {
      outcome: t.status,
      officerId: t.officerId ?? '',
      documentsPending: t.documentsPending ?? false,
      decidedAt: t.decidedAt.toISOString(),
      ...(t.reason !== null ? { reason: t.reason } : {}),
      ...(t.opinion !== null ? { opinion: t.opinion } : {}),
    },
  };
}

export function restorePlan({ plan, stages, tasks }: StoredPlan): LoadedPlan {
  return {
    plan: DispatchPlan.restore({
      planId: plan.id,
      caseId: plan.caseId,
      leadDepartmentCode: plan.leadDepartmentCode,
      status: plan.status,
      stages: stages.map((s) => ({ stage: s.stage, completionRule: s.completionRule })),
      tasks: tasks.map(taskToDomain),
      ...(plan.outcome ? { outcome: plan.outcome } : {}),
      ...(plan.decidedAt ? { decidedAt: plan.decidedAt.toISOString() } : {}),
      ...(plan.withdrawnAt ? { withdrawnAt: plan.withdrawnAt.toISOString() } : {}),
    }),
    record: {
      caseSummary: plan.caseSummary,
      matterCode: plan.matterCode,
      matterVersion: plan.matterVersion,
      kind: plan.kind,
      ruleVersions: plan.ruleVersions,
      assignment: plan.assignment,
    },
  };
}

@Injectable()
export class DispatchPlanRepository {
  async planIdOfCase(tx: EntityManager, caseId: string): Promise<string | undefined> {
    const row = await tx
      .getRepository(DispatchPlanEntity)
      .findOne({ select: { id: true }, where: { caseId } });
    return row?.id;
  }

  /**
   * Inserts a new plan with its stages and tasks. Returns false, writing nothing, when the case
   * already has a plan (another instance routed it a moment ago): the unique case id decides.
   */
  async insert(tx: EntityManager, plan: DispatchPlan, record: PlanRecord): Promise<boolean> {
    const s = plan.state;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO dispatch_plan (id, case_id, case_no, matter_code, matter_version, lead_department_code, status,
         case_summary, kind, rule_versions, assignment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (case_id) DO NOTHING
       RETURNING id`,
      [
        s.planId,
        s.caseId,
        record.caseSummary.caseNo,
        record.matterCode,
        record.matterVersion,
        s.leadDepartmentCode,
        s.status,
        JSON.stringify(record.caseSummary),
        record.kind,
        JSON.stringify(record.ruleVersions),
        record.assignment ? JSON.stringify(record.assignment) : null,
      ],
    );
    if (inserted.length === 0) return false;
    const first = Math.min(...s.stages.map((st) => st.stage));
    await tx.getRepository(PlanStageEntity).insert(
      s.stages.map((st) => ({
        planId: s.planId,
        stage: st.stage,
        completionRule: st.completionRule,
        openedAt: st.stage === first ? new Date() : null,
      })),
    );
    await this.saveTasks(tx, plan);
    return true;
  }

  /** Loads the plan that holds the task, locking the plan row until the transaction ends. */
  async lockByTaskId(tx: EntityManager, taskId: string): Promise<LoadedPlan | undefined> {
    const task = await tx
      .getRepository(PlanTaskEntity)
      .findOne({ select: { planId: true }, where: { taskId } });
    return task ? this.lock(tx, { id: task.planId }) : undefined;
  }

  /** Loads the case's plan, locking the plan row until the transaction ends. */
  async lockByCaseId(tx: EntityManager, caseId: string): Promise<LoadedPlan | undefined> {
    return this.lock(tx, { caseId });
  }

  /**
   * SELECT … FOR UPDATE on the plan row serialises everything that changes one plan: two instances
   * recording the last two outcomes at once cannot both decide, nor both miss the decision. Tasks
   * are read after the lock is held, so they include what the previous holder committed.
   */
  private async lock(
    tx: EntityManager,
    where: { id: string } | { caseId: string },
  ): Promise<LoadedPlan | undefined> {
    const plan = await tx
      .getRepository(DispatchPlanEntity)
      .findOne({ where, lock: { mode: 'pessimistic_write' } });
    if (!plan) return undefined;
    return restorePlan(await this.children(tx, plan));
  }

  async read(tx: EntityManager, caseId: string): Promise<StoredPlan | undefined> {
    const plan = await tx.getRepository(DispatchPlanEntity).findOneBy({ caseId });
    return plan ? this.children(tx, plan) : undefined;
  }

  private async children(tx: EntityManager, plan: DispatchPlanEntity): Promise<StoredPlan> {
    const stages = await tx
      .getRepository(PlanStageEntity)
      .find({ where: { planId: plan.id }, order: { stage: 'ASC' } });
    const tasks = await tx
      .getRepository(PlanTaskEntity)
      .find({ where: { planId: plan.id }, order: { position: 'ASC' } });
    return { plan, stages, tasks };
  }

  /**
   * Writes the plan as the aggregate now has it: its status and every task (new ones from transfers
   * included). `decisionEventId` names the `task.decided` a newly recorded outcome came from.
   */
  async save(
    tx: EntityManager,
    plan: DispatchPlan,
    opts: { decisionEventId?: { taskId: string; eventId: string }; openedStage?: number } = {},
  ): Promise<void> {
    await this.saveStatus(tx, plan);
    await this.saveTasks(tx, plan, opts.decisionEventId);
    if (opts.openedStage !== undefined) {
      await tx
        .getRepository(PlanStageEntity)
        .update({ planId: plan.planId, stage: opts.openedStage }, { openedAt: new Date() });
    }
  }

  private async saveTasks(
    tx: EntityManager,
    plan: DispatchPlan,
    decision?: { taskId: string; eventId: string },
  ): Promise<void> {
    const now = new Date();
    const s = plan.state;
    for (const [position, t] of s.tasks.entries()) {
      const r = t.result;
      await tx.query(
        `INSERT INTO plan_task AS pt (task_id, plan_id, stage, position, department_code, status, reason, opinion,
           officer_id, documents_pending, decided_at, decision_event_id, hold_reason, hold_since, transferred_to,
           replaces, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
         ON CONFLICT (task_id) DO UPDATE SET
           status = EXCLUDED.status, reason = EXCLUDED.reason, opinion = EXCLUDED.opinion,
           officer_id = EXCLUDED.officer_id, documents_pending = EXCLUDED.documents_pending,
           decided_at = EXCLUDED.decided_at,
           decision_event_id = coalesce(EXCLUDED.decision_event_id, pt.decision_event_id),
           hold_reason = EXCLUDED.hold_reason, hold_since = EXCLUDED.hold_since,
           transferred_to = EXCLUDED.transferred_to, replaces = EXCLUDED.replaces, updated_at = EXCLUDED.updated_at
         WHERE (pt.status, pt.hold_since, pt.transferred_to) IS DISTINCT FROM
               (EXCLUDED.status, EXCLUDED.hold_since, EXCLUDED.transferred_to)`,
        [
          t.taskId,
          s.planId,
          t.stage,
          position,
          t.departmentCode,
          t.state,
          r?.reason ?? null,
          r?.opinion ?? null,
          r?.officerId ?? null,
          r?.documentsPending ?? null,
          r ? new Date(r.decidedAt) : null,
          decision?.taskId === t.taskId ? decision.eventId : null,
          t.hold?.reason ?? null,
          t.hold ? new Date(t.hold.since) : null,
          t.transferredTo ?? null,
          t.replaces ?? null,
          now,
        ],
      );
    }
  }

  async saveStatus(tx: EntityManager, plan: DispatchPlan): Promise<void> {
    const s = plan.state;
    await tx.getRepository(DispatchPlanEntity).update(
      { id: s.planId },
      {
        status: s.status,
        outcome: s.outcome ?? null,
        decidedAt: s.decidedAt ? new Date(s.decidedAt) : null,
        withdrawnAt: s.withdrawnAt ? new Date(s.withdrawnAt) : null,
        updatedAt: new Date(),
      },
    );
  }

  async setEventIds(
    tx: EntityManager,
    planId: string,
    ids: { routedEventId?: string; decidedEventId?: string },
  ): Promise<void> {
    await tx.getRepository(DispatchPlanEntity).update({ id: planId }, ids);
  }
}
