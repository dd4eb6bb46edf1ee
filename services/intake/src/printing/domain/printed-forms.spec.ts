import { acceptanceReceiptForm, type ReceiptFacts, supplementNoticeForm } from './printed-forms';

const receipt: ReceiptFacts = {
  caseNo: '420102-20261127-000001',
  status: 'ACCEPTED',
  matter: { code: 'WH-SCJGJ-001', version: 2, name: '食品经营许可' },
  departmentName: '武汉市市场监督管理局',
  applicant: { name: '王五', idNumber: '420102********1234' },
  agent: { name: '赵六' },
  acceptedAt: '2026-11-27T01:30:00Z',
  promisedDate: '2026-12-04',
  legalLimitDays: 20,
  promisedLimitDays: 5,
  materials: [
    { name: '申请书', provided: true, required: true },
    { name: '营业执照', provided: true, required: true, reusedFromDocumentNo: 'WH-BL-0001' },
    { name: '委托书', provided: false, required: false },
  ],
  clerkId: 'clerk-0042',
};

describe('the papers the window prints', () => {
  it('puts the promised completion date, the agent and every material with its state on the receipt', () => {
    const form = acceptanceReceiptForm(receipt);
    expect(form.title).toBe('受理回执');
    expect(form.summary.join('\n')).toContain('承诺办结日期：2026年12月4日');
    expect(form.summary[0]).toBe('申请人：王五（证件号码 420102********1234），代办人：赵六');
    expect(form.tables[0].rows).toEqual([
      ['1', '申请书', '已提交'],
      ['2', '营业执照', '共享复用（WH-BL-0001）'],
      ['3', '委托书', '未提交（非必需）'],
    ]);
    expect(form.footer).toContain('经办人：clerk-0042');
  });

  it('prints no receipt for a case that was not accepted', () => {
    expect(() => acceptanceReceiptForm({ ...receipt, acceptedAt: undefined, promisedDate: undefined })).toThrow('accepted case only');
  });

  it('lists every missing material of the one-time notice, numbered, with the day it was given (China time)', () => {
    const form = supplementNoticeForm({
      caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
      caseNo: '420102-20261127-000002',
      matter: { code: 'WH-SCJGJ-001', version: 2, name: '食品经营许可', departmentName: '武汉市市场监督管理局' },
      regionCode: '420102',
      applicantName: '王五',
      missing: [
        { code: 'M-BL', name: '营业执照', problem: '未提交' },
        { code: 'M-SAFE', name: '食品安全管理制度文本', form: 'ORIGINAL', problem: '未提交（需原件）' },
      ],
      issuedAt: '2026-11-27T17:00:00Z', // 01:00 on the 28th in China
      printable: '',
    });
    expect(form.tables[0].title).toBe('需补正的材料（共 2 项）');
    expect(form.tables[0].rows).toEqual([
      ['1', '营业执照', '未提交'],
      ['2', '食品安全管理制度文本', '未提交（需原件）'],
    ]);
    expect(form.footer).toMatch(/^告知日期：2026年11月28日/);
  });
});
