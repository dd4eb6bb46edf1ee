import { bundleProblems, type BundleDefinition, type BundledMatterFacts } from './bundle-definition';
import { contentHash, definitionProblems, type MatterDefinition } from './matter-definition';

const matter: MatterDefinition = {
  code: 'WH-X-001',
  name: '某事项',
  departmentCode: 'WH-X',
  departmentName: '某局',
  level: 'CITY',
  kind: 'PROMISED',
  legalLimitDays: 20,
  promisedLimitDays: 5,
  visits: 0,
  online: true,
  resultType: 'LICENCE',
  coDepartmentCodes: [],
  regionCodes: ['420100'],
  materials: [
    {
      code: 'M-BL',
      name: '营业执照',
      required: true,
      form: 'COPY',
      shareable: true,
      providedByMatterCodes: ['WH-Y-001'],
    },
  ],
  status: 'ACTIVE',
};

describe('matter definitions', () => {
  it('accepts a consistent definition and names every inconsistency at once', () => {
    expect(definitionProblems(matter)).toEqual([]);
    const problems = definitionProblems({
      ...matter,
      kind: 'INSTANT',
      regionCodes: [],
      coDepartmentCodes: ['WH-X'],
      materials: [
        {
          code: 'M-P',
          name: '图纸',
          required: true,
          form: 'COPY',
          shareable: false,
          providedByMatterCodes: ['WH-X-001'],
        },
      ],
    });
    expect(problems).toEqual([
      'an instant matter (即办件) has a legal limit of 0 days',
      'the lead department cannot also be a co-department',
      'a matter is offered in at least one region',
      'providedByMatterCodes on materials that are not shareable: M-P',
      'a material cannot be provided by its own matter: M-P',
      'an instant matter (即办件) is promised on the spot (0 days)',
    ]);
  });

  it('hashes by content, not by key order', () => {
    const reordered = Object.fromEntries(Object.entries(matter).reverse()) as MatterDefinition;
    expect(contentHash(reordered)).toBe(contentHash(matter));
    expect(contentHash({ ...matter, promisedLimitDays: 6 })).not.toBe(contentHash(matter));
  });
});

describe('bundle definitions (一件事)', () => {
  const facts = new Map<string, BundledMatterFacts>([
    ['A', { code: 'A', status: 'ACTIVE', regionCodes: ['420100', '420102'] }],
    ['B', { code: 'B', status: 'ACTIVE', regionCodes: ['420100'] }],
    ['C', { code: 'C', status: 'RETIRED', regionCodes: ['420100'] }],
  ]);
  const bundle: BundleDefinition = {
    code: 'YJS-1',
    name: '某一件事',
    description: '',
    leadDepartmentCode: 'WH-X',
    regionCodes: ['420100'],
    matters: [
      { matterCode: 'A', stage: 1 },
      { matterCode: 'B', stage: 2 },
    ],
    status: 'ACTIVE',
  };

  it('accepts stages 1, 2, … over known, active matters offered where the bundle is', () => {
    expect(bundleProblems(bundle, facts)).toEqual([]);
  });

  it('names gaps in stages, repeated, unknown, retired and not-offered matters', () => {
    const problems = bundleProblems(
      {
        ...bundle,
        regionCodes: ['420100', '420102'],
        matters: [
          { matterCode: 'A', stage: 1 },
          { matterCode: 'A', stage: 3 },
          { matterCode: 'C', stage: 3 },
          { matterCode: 'Z', stage: 1 },
        ],
      },
      facts,
    );
    expect(problems).toEqual([
      'a matter appears more than once: A',
      'stages must run 1, 2, … without gaps (got 1, 3)',
      'matter C is retired',
      'matter C is not offered in 420102',
      'unknown matter Z',
    ]);
  });

  it('takes ALL/ANY completion rules for its stages and refuses rules for missing or repeated stages', () => {
    expect(bundleProblems({ ...bundle, stages: [{ stage: 2, completionRule: 'ANY' }] }, facts)).toEqual([]);
    expect(
      bundleProblems(
        {
          ...bundle,
          stages: [
            { stage: 1, completionRule: 'ALL' },
            { stage: 1, completionRule: 'ANY' },
            { stage: 4, completionRule: 'ANY' },
          ],
        },
        facts,
      ),
    ).toEqual(['a stage has more than one completion rule: 1', 'completion rule for a stage without matters: 4']);
  });
});
