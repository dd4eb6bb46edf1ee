import { Injectable } from '@nestjs/common';
import type { CaseSummary } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { DispatchPlan } from '../domain/dispatch-plan';
import type { PlanTask } from '../domain/plan-verdict';
import { DispatchPlanEntity } from './dispatch-plan.entity';
import { PlanStageEntity } from './plan-stage.entity';
import { PlanTaskEntity } from './plan-task.entity';

/** What the plan row holds besides the aggregate's own state. */
export interface PlanRecord {
  caseSummary: CaseSummary;
  matterCode: string;
  matterVersion: number;
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
  const base = { taskId: t.taskId, departmentCode: t.departmentCode, stage: t.stage };
  if (t.status === 'OPEN' || !t.decidedAt) return base;
  return {
    ...base,
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
    record: { caseSummary: plan.caseSummary, matterCode: plan.matterCode, matterVersion: plan.matterVersion },
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
      `INSERT INTO dispatch_plan (id, case_id, case_no, matter_code, matter_version, lead_department_code, status, case_summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
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
      ],
    );
    if (inserted.length === 0) return false;
    await tx
      .getRepository(PlanStageEntity)
      .insert(
        s.stages.map((st) => ({ planId: s.planId, stage: st.stage, completionRule: st.completionRule })),
      );
    await tx.getRepository(PlanTaskEntity).insert(
      s.tasks.map((t, position) => ({
        taskId: t.taskId,
        planId: s.planId,
        stage: t.stage,
        position,
        departmentCode: t.departmentCode,
        status: 'OPEN' as const,
      })),
    );
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

  /** Writes the plan's status and one task's outcome, as the aggregate now has them. */
  async saveOutcome(tx: EntityManager, plan: DispatchPlan, taskId: string, eventId: string): Promise<void> {
    const task = plan.task(taskId);
    if (!task?.result) throw new Error(`task ${taskId} has no outcome to save`);
    const r = task.result;
    await tx.getRepository(PlanTaskEntity).update(
      { taskId },
      {
        status: r.outcome,
        reason: r.reason ?? null,
        opinion: r.opinion ?? null,
        officerId: r.officerId,
        documentsPending: r.documentsPending,
        decidedAt: new Date(r.decidedAt),
        decisionEventId: eventId,
        updatedAt: new Date(),
      },
    );
    await this.saveStatus(tx, plan);
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
