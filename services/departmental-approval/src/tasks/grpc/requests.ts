import { approvalV1, millisFromDuration } from '@onewindow/proto';
import type { ClaimTaskCommand } from '../claim-task.usecase';
import type { DecideTaskCommand } from '../decide-task.usecase';
import type { DecisionOutcome, SuspensionKind } from '../domain/approval-task';
import { TaskRuleError } from '../domain/task-rule-error';
import type { StatusFilter } from '../infrastructure/approval-task.repository';
import type { ListTasksQuery } from '../list-tasks.usecase';
import type {
  AddOpinionCommand,
  ReleaseTaskCommand,
  RequestSupplementCommand,
  ResumeTaskCommand,
  SuspendTaskCommand,
  TransferTaskCommand,
} from '../task-moves.usecase';
import type { WatchQueueCommand } from '../watch-queue.usecase';
import { decodePageToken, decodeQueueCursor } from './cursors';
import type { DepartmentCaller } from './department-caller';
import { OfficerMismatchError } from './grpc-errors.filter';

// Requests → commands. Every field is checked here, so use cases get well-formed input and a
// client gets INVALID_ARGUMENT naming the field.

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function taskIdOf(value: string): string {
  const id = value.trim().toUpperCase();
  if (!ULID.test(id))
    throw TaskRuleError.invalid('task_id', 'task_id must be a task id (a 26-character ULID)');
  return id;
}

function officerOf(requested: string, caller: DepartmentCaller): string {
  if (requested === '' || requested === caller.officerId) return caller.officerId;
  throw new OfficerMismatchError();
}

function textOf(field: string, value: string, max: number): string {
  if (value.length > max) throw TaskRuleError.invalid(field, `${field} must be at most ${max} characters`);
  return value;
}

const LIST_STATUS: Partial<Record<string, StatusFilter>> = {
  [approvalV1.TaskStatus.UNSPECIFIED]: 'OPEN',
  [approvalV1.TaskStatus.PENDING]: 'PENDING',
  [approvalV1.TaskStatus.CLAIMED]: 'CLAIMED',
  [approvalV1.TaskStatus.APPROVED]: 'APPROVED',
  [approvalV1.TaskStatus.DENIED]: 'DENIED',
  [approvalV1.TaskStatus.SUPPLEMENT_REQUESTED]: 'SUPPLEMENT_REQUESTED',
  [approvalV1.TaskStatus.SUSPENDED]: 'SUSPENDED',
  [approvalV1.TaskStatus.TRANSFERRED]: 'TRANSFERRED',
  [approvalV1.TaskStatus.CANCELLED]: 'CANCELLED',
};

export function listTasksQuery(req: approvalV1.ListTasksRequest, caller: DepartmentCaller): ListTasksQuery {
  const status = LIST_STATUS[String(req.status)];
  if (!status) throw TaskRuleError.invalid('status', 'status is not a TaskStatus');
  if (!Number.isInteger(req.pageSize) || req.pageSize < 0)
    throw TaskRuleError.invalid('page_size', 'page_size must not be negative');
  const matterCode = textOf('matter_code', req.matterCode, 64);
  const regionCode = textOf('region_code', req.regionCode, 6);
  return {
    departmentCode: caller.departmentCode,
    status,
    matterCode,
    regionCode,
    pageSize: req.pageSize,
    after: decodePageToken(textOf('page_token', req.pageToken, 512), [status, matterCode, regionCode]),
  };
}

export function getTaskQuery(
  req: approvalV1.GetTaskRequest,
  caller: DepartmentCaller,
): { departmentCode: string; taskId: string } {
  return { departmentCode: caller.departmentCode, taskId: taskIdOf(req.taskId) };
}

export function claimTaskCommand(
  req: approvalV1.ClaimTaskRequest,
  caller: DepartmentCaller,
): ClaimTaskCommand {
  return {
    departmentCode: caller.departmentCode,
    taskId: taskIdOf(req.taskId),
    officerId: officerOf(req.officerId, caller),
    leaseMs: req.leaseDuration ? millisFromDuration(req.leaseDuration) : null,
  };
}

const OUTCOMES: Partial<Record<string, DecisionOutcome>> = {
  [approvalV1.DecisionOutcome.APPROVED]: 'APPROVED',
  [approvalV1.DecisionOutcome.DENIED]: 'DENIED',
  [approvalV1.DecisionOutcome.APPROVED_PENDING_DOCUMENTS]: 'APPROVED_PENDING_DOCUMENTS',
};

export function decideTaskCommand(
  req: approvalV1.DecideTaskRequest,
  caller: DepartmentCaller,
): DecideTaskCommand {
  const taskId = taskIdOf(req.taskId);
  if (!REQUEST_ID.test(req.requestId)) {
    throw TaskRuleError.invalid(
      'request_id',
      'request_id is required: a new UUID or ULID per decision attempt (at most 64 characters)',
    );
  }
  const outcome = OUTCOMES[String(req.outcome)];
  if (!outcome)
    throw TaskRuleError.invalid('outcome', 'outcome must be APPROVED, DENIED or APPROVED_PENDING_DOCUMENTS');
  if (req.pendingMaterialCodes.length > 100) {
    throw TaskRuleError.invalid('pending_material_codes', 'at most 100 pending_material_codes');
  }
  for (const code of req.pendingMaterialCodes) {
    if (!/^\S{1,64}$/.test(code))
      throw TaskRuleError.invalid(
        'pending_material_codes',
        'each material code has 1 to 64 characters, no spaces',
      );
  }
  return {
    departmentCode: caller.departmentCode,
    taskId,
    requestId: req.requestId,
    officerId: officerOf(req.officerId, caller),
    outcome,
    reason: textOf('reason', req.reason, 2000),
    opinion: textOf('opinion', req.opinion, 4000),
    pendingMaterialCodes: [...new Set(req.pendingMaterialCodes)],
  };
}

export function watchQueueCommand(
  req: approvalV1.WatchQueueRequest,
  caller: DepartmentCaller,
): WatchQueueCommand {
  return { departmentCode: caller.departmentCode, afterCursor: decodeQueueCursor(req.afterCursor) };
}

function requestIdOf(value: string): string {
  if (!REQUEST_ID.test(value)) {
    throw TaskRuleError.invalid(
      'request_id',
      'request_id is required: a new UUID or ULID per attempt (at most 64 characters)',
    );
  }
  return value;
}

function requestRef(req: { taskId: string; requestId: string; officerId: string }, caller: DepartmentCaller) {
  return {
    departmentCode: caller.departmentCode,
    taskId: taskIdOf(req.taskId),
    requestId: requestIdOf(req.requestId),
    officerId: officerOf(req.officerId, caller),
  };
}

function requiredText(field: string, value: string, max: number): string {
  if (value.trim() === '') throw TaskRuleError.invalid(field, `${field} is required`);
  return textOf(field, value, max);
}

export function releaseTaskCommand(
  req: approvalV1.ReleaseTaskRequest,
  caller: DepartmentCaller,
): ReleaseTaskCommand {
  return {
    departmentCode: caller.departmentCode,
    taskId: taskIdOf(req.taskId),
    officerId: officerOf(req.officerId, caller),
    note: textOf('note', req.note, 2000),
  };
}

export function addOpinionCommand(
  req: approvalV1.AddOpinionRequest,
  caller: DepartmentCaller,
): AddOpinionCommand {
  return { ...requestRef(req, caller), text: requiredText('text', req.text, 4000) };
}

export function requestSupplementCommand(
  req: approvalV1.RequestSupplementRequest,
  caller: DepartmentCaller,
): RequestSupplementCommand {
  const ref = requestRef(req, caller);
  if (req.items.length === 0)
    throw TaskRuleError.invalid('items', 'list at least one thing the applicant must supply');
  if (req.items.length > 100) throw TaskRuleError.invalid('items', 'at most 100 items');
  const items = req.items.map((i) => {
    if (i.materialCode !== '' && !/^\S{1,64}$/.test(i.materialCode))
      throw TaskRuleError.invalid('items.material_code', 'a material code has 1 to 64 characters, no spaces');
    return {
      materialCode: i.materialCode || null,
      description: requiredText('items.description', i.description, 1000).trim(),
      problem: textOf('items.problem', i.problem, 1000).trim() || null,
    };
  });
  return { ...ref, items, note: textOf('note', req.note, 2000) };
}

const SUSPENSION_KINDS: Partial<Record<string, SuspensionKind>> = {
  [approvalV1.SuspensionKind.HEARING]: 'HEARING',
  [approvalV1.SuspensionKind.EXPERT_REVIEW]: 'EXPERT_REVIEW',
  [approvalV1.SuspensionKind.INSPECTION]: 'INSPECTION',
  [approvalV1.SuspensionKind.PUBLIC_NOTICE]: 'PUBLIC_NOTICE',
  [approvalV1.SuspensionKind.OTHER]: 'OTHER',
};

export function suspendTaskCommand(
  req: approvalV1.SuspendTaskRequest,
  caller: DepartmentCaller,
): SuspendTaskCommand {
  const ref = requestRef(req, caller);
  const kind = SUSPENSION_KINDS[String(req.kind)];
  if (!kind) throw TaskRuleError.invalid('kind', 'kind must name the special procedure (SuspensionKind)');
  if (!Number.isInteger(req.plannedDays) || req.plannedDays < 0 || req.plannedDays > 3650)
    throw TaskRuleError.invalid('planned_days', 'planned_days must be between 0 and 3650');
  return {
    ...ref,
    kind,
    reason: requiredText('reason', req.reason, 2000),
    plannedDays: req.plannedDays,
  };
}

export function resumeTaskCommand(
  req: approvalV1.ResumeTaskRequest,
  caller: DepartmentCaller,
): ResumeTaskCommand {
  return { ...requestRef(req, caller), note: textOf('note', req.note, 2000) };
}

export function transferTaskCommand(
  req: approvalV1.TransferTaskRequest,
  caller: DepartmentCaller,
): TransferTaskCommand {
  const ref = requestRef(req, caller);
  const target = req.targetDepartmentCode.trim();
  if (!/^\S{1,64}$/.test(target))
    throw TaskRuleError.invalid(
      'target_department_code',
      'target_department_code is a department code (1 to 64 characters)',
    );
  return { ...ref, targetDepartmentCode: target, reason: requiredText('reason', req.reason, 2000) };
}
