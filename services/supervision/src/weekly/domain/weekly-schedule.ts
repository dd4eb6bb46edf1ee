import type { CaseFact } from '../../measures/domain/case-fact';
import { speedFigures, weeklyActiveApplicants } from '../../measures/domain/measures';
import { share } from '../../measures/domain/periods';

/** One department's line in the weekly scheduling report (一周一调度). */
export interface DepartmentWeek {
  departmentCode: string;
  /** Cases registered this week and the week before. */
  received: number;
  receivedPreviousWeek: number;
  /** Cases decided this week, and how many of those within the promised limit. */
  decided: number;
  decidedWithinPromised: number;
  promisedShare: number | null;
  /** Tasks past their deadline and still open when the report is made. */
  overdueNow: number;
  escalatedNow: number;
  /** Evaluations submitted this week, and the poor ones (1–2, 差评). */
  evaluations: number;
  poorEvaluations: number;
  /** Rectifications not yet answered, and those past their deadline. */
  openRectifications: number;
  overdueRectifications: number;
}

export interface WeeklySchedule {
  week: string;
  from: string;
  to: string;
  previousWeek: string;
  totals: Omit<DepartmentWeek, 'departmentCode'> & {
    /** Change of registrations against the week before (0.25 = +25 %); null when the week before had none. */
    receivedChange: number | null;
    online: number;
    onlineShare: number | null;
    /** Distinct applicants this week and the week before (一周法人活跃度). */
    activeLegalPersons: number;
    activeLegalPersonsPreviousWeek: number;
    activeNaturalPersons: number;
  };
  /** Departments with anything to report, the ones needing attention first (overdue, then poor evaluations). */
  departments: DepartmentWeek[];
}

export interface WeeklyInput {
  week: string;
  from: string;
  to: string;
  previousWeek: string;
  /** Registered this week / the week before (by China-time day). */
  received: CaseFact[];
  receivedPreviousWeek: CaseFact[];
  /** Decided this week. */
  decided: CaseFact[];
  evaluations: Array<{ score: number; departmentCode: string }>;
  overdueTasks: Array<{ departmentCode: string; level: 'RED' | 'ESCALATION' }>;
  openRectifications: Array<{ departmentCode: string; open: number; overdue: number }>;
}

const EMPTY: Omit<DepartmentWeek, 'departmentCode'> = {
  received: 0,
  receivedPreviousWeek: 0,
  decided: 0,
  decidedWithinPromised: 0,
  promisedShare: null,
  overdueNow: 0,
  escalatedNow: 0,
  evaluations: 0,
  poorEvaluations: 0,
  openRectifications: 0,
  overdueRectifications: 0,
};

/** 一周一调度: what each department received, decided, left overdue and was rated this week. */
export function weeklySchedule(input: WeeklyInput): WeeklySchedule {
  const lines = new Map<string, DepartmentWeek>();
  const line = (code: string): DepartmentWeek => {
    let l = lines.get(code);
    if (!l) lines.set(code, (l = { departmentCode: code, ...EMPTY }));
    return l;
  };
  for (const c of input.received) if (c.departmentCode) line(c.departmentCode).received++;
  for (const c of input.receivedPreviousWeek) if (c.departmentCode) line(c.departmentCode).receivedPreviousWeek++;
  const decidedBy = new Map<string, CaseFact[]>();
  for (const c of input.decided) {
    if (!c.departmentCode) continue;
    decidedBy.set(c.departmentCode, [...(decidedBy.get(c.departmentCode) ?? []), c]);
  }
  for (const [code, cases] of decidedBy) {
    const s = speedFigures(cases);
    Object.assign(line(code), { decided: s.decided, decidedWithinPromised: s.withinPromised, promisedShare: s.promisedShare });
  }
  for (const t of input.overdueTasks) {
    const l = line(t.departmentCode);
    l.overdueNow++;
    if (t.level === 'ESCALATION') l.escalatedNow++;
  }
  for (const e of input.evaluations) {
    const l = line(e.departmentCode);
    l.evaluations++;
    if (e.score < 3) l.poorEvaluations++;
  }
  for (const r of input.openRectifications) {
    const l = line(r.departmentCode);
    l.openRectifications += r.open;
    l.overdueRectifications += r.overdue;
  }
  const departments = [...lines.values()].sort(
    (a, b) =>
      b.overdueNow - a.overdueNow ||
      b.poorEvaluations - a.poorEvaluations ||
      b.received - a.received ||
      (a.departmentCode < b.departmentCode ? -1 : 1),
  );
  const sum = (k: keyof typeof EMPTY) => departments.reduce((s, d) => s + (d[k] as number), 0);
  const all = speedFigures(input.decided);
  const online = input.received.filter((c) => c.channel === 'ONLINE').length;
  const active = (cases: CaseFact[]) => weeklyActiveApplicants(cases).reduce((a, w) => ({ legal: a.legal + w.legalPersons, natural: a.natural + w.naturalPersons }), { legal: 0, natural: 0 });
  const now = active(input.received);
  const before = active(input.receivedPreviousWeek);
  return {
    week: input.week,
    from: input.from,
    to: input.to,
    previousWeek: input.previousWeek,
    totals: {
      received: input.received.length,
      receivedPreviousWeek: input.receivedPreviousWeek.length,
      receivedChange:
        input.receivedPreviousWeek.length === 0
          ? null
          : Math.round(((input.received.length - input.receivedPreviousWeek.length) / input.receivedPreviousWeek.length) * 10_000) / 10_000,
      decided: all.decided,
      decidedWithinPromised: all.withinPromised,
      promisedShare: all.promisedShare,
      overdueNow: sum('overdueNow'),
      escalatedNow: sum('escalatedNow'),
      evaluations: sum('evaluations'),
      poorEvaluations: sum('poorEvaluations'),
      openRectifications: sum('openRectifications'),
      overdueRectifications: sum('overdueRectifications'),
      online,
      onlineShare: share(online, input.received.length),
      activeLegalPersons: now.legal,
      activeLegalPersonsPreviousWeek: before.legal,
      activeNaturalPersons: now.natural,
    },
    departments,
  };
}
