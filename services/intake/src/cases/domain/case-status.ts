/** The case lifecycle as the applicant sees it (ARCHITECTURE.md, "Case lifecycle"). */
export const CaseStatuses = [
  'RECEIVED',
  'SUPPLEMENT_REQUIRED',
  'ACCEPTED',
  'NOT_ACCEPTED',
  'ROUTED',
  'IN_REVIEW',
  'SUPPLEMENT_REQUESTED',
  'SUSPENDED',
  'APPROVED',
  'DENIED',
  'ISSUED',
  'DELIVERED',
  'WITHDRAWN',
] as const;
export type CaseStatus = (typeof CaseStatuses)[number];

/** Events from the back office that move a case forward, and where each one leads. */
const MILESTONES: Record<string, CaseStatus> = {
  'case.routed': 'ROUTED',
  'task.assigned': 'ROUTED',
  'task.claimed': 'IN_REVIEW',
  'task.decided': 'IN_REVIEW',
  'document.issued': 'ISSUED',
  'document.handed-over': 'DELIVERED',
};

/**
 * Rank along the main path. Events of different services travel on different topics, so they can
 * arrive out of order (a claim after the decision): a case only ever moves forward.
 */
const RANK: Record<CaseStatus, number> = {
  RECEIVED: 0,
  SUPPLEMENT_REQUIRED: 1,
  ACCEPTED: 2,
  NOT_ACCEPTED: 2,
  ROUTED: 3,
  IN_REVIEW: 4,
  SUPPLEMENT_REQUESTED: 4,
  SUSPENDED: 4,
  APPROVED: 5,
  DENIED: 5,
  ISSUED: 6,
  DELIVERED: 7,
  WITHDRAWN: 8,
};

const FINAL: ReadonlySet<CaseStatus> = new Set(['NOT_ACCEPTED', 'WITHDRAWN', 'DELIVERED']);

/**
 * Holds during review move sideways, not forward: a department's supplement request pauses the whole
 * case (and outranks a suspension), its end or the end of the special procedure puts it back in review.
 * Approval's events of one case arrive in order (one topic, keyed by case), so these are safe.
 */
const HOLDS: Record<string, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  'task.supplement-requested': { from: ['ROUTED', 'IN_REVIEW', 'SUSPENDED'], to: 'SUPPLEMENT_REQUESTED' },
  'task.supplemented': { from: ['SUPPLEMENT_REQUESTED'], to: 'IN_REVIEW' },
  'task.suspended': { from: ['ROUTED', 'IN_REVIEW'], to: 'SUSPENDED' },
  'task.resumed': { from: ['SUSPENDED'], to: 'IN_REVIEW' },
};

/** Status after a back-office event; the same status when the event does not move the case. */
export function statusAfter(current: CaseStatus, eventType: string, outcome?: 'APPROVED' | 'DENIED'): CaseStatus {
  if (FINAL.has(current)) return current;
  const hold = HOLDS[eventType];
  if (hold) return hold.from.includes(current) ? hold.to : current;
  const target: CaseStatus | undefined = eventType === 'case.decided' ? outcome : MILESTONES[eventType];
  if (!target) return current;
  return RANK[target] > RANK[current] ? target : current;
}

/** Withdrawal is possible until a decision is made (撤回). */
export function canWithdraw(current: CaseStatus): boolean {
  return RANK[current] < RANK.APPROVED && !FINAL.has(current);
}

/** Refused, withdrawn or delivered: nothing more happens at the window. */
export function isClosed(current: CaseStatus): boolean {
  return FINAL.has(current);
}

/** A department decided (or the result is out). */
export function isDecided(current: CaseStatus): boolean {
  return RANK[current] >= RANK.APPROVED && current !== 'WITHDRAWN';
}

/** Refusal (不予受理) is the alternative to acceptance, so only a case not yet accepted can be refused. */
export function canRefuse(current: CaseStatus): boolean {
  return current === 'RECEIVED' || current === 'SUPPLEMENT_REQUIRED';
}

/** Delivered (送达) once every result issued for the case is handed over: a bundle's case has one per matter. */
export function everyResultHandedOver(issuedNos: readonly string[], handedOverNos: readonly string[]): boolean {
  const handed = new Set(handedOverNos);
  return issuedNos.every((n) => handed.has(n));
}
