import { computeDeadlines } from './deadlines';
import { TaskRuleError } from './task-rule-error';

/**
 * 审批任务: one department's share of a case. States and moves of the walking skeleton:
 *
 *   PENDING ──claim──▶ CLAIMED ──decide──▶ APPROVED | DENIED
 *      ▲                  │
 *      └── lease expires ─┘   (a claim is a time-limited lease, renewable by its holder)
 *
 * A CLAIMED task whose lease has run out counts as PENDING for everybody: it may be claimed by
 * anyone and decided by no one. From CLAIMED the holder may also
 *
 *   request a supplement ──▶ SUPPLEMENT_REQUESTED ──case.supplemented──▶ CLAIMED (same officer)
 *   suspend (特别程序)   ──▶ SUSPENDED            ──resume────────────▶ CLAIMED (same officer)
 *   transfer (转办)      ──▶ TRANSFERRED (final; a new PENDING task in the target department)
 *   release              ──▶ PENDING
 *
 * While SUPPLEMENT_REQUESTED or SUSPENDED the clocks stand still (see task-moves.ts). Any task
 * not yet decided becomes CANCELLED (final) when its case is decided by others or withdrawn.
 */
export type StoredTaskStatus =
  | 'PENDING'
  | 'CLAIMED'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUSPENDED'
  | 'APPROVED'
  | 'DENIED'
  | 'TRANSFERRED'
  | 'CANCELLED';
export type TaskStatus = StoredTaskStatus;

export type DecisionOutcome = 'APPROVED' | 'APPROVED_PENDING_DOCUMENTS' | 'DENIED';

export interface TaskMaterial {
  code: string;
  name: string;
  provided: boolean;
  /** Absent on tasks stored before case.routed carried it. */
  required?: boolean;
}

export interface Decision {
  outcome: DecisionOutcome;
  reason: string | null;
  opinion: string | null;
  pendingMaterialCodes: string[];
  decidedBy: string;
  decidedAt: Date;
  /** The caller's idempotency key, and a digest of what it asked, to answer repeats. */
  requestId: string;
  requestDigest: string;
}

export type SuspensionKind = 'HEARING' | 'EXPERT_REVIEW' | 'INSPECTION' | 'PUBLIC_NOTICE' | 'OTHER';

/** Why and since when the clocks stand still, and whose task it is when they run again. */
export interface Pause {
  kind: 'SUPPLEMENT' | SuspensionKind;
  officerId: string;
  since: Date;
  reason: string | null;
}

export interface ApprovalTask {
  id: string;
  caseId: string;
  caseNo: string;
  planId: string;
  departmentCode: string;
  stage: number;
  matterCode: string;
  matterVersion: number;
  matterName: string;
  regionCode: string;
  applicantDisplayName: string;
  materials: TaskMaterial[];
  acceptedAt: Date | null;
  routedAt: Date;
  legalLimitDays: number;
  promisedLimitDays: number;
  promisedDeadline: string;
  legalDeadline: string;
  status: StoredTaskStatus;
  claimedBy: string | null;
  claimedAt: Date | null;
  leaseExpiresAt: Date | null;
  decision: Decision | null;
  /** Set while SUPPLEMENT_REQUESTED or SUSPENDED. */
  pause: Pause | null;
  /** Working days the clocks stood still in earlier, ended pauses; the deadlines are moved by them. */
  pausedWorkingDays: number;
  /** Set once TRANSFERRED: where the task went. */
  transfer: { departmentCode: string; taskId: string } | null;
  /** Increases with every change; lets a client keep the newest copy. */
  version: number;
  assignedAt: Date;
  updatedAt: Date;
}

export interface AssignTaskInput {
  taskId: string;
  departmentCode: string;
  stage: number;
  caseId: string;
  caseNo: string;
  planId: string;
  matterCode: string;
  matterVersion: number;
  matterName: string;
  regionCode: string;
  applicantDisplayName: string;
  materials: TaskMaterial[];
  acceptedAt: Date | null;
  routedAt: Date;
  legalLimitDays: number;
  promisedLimitDays: number;
}

export const MIN_LEASE_MS = 60_000;
export const MAX_LEASE_MS = 8 * 3_600_000;

/** A new task in the department's queue, with its deadlines fixed from the case's clock start. */
export function assignTask(input: AssignTaskInput, now: Date): ApprovalTask {
  const { promisedDeadline, legalDeadline } = computeDeadlines(input);
  return {
    id: input.taskId,
    caseId: input.caseId,
    caseNo: input.caseNo,
    planId: input.planId,
    departmentCode: input.departmentCode,
    stage: input.stage,
    matterCode: input.matterCode,
    matterVersion: input.matterVersion,
    matterName: input.matterName,
    regionCode: input.regionCode,
    applicantDisplayName: input.applicantDisplayName,
    materials: input.materials,
    acceptedAt: input.acceptedAt,
    routedAt: input.routedAt,
    legalLimitDays: input.legalLimitDays,
    promisedLimitDays: input.promisedLimitDays,
    promisedDeadline,
    legalDeadline,
    status: 'PENDING',
    claimedBy: null,
    claimedAt: null,
    leaseExpiresAt: null,
    decision: null,
    pause: null,
    pausedWorkingDays: 0,
    transfer: null,
    version: 1,
    assignedAt: now,
    updatedAt: now,
  };
}

export function isDecided(task: ApprovalTask): boolean {
  return task.status === 'APPROVED' || task.status === 'DENIED';
}

/** The claim that is in force at `now`, if any. */
export function activeClaim(
  task: ApprovalTask,
  now: Date,
): { officerId: string; leaseExpiresAt: Date } | null {
  if (task.status !== 'CLAIMED' || !task.claimedBy || !task.leaseExpiresAt) return null;
  return task.leaseExpiresAt.getTime() > now.getTime()
    ? { officerId: task.claimedBy, leaseExpiresAt: task.leaseExpiresAt }
    : null;
}

/** What a department sees at `now`: an expired claim is a PENDING task. */
export function effectiveStatus(task: ApprovalTask, now: Date): TaskStatus {
  if (task.status === 'CLAIMED' && !activeClaim(task, now)) return 'PENDING';
  return task.status;
}

/** The task as the department sees it at `now`: an expired claim shows no holder. */
export function viewAt(task: ApprovalTask, now: Date): ApprovalTask {
  const status = effectiveStatus(task, now);
  if (status === task.status) return task;
  return { ...task, status, claimedBy: null, claimedAt: null, leaseExpiresAt: null };
}

/**
 * Why `officerId` cannot claim the task at `now`, or null when it can: a PENDING task, a task whose
 * lease expired, or the officer's own claim (a renewal). The conditional UPDATE in the repository
 * applies the same rule atomically; this function explains a refusal.
 */
export function claimRefusal(task: ApprovalTask, officerId: string, now: Date): TaskRuleError | null {
  if (isDecided(task)) {
    return new TaskRuleError(
      'precondition',
      'TASK_ALREADY_DECIDED',
      `task ${task.id} was already decided (${task.status})`,
    );
  }
  const claim = activeClaim(task, now);
  if (claim && claim.officerId !== officerId) {
    return new TaskRuleError(
      'precondition',
      'TASK_CLAIMED_BY_OTHER',
      `task ${task.id} is claimed by another officer until ${claim.leaseExpiresAt.toISOString()}`,
    );
  }
  if (task.status !== 'PENDING' && task.status !== 'CLAIMED') {
    return new TaskRuleError(
      'precondition',
      'TASK_NOT_CLAIMABLE',
      `task ${task.id} cannot be claimed in status ${task.status}`,
    );
  }
  return null;
}

export function checkLease(leaseMs: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs < MIN_LEASE_MS || leaseMs > MAX_LEASE_MS) {
    throw TaskRuleError.invalid('lease_duration', 'lease_duration must be between 1 minute and 8 hours');
  }
}

/** Claims (or renews) the task for `officerId`; throws the refusal when it cannot. */
export function claim(task: ApprovalTask, officerId: string, leaseMs: number, now: Date): ApprovalTask {
  checkLease(leaseMs);
  const refusal = claimRefusal(task, officerId, now);
  if (refusal) throw refusal;
  return {
    ...task,
    status: 'CLAIMED',
    claimedBy: officerId,
    claimedAt: now,
    leaseExpiresAt: new Date(now.getTime() + leaseMs),
    version: task.version + 1,
    updatedAt: now,
  };
}

export interface DecideCommand {
  requestId: string;
  /** Digest of everything the request asked (officer, outcome, reason, opinion, materials). */
  requestDigest: string;
  officerId: string;
  outcome: DecisionOutcome;
  reason: string;
  opinion: string;
  pendingMaterialCodes: string[];
}

/** Rules on the decision itself, before looking at the task. */
export function checkDecision(cmd: Pick<DecideCommand, 'outcome' | 'reason' | 'pendingMaterialCodes'>): void {
  if (cmd.outcome === 'DENIED' && cmd.reason.trim() === '') {
    throw TaskRuleError.invalid('reason', 'a denial must give its legal reason', 'REASON_REQUIRED');
  }
  if (cmd.outcome === 'APPROVED_PENDING_DOCUMENTS' && cmd.pendingMaterialCodes.length === 0) {
    throw TaskRuleError.invalid(
      'pending_material_codes',
      'APPROVED_PENDING_DOCUMENTS must list the materials still owed',
    );
  }
  if (cmd.outcome !== 'APPROVED_PENDING_DOCUMENTS' && cmd.pendingMaterialCodes.length > 0) {
    throw TaskRuleError.invalid(
      'pending_material_codes',
      'pending_material_codes is only for APPROVED_PENDING_DOCUMENTS',
    );
  }
}

export type DecideResult = { kind: 'decided'; task: ApprovalTask } | { kind: 'repeated'; task: ApprovalTask };

/**
 * Records the decision of the officer holding an unexpired claim. A decision is final: repeating
 * the same request (same request id, same content) answers with the task as decided, without
 * deciding twice.
 */
export function decide(task: ApprovalTask, cmd: DecideCommand, now: Date): DecideResult {
  checkDecision(cmd);
  if (task.decision) {
    if (task.decision.requestId !== cmd.requestId) {
      throw new TaskRuleError(
        'precondition',
        'TASK_ALREADY_DECIDED',
        `task ${task.id} was already decided (${task.status})`,
      );
    }
    if (task.decision.requestDigest !== cmd.requestDigest) {
      throw new TaskRuleError(
        'precondition',
        'REQUEST_ID_REUSED',
        `request_id ${cmd.requestId} was used for a different decision`,
      );
    }
    return { kind: 'repeated', task };
  }
  const claim = activeClaim(task, now);
  if (!claim || claim.officerId !== cmd.officerId) {
    throw new TaskRuleError(
      'precondition',
      'TASK_NOT_CLAIMED_BY_OFFICER',
      `task ${task.id} must be claimed by officer ${cmd.officerId} (with an unexpired lease) to be decided`,
    );
  }
  return {
    kind: 'decided',
    task: {
      ...task,
      status: decidedStatus(cmd.outcome),
      claimedBy: null,
      claimedAt: null,
      leaseExpiresAt: null,
      decision: decisionOf(cmd, now),
      version: task.version + 1,
      updatedAt: now,
    },
  };
}

/** The status a decision leaves its task in. */
export function decidedStatus(outcome: DecisionOutcome): 'APPROVED' | 'DENIED' {
  return outcome === 'DENIED' ? 'DENIED' : 'APPROVED';
}

/** The decision `decide` records for the command (what it stores does not depend on the task). */
export function decisionOf(cmd: DecideCommand, now: Date): Decision {
  return {
    outcome: cmd.outcome,
    reason: cmd.reason.trim() || null,
    opinion: cmd.opinion.trim() || null,
    pendingMaterialCodes: cmd.pendingMaterialCodes,
    decidedBy: cmd.officerId,
    decidedAt: now,
    requestId: cmd.requestId,
    requestDigest: cmd.requestDigest,
  };
}
