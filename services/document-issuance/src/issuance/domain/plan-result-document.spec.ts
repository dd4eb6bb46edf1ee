import type { Matter } from '../../matters/domain/matter';
import { planResultDocument, validUntil } from './plan-result-document';

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
