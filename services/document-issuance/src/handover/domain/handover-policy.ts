import type { CollectorRole, DocumentStatus, Holder } from '../../documents/domain/result-document';

export interface Collector {
  name: string;
  idNumber: string;
  role: CollectorRole;
  /** Reference of the written authorisation (授权委托书) an agent presents. */
  authorisationRef?: string;
}

export type HandoverRefusal =
  'already-handed-over' | 'document-revoked' | 'collector-identity-mismatch' | 'agent-authorisation-required';

export type HandoverVerdict = { allowed: true } | { allowed: false; reason: HandoverRefusal };

/** ID numbers are compared as people type them at a counter: case and spaces do not matter (…002x = …002X). */
export function sameIdNumber(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}

/**
 * Whether a result may be handed to this collector at the window (出件): once only, to the holder
 * proving who they are, or to an agent carrying an authorisation.
 */
export function checkHandover(
  document: { status: DocumentStatus; holder: Holder },
  collector: Collector,
): HandoverVerdict {
  if (document.status === 'HANDED_OVER') return { allowed: false, reason: 'already-handed-over' };
  if (document.status === 'REVOKED') return { allowed: false, reason: 'document-revoked' };
  if (collector.role === 'HOLDER' && !sameIdNumber(collector.idNumber, document.holder.idNumber)) {
    return { allowed: false, reason: 'collector-identity-mismatch' };
  }
  if (collector.role === 'AGENT' && !collector.authorisationRef?.trim()) {
    return { allowed: false, reason: 'agent-authorisation-required' };
  }
  return { allowed: true };
}
