import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, DepartmentCode, MatterCode, RegionCode, Timestamp, Ulid } from './common';

/** 好差评 scale: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export const EvaluationScore = Type.Integer({ minimum: 1, maximum: 5 });

export const EvaluationSubmitted = Type.Object({
  caseId: Ulid,
  caseNo: Type.String(),
  matterCode: MatterCode,
  departmentCode: DepartmentCode,
  regionCode: RegionCode,
  score: EvaluationScore,
  label: Type.String({ minLength: 1 }),
  /** Required below 3 (差评). */
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  submittedAt: Timestamp,
});
export type EvaluationSubmitted = Static<typeof EvaluationSubmitted>;

const RectificationRef = {
  rectificationId: Ulid,
  caseId: Ulid,
  departmentCode: DepartmentCode,
};

/** A poor rating (差评) opens a rectification (整改) for the department with a working-day deadline. */
export const RectificationOpened = Type.Object({
  ...RectificationRef,
  caseNo: Type.String(),
  score: EvaluationScore,
  reason: Type.String({ minLength: 1 }),
  deadline: CalendarDate,
  openedAt: Timestamp,
});
export type RectificationOpened = Static<typeof RectificationOpened>;

export const RectificationResponded = Type.Object({
  ...RectificationRef,
  response: Type.String({ minLength: 1 }),
  respondedBy: Type.String({ minLength: 1 }),
  /** Whether the answer came after the deadline. */
  late: Type.Boolean(),
  respondedAt: Timestamp,
});
export type RectificationResponded = Static<typeof RectificationResponded>;

/** 回访: the supervisor asked the applicant whether the answer settled it. */
export const RectificationFollowedUp = Type.Object({
  ...RectificationRef,
  note: Type.String({ minLength: 1 }),
  followedUpBy: Type.String({ minLength: 1 }),
  applicantSatisfied: Type.Boolean(),
  followedUpAt: Timestamp,
});
export type RectificationFollowedUp = Static<typeof RectificationFollowedUp>;

export const RectificationClosed = Type.Object({
  ...RectificationRef,
  note: Type.Optional(Type.String()),
  closedBy: Type.String({ minLength: 1 }),
  closedAt: Timestamp,
});
export type RectificationClosed = Static<typeof RectificationClosed>;
