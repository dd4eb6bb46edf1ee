import { type CaseFact, caseDay, caseVisits, decisionWorkingDays, handoverWorkingDays, type MatterFact } from './case-fact';
import { average, isoWeek, monthOf, share } from './periods';

export interface Count {
  key: string;
  cases: number;
}

function countBy(cases: CaseFact[], keyOf: (c: CaseFact) => string | null): Count[] {
  const m = new Map<string, number>();
  for (const c of cases) {
    const k = keyOf(c);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([key, cases]) => ({ key, cases }));
}

const byKey = (a: Count, b: Count) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byCasesDesc = (a: Count, b: Count) => b.cases - a.cases || byKey(a, b);

export interface Volume {
  total: number;
  byDay: Count[];
  byWeek: Count[];
  byMonth: Count[];
  byDepartment: Count[];
  byMatter: Count[];
  byCity: Count[];
  byRegion: Count[];
  byChannel: Count[];
}

/** Cases registered, by period (China days, ISO weeks, months) and by who and where. */
export function volume(cases: CaseFact[]): Volume {
  return {
    total: cases.length,
    byDay: countBy(cases, caseDay).sort(byKey),
    byWeek: countBy(cases, (c) => {
      const d = caseDay(c);
      return d && isoWeek(d);
    }).sort(byKey),
    byMonth: countBy(cases, (c) => {
      const d = caseDay(c);
      return d && monthOf(d);
    }).sort(byKey),
    byDepartment: countBy(cases, (c) => c.departmentCode).sort(byCasesDesc),
    byMatter: countBy(cases, (c) => c.matterCode).sort(byCasesDesc),
    byCity: countBy(cases, (c) => c.cityCode).sort(byCasesDesc),
    byRegion: countBy(cases, (c) => c.regionCode).sort(byCasesDesc),
    byChannel: countBy(cases, (c) => c.channel).sort(byCasesDesc),
  };
}

export interface WeeklyActive {
  week: string;
  naturalPersons: number;
  legalPersons: number;
}

/** Distinct applicants with a case registered in each ISO week, natural and legal persons apart (一周法人活跃度). */
export function weeklyActiveApplicants(cases: CaseFact[]): WeeklyActive[] {
  const weeks = new Map<string, { natural: Set<string>; legal: Set<string> }>();
  for (const c of cases) {
    const d = caseDay(c);
    if (!d || !c.applicantKey || !c.applicantKind) continue;
    const w = isoWeek(d);
    const sets = weeks.get(w) ?? { natural: new Set<string>(), legal: new Set<string>() };
    (c.applicantKind === 'LEGAL_PERSON' ? sets.legal : sets.natural).add(c.applicantKey);
    weeks.set(w, sets);
  }
  return [...weeks]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, s]) => ({ week, naturalPersons: s.natural.size, legalPersons: s.legal.size }));
}

export interface SpeedFigures {
  decided: number;
  withinPromised: number;
  withinLegal: number;
  promisedShare: number | null;
  legalShare: number | null;
  averageDecisionWorkingDays: number | null;
  handedOver: number;
  averageHandoverWorkingDays: number | null;
}

export function speedFigures(cases: CaseFact[]): SpeedFigures {
  const decided: number[] = [];
  let withinPromised = 0;
  let withinLegal = 0;
  for (const c of cases) {
    const days = decisionWorkingDays(c);
    if (days === null) continue;
    decided.push(days);
    if (c.promisedLimitDays !== null && days <= c.promisedLimitDays) withinPromised++;
    if (c.legalLimitDays !== null && days <= c.legalLimitDays) withinLegal++;
  }
  const handover = cases.map(handoverWorkingDays).filter((d): d is number => d !== null);
  return {
    decided: decided.length,
    withinPromised,
    withinLegal,
    promisedShare: share(withinPromised, decided.length),
    legalShare: share(withinLegal, decided.length),
    averageDecisionWorkingDays: average(decided),
    handedOver: handover.length,
    averageHandoverWorkingDays: average(handover),
  };
}

export interface Speed extends SpeedFigures {
  byDepartment: Array<SpeedFigures & { key: string }>;
  byMatter: Array<SpeedFigures & { key: string }>;
}

function groupBy(cases: CaseFact[], keyOf: (c: CaseFact) => string | null): Map<string, CaseFact[]> {
  const m = new Map<string, CaseFact[]>();
  for (const c of cases) {
    const k = keyOf(c);
    if (k === null) continue;
    const list = m.get(k) ?? [];
    list.push(c);
    m.set(k, list);
  }
  return m;
}

/** Acceptance → decision and → handover in working days, and the shares decided within the promised and legal limits. */
export function speed(cases: CaseFact[]): Speed {
  const grouped = (keyOf: (c: CaseFact) => string | null) =>
    [...groupBy(cases, keyOf)]
      .map(([key, list]) => ({ key, ...speedFigures(list) }))
      .filter((g) => g.decided > 0 || g.handedOver > 0)
      .sort((a, b) => b.decided - a.decided || (a.key < b.key ? -1 : 1));
  return { ...speedFigures(cases), byDepartment: grouped((c) => c.departmentCode), byMatter: grouped((c) => c.matterCode) };
}

export interface Ratio {
  numerator: number;
  denominator: number;
  share: number | null;
  /** The reform's target for the share, when the article sets one. */
  target: number | null;
}

const ratio = (numerator: number, denominator: number, target: number | null = null): Ratio => ({
  numerator,
  denominator,
  share: share(numerator, denominator),
  target,
});

export interface Targets {
  /** Active matters whose definition needs at most one visit (最多跑一次). */
  oneVisitMatters: Ratio;
  /** Delivered cases that cost their applicant at most one trip. */
  oneVisitCases: Ratio;
  /** Materials provided by reusing a document already issued (共享材料), of all provided (材料减少 40 % / 70 %). */
  materialsReused: Ratio;
  /** Matters with cases accepted at the comprehensive window (一窗分类受理 80 %), of matters with cases. */
  comprehensiveWindowMatters: Ratio;
  /** Cases filed online (一网通办). */
  online: Ratio;
}

export function targets(cases: CaseFact[], matters: MatterFact[]): Targets {
  const active = matters.filter((m) => m.status === 'ACTIVE');
  const matterByCode = new Map(matters.map((m) => [m.code, m]));
  let delivered = 0;
  let oneVisit = 0;
  let provided = 0;
  let reused = 0;
  let online = 0;
  let withChannel = 0;
  const mattersWithCases = new Set<string>();
  const mattersAtWindow = new Set<string>();
  for (const c of cases) {
    const visits = caseVisits(c, c.matterCode ? matterByCode.get(c.matterCode) : undefined);
    if (visits !== null) {
      delivered++;
      if (visits <= 1) oneVisit++;
    }
    provided += c.materialsProvided ?? 0;
    reused += c.materialsReused ?? 0;
    if (c.channel) {
      withChannel++;
      if (c.channel === 'ONLINE') online++;
    }
    if (c.matterCode && c.acceptedAt) {
      mattersWithCases.add(c.matterCode);
      if (c.channel === 'WINDOW' || c.channel === 'ASSISTED') mattersAtWindow.add(c.matterCode);
    }
  }
  return {
    oneVisitMatters: ratio(active.filter((m) => m.visits <= 1).length, active.length, 1),
    oneVisitCases: ratio(oneVisit, delivered),
    materialsReused: ratio(reused, provided, 0.7),
    comprehensiveWindowMatters: ratio(mattersAtWindow.size, mattersWithCases.size, 0.8),
    online: ratio(online, withChannel),
  };
}

export interface EvaluationFact {
  score: number;
  departmentCode: string;
  cityCode: string;
}

export interface EvaluationBreakdown {
  total: number;
  byScore: Array<{ score: number; label: string; count: number }>;
  averageScore: number | null;
  /** 好评率: 4 and 5 of all. */
  goodShare: number | null;
  /** 差评: 1 and 2. */
  poor: number;
}

export const SCORE_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };

export function evaluationBreakdown(evaluations: Array<{ score: number }>): EvaluationBreakdown {
  const counts = [5, 4, 3, 2, 1].map((score) => ({
    score,
    label: SCORE_LABELS[score],
    count: evaluations.filter((e) => e.score === score).length,
  }));
  const good = evaluations.filter((e) => e.score >= 4).length;
  return {
    total: evaluations.length,
    byScore: counts,
    averageScore: average(evaluations.map((e) => e.score)),
    goodShare: share(good, evaluations.length),
    poor: evaluations.filter((e) => e.score < 3).length,
  };
}
