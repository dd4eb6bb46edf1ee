import {
  type CompletionRule,
  type DepartmentOutcome,
  evaluatePlan,
  type Outcome,
  type PlanTask,
  type StageSpec,
  type StageStatus,
  stageStatuses,
  type TaskResult,
} from './plan-verdict';

/** PAUSED: a department waits for the applicant's supplement. SUSPENDED: a special procedure runs. */
export type PlanStatus = 'IN_PROGRESS' | 'PAUSED' | 'SUSPENDED' | 'DECIDED' | 'WITHDRAWN';

export interface DispatchPlanState {
  planId: string;
  caseId: string;
  leadDepartmentCode: string;
  status: PlanStatus;
  stages: StageSpec[];
  /** In plan order: by stage, the lead department first, transfers' new tasks appended. */
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

export interface OpenedStage {
  stage: number;
  tasks: Array<Pick<PlanTask, 'taskId' | 'departmentCode' | 'stage'>>;
}

export type RecordOutcomeResult =
  | { kind: 'unknown-task' }
  /** The task's stage has not opened: the outcome overtook what opens it; wait for it. */
  | { kind: 'not-open-yet' }
  /** The task was transferred away or cancelled: its outcome decides nothing. */
  | { kind: 'ignored'; state: 'TRANSFERRED' | 'CANCELLED' }
  /** The same outcome was already recorded for this task (a redelivery under a new event id). */
  | { kind: 'duplicate' }
  /** A different outcome was already recorded: the first one stands. */
  | { kind: 'conflicting'; recorded: Outcome }
  /**
   * Recorded. `decision` is set only when this very outcome decided the plan (with the tasks it
   * cancelled); `opened` when it completed a stage and opened the next one.
   */
  | { kind: 'recorded'; decision?: Decision; cancelled?: string[]; opened?: OpenedStage };

export type WithdrawResult = 'withdrawn' | 'already-withdrawn' | 'already-decided';

export type HoldKind = 'SUPPLEMENT_REQUESTED' | 'SUSPENDED';

export type HoldResult =
  | { kind: 'held'; status: PlanStatus }
  | { kind: 'released'; status: PlanStatus }
  | { kind: 'unchanged' }
  | { kind: 'unknown-task' }
  | { kind: 'not-open-yet' };

export type TransferResult =
  | { kind: 'transferred' }
  | { kind: 'duplicate' }
  | { kind: 'unknown-task' }
  | { kind: 'not-open-yet' }
  /** The task is already decided, cancelled or moved elsewhere: a transfer cannot change that. */
  | { kind: 'refused'; state: string };

export class PlanInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInvariantError';
  }
}

export interface DraftStage {
  stage: number;
  completionRule: CompletionRule;
  departmentCodes: readonly string[];
}

export interface DraftPlan {
  planId: string;
  caseId: string;
  leadDepartmentCode: string;
  stages: readonly DraftStage[];
  newTaskId: () => string;
}

const OPEN_STATES = new Set<PlanTask['state']>(['OPEN', 'SUPPLEMENT_REQUESTED', 'SUSPENDED']);
const LIVE_STATES = new Set<PlanTask['state']>(['WAITING', ...OPEN_STATES]);

/**
 * The dispatch plan of one case: which departments decide, in which stage, and what they decided.
 * It is the saga's state: stages open one after the other, department outcomes turn into exactly one
 * decision, and holds (supplement, suspension), transfers and withdrawal keep it consistent.
 */
export class DispatchPlan {
  private constructor(private readonly s: DispatchPlanState) {
    DispatchPlan.check(s);
  }

  /** One task per department of each stage; the first stage opens at once, the others wait. */
  static draft(d: DraftPlan): DispatchPlan {
    const stages = [...d.stages].sort((a, b) => a.stage - b.stage);
    const first = stages[0]?.stage;
    const tasks: PlanTask[] = stages.flatMap((st) => {
      const depts = [...new Set(st.departmentCodes)];
      // The lead department first within its stage: operators read it that way.
      depts.sort((a, b) => Number(b === d.leadDepartmentCode) - Number(a === d.leadDepartmentCode));
      return depts.map((departmentCode) => ({
        taskId: d.newTaskId(),
        departmentCode,
        stage: st.stage,
        state: st.stage === first ? ('OPEN' as const) : ('WAITING' as const),
      }));
    });
    return new DispatchPlan({
      planId: d.planId,
      caseId: d.caseId,
      leadDepartmentCode: d.leadDepartmentCode,
      status: 'IN_PROGRESS',
      stages: stages.map(({ stage, completionRule }) => ({ stage, completionRule })),
      tasks,
    });
  }

  static restore(state: DispatchPlanState): DispatchPlan {
    return new DispatchPlan(structuredClone(state));
  }

  private static check(s: DispatchPlanState): void {
    if (s.stages.length === 0) throw new PlanInvariantError(`plan ${s.planId} has no stage`);
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

  get isClosed(): boolean {
    return this.s.status === 'DECIDED' || this.s.status === 'WITHDRAWN';
  }

  stageStatuses(): Array<StageSpec & { status: StageStatus }> {
    return stageStatuses(this.s.stages, this.s.tasks);
  }

  /** The tasks of the first stage: what `case.routed` assigns. */
  firstStageTasks(): PlanTask[] {
    const first = Math.min(...this.s.stages.map((x) => x.stage));
    return this.s.tasks.filter((t) => t.stage === first);
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
    if (task.state === 'WAITING') return { kind: 'not-open-yet' };
    if (task.state === 'TRANSFERRED' || task.state === 'CANCELLED') return { kind: 'ignored', state: task.state };
    task.result = { ...result };
    task.state = result.outcome;
    delete task.hold;
    if (this.isClosed) return { kind: 'recorded' };
    const verdict = evaluatePlan(this.s.stages, this.s.tasks);
    if (verdict.decided) {
      this.s.status = 'DECIDED';
      this.s.outcome = verdict.outcome;
      this.s.decidedAt = result.decidedAt;
      const cancelled = this.cancelLive();
      const { outcome, reasons, departments } = verdict;
      return {
        kind: 'recorded',
        decision: { outcome, reasons, departments, decidedAt: result.decidedAt },
        cancelled,
      };
    }
    this.s.status = this.liveStatus();
    const opened = this.openStage(verdict.openStage);
    return opened ? { kind: 'recorded', opened } : { kind: 'recorded' };
  }

  /** Opens `stage` when its tasks still wait; the stage before it was just approved. */
  private openStage(stage: number): OpenedStage | undefined {
    const waiting = this.s.tasks.filter((t) => t.stage === stage && t.state === 'WAITING');
    if (waiting.length === 0) return undefined;
    for (const t of waiting) t.state = 'OPEN';
    return { stage, tasks: waiting.map(({ taskId, departmentCode }) => ({ taskId, departmentCode, stage })) };
  }

  private cancelLive(): string[] {
    const live = this.s.tasks.filter((t) => LIVE_STATES.has(t.state));
    for (const t of live) {
      t.state = 'CANCELLED';
      delete t.hold;
    }
    return live.map((t) => t.taskId);
  }

  /** The status of a plan still running: any supplement awaited pauses the whole case. */
  private liveStatus(): PlanStatus {
    if (this.s.tasks.some((t) => t.state === 'SUPPLEMENT_REQUESTED')) return 'PAUSED';
    if (this.s.tasks.some((t) => t.state === 'SUSPENDED')) return 'SUSPENDED';
    return 'IN_PROGRESS';
  }

  /** A department asked for a supplement or began a special procedure on its task. */
  hold(taskId: string, kind: HoldKind, reason: string, since: string): HoldResult {
    const task = this.s.tasks.find((t) => t.taskId === taskId);
    if (!task) return { kind: 'unknown-task' };
    if (task.state === 'WAITING') return { kind: 'not-open-yet' };
    if (task.state !== 'OPEN' || this.isClosed) return { kind: 'unchanged' };
    task.state = kind;
    task.hold = { reason, since };
    this.s.status = this.liveStatus();
    return { kind: 'held', status: this.s.status };
  }

  /** The supplement arrived or the special procedure ended: the task runs again. */
  release(taskId: string, kind: HoldKind): HoldResult {
    const task = this.s.tasks.find((t) => t.taskId === taskId);
    if (!task) return { kind: 'unknown-task' };
    if (task.state === 'WAITING') return { kind: 'not-open-yet' };
    if (task.state !== kind) return { kind: 'unchanged' };
    task.state = 'OPEN';
    delete task.hold;
    if (!this.isClosed) this.s.status = this.liveStatus();
    return { kind: 'released', status: this.s.status };
  }

  /**
   * 转办: the task is replaced by `newTaskId` of the target department in the same stage; the stage
   * waits for the new task, never for the old one. A closed plan records the move with the new task
   * already cancelled, so nothing waits for it.
   */
  transfer(taskId: string, newTaskId: string, targetDepartmentCode: string): TransferResult {
    const task = this.s.tasks.find((t) => t.taskId === taskId);
    if (!task) return { kind: 'unknown-task' };
    if (task.state === 'TRANSFERRED' && task.transferredTo === newTaskId) return { kind: 'duplicate' };
    if (task.state === 'WAITING') return { kind: 'not-open-yet' };
    if (!OPEN_STATES.has(task.state) && !(task.state === 'CANCELLED' && this.isClosed))
      return { kind: 'refused', state: task.state };
    if (this.s.tasks.some((t) => t.taskId === newTaskId))
      throw new PlanInvariantError(`plan ${this.s.planId} already has task ${newTaskId}`);
    task.state = 'TRANSFERRED';
    task.transferredTo = newTaskId;
    delete task.hold;
    this.s.tasks.push({
      taskId: newTaskId,
      departmentCode: targetDepartmentCode,
      stage: task.stage,
      state: this.isClosed ? 'CANCELLED' : 'OPEN',
      replaces: taskId,
    });
    if (!this.isClosed) this.s.status = this.liveStatus();
    return { kind: 'transferred' };
  }

  /** A case can be withdrawn only before it is decided; its live tasks are cancelled. */
  withdraw(at: string): WithdrawResult {
    if (this.s.status === 'DECIDED') return 'already-decided';
    if (this.s.status === 'WITHDRAWN') return 'already-withdrawn';
    this.s.status = 'WITHDRAWN';
    this.s.withdrawnAt = at;
    this.cancelLive();
    return 'withdrawn';
  }
}
