import fc from 'fast-check';
import { reusableMaterials } from '../../documents/domain/material-reuse';
import { sniffContentType } from '../../materials/domain/content-type';
import { canRefuse, canWithdraw, CaseStatuses, isClosed, isDecided } from './case-status';
import { checkMaterials, type RequiredMaterial } from './materials-check';
import { buildSupplementNotice } from './supplement-notice';

const MATERIALS: RequiredMaterial[] = [
  { code: 'M-APP', name: '申请书', required: true, shareable: false, form: 'ORIGINAL' },
  { code: 'M-BL', name: '营业执照', required: true, shareable: true, form: 'COPY' },
  { code: 'M-ID', name: '身份证明', required: true, shareable: true },
  { code: 'M-AGENT', name: '委托书', required: false, shareable: false },
];

describe('materials check', () => {
  it('never asks for what was brought or what an issued document provides, and asks for every other required material', () => {
    const codes = fc.subarray(['M-APP', 'M-BL', 'M-ID', 'M-AGENT', 'M-X', 'M-Y']);
    fc.assert(
      fc.property(codes, fc.subarray(['M-BL', 'M-ID']), (given, reusedCodes) => {
        const reusable = new Map(reusedCodes.map((c) => [c, `DOC-${c}`]));
        const check = checkMaterials(MATERIALS, given, reusable);
        const missing = check.missing.map((m) => m.code);
        for (const m of MATERIALS) {
          const covered = given.includes(m.code) || reusable.has(m.code);
          expect(missing.includes(m.code)).toBe(m.required && !covered);
        }
        expect(check.unknown).toEqual(given.filter((c) => c === 'M-X' || c === 'M-Y'));
        // Brought in person beats reuse: a reused material is one the applicant did not bring.
        expect(check.reused.every((r) => !given.includes(r.code))).toBe(true);
      }),
    );
  });
});

describe('material reuse (共享材料)', () => {
  const materials = [
    { code: 'M-BL', shareable: true, providedByMatterCodes: ['REG-1', 'REG-2'] },
    { code: 'M-ID', shareable: true },
    { code: 'M-PLAN', shareable: false, providedByMatterCodes: ['REG-1'] },
  ];

  it('takes the newest valid document of a providing matter, ignores expired ones and non-shareable materials', () => {
    const docs = [
      {
        documentNo: 'OLD',
        matterCode: 'REG-1',
        issuedAt: new Date('2025-01-01T00:00:00Z'),
        validUntil: null,
      },
      {
        documentNo: 'NEW',
        matterCode: 'REG-2',
        issuedAt: new Date('2026-01-01T00:00:00Z'),
        validUntil: '2030-12-31',
      },
      {
        documentNo: 'EXPIRED',
        matterCode: 'REG-1',
        issuedAt: new Date('2026-06-01T00:00:00Z'),
        validUntil: '2026-06-30',
      },
    ];
    expect([...reusableMaterials(materials, docs, '2026-11-27')]).toEqual([['M-BL', 'NEW']]);
    expect([...reusableMaterials(materials, docs.slice(2), '2026-11-27')]).toEqual([]);
    expect([...reusableMaterials(materials, docs.slice(2), '2026-06-30')]).toEqual([['M-BL', 'EXPIRED']]);
  });
});

describe('one-time notice (一次性告知)', () => {
  it('lists every missing material with what form it must take, numbered, in the printable text', () => {
    const notice = buildSupplementNotice({
      caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
      caseNo: '420102-20261127-000001',
      matter: {
        code: 'WH-SCJGJ-001',
        version: 2,
        name: '食品经营许可（新办）',
        departmentName: '武汉市市场监督管理局',
      },
      regionCode: '420102',
      applicantName: '张三',
      missing: [
        { code: 'M-BL', name: '营业执照', form: 'COPY' },
        { code: 'M-SAFE', name: '食品安全管理制度文本', form: 'ORIGINAL' },
      ],
      issuedAt: '2026-11-27T01:00:00.000Z',
    });
    expect(notice.missing.map((m) => m.problem)).toEqual(['未提交（需复印件）', '未提交（需原件）']);
    expect(notice.printable.split('\n')).toEqual(
      expect.arrayContaining([
        '办件编号：420102-20261127-000001',
        '1. 营业执照：未提交（需复印件）',
        '2. 食品安全管理制度文本：未提交（需原件）',
      ]),
    );
    expect(notice.printable).not.toContain('经办人');
  });
});

describe('front-desk transitions', () => {
  it('refuses only before acceptance, withdraws only before a decision, and closes for good', () => {
    expect(CaseStatuses.filter(canRefuse)).toEqual(['RECEIVED', 'SUPPLEMENT_REQUIRED']);
    expect(CaseStatuses.filter(isClosed)).toEqual(['NOT_ACCEPTED', 'DELIVERED', 'WITHDRAWN']);
    expect(CaseStatuses.filter(isDecided)).toEqual(['APPROVED', 'DENIED', 'ISSUED', 'DELIVERED']);
    for (const s of CaseStatuses) expect(canWithdraw(s)).toBe(!isClosed(s) && !isDecided(s));
  });
});

describe('content type by magic bytes', () => {
  it('recognises PDF, JPEG and PNG by their content, whatever follows, and nothing else', () => {
    const heads: Array<[number[], string]> = [
      [[0x25, 0x50, 0x44, 0x46, 0x2d], 'application/pdf'],
      [[0xff, 0xd8, 0xff], 'image/jpeg'],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (tail) => {
        for (const [head, type] of heads)
          expect(sniffContentType(Uint8Array.from([...head, ...tail]))).toBe(type);
      }),
    );
    expect(sniffContentType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('%PD'))).toBeUndefined();
  });
});
