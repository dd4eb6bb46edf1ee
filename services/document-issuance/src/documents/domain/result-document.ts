export type DocumentKind = 'LICENCE' | 'APPROVAL' | 'FILING' | 'REFUSAL_NOTICE';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['LICENCE', 'APPROVAL', 'FILING', 'REFUSAL_NOTICE'];

/** READY_FOR_PICKUP → HANDED_OVER. REVOKED arrives with `document.revoked` later. */
export type DocumentStatus = 'READY_FOR_PICKUP' | 'HANDED_OVER' | 'REVOKED';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['READY_FOR_PICKUP', 'HANDED_OVER', 'REVOKED'];

export type HolderKind = 'NATURAL_PERSON' | 'LEGAL_PERSON';
export type CollectorRole = 'HOLDER' | 'AGENT';
/** WINDOW: collected in person; COURIER: sent by post (邮寄送达); ELECTRONIC: the signed PDF made available (电子送达). */
export type HandoverMethod = 'WINDOW' | 'COURIER' | 'ELECTRONIC';
export const HANDOVER_METHODS: readonly HandoverMethod[] = ['WINDOW', 'COURIER', 'ELECTRONIC'];

export interface CourierDelivery {
  company: string;
  trackingNo: string;
  address: string;
}

/** Detached signature over the canonical content (signing/domain/canonical-payload.ts). */
export interface DocumentSignature {
  algorithm: 'Ed25519';
  kid: string;
  /** base64url */
  value: string;
}

/** 撤销: the document stays on record and verification says it was revoked, and why. */
export interface Revocation {
  reason: string;
  revokedBy: string;
  revokedAt: Date;
}

export interface Holder {
  kind: HolderKind;
  name: string;
  /** Citizen ID (GB 11643) or USCC (GB 32100). */
  idNumber: string;
}

export interface Handover {
  method: HandoverMethod;
  clerkId: string;
  collectorName: string;
  collectorIdNumber: string;
  collectorRole: CollectorRole;
  authorisationRef?: string;
  handedOverAt: Date;
  courier?: CourierDelivery;
  /** ELECTRONIC: the secret in the holder's download link. */
  electronicToken?: string;
}

/** A result document (结果文书): what the applicant collects at the window. */
export interface ResultDocument {
  id: string;
  documentNo: string;
  caseId: string;
  caseNo: string;
  decidedEventId: string;
  kind: DocumentKind;
  title: string;
  matterCode: string;
  matterVersion: number;
  departmentCode: string;
  departmentName: string;
  /** Where the case was registered, for confining clerks: absent when not known (see DocumentAccess). */
  regionCode?: string;
  serviceCentre?: string;
  holder: Holder;
  /** Why the application was refused; empty unless kind is REFUSAL_NOTICE. */
  reasons: string[];
  status: DocumentStatus;
  verificationCode: string;
  issuedAt: Date;
  /** Last day of validity (inclusive, China calendar date); absent when the result does not expire. */
  validUntil?: string;
  handover?: Handover;
  /** Absent only on documents issued before signing existed. */
  signature?: DocumentSignature;
  revocation?: Revocation;
  /** Set by the sweep when nobody collected the result within the configured working days. */
  uncollectedFlaggedAt?: Date;
}
