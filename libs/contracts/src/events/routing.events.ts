import { type Static, Type } from '@sinclair/typebox';
import { CaseSummary, DecisionOutcome, DepartmentCode, MaterialStatus, Timestamp, Ulid } from './common';

export const PlannedTask = Type.Object({
  taskId: Ulid,
  departmentCode: DepartmentCode,
  /** 1-based stage; tasks of the same stage run in parallel (并联). */
  stage: Type.Integer({ minimum: 1 }),
});
export type PlannedTask = Static<typeof PlannedTask>;

export const CaseRouted = Type.Composite([
  CaseSummary,
  Type.Object({
    planId: Ulid,
    tasks: Type.Array(PlannedTask, { minItems: 1 }),
    materials: Type.Array(MaterialStatus),
    legalLimitDays: Type.Integer({ minimum: 0 }),
    promisedLimitDays: Type.Integer({ minimum: 0 }),
    /** When the case was accepted: the clocks count from here, not from routing. */
    acceptedAt: Timestamp,
    routedAt: Timestamp,
  }),
]);
export type CaseRouted = Static<typeof CaseRouted>;

export const DepartmentOutcome = Type.Object({
  taskId: Ulid,
  departmentCode: DepartmentCode,
  outcome: DecisionOutcome,
  reason: Type.Optional(Type.String()),
});

export const CaseDecided = Type.Composite([
  CaseSummary,
  Type.Object({
    outcome: DecisionOutcome,
    /** Reasons for a denial, one per denying department; empty when approved. */
    reasons: Type.Array(Type.String()),
    departments: Type.Array(DepartmentOutcome, { minItems: 1 }),
    leadDepartmentCode: DepartmentCode,
    decidedAt: Timestamp,
  }),
]);
export type CaseDecided = Static<typeof CaseDecided>;
