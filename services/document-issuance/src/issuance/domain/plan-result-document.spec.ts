import type { Matter } from '../../matters/domain/matter';
import { planResultDocument, resultTargets, validUntil } from './plan-result-document';

describe('which result a decision yields', () => {
  const matter: Matter = {
    code: '11420000MB0000001X-001',
    version: 2,
    name: '食品经营许可',
    departmentCode: 'HB-SCJGJ',
    departmentName: '湖北省市场监督管理局',
    resultType: 'LICENCE',
    resultValidityMonths: 60,
  };
  // 2026-11-27 08:30 in China
  const issuedAt = new Date('2026-11-27T00:30:00Z');

  it('issues the matter’s licence, valid for its months counted from the China-time issue date', () => {
    const plan = planResultDocument(
      { outcome: 'APPROVED', reasons: [], matterName: '食品经营许可' },
      matter,
      issuedAt,
    );
    expect(plan).toEqual({
      kind: 'LICENCE',
      title: '食品经营许可（电子证照）',
      reasons: [],
      validUntil: '2031-11-26',
    });
  });

  it('issues an approval or filing without expiry when the matter has no validity', () => {
    const plan = planResultDocument(
      { outcome: 'APPROVED', reasons: [], matterName: '建筑工程施工许可' },
      { ...matter, resultType: 'APPROVAL', resultValidityMonths: undefined },
      issuedAt,
    );
    expect(plan).toEqual({ kind: 'APPROVAL', title: '建筑工程施工许可准予行政许可决定书', reasons: [] });
  });

  it('issues a refusal notice that carries every reason and no validity', () => {
    const plan = planResultDocument(
      {
        outcome: 'DENIED',
        reasons: ['经营场所不符合卫生要求', ' ', '缺少健康证明'],
        matterName: '食品经营许可',
      },
      matter,
      issuedAt,
    );
    expect(plan).toEqual({
      kind: 'REFUSAL_NOTICE',
      title: '食品经营许可不予行政许可决定书',
      reasons: ['经营场所不符合卫生要求', '缺少健康证明'],
    });
  });

  it('counts the validity in China time and clamps to month ends', () => {
    // 2026-12-31 17:00Z is already 2027-01-01 in China.
    expect(validUntil(new Date('2026-12-31T17:00:00Z'), 12)).toBe('2027-12-31');
    // 31 Jan + 1 month → 28 Feb, the day before is 27 Feb
    expect(validUntil(new Date('2027-01-31T02:00:00Z'), 1)).toBe('2027-02-27');
    expect(validUntil(new Date('2028-01-31T02:00:00Z'), 1)).toBe('2028-02-28');
  });
});

describe('which results a bundle’s decision yields (一件事)', () => {
  const bundle = {
    matters: [
      { matterCode: 'WH-SCJGJ-001', matterVersion: 1, matterName: '食品经营许可', departmentCode: 'WH-SCJGJ', stage: 2 },
      { matterCode: 'WH-SCJGJ-003', matterVersion: 1, matterName: '企业设立登记', departmentCode: 'WH-SCJGJ', stage: 1 },
      { matterCode: 'WH-XFJY-001', matterVersion: 2, matterName: '消防安全检查', departmentCode: 'WH-XFJY', stage: 2 },
    ],
  };
  const decided = {
    matterCode: 'YJS-WH-CANYIN',
    matterVersion: 1,
    matterName: '开办餐馆一件事',
    leadDepartmentCode: 'WH-SCJGJ',
    bundle,
  };

  it('issues one result per matter of an approved bundle, signed by that matter’s department, stage by stage', () => {
    const targets = resultTargets({
      ...decided,
      outcome: 'APPROVED',
      departments: [
        { departmentCode: 'WH-SCJGJ', outcome: 'APPROVED' },
        { departmentCode: 'WH-XFJY', outcome: 'APPROVED' },
      ],
    });
    expect(targets.map((t) => [t.matterCode, t.departmentCode, t.matterVersion])).toEqual([
      ['WH-SCJGJ-003', 'WH-SCJGJ', 1],
      ['WH-SCJGJ-001', 'WH-SCJGJ', 1],
      ['WH-XFJY-001', 'WH-XFJY', 2],
    ]);
    expect(targets.every((t) => !t.bundleRefusal)).toBe(true);
  });

  it('issues one refusal notice for a denied bundle, by its lead department, and one result for a plain matter', () => {
    const denied = resultTargets({ ...decided, outcome: 'DENIED', departments: [{ departmentCode: 'WH-XFJY', outcome: 'DENIED' }] });
    expect(denied).toEqual([
      { matterCode: 'YJS-WH-CANYIN', matterVersion: 1, matterName: '开办餐馆一件事', departmentCode: 'WH-SCJGJ', bundleRefusal: true },
    ]);
    const plain = resultTargets({ ...decided, bundle: undefined, outcome: 'APPROVED', departments: [] });
    expect(plain).toEqual([
      { matterCode: 'YJS-WH-CANYIN', matterVersion: 1, matterName: '开办餐馆一件事', departmentCode: 'WH-SCJGJ', bundleRefusal: false },
    ]);
  });
});
