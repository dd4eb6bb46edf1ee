import { type ApprovalTask, type DecisionOutcome, type TaskStatus, viewAt } from './approval-task';

/**
 * The task as a department sees it at one moment: what ListTasks shows, and what each queue event
 * records as "the task right after the event". JSON-safe (instants as RFC 3339 strings) because
 * queue events keep it as written; no applicant data.
 */
export interface TaskSnapshot {
  id: string;
  caseId: string;
  caseNo: string;
  departmentCode: string;
  matterCode: string;
  matterName: string;
  regionCode: string;
  stage: number;
  status: TaskStatus;
  assignedAt: string;
  claimedBy: string | null;
  leaseExpiresAt: string | null;
  decidedAt: string | null;
  promisedDeadline: string;
  legalDeadline: string;
  outcome: DecisionOutcome | null;
  reason: string | null;
  opinion: string | null;
  decidedBy: string | null;
  pendingMaterialCodes: string[];
  version: number;
  updatedAt: string;
}

export function snapshotOf(task: ApprovalTask, now: Date): TaskSnapshot {
  const t = viewAt(task, now);
  return {
    id: t.id,
    caseId: t.caseId,
    caseNo: t.caseNo,
    departmentCode: t.departmentCode,
    matterCode: t.matterCode,
    matterName: t.matterName,
    regionCode: t.regionCode,
    stage: t.stage,
    status: t.status,
    assignedAt: t.assignedAt.toISOString(),
    claimedBy: t.claimedBy,
    leaseExpiresAt: t.leaseExpiresAt?.toISOString() ?? null,
    decidedAt: t.decision?.decidedAt.toISOString() ?? null,
    promisedDeadline: t.promisedDeadline,
    legalDeadline: t.legalDeadline,
    outcome: t.decision?.outcome ?? null,
    reason: t.decision?.reason ?? null,
    opinion: t.decision?.opinion ?? null,
    decidedBy: t.decision?.decidedBy ?? null,
    pendingMaterialCodes: t.decision?.pendingMaterialCodes ?? [],
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** What happened to a task in a department's queue (QueueEventType of the contract). */
export type QueueEventKind =
  'ASSIGNED' | 'CHANGED' | 'CLAIMED' | 'RELEASED' | 'DECIDED' | 'REMOVED' | 'DEADLINE_WARNED' | 'OVERDUE';

/** What a DEADLINE_WARNED or OVERDUE queue event is about. */
export interface DeadlineWarningInfo {
  kind: 'PROMISED' | 'LEGAL';
  deadline: string;
  workingDaysRemaining: number;
}

/** One entry of a department's durable queue-event log; `cursor` orders a department's entries. */
export interface QueueEvent {
  cursor: string;
  departmentCode: string;
  taskId: string;
  /** The CloudEvents id of the task.* event published with it. */
  eventId: string;
  eventType: string;
  kind: QueueEventKind;
  /** Officer id, or `system`. */
  actor: string;
  note: string | null;
  occurredAt: Date;
  task: TaskSnapshot;
  /** Only for DEADLINE_WARNED and OVERDUE. */
  deadlineWarning?: DeadlineWarningInfo | null;
}

export type NewQueueEvent = Omit<QueueEvent, 'cursor'>;

export const SYSTEM_ACTOR = 'system';
