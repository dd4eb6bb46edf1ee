import { activeClaim, type ApprovalTask, assignTask, isDecided, type SuspensionKind } from './approval-task';
import { computeDeadlines, pausedWorkingDaysBetween } from './deadlines';
import { TaskRuleError } from './task-rule-error';

/**
 * The moves of a claimed task besides claim and decide (issue #5). Each is a pure function of the
 * task and `now`; the use cases lock the row, apply one, and store, publish and log the result.
 */

function notClaimed(task: ApprovalTask, officerId: string, what: string): TaskRuleError {
  if (isDecided(task)) {
    return new TaskRuleError(
      'precondition',
      'TASK_ALREADY_DECIDED',
      `task ${task.id} was already decided (${task.status})`,
    );
  }
  return new TaskRuleError(
    'precondition',
    'TASK_NOT_CLAIMED_BY_OFFICER',
    `task ${task.id} must be claimed by officer ${officerId} (with an unexpired lease) to ${what}`,
  );
}

/** Throws unless `officerId` holds an unexpired claim on the task. */
export function requireClaimBy(task: ApprovalTask, officerId: string, now: Date, what: string): void {
  const claim = activeClaim(task, now);
  if (!claim || claim.officerId !== officerId) throw notClaimed(task, officerId, what);
}

function unclaimed(): Pick<ApprovalTask, 'claimedBy' | 'claimedAt' | 'leaseExpiresAt'> {
  return { claimedBy: null, claimedAt: null, leaseExpiresAt: null };
}

function touched(task: ApprovalTask, now: Date): Pick<ApprovalTask, 'version' | 'updatedAt'> {
  return { version: task.version + 1, updatedAt: now };
}

/**
 * Gives up the officer's claim: the task is PENDING again. Null when there is nothing to release
 * (not claimed by this officer, or the lease already ran out): ReleaseTask is then a no-op.
 */
export function release(task: ApprovalTask, officerId: string, now: Date): ApprovalTask | null {
  if (task.status !== 'CLAIMED' || task.claimedBy !== officerId) return null;
  if (!activeClaim(task, now)) return null;
  return { ...task, status: 'PENDING', ...unclaimed(), ...touched(task, now) };
}

/** A lease that ran out: the task returns to the queue. Null when the claim is still in force. */
export function expireLease(task: ApprovalTask, now: Date): ApprovalTask | null {
  if (task.status !== 'CLAIMED' || activeClaim(task, now)) return null;
  return { ...task, status: 'PENDING', ...unclaimed(), ...touched(task, now) };
}

/** A review opinion changes nothing but the history (and the version, so watchers see it). */
export function addOpinion(task: ApprovalTask, officerId: string, text: string, now: Date): ApprovalTask {
  if (text.trim() === '') throw TaskRuleError.invalid('text', 'an opinion needs its text');
  requireClaimBy(task, officerId, now, 'add an opinion');
  return { ...task, ...touched(task, now) };
}

export interface SupplementItem {
  materialCode: string | null;
  description: string;
  problem: string | null;
}

/** 补正: the clocks stop until the applicant supplies everything listed. */
export function requestSupplement(
  task: ApprovalTask,
  officerId: string,
  items: SupplementItem[],
  note: string,
  now: Date,
): ApprovalTask {
  if (items.length === 0)
    throw TaskRuleError.invalid('items', 'list at least one thing the applicant must supply');
  requireClaimBy(task, officerId, now, 'request a supplement');
  return {
    ...task,
    status: 'SUPPLEMENT_REQUESTED',
    ...unclaimed(),
    pause: { kind: 'SUPPLEMENT', officerId, since: now, reason: note.trim() || null },
    ...touched(task, now),
  };
}

/** 特别程序: the clocks stop until ResumeTask. */
export function suspend(
  task: ApprovalTask,
  officerId: string,
  kind: SuspensionKind,
  reason: string,
  now: Date,
): ApprovalTask {
  if (reason.trim() === '')
    throw TaskRuleError.invalid(
      'reason',
      'a special procedure needs its legal basis and purpose',
      'REASON_REQUIRED',
    );
  requireClaimBy(task, officerId, now, 'suspend it');
  return {
    ...task,
    status: 'SUSPENDED',
    ...unclaimed(),
    pause: { kind, officerId, since: now, reason: reason.trim() },
    ...touched(task, now),
  };
}

/** Ends the pause: the task is CLAIMED again by the officer who paused it, the deadlines move by the working days it lasted. */
function endPause(
  task: ApprovalTask,
  leaseMs: number,
  now: Date,
): { task: ApprovalTask; pausedDays: number } {
  const pause = task.pause!;
  const pausedDays = pausedWorkingDaysBetween(pause.since, now);
  const pausedWorkingDays = task.pausedWorkingDays + pausedDays;
  const { promisedDeadline, legalDeadline } = computeDeadlines({ ...task, pausedWorkingDays });
  return {
    pausedDays,
    task: {
      ...task,
      status: 'CLAIMED',
      claimedBy: pause.officerId,
      claimedAt: now,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
      pause: null,
      pausedWorkingDays,
      promisedDeadline,
      legalDeadline,
      ...touched(task, now),
    },
  };
}

/** The special procedure ended. Any officer of the department may resume; the claim goes back to the one who suspended. */
export function resume(
  task: ApprovalTask,
  leaseMs: number,
  now: Date,
): { task: ApprovalTask; pausedDays: number } {
  if (task.status !== 'SUSPENDED' || !task.pause) {
    throw new TaskRuleError(
      'precondition',
      'TASK_NOT_SUSPENDED',
      `task ${task.id} is not suspended (${task.status})`,
    );
  }
  return endPause(task, leaseMs, now);
}

/** The applicant supplied: the same task continues. Null when the task is not waiting for a supplement. */
export function supplementReceived(
  task: ApprovalTask,
  materials: Array<{ code: string; provided: boolean }>,
  leaseMs: number,
  now: Date,
): { task: ApprovalTask; pausedDays: number } | null {
  if (task.status !== 'SUPPLEMENT_REQUESTED' || !task.pause) return null;
  const provided = new Map(materials.map((m) => [m.code, m.provided]));
  const updated = {
    ...task,
    materials: task.materials.map((m) => ({ ...m, provided: provided.get(m.code) ?? m.provided })),
  };
  return endPause(updated, leaseMs, now);
}

/**
 * 转办: the task leaves this queue as TRANSFERRED and a new PENDING task for the same case and
 * stage enters the target department's queue, with the clocks where they stand.
 */
export function transfer(
  task: ApprovalTask,
  officerId: string,
  target: { departmentCode: string; newTaskId: string },
  reason: string,
  now: Date,
): { transferred: ApprovalTask; created: ApprovalTask } {
  if (reason.trim() === '')
    throw TaskRuleError.invalid('reason', 'a transfer needs its reason', 'REASON_REQUIRED');
  if (target.departmentCode === task.departmentCode) {
    throw TaskRuleError.invalid('target_department_code', 'the task is already in this department');
  }
  requireClaimBy(task, officerId, now, 'transfer it');
  const transferred: ApprovalTask = {
    ...task,
    status: 'TRANSFERRED',
    ...unclaimed(),
    transfer: { departmentCode: target.departmentCode, taskId: target.newTaskId },
    ...touched(task, now),
  };
  const created: ApprovalTask = {
    ...assignTask({ ...task, taskId: target.newTaskId, departmentCode: target.departmentCode }, now),
    pausedWorkingDays: task.pausedWorkingDays,
    promisedDeadline: task.promisedDeadline,
    legalDeadline: task.legalDeadline,
  };
  return { transferred, created };
}

/**
 * The case was decided by the other departments or withdrawn: a task not yet decided (or moved)
 * leaves the queue as CANCELLED, its claim and pause dropped. Null when it is already final.
 */
export function cancel(task: ApprovalTask, now: Date): ApprovalTask | null {
  if (isDecided(task) || task.status === 'TRANSFERRED' || task.status === 'CANCELLED') return null;
  return { ...task, status: 'CANCELLED', ...unclaimed(), pause: null, ...touched(task, now) };
}
