import { type Static, Type } from '@sinclair/typebox';
import { ApplicantKind, CalendarDate, DepartmentCode, MatterCode, Timestamp, Ulid } from './common';

export const DocumentKind = Type.Union([
  Type.Literal('LICENCE'),
  Type.Literal('APPROVAL'),
  Type.Literal('FILING'),
  Type.Literal('REFUSAL_NOTICE'),
]);
export type DocumentKind = Static<typeof DocumentKind>;

export const DocumentIssued = Type.Object({
  documentId: Ulid,
  documentNo: Type.String({ minLength: 1 }),
  caseId: Ulid,
  caseNo: Type.String(),
  kind: DocumentKind,
  title: Type.String(),
  matterCode: MatterCode,
  departmentCode: DepartmentCode,
  holder: Type.Object({ kind: ApplicantKind, name: Type.String(), idNumber: Type.String() }),
  issuedAt: Timestamp,
  validUntil: Type.Optional(CalendarDate),
  verificationCode: Type.String({ minLength: 8 }),
  /** Ed25519 over the canonical content (services/document-issuance/README.md); public keys at GET /api/v1/signing-keys. */
  signature: Type.Optional(
    Type.Object({ algorithm: Type.Literal('Ed25519'), kid: Type.String({ minLength: 1 }), value: Type.String({ minLength: 1 }) }),
  ),
});
export type DocumentIssued = Static<typeof DocumentIssued>;

export const HandoverMethod = Type.Union([Type.Literal('WINDOW'), Type.Literal('COURIER'), Type.Literal('ELECTRONIC')]);
export type HandoverMethod = Static<typeof HandoverMethod>;

export const DocumentHandedOver = Type.Object({
  documentId: Ulid,
  documentNo: Type.String(),
  caseId: Ulid,
  caseNo: Type.String(),
  method: HandoverMethod,
  collectorName: Type.String(),
  /** HOLDER or AGENT (an authorised proxy). */
  collectorRole: Type.Union([Type.Literal('HOLDER'), Type.Literal('AGENT')]),
  handedOverBy: Type.String(),
  handedOverAt: Timestamp,
  /** COURIER only (邮寄送达). */
  courierCompany: Type.Optional(Type.String()),
  trackingNo: Type.Optional(Type.String()),
});
export type DocumentHandedOver = Static<typeof DocumentHandedOver>;

/** 撤销: the document stays on record; verification answers REVOKED with the reason from now on. */
export const DocumentRevoked = Type.Object({
  documentId: Ulid,
  documentNo: Type.String(),
  caseId: Ulid,
  caseNo: Type.String(),
  reason: Type.String({ minLength: 1 }),
  revokedBy: Type.String({ minLength: 1 }),
  revokedAt: Timestamp,
});
export type DocumentRevoked = Static<typeof DocumentRevoked>;
