import { createHmac } from 'node:crypto';

/**
 * Counts distinct applicants without keeping who they are: a keyed hash of kind and ID number, so
 * the ID number cannot be recovered or looked up by hashing candidates without the secret.
 */
export function applicantKey(kind: string, idNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(`applicant:${kind}:${idNumber.toUpperCase()}`).digest('base64url');
}
