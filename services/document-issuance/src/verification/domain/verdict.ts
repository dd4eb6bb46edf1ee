import type { DocumentStatus } from '../../documents/domain/result-document';

export type Verdict = 'VALID' | 'EXPIRED' | 'REVOKED' | 'FORGED';
export const VERDICTS: readonly Verdict[] = ['VALID', 'EXPIRED', 'REVOKED', 'FORGED'];

export interface VerdictFacts {
  status: DocumentStatus;
  validUntil?: string;
  revocation?: { reason: string; revokedAt: Date };
  /** The record's own signature checks out with the published key it names. */
  recordSignatureValid: boolean;
  /** A signature presented with the code (from the QR code): undefined when none was presented. */
  presentedSignatureValid?: boolean;
}

/**
 * What the public check answers, most serious first: a document that fails its signature is forged
 * whatever else holds; then revoked; then expired (after its last day, China date); else valid.
 */
export function judge(f: VerdictFacts, today: string): { verdict: Verdict; reason: string } {
  if (!f.recordSignatureValid) {
    return {
      verdict: 'FORGED',
      reason: 'The record does not match its signature: it was altered after issue.',
    };
  }
  if (f.presentedSignatureValid === false) {
    return {
      verdict: 'FORGED',
      reason: 'The signature in the QR code does not match the document issued under this code.',
    };
  }
  if (f.status === 'REVOKED') {
    const when = f.revocation ? ` on ${f.revocation.revokedAt.toISOString().slice(0, 10)}` : '';
    return {
      verdict: 'REVOKED',
      reason: `Revoked (撤销)${when}: ${f.revocation?.reason ?? 'no reason recorded'}`,
    };
  }
  if (f.validUntil !== undefined && f.validUntil < today) {
    return { verdict: 'EXPIRED', reason: `Expired: valid until ${f.validUntil}.` };
  }
  return {
    verdict: 'VALID',
    reason: f.validUntil ? `Authentic and in force until ${f.validUntil}.` : 'Authentic and in force.',
  };
}
