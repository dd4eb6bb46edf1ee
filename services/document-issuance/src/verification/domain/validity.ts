import type { DocumentStatus } from '../../documents/domain/result-document';

/** Authentic and in force today: not revoked and, when it expires, not past its last day (inclusive). */
export function isValidOn(doc: { status: DocumentStatus; validUntil?: string }, today: string): boolean {
  if (doc.status === 'REVOKED') return false;
  return doc.validUntil === undefined || doc.validUntil >= today;
}
