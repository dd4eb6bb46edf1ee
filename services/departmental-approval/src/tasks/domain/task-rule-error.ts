/** Why a request about a task cannot be carried out; stable names that callers can act on. */
export type TaskRuleReason =
  | 'TASK_NOT_FOUND'
  | 'TASK_NOT_CLAIMABLE'
  | 'TASK_CLAIMED_BY_OTHER'
  | 'TASK_NOT_CLAIMED_BY_OFFICER'
  | 'TASK_ALREADY_DECIDED'
  | 'TASK_NOT_SUSPENDED'
  | 'TASK_ALREADY_IN_DEPARTMENT'
  | 'REQUEST_ID_REUSED'
  | 'CURSOR_EXPIRED'
  | 'REASON_REQUIRED'
  | 'FIELD_INVALID';

/**
 * not-found: no such task for this department; precondition: the task's state forbids it;
 * invalid: the request itself is wrong; out-of-range: a position that is no longer (or never was) there.
 */
export type TaskRuleKind = 'not-found' | 'precondition' | 'invalid' | 'out-of-range' | 'already-exists';

export class TaskRuleError extends Error {
  constructor(
    readonly kind: TaskRuleKind,
    readonly reason: TaskRuleReason,
    message: string,
    /** The request field at fault, for `invalid`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TaskRuleError';
  }

  static notFound(taskId: string): TaskRuleError {
    // Same answer whether the task does not exist or belongs to another department.
    return new TaskRuleError(
      'not-found',
      'TASK_NOT_FOUND',
      `task ${taskId} not found in your department's queue`,
    );
  }

  static invalid(field: string, message: string, reason: TaskRuleReason = 'FIELD_INVALID'): TaskRuleError {
    return new TaskRuleError('invalid', reason, message, field);
  }
}
