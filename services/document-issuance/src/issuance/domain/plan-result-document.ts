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

/** What a decision is about: one matter, or on a bundle case (一件事) the bundle and its matters. */
export interface DecidedCase {
  matterCode: string;
  matterVersion: number;
  matterName: string;
  outcome: DecisionOutcome;
  leadDepartmentCode: string;
  departments: ReadonlyArray<{ departmentCode: string; outcome: DecisionOutcome }>;
  bundle?: {
    matters: ReadonlyArray<{ matterCode: string; matterVersion: number; matterName: string; departmentCode: string; stage: number }>;
  };
}

/** One result to issue: the matter it is for, and the department that signs it. */
export interface ResultTarget {
  matterCode: string;
  matterVersion: number;
  matterName: string;
  departmentCode: string;
  /** A bundle's refusal notice is for the bundle itself, not for one of the issuance catalogue's matters. */
  bundleRefusal: boolean;
}

/**
 * The results a decision yields: one for a matter; for an approved bundle one per matter, signed by
 * that matter's department, in stage order — except a matter its department denied (possible only in
 * a stage any one approval completes); for a denied bundle one refusal notice by the lead department.
 */
export function resultTargets(d: DecidedCase): ResultTarget[] {
  if (!d.bundle || d.outcome === 'DENIED') {
    return [{
      matterCode: d.matterCode,
      matterVersion: d.matterVersion,
      matterName: d.matterName,
      departmentCode: d.leadDepartmentCode,
      bundleRefusal: d.bundle !== undefined,
    }];
  }
  const approved = new Set(d.departments.filter((x) => x.outcome === 'APPROVED').map((x) => x.departmentCode));
  const denied = new Set(d.departments.filter((x) => x.outcome === 'DENIED').map((x) => x.departmentCode));
  return [...d.bundle.matters]
    .sort((a, b) => a.stage - b.stage)
    .filter((m) => approved.has(m.departmentCode) || !denied.has(m.departmentCode))
    .map((m) => ({
      matterCode: m.matterCode,
      matterVersion: m.matterVersion,
      matterName: m.matterName,
      departmentCode: m.departmentCode,
      bundleRefusal: false,
    }));
}
