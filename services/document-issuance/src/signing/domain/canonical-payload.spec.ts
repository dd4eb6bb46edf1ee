import { canonicalJson, signedContent, signingInput } from './canonical-payload';

describe('the signed content of a document', () => {
  const doc = {
    documentNo: 'HB-SCJGJ-2026-000042',
    kind: 'LICENCE' as const,
    title: '食品经营许可（电子证照）',
    caseNo: '420102-20261127-000001',
    matterCode: 'WH-SCJGJ-001',
    departmentCode: 'HB-SCJGJ',
    departmentName: '湖北省市场监督管理局',
    holder: { kind: 'NATURAL_PERSON' as const, name: '张三', idNumber: '11010519491231002X' },
    issuedAt: new Date('2026-11-27T00:30:00Z'),
    validUntil: '2031-11-26',
    reasons: [],
    verificationCode: 'K7QM3XHP9RTA',
  };

  it('is canonical JSON: keys sorted, no whitespace, Chinese as UTF-8, absent expiry as null', () => {
    expect(
      signingInput(signedContent({ ...doc, validUntil: undefined }, 'HB-SCJGJ-1')).toString('utf8'),
    ).toBe(
      '{"caseNo":"420102-20261127-000001","departmentCode":"HB-SCJGJ","departmentName":"湖北省市场监督管理局",' +
        '"documentNo":"HB-SCJGJ-2026-000042","format":"onewindow-document/1","holderIdNumber":"11010519491231002X",' +
        '"holderKind":"NATURAL_PERSON","holderName":"张三","issuedAt":"2026-11-27T00:30:00.000Z","kid":"HB-SCJGJ-1",' +
        '"kind":"LICENCE","matterCode":"WH-SCJGJ-001","reasons":[],"title":"食品经营许可（电子证照）",' +
        '"validUntil":null,"verificationCode":"K7QM3XHP9RTA"}',
    );
  });

  it('escapes quotes and control characters as JSON does, and sorts nested keys', () => {
    expect(canonicalJson({ b: ['say "hi"\n'], a: { d: 1, c: null } })).toBe(
      '{"a":{"c":null,"d":1},"b":["say \\"hi\\"\\n"]}',
    );
  });

  it('binds the key id: the same document under another key is other bytes', () => {
    expect(signingInput(signedContent(doc, 'A')).equals(signingInput(signedContent(doc, 'B')))).toBe(false);
  });
});
