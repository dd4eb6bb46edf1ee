import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, DecisionOutcome, DepartmentCode, MatterCode, Timestamp, Ulid } from './common';

const TaskRef = {
  taskId: Ulid,
  caseId: Ulid,
  caseNo: Type.String(),
  departmentCode: DepartmentCode,
};

export const TaskAssigned = Type.Object({
  ...TaskRef,
  matterCode: MatterCode,
  stage: Type.Integer({ minimum: 1 }),
  assignedAt: Timestamp,
});
export type TaskAssigned = Static<typeof TaskAssigned>;

export const TaskClaimed = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  claimedAt: Timestamp,
  leaseExpiresAt: Timestamp,
});
export type TaskClaimed = Static<typeof TaskClaimed>;

export const TaskDecided = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  outcome: DecisionOutcome,
  /** 容缺: approved while some documents are still to come. */
  documentsPending: Type.Boolean(),
  reason: Type.Optional(Type.String()),
  opinion: Type.Optional(Type.String()),
  decidedAt: Timestamp,
});
export type TaskDecided = Static<typeof TaskDecided>;

/** A claim ended without a decision: given up by its officer, or its lease ran out. */
export const TaskReleased = Type.Object({
  ...TaskRef,
  /** The officer whose claim ended. */
  officerId: Type.String({ minLength: 1 }),
  cause: Type.Union([Type.Literal('RELEASED'), Type.Literal('LEASE_EXPIRED')]),
  note: Type.Optional(Type.String()),
  releasedAt: Timestamp,
});
export type TaskReleased = Static<typeof TaskReleased>;

/** A review opinion (审查意见) recorded on a task without deciding it. */
export const TaskOpinionAdded = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  text: Type.String({ minLength: 1 }),
  addedAt: Timestamp,
});
export type TaskOpinionAdded = Static<typeof TaskOpinionAdded>;

export const SupplementItem = Type.Object({
  /** Catalogue material code; absent for something outside the catalogued list. */
  materialCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  description: Type.String({ minLength: 1 }),
  problem: Type.Optional(Type.String()),
});
export type SupplementItem = Static<typeof SupplementItem>;

/** The department asks the applicant for everything missing at once (补正, 一次性告知); the task's clocks stop. */
export const TaskSupplementRequested = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  items: Type.Array(SupplementItem, { minItems: 1 }),
  note: Type.Optional(Type.String()),
  requestedAt: Timestamp,
});
export type TaskSupplementRequested = Static<typeof TaskSupplementRequested>;

/** The applicant's supplement reached the task: it is back with its officer and the clocks run again. */
export const TaskSupplemented = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  /** Working days the clocks stood still for this supplement. */
  pausedWorkingDays: Type.Integer({ minimum: 0 }),
  promisedDeadline: CalendarDate,
  legalDeadline: CalendarDate,
  supplementedAt: Timestamp,
});
export type TaskSupplemented = Static<typeof TaskSupplemented>;

export const SuspensionKind = Type.Union([
  Type.Literal('HEARING'),
  Type.Literal('EXPERT_REVIEW'),
  Type.Literal('INSPECTION'),
  Type.Literal('PUBLIC_NOTICE'),
  Type.Literal('OTHER'),
]);
export type SuspensionKind = Static<typeof SuspensionKind>;

/** A special procedure (特别程序) began; the task's clocks stop until it is resumed. */
export const TaskSuspended = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  kind: SuspensionKind,
  reason: Type.String({ minLength: 1 }),
  /** Announced length in calendar days; 0 when unknown. */
  plannedDays: Type.Integer({ minimum: 0 }),
  suspendedAt: Timestamp,
});
export type TaskSuspended = Static<typeof TaskSuspended>;

/** The special procedure ended; the clocks run again from where they stopped. */
export const TaskResumed = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  note: Type.Optional(Type.String()),
  /** Working days the clocks stood still for this suspension. */
  pausedWorkingDays: Type.Integer({ minimum: 0 }),
  promisedDeadline: CalendarDate,
  legalDeadline: CalendarDate,
  resumedAt: Timestamp,
});
export type TaskResumed = Static<typeof TaskResumed>;

/** 转办: the task left its department's queue; a new task for the same case and stage went to the target. */
export const TaskTransferred = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  targetDepartmentCode: DepartmentCode,
  /** The task created in the target department's queue. */
  newTaskId: Ulid,
  stage: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1 }),
  transferredAt: Timestamp,
});
export type TaskTransferred = Static<typeof TaskTransferred>;

export const DeadlineKind = Type.Union([Type.Literal('PROMISED'), Type.Literal('LEGAL')]);
export type DeadlineKind = Static<typeof DeadlineKind>;

/** Yellow warning: the promised deadline (承诺时限) is near. Sent once per task. */
export const TaskDeadlineWarned = Type.Object({
  ...TaskRef,
  level: Type.Literal('YELLOW'),
  deadlineKind: DeadlineKind,
  deadline: CalendarDate,
  /** Working days left before the deadline; 0 = due today. */
  workingDaysRemaining: Type.Integer({ minimum: 0 }),
  warnedAt: Timestamp,
});
export type TaskDeadlineWarned = Static<typeof TaskDeadlineWarned>;

/**
 * A deadline passed: RED for the promised one (承诺时限), ESCALATION (督办) for the legal one
 * (法定时限). Sent once per task and level.
 */
export const TaskOverdue = Type.Object({
  ...TaskRef,
  level: Type.Union([Type.Literal('RED'), Type.Literal('ESCALATION')]),
  deadlineKind: DeadlineKind,
  deadline: CalendarDate,
  /** Working days past the deadline (0 when it passed on a day off). */
  workingDaysOverdue: Type.Integer({ minimum: 0 }),
  overdueAt: Timestamp,
});
export type TaskOverdue = Static<typeof TaskOverdue>;

/** The task was closed without a decision: the case was decided by other departments, or withdrawn. */
export const TaskCancelled = Type.Object({
  ...TaskRef,
  cause: Type.Union([Type.Literal('CASE_DECIDED'), Type.Literal('CASE_WITHDRAWN')]),
  cancelledAt: Timestamp,
});
export type TaskCancelled = Static<typeof TaskCancelled>;
