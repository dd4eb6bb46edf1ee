import type { CaseFact } from '../../measures/domain/case-fact';
import { rank, weightedScore } from './ranking';

const base: Omit<CaseFact, 'caseId' | 'cityCode' | 'channel' | 'decidedAt'> = {
  caseNo: 'N',
  matterCode: 'M1',
  matterName: 'm',
  departmentCode: 'D',
  regionCode: '420102',
  applicantKind: 'NATURAL_PERSON',
  applicantKey: 'k',
  receivedAt: new Date('2026-11-27T01:00:00Z'),
  acceptedAt: new Date('2026-11-27T01:00:00Z'),
  promisedLimitDays: 3,
  legalLimitDays: 20,
  materialsProvided: 1,
  materialsReused: 0,
  intakeSupplements: 0,
  outcome: 'APPROVED',
  handedOverAt: null,
  handoverMethod: null,
};
const onTime = new Date('2026-11-30T03:00:00Z'); // 1 working day
const late = new Date('2026-12-09T03:00:00Z'); // 8 working days

describe('ranking', () => {
  const weights = { timeliness: 0.5, oneVisit: 0, online: 0.5, evaluation: 0 };
  const cases: CaseFact[] = [
    { ...base, caseId: 'a', cityCode: '420100', channel: 'ONLINE', decidedAt: onTime },
    { ...base, caseId: 'b', cityCode: '420100', channel: 'WINDOW', decidedAt: onTime },
    { ...base, caseId: 'c', cityCode: '420500', channel: 'WINDOW', decidedAt: late },
    { ...base, caseId: 'd', cityCode: '420600', channel: 'WINDOW', decidedAt: late },
  ];

  it('scores with the configured weights and ranks the best first, ties sharing a rank', () => {
    const rows = rank(cases, [], [], (c) => c.cityCode, weights);
    expect(rows.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['420100', 1, 75],
      ['420500', 2, 0],
      ['420600', 2, 0],
    ]);
    expect(rows[0]).toMatchObject({ timeliness: 1, online: 0.5, oneVisit: null, evaluation: null });
  });

  it('lets the evaluation turn the order when it weighs enough', () => {
    const rows = rank(
      cases,
      [
        { unit: '420500', score: 5 },
        { unit: '420100', score: 1 },
      ],
      [],
      (c) => c.cityCode,
      { timeliness: 0.1, oneVisit: 0, online: 0.1, evaluation: 0.8 },
    );
    expect(rows[0].key).toBe('420500');
    expect(rows[0].evaluation).toBe(1);
  });

  it('leaves a component out, rather than counting it as zero, when a unit has nothing to measure it on', () => {
    expect(weightedScore({ timeliness: 0.8, oneVisit: null, online: null, evaluation: null }, { timeliness: 0.4, oneVisit: 0.2, online: 0.2, evaluation: 0.2 })).toBe(80);
  });
});
