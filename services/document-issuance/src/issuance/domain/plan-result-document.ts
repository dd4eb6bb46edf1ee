import type { Matter } from '../../matters/domain/matter';
import type { DocumentKind } from '../../documents/domain/result-document';
import { addDays, addMonths, chinaDate, formatDate } from './china-calendar';

export type DecisionOutcome = 'APPROVED' | 'DENIED';

export interface DecisionFacts {
  outcome: DecisionOutcome;
  reasons: string[];
  /** The matter name as the case recorded it, in case the catalogue renamed it since. */
  matterName: string;
}

export interface PlannedDocument {
  kind: DocumentKind;
  title: string;
  reasons: string[];
  validUntil?: string;
}

const TITLE_SUFFIX: Record<DocumentKind, string> = {
  LICENCE: '（电子证照）',
  APPROVAL: '准予行政许可决定书',
  FILING: '备案回执',
  REFUSAL_NOTICE: '不予行政许可决定书',
};

/**
 * A result valid for N months counts from the issue date and ends the day before the same date N
 * months later (issued 2026-11-27, 60 months → valid until 2031-11-26).
 */
export function validUntil(issuedAt: Date, months: number): string {
  return formatDate(addDays(addMonths(chinaDate(issuedAt), months), -1));
}

/** Which document a decision yields: the matter's result type when approved, a refusal notice with the reasons when denied. */
export function planResultDocument(decision: DecisionFacts, matter: Matter, issuedAt: Date): PlannedDocument {
  const name = decision.matterName || matter.name;
  if (decision.outcome === 'DENIED') {
    const reasons = decision.reasons.map((r) => r.trim()).filter(Boolean);
    return { kind: 'REFUSAL_NOTICE', title: name + TITLE_SUFFIX.REFUSAL_NOTICE, reasons };
  }
  const kind: DocumentKind = matter.resultType;
  return {
    kind,
    title: name + TITLE_SUFFIX[kind],
    reasons: [],
    ...(matter.resultValidityMonths ? { validUntil: validUntil(issuedAt, matter.resultValidityMonths) } : {}),
  };
}
