import { type Static, Type } from '@sinclair/typebox';
import {
  Applicant,
  CalendarDate,
  CaseSummary,
  Channel,
  DepartmentCode,
  MaterialStatus,
  MatterCode,
  RegionCode,
  Timestamp,
  Ulid,
} from './common';

/** 帮办代办: a proxy who files for the applicant, with the reference of the signed authorisation. */
export const Agent = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  idNumber: Type.String({ minLength: 18, maxLength: 18 }),
  authorisationRef: Type.String({ minLength: 1, maxLength: 100 }),
});
export type Agent = Static<typeof Agent>;

export const CaseReceived = Type.Composite([
  CaseSummary,
  Type.Object({ receivedAt: Timestamp, materials: Type.Array(MaterialStatus), agent: Type.Optional(Agent) }),
]);
export type CaseReceived = Static<typeof CaseReceived>;

export const CaseAccepted = Type.Composite([
  CaseSummary,
  Type.Object({
    acceptedAt: Timestamp,
    departmentCode: DepartmentCode,
    materials: Type.Array(MaterialStatus),
    legalLimitDays: Type.Integer({ minimum: 0 }),
    promisedLimitDays: Type.Integer({ minimum: 0 }),
    /** Promised completion date, counted in working days from acceptance. */
    promisedDate: CalendarDate,
    agent: Type.Optional(Agent),
  }),
]);
export type CaseAccepted = Static<typeof CaseAccepted>;

export const CaseNotAccepted = Type.Object({
  caseId: Ulid,
  caseNo: Type.String(),
  reason: Type.String({ minLength: 1 }),
  legalBasis: Type.String({ minLength: 1 }),
  decidedAt: Timestamp,
});
export type CaseNotAccepted = Static<typeof CaseNotAccepted>;

export const MissingMaterial = Type.Object({
  code: Type.String(),
  name: Type.String(),
  problem: Type.String(),
});
export const CaseSupplementRequired = Type.Object({
  caseId: Ulid,
  caseNo: Type.String(),
  missing: Type.Array(MissingMaterial, { minItems: 1 }),
  requestedAt: Timestamp,
});
export type CaseSupplementRequired = Static<typeof CaseSupplementRequired>;

export const CaseSupplemented = Type.Object({
  caseId: Ulid,
  caseNo: Type.String(),
  materials: Type.Array(MaterialStatus),
  supplementedAt: Timestamp,
});
export type CaseSupplemented = Static<typeof CaseSupplemented>;

export const CaseWithdrawn = Type.Object({
  caseId: Ulid,
  caseNo: Type.String(),
  reason: Type.String({ minLength: 1 }),
  withdrawnAt: Timestamp,
});
export type CaseWithdrawn = Static<typeof CaseWithdrawn>;

export const MatterLevel = Type.Union([
  Type.Literal('PROVINCE'),
  Type.Literal('CITY'),
  Type.Literal('COUNTY'),
  Type.Literal('TOWNSHIP'),
  Type.Literal('VILLAGE'),
]);
export const MatterKind = Type.Union([Type.Literal('INSTANT'), Type.Literal('PROMISED')]);
export const ResultType = Type.Union([Type.Literal('LICENCE'), Type.Literal('APPROVAL'), Type.Literal('FILING')]);

export const MatterMaterial = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  required: Type.Boolean(),
  form: Type.Union([Type.Literal('ORIGINAL'), Type.Literal('COPY'), Type.Literal('ELECTRONIC')]),
  /** Can be pulled from a document the government already issued (电子证照) instead of being asked for. */
  shareable: Type.Boolean(),
  /** Matters whose issued result document stands in for this material (共享材料); only for shareable materials. */
  providedByMatterCodes: Type.Optional(Type.Array(MatterCode, { maxItems: 20 })),
});

export const MatterPublished = Type.Object({
  code: MatterCode,
  version: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1 }),
  departmentCode: DepartmentCode,
  departmentName: Type.String(),
  level: MatterLevel,
  kind: MatterKind,
  legalLimitDays: Type.Integer({ minimum: 0 }),
  promisedLimitDays: Type.Integer({ minimum: 0 }),
  visits: Type.Integer({ minimum: 0, maximum: 5 }),
  online: Type.Boolean(),
  resultType: ResultType,
  resultValidityMonths: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Departments that must approve, beyond the lead department; empty for single-department matters. */
  coDepartmentCodes: Type.Array(DepartmentCode),
  regionCodes: Type.Array(RegionCode),
  materials: Type.Array(MatterMaterial),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('RETIRED')]),
  publishedAt: Timestamp,
});
export type MatterPublished = Static<typeof MatterPublished>;

export const BundleMatter = Type.Object({
  matterCode: MatterCode,
  /** 1-based stage: matters of the same stage run in parallel (并联), a later stage waits for the earlier ones. */
  stage: Type.Integer({ minimum: 1 }),
});
export type BundleMatter = Static<typeof BundleMatter>;

/** How a stage of a bundle completes: ALL of its matters' departments approve, or ANY one of them. */
export const BundleStage = Type.Object({
  stage: Type.Integer({ minimum: 1 }),
  completionRule: Type.Union([Type.Literal('ALL'), Type.Literal('ANY')]),
});
export type BundleStage = Static<typeof BundleStage>;

/** 一件事: several matters across departments handled as one case with one form. Subject = bundle code. */
export const BundlePublished = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1 }),
  description: Type.String(),
  leadDepartmentCode: DepartmentCode,
  regionCodes: Type.Array(RegionCode),
  matters: Type.Array(BundleMatter, { minItems: 2 }),
  /** Completion rule per stage; a stage not listed completes when ALL its departments approve. */
  stages: Type.Optional(Type.Array(BundleStage)),
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('RETIRED')]),
  publishedAt: Timestamp,
});
export type BundlePublished = Static<typeof BundlePublished>;

export { Applicant, Channel };
