import {
  type DepartmentOutcome,
  evaluatePlan,
  type Outcome,
  type PlanTask,
  type StageSpec,
  type StageStatus,
  stageStatuses,
  type TaskResult,
} from './plan-verdict';

export type PlanStatus = 'IN_PROGRESS' | 'DECIDED' | 'WITHDRAWN';

export interface DispatchPlanState {
  planId: string;
  caseId: string;
  leadDepartmentCode: string;
  status: PlanStatus;
  stages: StageSpec[];
  /** In plan order: by stage, the lead department first. */
  tasks: PlanTask[];
  outcome?: Outcome;
  decidedAt?: string;
  withdrawnAt?: string;
}

export interface Decision {
  outcome: Outcome;
  /** One per denying department; empty when approved. */
  reasons: string[];
  departments: DepartmentOutcome[];
  decidedAt: string;
}

export type RecordOutcomeResult =
  | { kind: 'unknown-task' }
  /** The same outcome was already recorded for this task (a redelivery under a new event id). */
  | { kind: 'duplicate' }
  /** A different outcome was already recorded: the first one stands. */
  | { kind: 'conflicting'; recorded: Outcome }
  /** Recorded; `decision` is set only when this very outcome decided the plan. */
  | { kind: 'recorded'; decision?: Decision };

export type WithdrawResult = 'withdrawn' | 'already-withdrawn' | 'already-decided';

export class PlanInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInvariantError';
  }
}

export interface DraftPlan {
  planId: string;
  caseId: string;
  leadDepartmentCode: string;
  coDepartmentCodes: readonly string[];
  newTaskId: () => string;
}

/**
 * The dispatch plan of one case: which departments decide, in which stage, and what they decided.
 * It is the saga's state: it turns department outcomes into exactly one decision.
 */
export class DispatchPlan {
  private constructor(private readonly s: DispatchPlanState) {
    DispatchPlan.check(s);
  }

  /** One task per department — the lead department and every co-department — all in stage 1, all must approve. */
  static draft(d: DraftPlan): DispatchPlan {
    const departments = [...new Set([d.leadDepartmentCode, ...d.coDepartmentCodes])];
    return new DispatchPlan({
      planId: d.planId,
      caseId: d.caseId,
      leadDepartmentCode: d.leadDepartmentCode,
      status: 'IN_PROGRESS',
      stages: [{ stage: 1, completionRule: 'ALL' }],
      tasks: departments.map((departmentCode) => ({ taskId: d.newTaskId(), departmentCode, stage: 1 })),
    });
  }

  static restore(state: DispatchPlanState): DispatchPlan {
    return new DispatchPlan(structuredClone(state));
  }

  private static check(s: DispatchPlanState): void {
    const stages = new Set(s.stages.map((x) => x.stage));
    if (stages.size !== s.stages.length) throw new PlanInvariantError(`plan ${s.planId} repeats a stage`);
    for (const stage of stages) {
      if (!s.tasks.some((t) => t.stage === stage))
        throw new PlanInvariantError(`stage ${stage} of plan ${s.planId} has no task`);
    }
    const orphan = s.tasks.find((t) => !stages.has(t.stage));
    if (orphan)
      throw new PlanInvariantError(
        `task ${orphan.taskId} is in stage ${orphan.stage}, which plan ${s.planId} does not have`,
      );
    if (new Set(s.tasks.map((t) => t.taskId)).size !== s.tasks.length)
      throw new PlanInvariantError(`plan ${s.planId} repeats a task id`);
  }

  get state(): Readonly<DispatchPlanState> {
    return this.s;
  }

  get planId(): string {
    return this.s.planId;
  }

  get caseId(): string {
    return this.s.caseId;
  }

  get status(): PlanStatus {
    return this.s.status;
  }

  stageStatuses(): Array<StageSpec & { status: StageStatus }> {
    return stageStatuses(this.s.stages, this.s.tasks);
  }

  task(taskId: string): Readonly<PlanTask> | undefined {
    return this.s.tasks.find((t) => t.taskId === taskId);
  }

  /**
   * Records a department's outcome. Outcomes are recorded whatever the plan's status (the record is
   * the department's history), but only the outcome that first settles an open plan decides it.
   */
  recordOutcome(taskId: string, result: TaskResult): RecordOutcomeResult {
    const task = this.s.tasks.find((t) => t.taskId === taskId);
    if (!task) return { kind: 'unknown-task' };
    if (task.result) {
      return task.result.outcome === result.outcome
        ? { kind: 'duplicate' }
        : { kind: 'conflicting', recorded: task.result.outcome };
    }
    task.result = { ...result };
    if (this.s.status !== 'IN_PROGRESS') return { kind: 'recorded' };
    const verdict = evaluatePlan(this.s.stages, this.s.tasks);
    if (!verdict.decided) return { kind: 'recorded' };
    this.s.status = 'DECIDED';
    this.s.outcome = verdict.outcome;
    this.s.decidedAt = result.decidedAt;
    const { outcome, reasons, departments } = verdict;
    return { kind: 'recorded', decision: { outcome, reasons, departments, decidedAt: result.decidedAt } };
  }

  /** A case can be withdrawn only before it is decided. */
  withdraw(at: string): WithdrawResult {
    if (this.s.status === 'DECIDED') return 'already-decided';
    if (this.s.status === 'WITHDRAWN') return 'already-withdrawn';
    this.s.status = 'WITHDRAWN';
    this.s.withdrawnAt = at;
    return 'withdrawn';
  }
}
