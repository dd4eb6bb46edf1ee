/**
 * How department outcomes become one decision. Plain functions over the plan's stages and tasks.
 *
 * Stages run in order (stage 2 opens when stage 1 is approved); the tasks of one stage run in
 * parallel (并联). A stage's completion rule says how its tasks' outcomes combine:
 * - ALL: every department must approve; the first denial denies the stage.
 * - ANY: one approval approves the stage; it is denied only when every department denied.
 * The case is approved when every stage is approved and denied as soon as one stage is denied.
 */

export type Outcome = 'APPROVED' | 'DENIED';
export type CompletionRule = 'ALL' | 'ANY';
export type StageStatus = 'WAITING' | 'OPEN' | Outcome;

export interface StageSpec {
  stage: number;
  completionRule: CompletionRule;
}

export interface TaskResult {
  outcome: Outcome;
  reason?: string;
  opinion?: string;
  officerId: string;
  /** 容缺: approved while some documents are still to come. */
  documentsPending: boolean;
  decidedAt: string;
}

/**
 * Where a task stands in the plan. WAITING: its stage is not open yet. SUPPLEMENT_REQUESTED and
 * SUSPENDED: open, on hold. TRANSFERRED: replaced by another department's task (转办), which the
 * stage waits for instead. CANCELLED: closed without outcome because the plan ended.
 */
export type TaskState =
  | 'WAITING'
  | 'OPEN'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUSPENDED'
  | 'TRANSFERRED'
  | 'CANCELLED'
  | Outcome;

export interface TaskHold {
  reason: string;
  since: string;
}

export interface PlanTask {
  taskId: string;
  departmentCode: string;
  stage: number;
  state: TaskState;
  result?: TaskResult;
  hold?: TaskHold;
  /** Set on a TRANSFERRED task: the task that replaced it. */
  transferredTo?: string;
  /** Set on a task created by a transfer: the task it replaced. */
  replaces?: string;
}

/** Tasks that count for their stage's outcome: every one but those handed over to another department. */
export function counts(t: PlanTask): boolean {
  return t.state !== 'TRANSFERRED';
}

export interface DepartmentOutcome {
  taskId: string;
  departmentCode: string;
  outcome: Outcome;
  reason?: string;
}

export type Verdict =
  | { decided: false; openStage: number }
  | { decided: true; outcome: Outcome; reasons: string[]; departments: DepartmentOutcome[] };

function stageOutcome(rule: CompletionRule, tasks: readonly PlanTask[]): Outcome | 'OPEN' {
  const outcomes = tasks.map((t) => t.result?.outcome);
  switch (rule) {
    case 'ALL':
      if (outcomes.includes('DENIED')) return 'DENIED';
      return outcomes.every((o) => o === 'APPROVED') ? 'APPROVED' : 'OPEN';
    case 'ANY':
      if (outcomes.includes('APPROVED')) return 'APPROVED';
      return outcomes.every((o) => o === 'DENIED') ? 'DENIED' : 'OPEN';
  }
}

function byStage(stages: readonly StageSpec[]): StageSpec[] {
  return [...stages].sort((a, b) => a.stage - b.stage);
}

/** Each stage's status: stages after the first one not yet approved are WAITING. */
export function stageStatuses(
  stages: readonly StageSpec[],
  tasks: readonly PlanTask[],
): Array<StageSpec & { status: StageStatus }> {
  let blocked = false;
  return byStage(stages).map((s) => {
    if (blocked) return { ...s, status: 'WAITING' as const };
    const status = stageOutcome(
      s.completionRule,
      tasks.filter((t) => t.stage === s.stage && counts(t)),
    );
    if (status !== 'APPROVED') blocked = true;
    return { ...s, status };
  });
}

function denialReason(t: PlanTask): string {
  return (
    t.result?.reason?.trim() ||
    t.result?.opinion?.trim() ||
    `${t.departmentCode} denied the application without stating a reason`
  );
}

/** Whether the plan is decided, and how. Pure: the same stages and outcomes always give the same verdict. */
export function evaluatePlan(stages: readonly StageSpec[], tasks: readonly PlanTask[]): Verdict {
  const statuses = stageStatuses(stages, tasks);
  const departments: DepartmentOutcome[] = tasks.flatMap(({ taskId, departmentCode, result, state }) =>
    result && state !== 'TRANSFERRED'
      ? [
          {
            taskId,
            departmentCode,
            outcome: result.outcome,
            ...(result.reason ? { reason: result.reason } : {}),
          },
        ]
      : [],
  );
  for (const s of statuses) {
    if (s.status === 'DENIED') {
      const reasons = tasks
        .filter((t) => t.stage === s.stage && counts(t) && t.result?.outcome === 'DENIED')
        .map(denialReason);
      return { decided: true, outcome: 'DENIED', reasons, departments };
    }
    if (s.status !== 'APPROVED') return { decided: false, openStage: s.stage };
  }
  return { decided: true, outcome: 'APPROVED', reasons: [], departments };
}
