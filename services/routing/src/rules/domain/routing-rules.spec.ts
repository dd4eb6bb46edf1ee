import { matchRule, regionCovers, regionLevel, type Rule, ruleSetProblems, type RuleSet } from './routing-rules';

const stage = (...departmentCodes: string[]) => [{ stage: 1, completionRule: 'ALL' as const, departmentCodes }];
const known = { isKnownDepartment: (d: string) => d !== 'NOPE' };
const set = (rules: Rule[]): RuleSet => ({ matterCode: 'M', version: 3, rules });

describe('regions', () => {
  it('knows province, city and county codes and what each covers', () => {
    expect(['420000', '420100', '420102', '42', '4201000', '020100'].map(regionLevel)).toEqual([
      'PROVINCE', 'CITY', 'COUNTY', undefined, undefined, undefined,
    ]);
    expect(regionCovers('420000', '420102')).toBe(true);
    expect(regionCovers('420100', '420102')).toBe(true);
    expect(regionCovers('420100', '420502')).toBe(false);
    expect(regionCovers('420102', '420102')).toBe(true);
    expect(regionCovers('420102', '420103')).toBe(false);
  });
});

describe('matchRule', () => {
  const rules = set([
    { regionCode: '420000', stages: stage('PROV') },
    { regionCode: '420100', stages: stage('CITY') },
    { regionCode: '420100', applicantKind: 'LEGAL_PERSON', stages: stage('CITY-LEGAL') },
    { regionCode: '420102', matterVersionTo: 2, stages: stage('COUNTY-OLD') },
    { regionCode: '420102', matterVersionFrom: 3, stages: stage('COUNTY-NEW') },
  ]);
  const pick = (regionCode: string, applicantKind: 'NATURAL_PERSON' | 'LEGAL_PERSON', matterVersion: number) => {
    const m = matchRule(rules, { regionCode, applicantKind, matterVersion });
    return m.kind === 'matched' ? m.rule.stages[0].departmentCodes[0] : m.reason;
  };

  it('lets the most specific covering rule win: county, then city, then province; a named applicant kind over any', () => {
    expect(pick('420102', 'NATURAL_PERSON', 1)).toBe('COUNTY-OLD');
    expect(pick('420102', 'LEGAL_PERSON', 5)).toBe('COUNTY-NEW');
    expect(pick('420103', 'NATURAL_PERSON', 1)).toBe('CITY');
    expect(pick('420103', 'LEGAL_PERSON', 1)).toBe('CITY-LEGAL');
    expect(pick('420502', 'LEGAL_PERSON', 1)).toBe('PROV');
  });

  it('says why when nothing covers the case', () => {
    expect(pick('110101', 'NATURAL_PERSON', 1)).toBe(
      'no rule of matter M (rule set v3) covers region 110101, applicant NATURAL_PERSON, matter version 1',
    );
  });
});

describe('ruleSetProblems', () => {
  it('accepts a clean rule set', () => {
    expect(ruleSetProblems(rules(), known)).toEqual([]);
    function rules(): Rule[] {
      return [
        { regionCode: '420100', stages: [{ stage: 1, completionRule: 'ANY', departmentCodes: ['A', 'B'] }, { stage: 2, completionRule: 'ALL', departmentCodes: ['C'] }] },
        { regionCode: '420100', applicantKind: 'LEGAL_PERSON', stages: stage('A') },
        { regionCode: '420102', matterVersionTo: 2, stages: stage('A') },
        { regionCode: '420102', matterVersionFrom: 3, stages: stage('B') },
      ];
    }
  });

  it('reports every problem at once: unknown department, empty queue, bad region, gaps, overlaps', () => {
    const problems = ruleSetProblems(
      [
        { regionCode: '420100', stages: stage('NOPE') },
        { regionCode: '4201', stages: stage('A') },
        { regionCode: '420102', stages: [{ stage: 1, completionRule: 'ALL', departmentCodes: [] }, { stage: 3, completionRule: 'ALL', departmentCodes: ['A'] }] },
        { regionCode: '420100', matterVersionFrom: 2, stages: stage('B') },
        { regionCode: '420000', matterVersionFrom: 4, matterVersionTo: 2, stages: stage('A', 'A') },
      ],
      known,
    );
    expect(problems).toEqual([
      'rules[0]: unknown department NOPE',
      'rules[1].regionCode 4201 is not a province, city or county code (6 digits)',
      'rules[2]: stages must run 1, 2, … without gaps or repeats (got 1, 3)',
      'rules[2]: stage 1 has no department queue',
      'rules[4]: matterVersionFrom 4 is after matterVersionTo 2',
      'rules[4]: department A appears more than once',
      'rules[0] and rules[3] overlap (420100/ANY_APPLICANT/v1+ and 420100/ANY_APPLICANT/v2+): ambiguous',
    ]);
    expect(ruleSetProblems([], known)).toEqual(['a rule set has at least one rule']);
  });
});
