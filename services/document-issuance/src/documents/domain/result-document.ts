export type DocumentKind = 'LICENCE' | 'APPROVAL' | 'FILING' | 'REFUSAL_NOTICE';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['LICENCE', 'APPROVAL', 'FILING', 'REFUSAL_NOTICE'];

/** READY_FOR_PICKUP → HANDED_OVER. REVOKED arrives with `document.revoked` later. */
export type DocumentStatus = 'READY_FOR_PICKUP' | 'HANDED_OVER' | 'REVOKED';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['READY_FOR_PICKUP', 'HANDED_OVER', 'REVOKED'];

export type HolderKind = 'NATURAL_PERSON' | 'LEGAL_PERSON';
export type CollectorRole = 'HOLDER' | 'AGENT';
export type HandoverMethod = 'WINDOW';

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
  holder: Holder;
  /** Why the application was refused; empty unless kind is REFUSAL_NOTICE. */
  reasons: string[];
  status: DocumentStatus;
  verificationCode: string;
  issuedAt: Date;
  /** Last day of validity (inclusive, China calendar date); absent when the result does not expire. */
  validUntil?: string;
  handover?: Handover;
}
