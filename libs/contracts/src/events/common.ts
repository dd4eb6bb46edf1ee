import { type Static, Type } from '@sinclair/typebox';

export const Ulid = Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' });
export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 instant' });
export const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: '行政区划代码, 6 digits' });
export const DepartmentCode = Type.String({ minLength: 1, maxLength: 64 });
export const MatterCode = Type.String({ minLength: 1, maxLength: 64 });

export const Channel = Type.Union(
  [Type.Literal('WINDOW'), Type.Literal('ONLINE'), Type.Literal('HOTLINE'), Type.Literal('ASSISTED')],
  { description: 'Where the application came in: comprehensive window, online portal, 12345 hotline, assisted (帮办代办)' },
);
export type Channel = Static<typeof Channel>;

export const ApplicantKind = Type.Union([Type.Literal('NATURAL_PERSON'), Type.Literal('LEGAL_PERSON')]);
export type ApplicantKind = Static<typeof ApplicantKind>;

export const Contact = Type.Object({
  phone: Type.Optional(Type.String({ maxLength: 32 })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  /** The language the applicant wants messages in; zh-CN when absent. */
  locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
});

export const Applicant = Type.Object({
  kind: ApplicantKind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** Citizen ID (GB 11643) for a natural person, USCC (GB 32100) for a legal person. */
  idNumber: Type.String({ minLength: 18, maxLength: 18 }),
  contact: Contact,
});
export type Applicant = Static<typeof Applicant>;

export const MaterialStatus = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  provided: Type.Boolean(),
  /** Whether the matter requires it (optional materials may be absent without a problem). */
  required: Type.Optional(Type.Boolean()),
  /** Set when the material was pulled from a document the government already issued. */
  reusedFromDocumentNo: Type.Optional(Type.String()),
});
export type MaterialStatus = Static<typeof MaterialStatus>;

/** One matter of a bundle case, at the version the case was filed under. */
export const CaseBundleMatter = Type.Object({
  matterCode: MatterCode,
  matterVersion: Type.Integer({ minimum: 1 }),
  matterName: Type.String(),
  departmentCode: DepartmentCode,
  /** The bundle stage: matters of one stage run in parallel (并联), stages one after the other. */
  stage: Type.Integer({ minimum: 1 }),
});
export type CaseBundleMatter = Static<typeof CaseBundleMatter>;

/**
 * 一件事: the bundle a case was filed for (one case, one form), at the version it was accepted under.
 * On a bundle case `matterCode`, `matterVersion` and `matterName` name the bundle itself.
 */
export const CaseBundle = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  matters: Type.Array(CaseBundleMatter, { minItems: 2 }),
});
export type CaseBundle = Static<typeof CaseBundle>;

/** What every downstream service needs to know about a case without asking intake. */
export const CaseSummary = Type.Object({
  caseId: Ulid,
  caseNo: Type.String({ minLength: 1, maxLength: 64 }),
  matterCode: MatterCode,
  matterVersion: Type.Integer({ minimum: 1 }),
  matterName: Type.String(),
  regionCode: RegionCode,
  /**
   * The service centre (政务服务中心) whose clerk registered the case, from the clerk's token; later
   * services confine clerks to their own centre's records with it. Absent on cases registered without
   * a clerk (online, or authentication off) and on events from before it existed.
   */
  serviceCentre: Type.Optional(Type.String({ pattern: '^[\\w.:-]{1,64}$' })),
  channel: Channel,
  applicant: Applicant,
  /** Present on a bundle case (一件事): its matters, their versions and stages. */
  bundle: Type.Optional(CaseBundle),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const DecisionOutcome = Type.Union([Type.Literal('APPROVED'), Type.Literal('DENIED')]);
export type DecisionOutcome = Static<typeof DecisionOutcome>;
