import { Injectable } from '@nestjs/common';
import type { BundlePublished, CaseSummary } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import type { MatterVersion } from '../../catalog/domain/matter-version';
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

/** What routing an accepted case starts from, read in one statement (see `routingLookup`). */
export interface RoutingLookup {
  /** The case's plan, when it is routed already. */
  planId?: string;
  /** The bundle the case names (its version or the nearest newer one), when its code is a bundle's. */
  bundle?: BundlePublished;
  /** The exact matter version the case names, when routing's catalogue holds it. */
  matter?: MatterVersion;
}

interface MatterRow {
  code: string;
  version: number;
  name: string;
  department_code: string;
  co_department_codes: string[];
  legal_limit_days: number;
  promised_limit_days: number;
  status: 'ACTIVE' | 'RETIRED';
}

/** The plan row's columns under the entity's property names, for the raw reads below. */
const PLAN_COLUMNS = `p.id, p.case_id AS "caseId", p.case_no AS "caseNo", p.matter_code AS "matterCode",
  p.matter_version AS "matterVersion", p.lead_department_code AS "leadDepartmentCode", p.status, p.kind,
  p.rule_versions AS "ruleVersions", p.assignment, p.outcome, p.case_summary AS "caseSummary",
  p.routed_event_id AS "routedEventId", p.decided_event_id AS "decidedEventId", p.decided_at AS "decidedAt",
  p.withdrawn_at AS "withdrawnAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** A task as json_agg hands it over: timestamps as ISO text. */
type TaskJson = Omit<PlanTaskEntity, 'holdSince' | 'decidedAt' | 'createdAt' | 'updatedAt'> & {
  holdSince: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const date = (v: string | null): Date | null => (v === null ? null : new Date(v));

/** The tasks' columns as parallel arrays, for INSERT … SELECT FROM unnest(…): one statement for any number of tasks. */
function taskArrays(plan: DispatchPlan, decision: { taskId: string; eventId: string } | undefined, now: Date): unknown[] {
  const tasks = plan.state.tasks;
  return [
    tasks.map((t) => t.taskId),
    tasks.map((t) => t.stage),
    tasks.map((_, position) => position),
    tasks.map((t) => t.departmentCode),
    tasks.map((t) => t.state),
    tasks.map((t) => t.result?.reason ?? null),
    tasks.map((t) => t.result?.opinion ?? null),
    tasks.map((t) => t.result?.officerId ?? null),
    tasks.map((t) => t.result?.documentsPending ?? null),
    tasks.map((t) => (t.result ? new Date(t.result.decidedAt) : null)),
    tasks.map((t) => (decision?.taskId === t.taskId ? decision.eventId : null)),
    tasks.map((t) => t.hold?.reason ?? null),
    tasks.map((t) => (t.hold ? new Date(t.hold.since) : null)),
    tasks.map((t) => t.transferredTo ?? null),
    tasks.map((t) => t.replaces ?? null),
    now,
  ];
}

/**
 * The SELECT that feeds plan_task from the arrays of `taskArrays`, placed at parameter `$first` on;
 * `planId` is the SQL for the plan's id, `from` any relation to join first (a CTE that gates the rows).
 */
function tasksFromArrays(planId: string, first: number, from = ''): string {
  const p = (i: number) => `$${first + i}`;
  return `SELECT t.task_id, ${planId}, t.stage, t.position, t.department_code, t.status, t.reason, t.opinion,
         t.officer_id, t.documents_pending, t.decided_at, t.decision_event_id, t.hold_reason, t.hold_since,
         t.transferred_to, t.replaces, ${p(15)}::timestamptz, ${p(15)}::timestamptz
    FROM ${from}unnest(${p(0)}::text[], ${p(1)}::int[], ${p(2)}::int[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[],
                ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::boolean[], ${p(9)}::timestamptz[], ${p(10)}::text[],
                ${p(11)}::text[], ${p(12)}::timestamptz[], ${p(13)}::text[], ${p(14)}::text[])
      AS t(task_id, stage, position, department_code, status, reason, opinion, officer_id, documents_pending,
           decided_at, decision_event_id, hold_reason, hold_since, transferred_to, replaces)`;
}

const TASK_COLUMNS = `task_id, plan_id, stage, position, department_code, status, reason, opinion, officer_id,
  documents_pending, decided_at, decision_event_id, hold_reason, hold_since, transferred_to, replaces, created_at, updated_at`;

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
  /**
   * Everything routing reads before it matches rules, in one statement instead of four: the case's
   * plan if it has one, the bundle or the exact matter version it names — and the shared in-force
   * lock of its matter code (see RulesRepository.inForce). Only reads that no rule application
   * changes share the statement with the lock; the rules themselves are read by a later one.
   */
  async routingLookup(tx: EntityManager, caseId: string, code: string, version: number): Promise<RoutingLookup> {
    const rows: Array<{ plan_id: string | null; bundle: BundlePublished | null; matter: MatterRow | null }> = await tx.query(
      `SELECT pg_advisory_xact_lock_shared(hashtext('routing-rules-in-force:' || $2)) AS locked,
              (SELECT id FROM dispatch_plan WHERE case_id = $1) AS plan_id,
              (SELECT definition FROM bundle_version WHERE code = $2 AND version >= $3 ORDER BY version ASC LIMIT 1) AS bundle,
              (SELECT row_to_json(m) FROM (
                 SELECT code, version, name, department_code, co_department_codes, legal_limit_days, promised_limit_days, status
                   FROM matter_version WHERE code = $2 AND version = $3) m) AS matter`,
      [caseId, code, version],
    );
    const r = rows[0];
    const m = r.matter;
    return {
      ...(r.plan_id ? { planId: r.plan_id } : {}),
      ...(r.bundle ? { bundle: r.bundle } : {}),
      ...(m
        ? {
            matter: {
              code: m.code,
              version: m.version,
              name: m.name,
              departmentCode: m.department_code,
              coDepartmentCodes: m.co_department_codes,
              legalLimitDays: m.legal_limit_days,
              promisedLimitDays: m.promised_limit_days,
              status: m.status,
            },
          }
        : {}),
    };
  }

  async planIdOfCase(tx: EntityManager, caseId: string): Promise<string | undefined> {
    const row = await tx
      .getRepository(DispatchPlanEntity)
      .findOne({ select: { id: true }, where: { caseId } });
    return row?.id;
  }

  /**
   * Inserts a new plan with its stages and tasks, and marks the case routed in the unroutable queue
   * (a no-op unless it waited there) — one statement. Returns false, writing nothing, when the case
   * already has a plan (another instance routed it a moment ago): the unique case id decides, and
   * the stages, tasks and queue mark hang off the plan row the statement inserted.
   */
  async insert(tx: EntityManager, plan: DispatchPlan, record: PlanRecord): Promise<boolean> {
    const s = plan.state;
    const first = Math.min(...s.stages.map((st) => st.stage));
    const inserted: unknown[] = await tx.query(
      `WITH plan AS (
         INSERT INTO dispatch_plan (id, case_id, case_no, matter_code, matter_version, lead_department_code, status,
           case_summary, kind, rule_versions, assignment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (case_id) DO NOTHING
         RETURNING id),
       stages AS (
         INSERT INTO plan_stage (plan_id, stage, completion_rule, opened_at)
         SELECT plan.id, st.stage, st.completion_rule, CASE WHEN st.stage = $12 THEN $13::timestamptz END
           FROM plan, unnest($14::int[], $15::text[]) AS st(stage, completion_rule)),
       tasks AS (
         INSERT INTO plan_task (${TASK_COLUMNS})
         ${tasksFromArrays('plan.id', 16, 'plan, ')}),
       queue AS (
         UPDATE unroutable_case SET routed_at = now(), plan_id = $1, last_attempt_at = now()
          WHERE case_id = $2 AND routed_at IS NULL AND EXISTS (SELECT 1 FROM plan))
       SELECT id FROM plan`,
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
        first,
        new Date(),
        s.stages.map((st) => st.stage),
        s.stages.map((st) => st.completionRule),
        ...taskArrays(plan, undefined, new Date()),
      ],
    );
    return inserted.length > 0;
  }

  /** Loads the plan that holds the task, locking the plan row until the transaction ends. */
  async lockByTaskId(tx: EntityManager, taskId: string): Promise<LoadedPlan | undefined> {
    // The task's plan id never changes, so finding it may share the locking statement.
    return this.lock(tx, { taskId });
  }

  /** Loads the case's plan, locking the plan row until the transaction ends. */
  async lockByCaseId(tx: EntityManager, caseId: string): Promise<LoadedPlan | undefined> {
    return this.lock(tx, { caseId });
  }

  /**
   * SELECT … FOR UPDATE on the plan row serialises everything that changes one plan: two instances
   * recording the last two outcomes at once cannot both decide, nor both miss the decision. Stages
   * and tasks are read by the next statement, after the lock is held, so they include what the
   * previous holder committed (a statement's snapshot is taken when it starts). Two statements.
   */
  private async lock(
    tx: EntityManager,
    where: { taskId: string } | { caseId: string },
  ): Promise<LoadedPlan | undefined> {
    const plans: DispatchPlanEntity[] =
      'taskId' in where
        ? await tx.query(
            `SELECT ${PLAN_COLUMNS} FROM dispatch_plan p
              WHERE p.id = (SELECT plan_id FROM plan_task WHERE task_id = $1) FOR UPDATE OF p`,
            [where.taskId],
          )
        : await tx.query(`SELECT ${PLAN_COLUMNS} FROM dispatch_plan p WHERE p.case_id = $1 FOR UPDATE`, [where.caseId]);
    const plan = plans[0];
    if (!plan) return undefined;
    return restorePlan({ plan, ...(await this.lockedChildren(tx, plan.id)) });
  }

  /** A locked plan's stages and tasks in one statement (two json arrays), in stage and task order. */
  private async lockedChildren(tx: EntityManager, planId: string): Promise<Omit<StoredPlan, 'plan'>> {
    const rows: Array<{ stages: PlanStageEntity[]; tasks: TaskJson[] }> = await tx.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('planId', plan_id, 'stage', stage, 'completionRule', completion_rule,
                   'openedAt', opened_at) ORDER BY stage), '[]') FROM plan_stage WHERE plan_id = $1) AS stages,
         (SELECT coalesce(json_agg(json_build_object('taskId', task_id, 'planId', plan_id, 'stage', stage,
                   'position', position, 'departmentCode', department_code, 'status', status, 'holdReason', hold_reason,
                   'holdSince', hold_since, 'transferredTo', transferred_to, 'replaces', replaces, 'reason', reason,
                   'opinion', opinion, 'officerId', officer_id, 'documentsPending', documents_pending,
                   'decidedAt', decided_at, 'decisionEventId', decision_event_id, 'createdAt', created_at,
                   'updatedAt', updated_at) ORDER BY position), '[]') FROM plan_task WHERE plan_id = $1) AS tasks`,
      [planId],
    );
    return {
      stages: rows[0].stages,
      tasks: rows[0].tasks.map((t) => ({
        ...t,
        holdSince: date(t.holdSince),
        decidedAt: date(t.decidedAt),
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    };
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
   * Writes the plan as the aggregate now has it — its status, every task (new ones from transfers
   * included; unchanged ones are skipped by the upsert's WHERE), the stage it opened and the
   * `case.decided` it published — in one statement. `decisionEventId` names the `task.decided` a
   * newly recorded outcome came from.
   */
  async save(
    tx: EntityManager,
    plan: DispatchPlan,
    opts: { decisionEventId?: { taskId: string; eventId: string }; openedStage?: number; decidedEventId?: string } = {},
  ): Promise<void> {
    const s = plan.state;
    const now = new Date();
    await tx.query(
      `WITH plan AS (
         UPDATE dispatch_plan SET status = $2, outcome = $3, decided_at = $4, withdrawn_at = $5, updated_at = $6,
                decided_event_id = coalesce($7, decided_event_id)
          WHERE id = $1),
       stage AS (
         UPDATE plan_stage SET opened_at = $6 WHERE plan_id = $1 AND stage = $8),
       tasks AS (
         INSERT INTO plan_task AS pt (${TASK_COLUMNS})
         ${tasksFromArrays('$1', 9)}
         ON CONFLICT (task_id) DO UPDATE SET
           status = EXCLUDED.status, reason = EXCLUDED.reason, opinion = EXCLUDED.opinion,
           officer_id = EXCLUDED.officer_id, documents_pending = EXCLUDED.documents_pending,
           decided_at = EXCLUDED.decided_at,
           decision_event_id = coalesce(EXCLUDED.decision_event_id, pt.decision_event_id),
           hold_reason = EXCLUDED.hold_reason, hold_since = EXCLUDED.hold_since,
           transferred_to = EXCLUDED.transferred_to, replaces = EXCLUDED.replaces, updated_at = EXCLUDED.updated_at
         WHERE (pt.status, pt.hold_since, pt.transferred_to) IS DISTINCT FROM
               (EXCLUDED.status, EXCLUDED.hold_since, EXCLUDED.transferred_to))
       SELECT 1`,
      [
        s.planId,
        s.status,
        s.outcome ?? null,
        s.decidedAt ? new Date(s.decidedAt) : null,
        s.withdrawnAt ? new Date(s.withdrawnAt) : null,
        now,
        opts.decidedEventId ?? null,
        opts.openedStage ?? null,
        ...taskArrays(plan, opts.decisionEventId, now),
      ],
    );
  }

  /** The `case.routed` a new plan was announced by (known only once published, after the plan's insert). */
  async setRoutedEventId(tx: EntityManager, planId: string, eventId: string): Promise<void> {
    await tx.query('UPDATE dispatch_plan SET routed_event_id = $2 WHERE id = $1', [planId, eventId]);
  }
}
