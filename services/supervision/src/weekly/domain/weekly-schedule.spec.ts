import type { CaseFact } from '../../measures/domain/case-fact';
import { isoWeek, weekRange } from '../../measures/domain/periods';
import { weeklySchedule } from './weekly-schedule';

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
    receivedAt: new Date('2026-11-23T01:00:00Z'), // Monday of 2026-W48, 09:00 China time
    acceptedAt: new Date('2026-11-23T01:00:00Z'),
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

describe('weekRange', () => {
  it('gives Monday to Sunday of an ISO week and the week before, across a year boundary too', () => {
    expect(weekRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29', previous: '2026-W47' });
    expect(weekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04', previous: '2025-W52' });
    expect(weekRange('2020-W53')).toEqual({ from: '2020-12-28', to: '2021-01-03', previous: '2020-W52' });
    for (const day of ['2026-01-01', '2026-06-15', '2026-12-31', '2027-01-03']) {
      const r = weekRange(isoWeek(day));
      expect(day >= r.from && day <= r.to).toBe(true);
    }
  });
});

describe('weeklySchedule (一周一调度)', () => {
  const base = { week: '2026-W48', from: '2026-11-23', to: '2026-11-29', previousWeek: '2026-W47' };

  it('counts each department, puts the one with overdue tasks first and compares with the week before', () => {
    const decidedLate = fact({ departmentCode: 'WH-GTJ', decidedAt: new Date('2026-11-27T02:00:00Z'), acceptedAt: new Date('2026-11-16T01:00:00Z'), promisedLimitDays: 3 });
    const decidedInTime = fact({ departmentCode: 'WH-GTJ', decidedAt: new Date('2026-11-24T02:00:00Z') });
    const s = weeklySchedule({
      ...base,
      received: [fact(), fact(), fact({ channel: 'ONLINE', applicantKind: 'LEGAL_PERSON', applicantKey: 'L1' }), fact({ departmentCode: 'WH-GTJ' })],
      receivedPreviousWeek: [fact(), fact({ applicantKind: 'LEGAL_PERSON', applicantKey: 'L2' })],
      decided: [decidedLate, decidedInTime],
      evaluations: [
        { score: 5, departmentCode: 'WH-SCJGJ' },
        { score: 1, departmentCode: 'WH-GTJ' },
      ],
      overdueTasks: [
        { departmentCode: 'WH-GTJ', level: 'RED' },
        { departmentCode: 'WH-GTJ', level: 'ESCALATION' },
      ],
      openRectifications: [{ departmentCode: 'WH-GTJ', open: 2, overdue: 1 }],
    });
    expect(s.departments.map((d) => d.departmentCode)).toEqual(['WH-GTJ', 'WH-SCJGJ']);
    expect(s.departments[0]).toEqual({
      departmentCode: 'WH-GTJ',
      received: 1,
      receivedPreviousWeek: 0,
      decided: 2,
      decidedWithinPromised: 1,
      promisedShare: 0.5,
      overdueNow: 2,
      escalatedNow: 1,
      evaluations: 1,
      poorEvaluations: 1,
      openRectifications: 2,
      overdueRectifications: 1,
    });
    expect(s.departments[1]).toMatchObject({ received: 3, receivedPreviousWeek: 2, decided: 0, promisedShare: null, poorEvaluations: 0 });
    expect(s.totals).toMatchObject({
      received: 4,
      receivedPreviousWeek: 2,
      receivedChange: 1,
      decided: 2,
      promisedShare: 0.5,
      overdueNow: 2,
      escalatedNow: 1,
      poorEvaluations: 1,
      online: 1,
      onlineShare: 0.25,
      activeLegalPersons: 1,
      activeLegalPersonsPreviousWeek: 1,
      activeNaturalPersons: 3,
    });
  });

  it('reports a quiet week as zeros and unknown shares, not as 0 %', () => {
    const s = weeklySchedule({ ...base, received: [], receivedPreviousWeek: [], decided: [], evaluations: [], overdueTasks: [], openRectifications: [] });
    expect(s.departments).toEqual([]);
    expect(s.totals).toMatchObject({ received: 0, receivedChange: null, promisedShare: null, onlineShare: null });
  });
});
