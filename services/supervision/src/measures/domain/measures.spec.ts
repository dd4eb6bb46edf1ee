import { type CaseFact, caseVisits, decisionWorkingDays, type MatterFact } from './case-fact';
import { evaluationBreakdown, speed, targets, volume, weeklyActiveApplicants } from './measures';
import { isoWeek, monthRange, share } from './periods';

let n = 0;
function fact(over: Partial<CaseFact> = {}): CaseFact {
  n++;
  return {
    caseId: `C${n}`,
    caseNo: `NO-${n}`,
    matterCode: 'M1',
    matterName: '食品经营许可',
    departmentCode: 'WH-SCJGJ',
    regionCode: '420102',
    cityCode: '420100',
    channel: 'WINDOW',
    applicantKind: 'NATURAL_PERSON',
    applicantKey: `A${n}`,
    // 2026-11-27 09:00 China time
    receivedAt: new Date('2026-11-27T01:00:00Z'),
    acceptedAt: new Date('2026-11-27T01:00:00Z'),
    promisedLimitDays: 5,
    legalLimitDays: 20,
    materialsProvided: 4,
    materialsReused: 1,
    intakeSupplements: 0,
    decidedAt: null,
    outcome: null,
    handedOverAt: null,
    handoverMethod: null,
    ...over,
  };
}

const matter = (over: Partial<MatterFact> = {}): MatterFact => ({
  code: 'M1',
  name: '食品经营许可',
  departmentCode: 'WH-SCJGJ',
  visits: 0,
  online: true,
  status: 'ACTIVE',
  ...over,
});

describe('periods', () => {
  it('numbers ISO weeks from Monday, the week’s Thursday deciding the year', () => {
    expect(isoWeek('2026-11-27')).toBe('2026-W48'); // a Friday
    expect(isoWeek('2026-11-23')).toBe('2026-W48'); // its Monday
    expect(isoWeek('2026-11-22')).toBe('2026-W47'); // the Sunday before
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // a Friday that belongs to the last week of 2026
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('knows the last day of a month, leap years included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('has no share of nothing', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(1, 3)).toBe(0.3333);
  });
});

describe('volume', () => {
  it('counts a case on its China-time day, so a late evening in UTC is the next morning in Wuhan', () => {
    const v = volume([fact({ receivedAt: new Date('2026-11-26T17:30:00Z') }), fact(), fact({ channel: 'ONLINE', departmentCode: 'WH-GAJ' })]);
    expect(v.total).toBe(3);
    expect(v.byDay).toEqual([{ key: '2026-11-27', cases: 3 }]);
    expect(v.byWeek).toEqual([{ key: '2026-W48', cases: 3 }]);
    expect(v.byMonth).toEqual([{ key: '2026-11', cases: 3 }]);
    expect(v.byDepartment).toEqual([
      { key: 'WH-SCJGJ', cases: 2 },
      { key: 'WH-GAJ', cases: 1 },
    ]);
    expect(v.byChannel).toEqual([
      { key: 'WINDOW', cases: 2 },
      { key: 'ONLINE', cases: 1 },
    ]);
  });
});

describe('weekly active applicants', () => {
  it('counts each applicant once a week, natural and legal persons apart', () => {
    const rows = weeklyActiveApplicants([
      fact({ applicantKey: 'same' }),
      fact({ applicantKey: 'same' }),
      fact({ applicantKind: 'LEGAL_PERSON', applicantKey: 'company' }),
      fact({ applicantKey: 'same', receivedAt: new Date('2026-11-30T02:00:00Z') }),
    ]);
    expect(rows).toEqual([
      { week: '2026-W48', naturalPersons: 1, legalPersons: 1 },
      { week: '2026-W49', naturalPersons: 1, legalPersons: 0 },
    ]);
  });
});

describe('speed', () => {
  it('counts working days from the day after acceptance, skipping the weekend', () => {
    // accepted Friday 2026-11-27, decided Tuesday 2026-12-01: Mon + Tue = 2 working days
    const c = fact({ decidedAt: new Date('2026-12-01T03:00:00Z') });
    expect(decisionWorkingDays(c)).toBe(2);
  });

  it('shares decided within the promised and legal limits, per department', () => {
    const fast = fact({ decidedAt: new Date('2026-12-01T03:00:00Z') }); // 2 days
    const late = fact({ decidedAt: new Date('2026-12-11T03:00:00Z') }); // 10 days > 5 promised, <= 20 legal
    const open = fact();
    const s = speed([fast, late, open]);
    expect(s).toMatchObject({ decided: 2, withinPromised: 1, withinLegal: 2, promisedShare: 0.5, legalShare: 1, averageDecisionWorkingDays: 6 });
    expect(s.byDepartment).toEqual([expect.objectContaining({ key: 'WH-SCJGJ', decided: 2, withinPromised: 1 })]);
  });
});

describe('visits and the reform targets', () => {
  it('counts the trips of a delivered case: application, supplements at the window, collection at the window', () => {
    const handed = { handedOverAt: new Date('2026-12-02T03:00:00Z') };
    expect(caseVisits(fact({ ...handed, handoverMethod: 'COURIER' }), matter())).toBe(1);
    expect(caseVisits(fact({ ...handed, handoverMethod: 'WINDOW' }), matter())).toBe(2);
    expect(caseVisits(fact({ ...handed, channel: 'ONLINE', handoverMethod: 'ELECTRONIC' }), matter())).toBe(0);
    expect(caseVisits(fact({ ...handed, channel: 'ONLINE', handoverMethod: 'ELECTRONIC' }), matter({ visits: 1 }))).toBe(1);
    expect(caseVisits(fact({ ...handed, handoverMethod: 'COURIER', intakeSupplements: 1 }), matter())).toBe(2);
    expect(caseVisits(fact(), matter())).toBeNull();
  });

  it('computes the one-visit, reuse, window and online shares', () => {
    const handed = { handedOverAt: new Date('2026-12-02T03:00:00Z') };
    const t = targets(
      [
        fact({ ...handed, handoverMethod: 'COURIER', materialsProvided: 5, materialsReused: 2 }),
        fact({ ...handed, handoverMethod: 'WINDOW', materialsProvided: 5, materialsReused: 0 }),
        fact({ channel: 'ONLINE', matterCode: 'M2', materialsProvided: 2, materialsReused: 2 }),
      ],
      [matter(), matter({ code: 'M2', visits: 2 }), matter({ code: 'M3', status: 'RETIRED', visits: 3 })],
    );
    expect(t.oneVisitMatters).toEqual({ numerator: 1, denominator: 2, share: 0.5, target: 1 });
    expect(t.oneVisitCases).toMatchObject({ numerator: 1, denominator: 2, share: 0.5 });
    expect(t.materialsReused).toMatchObject({ numerator: 4, denominator: 12, share: 0.3333, target: 0.7 });
    expect(t.comprehensiveWindowMatters).toMatchObject({ numerator: 1, denominator: 2, share: 0.5 });
    expect(t.online).toMatchObject({ numerator: 1, denominator: 3, share: 0.3333 });
  });
});

describe('evaluation breakdown', () => {
  it('counts each score with its label, the good share and the poor ones', () => {
    const b = evaluationBreakdown([{ score: 5 }, { score: 5 }, { score: 4 }, { score: 2 }, { score: 1 }]);
    expect(b.byScore).toEqual([
      { score: 5, label: '非常满意', count: 2 },
      { score: 4, label: '满意', count: 1 },
      { score: 3, label: '基本满意', count: 0 },
      { score: 2, label: '不满意', count: 1 },
      { score: 1, label: '非常不满意', count: 1 },
    ]);
    expect(b).toMatchObject({ total: 5, averageScore: 3.4, goodShare: 0.6, poor: 2 });
  });
});
