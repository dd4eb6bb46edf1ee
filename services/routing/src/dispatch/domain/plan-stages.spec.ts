import type { RuleSet } from '../../rules/domain/routing-rules';
import { bundleStages, matterStages } from './plan-stages';

const one = (code: string, ...departmentCodes: string[]): RuleSet => ({
  matterCode: code,
  version: 2,
  rules: [{ regionCode: '420100', stages: [{ stage: 1, completionRule: 'ALL', departmentCodes }] }],
});
const facts = { regionCode: '420102', applicantKind: 'LEGAL_PERSON' as const };

describe('plan stages', () => {
  it("routes a matter by its matching rule's stages", () => {
    expect(matterStages({ matterCode: 'M', matterVersion: 1, ruleSet: one('M', 'A', 'B') }, facts)).toEqual({
      kind: 'stages',
      stages: [{ stage: 1, completionRule: 'ALL', departmentCodes: ['A', 'B'] }],
      ruleVersions: { M: 2 },
    });
    expect(matterStages({ matterCode: 'M', matterVersion: 1, ruleSet: undefined }, facts)).toEqual({
      kind: 'unroutable',
      reason: 'matter M has no routing rules',
      unmatchedMatterCodes: ['M'],
    });
  });

  it('builds a bundle from its members’ rules in the bundle’s stages, one task per department and stage', () => {
    const r = bundleStages(
      {
        matters: [
          { matterCode: 'LIC', stage: 1 },
          { matterCode: 'FOOD', stage: 2 },
          { matterCode: 'FIRE', stage: 2 },
          { matterCode: 'FOOD2', stage: 2 },
        ],
        stages: [{ stage: 2, completionRule: 'ANY' }],
      },
      [
        { matterCode: 'LIC', matterVersion: 1, ruleSet: one('LIC', 'SCJG') },
        { matterCode: 'FOOD', matterVersion: 1, ruleSet: one('FOOD', 'SCJG') },
        { matterCode: 'FIRE', matterVersion: 1, ruleSet: one('FIRE', 'XFJ') },
        { matterCode: 'FOOD2', matterVersion: 1, ruleSet: one('FOOD2', 'SCJG', 'WJW') },
      ],
      facts,
    );
    expect(r).toEqual({
      kind: 'stages',
      stages: [
        { stage: 1, completionRule: 'ALL', departmentCodes: ['SCJG'] },
        { stage: 2, completionRule: 'ANY', departmentCodes: ['SCJG', 'XFJ', 'WJW'] },
      ],
      ruleVersions: { LIC: 2, FOOD: 2, FIRE: 2, FOOD2: 2 },
    });
  });

  it('names every bundle member without a rule for the case', () => {
    const r = bundleStages(
      { matters: [{ matterCode: 'A', stage: 1 }, { matterCode: 'B', stage: 2 }, { matterCode: 'C', stage: 2 }] },
      [
        { matterCode: 'A', matterVersion: 1, ruleSet: one('A', 'X') },
        { matterCode: 'B', matterVersion: 1, ruleSet: { ...one('B', 'Y'), rules: [{ regionCode: '420500', stages: one('B', 'Y').rules[0].stages }] } },
      ],
      facts,
    );
    expect(r).toMatchObject({ kind: 'unroutable', unmatchedMatterCodes: ['B', 'C'] });
  });
});
