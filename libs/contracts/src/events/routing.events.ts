import { type Static, Type } from '@sinclair/typebox';
import {
  ApplicantKind,
  CaseSummary,
  DecisionOutcome,
  DepartmentCode,
  MaterialStatus,
  MatterCode,
  RegionCode,
  Timestamp,
  Ulid,
} from './common';

export const PlannedTask = Type.Object({
  taskId: Ulid,
  departmentCode: DepartmentCode,
  /** 1-based stage; tasks of the same stage run in parallel (并联). */
  stage: Type.Integer({ minimum: 1 }),
});
export type PlannedTask = Static<typeof PlannedTask>;

export const CompletionRule = Type.Union([Type.Literal('ALL'), Type.Literal('ANY')]);
export type CompletionRule = Static<typeof CompletionRule>;

/** One stage of a plan as routed: which departments, and whether all or any of them must approve. */
export const PlannedStage = Type.Object({
  stage: Type.Integer({ minimum: 1 }),
  completionRule: CompletionRule,
  departmentCodes: Type.Array(DepartmentCode, { minItems: 1 }),
});
export type PlannedStage = Static<typeof PlannedStage>;

export const CaseRouted = Type.Composite([
  CaseSummary,
  Type.Object({
    planId: Ulid,
    /** The tasks assigned now: those of the first stage. Later stages follow as `plan.stage-opened`. */
    tasks: Type.Array(PlannedTask, { minItems: 1 }),
    /** The whole plan, every stage, for those who show it; absent from plans routed before rules existed. */
    stages: Type.Optional(Type.Array(PlannedStage, { minItems: 1 })),
    /** The routing rule set version (of the matter, or of each bundle member) the plan was made from. */
    ruleVersions: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 1 }))),
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

/**
 * A later stage of a plan opened because the stages before it were approved: its tasks go to the
 * departments' queues now. Same case facts as `case.routed`, so approval assigns them alike.
 */
export const PlanStageOpened = Type.Composite([
  CaseSummary,
  Type.Object({
    planId: Ulid,
    stage: Type.Integer({ minimum: 2 }),
    tasks: Type.Array(PlannedTask, { minItems: 1 }),
    materials: Type.Array(MaterialStatus),
    legalLimitDays: Type.Integer({ minimum: 0 }),
    promisedLimitDays: Type.Integer({ minimum: 0 }),
    acceptedAt: Timestamp,
    /** When the stage opened: its tasks were routed now. */
    routedAt: Timestamp,
  }),
]);
export type PlanStageOpened = Static<typeof PlanStageOpened>;

/** An accepted case that no routing rule covers: it waits in the operators' unroutable queue. */
export const CaseUnroutable = Type.Composite([
  CaseSummary,
  Type.Object({
    reason: Type.String({ minLength: 1 }),
    /** Matter codes without a rule for the case's region and applicant (the bundle's members for a bundle). */
    unmatchedMatterCodes: Type.Array(MatterCode, { minItems: 1 }),
    detectedAt: Timestamp,
  }),
]);
export type CaseUnroutable = Static<typeof CaseUnroutable>;

/** A rule: which departments decide a matter, for a region (and below it), applicant kind and matter versions. */
export const RoutingRule = Type.Object({
  /** Province (xx0000), city (xxxx00) or county code: the rule covers the region and everything in it. */
  regionCode: RegionCode,
  /** Absent: any applicant. */
  applicantKind: Type.Optional(ApplicantKind),
  /** Inclusive matter version range; an absent end is open. */
  matterVersionFrom: Type.Optional(Type.Integer({ minimum: 1 })),
  matterVersionTo: Type.Optional(Type.Integer({ minimum: 1 })),
  stages: Type.Array(PlannedStage, { minItems: 1 }),
});
export type RoutingRule = Static<typeof RoutingRule>;

/** A new version of a matter's routing rules; it replaces the previous version as a whole. Subject = matter code. */
export const RoutingRulePublished = Type.Object({
  matterCode: MatterCode,
  version: Type.Integer({ minimum: 1 }),
  rules: Type.Array(RoutingRule, { minItems: 1 }),
  publishedBy: Type.String({ minLength: 1 }),
  publishedAt: Timestamp,
});
export type RoutingRulePublished = Static<typeof RoutingRulePublished>;
