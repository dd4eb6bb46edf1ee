import type { ResultDocument } from '../../documents/domain/result-document';

/** Name and version of the signed format; part of the payload, so a later format cannot be confused with this one. */
export const SIGNED_FORMAT = 'onewindow-document/1';

/**
 * What a signature covers: the content printed on the document. Kept flat, strings only (plus the
 * reasons array), so any language rebuilds it; README.md of this service documents it for integrators.
 */
export interface SignedContent {
  format: typeof SIGNED_FORMAT;
  kid: string;
  documentNo: string;
  kind: string;
  title: string;
  caseNo: string;
  matterCode: string;
  departmentCode: string;
  departmentName: string;
  holderKind: string;
  holderName: string;
  holderIdNumber: string;
  /** ISO 8601 UTC with milliseconds, e.g. 2026-11-27T08:30:00.000Z */
  issuedAt: string;
  /** YYYY-MM-DD, or null when the document does not expire */
  validUntil: string | null;
  reasons: string[];
  verificationCode: string;
}

export type SignableDocument = Pick<
  ResultDocument,
  | 'documentNo'
  | 'kind'
  | 'title'
  | 'caseNo'
  | 'matterCode'
  | 'departmentCode'
  | 'departmentName'
  | 'holder'
  | 'issuedAt'
  | 'validUntil'
  | 'reasons'
  | 'verificationCode'
>;

export function signedContent(doc: SignableDocument, kid: string): SignedContent {
  return {
    format: SIGNED_FORMAT,
    kid,
    documentNo: doc.documentNo,
    kind: doc.kind,
    title: doc.title,
    caseNo: doc.caseNo,
    matterCode: doc.matterCode,
    departmentCode: doc.departmentCode,
    departmentName: doc.departmentName,
    holderKind: doc.holder.kind,
    holderName: doc.holder.name,
    holderIdNumber: doc.holder.idNumber,
    issuedAt: doc.issuedAt.toISOString(),
    validUntil: doc.validUntil ?? null,
    reasons: [...doc.reasons],
    verificationCode: doc.verificationCode,
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * RFC 8785 (JCS) canonical JSON for the values we sign: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as JSON.stringify does (which JCS adopts). Numbers are not used.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value))
      throw new RangeError('only safe integers are signed');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

/** The exact bytes signed: UTF-8 of the canonical JSON of the signed content. */
export function signingInput(content: SignedContent): Buffer {
  return Buffer.from(canonicalJson({ ...content }), 'utf8');
}
