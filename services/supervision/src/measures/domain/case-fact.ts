import type { ApplicantKind, Channel, DecisionOutcome, HandoverMethod } from '@onewindow/contracts';
import { chinaDate, workingDaysBetween } from '@onewindow/domain';

/** What the read model knows about one case, assembled from the events of four services. */
export interface CaseFact {
  caseId: string;
  caseNo: string | null;
  matterCode: string | null;
  matterName: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  cityCode: string | null;
  channel: Channel | null;
  applicantKind: ApplicantKind | null;
  applicantKey: string | null;
  receivedAt: Date | null;
  acceptedAt: Date | null;
  promisedLimitDays: number | null;
  legalLimitDays: number | null;
  materialsProvided: number | null;
  materialsReused: number | null;
  /** Supplements the applicant brought before acceptance (补正 at the front desk). */
  intakeSupplements: number;
  decidedAt: Date | null;
  outcome: DecisionOutcome | null;
  handedOverAt: Date | null;
  handoverMethod: HandoverMethod | null;
}

/** A matter's definition as far as the measures need it. */
export interface MatterFact {
  code: string;
  name: string;
  departmentCode: string;
  visits: number;
  online: boolean;
  status: 'ACTIVE' | 'RETIRED';
}

/** The China-time day a case counts on: when it was registered (or accepted, if that is all we know). */
export function caseDay(c: CaseFact): string | null {
  const at = c.receivedAt ?? c.acceptedAt;
  return at ? chinaDate(at) : null;
}

/** Working days from acceptance to decision (the acceptance day does not count), when both are known. */
export function decisionWorkingDays(c: CaseFact): number | null {
  return c.acceptedAt && c.decidedAt ? workingDaysBetween(chinaDate(c.acceptedAt), chinaDate(c.decidedAt)) : null;
}

export function handoverWorkingDays(c: CaseFact): number | null {
  return c.acceptedAt && c.handedOverAt ? workingDaysBetween(chinaDate(c.acceptedAt), chinaDate(c.handedOverAt)) : null;
}

/**
 * Trips to the service centre a delivered case cost its applicant: the matter's own on-site visits
 * (at least one when it was filed at the window), one more per supplement brought to the window
 * before acceptance, and one to collect the result at the window (courier and electronic handover
 * need none). Null until the case is handed over.
 */
export function caseVisits(c: CaseFact, matter: MatterFact | undefined): number | null {
  if (!c.handedOverAt || !c.channel) return null;
  const atWindow = c.channel === 'WINDOW';
  const application = Math.max(matter?.visits ?? 0, atWindow ? 1 : 0);
  const supplements = atWindow ? c.intakeSupplements : 0;
  const collection = c.handoverMethod === 'WINDOW' ? 1 : 0;
  return application + supplements + collection;
}
