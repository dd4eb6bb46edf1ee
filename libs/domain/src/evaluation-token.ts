import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The per-case token in the evaluation link (好差评): HMAC-SHA256 of the case id under a secret that
 * notification (which sends the link) and supervision (which checks it) share, so only the
 * applicant who received the message can rate the case.
 */
export function evaluationToken(caseId: string, secret: string): string {
  return createHmac('sha256', secret).update(`evaluation:${caseId}`).digest('base64url');
}

export function isValidEvaluationToken(caseId: string, token: string, secret: string): boolean {
  const expected = Buffer.from(evaluationToken(caseId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `${base}/evaluate/{caseId}?t=<token>`: the page where the applicant rates the case. */
export function evaluationLink(publicBaseUrl: string, caseId: string, secret: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/evaluate/${encodeURIComponent(caseId)}?t=${evaluationToken(caseId, secret)}`;
}
