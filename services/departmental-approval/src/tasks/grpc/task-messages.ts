import { approvalV1, type Timestamp, timestampFromDate } from '@onewindow/proto';
import type { ApprovalTask, DecisionOutcome, TaskStatus } from '../domain/approval-task';
import type { QueueEvent, QueueEventKind, TaskSnapshot } from '../domain/task-snapshot';
import { encodeQueueCursor } from './cursors';

// Domain → DepartmentQueueService messages (the shapes of approvalV1, as proto-loader expects them).

const STATUS: Record<TaskStatus, approvalV1.TaskStatus> = {
  PENDING: approvalV1.TaskStatus.PENDING,
  CLAIMED: approvalV1.TaskStatus.CLAIMED,
  SUPPLEMENT_REQUESTED: approvalV1.TaskStatus.SUPPLEMENT_REQUESTED,
  SUSPENDED: approvalV1.TaskStatus.SUSPENDED,
  TRANSFERRED: approvalV1.TaskStatus.TRANSFERRED,
  CANCELLED: approvalV1.TaskStatus.CANCELLED,
  APPROVED: approvalV1.TaskStatus.APPROVED,
  DENIED: approvalV1.TaskStatus.DENIED,
};

const OUTCOME: Record<DecisionOutcome, approvalV1.DecisionOutcome> = {
  APPROVED: approvalV1.DecisionOutcome.APPROVED,
  DENIED: approvalV1.DecisionOutcome.DENIED,
  APPROVED_PENDING_DOCUMENTS: approvalV1.DecisionOutcome.APPROVED_PENDING_DOCUMENTS,
};

const EVENT_TYPE: Record<QueueEventKind, approvalV1.QueueEventType> = {
  ASSIGNED: approvalV1.QueueEventType.ASSIGNED,
  CHANGED: approvalV1.QueueEventType.CHANGED,
  CLAIMED: approvalV1.QueueEventType.CLAIMED,
  RELEASED: approvalV1.QueueEventType.RELEASED,
  DECIDED: approvalV1.QueueEventType.DECIDED,
  REMOVED: approvalV1.QueueEventType.REMOVED,
  DEADLINE_WARNED: approvalV1.QueueEventType.DEADLINE_WARNED,
  OVERDUE: approvalV1.QueueEventType.OVERDUE,
};

const ts = (iso: string | null): Timestamp | null => (iso ? timestampFromDate(new Date(iso)) : null);

export function taskMessage(s: TaskSnapshot): approvalV1.Task {
  return {
    id: s.id,
    caseId: s.caseId,
    caseNo: s.caseNo,
    departmentCode: s.departmentCode,
    matterCode: s.matterCode,
    matterName: s.matterName,
    regionCode: s.regionCode,
    stage: s.stage,
    status: STATUS[s.status],
    assignedAt: ts(s.assignedAt),
    claimedBy: s.claimedBy ?? '',
    leaseExpiresAt: ts(s.leaseExpiresAt),
    decidedAt: ts(s.decidedAt),
    promisedDeadline: s.promisedDeadline,
    legalDeadline: s.legalDeadline,
    outcome: s.outcome ? OUTCOME[s.outcome] : approvalV1.DecisionOutcome.UNSPECIFIED,
    reason: s.reason ?? '',
    opinion: s.opinion ?? '',
    decidedBy: s.decidedBy ?? '',
    pendingMaterialCodes: s.pendingMaterialCodes,
    version: s.version,
    updatedAt: ts(s.updatedAt),
  };
}

export function queueEventMessage(e: QueueEvent): approvalV1.QueueEvent {
  return {
    cursor: encodeQueueCursor(e.cursor),
    eventId: e.eventId,
    type: EVENT_TYPE[e.kind],
    occurredAt: timestampFromDate(e.occurredAt),
    task: taskMessage(e.task),
    deadlineWarning: e.deadlineWarning
      ? {
          kind:
            e.deadlineWarning.kind === 'LEGAL'
              ? approvalV1.DeadlineKind.LEGAL
              : approvalV1.DeadlineKind.PROMISED,
          deadline: e.deadlineWarning.deadline,
          workingDaysRemaining: e.deadlineWarning.workingDaysRemaining,
        }
      : null,
  };
}

export function historyEntryMessage(e: QueueEvent): approvalV1.TaskHistoryEntry {
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    occurredAt: timestampFromDate(e.occurredAt),
    actor: e.actor,
    status: STATUS[e.task.status],
    note: e.note ?? '',
  };
}

export function caseSummaryMessage(t: ApprovalTask): approvalV1.CaseSummary {
  return {
    caseId: t.caseId,
    caseNo: t.caseNo,
    matterCode: t.matterCode,
    matterName: t.matterName,
    applicantDisplayName: t.applicantDisplayName,
    regionCode: t.regionCode,
    acceptedAt: t.acceptedAt ? timestampFromDate(t.acceptedAt) : null,
    materials: t.materials.map((m) => ({
      code: m.code,
      name: m.name,
      provided: m.provided,
      required: m.required ?? false,
    })),
  };
}
