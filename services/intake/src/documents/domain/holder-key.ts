import { createHash } from 'node:crypto';

/**
 * The key under which a person's or company's cases and issued documents are found: a SHA-256 of the
 * id number, so search by applicant and material reuse work without storing a readable index of ids.
 */
export function holderKey(idNumber: string): string {
  return createHash('sha256').update(idNumber.trim().toUpperCase(), 'utf8').digest('hex');
}
