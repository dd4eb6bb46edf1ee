import type { EventData } from '@onewindow/contracts';
import { Templates } from './milestone-templates';
import {
  MILESTONE_TYPES,
  type MilestoneType,
  type RecipientFacts,
  renderMilestone,
} from './render-milestone';
import { placeholdersOf } from './template';

const recipient: RecipientFacts = {
  applicantName: '张三',
  caseNo: '420102-20261127-000001',
  matterName: '食品经营许可',
};
const summary = {
  caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
  caseNo: recipient.caseNo,
  matterCode: 'M-001',
  matterVersion: 1,
  matterName: '食品经营许可',
  regionCode: '420102',
  channel: 'WINDOW' as const,
  applicant: { kind: 'NATURAL_PERSON' as const, name: '张三', idNumber: '11010519491231002X', contact: {} },
};

const samples: { [T in MilestoneType]: EventData<T> } = {
  'case.supplement-required': {
    caseId: summary.caseId,
    caseNo: summary.caseNo,
    requestedAt: '2026-11-27T02:00:00Z',
    missing: [
      { code: 'M1', name: '营业执照副本', problem: '复印件不清晰' },
      { code: 'M2', name: '健康证明', problem: '' },
    ],
  },
  'case.accepted': {
    ...summary,
    acceptedAt: '2026-11-27T02:00:00Z',
    departmentCode: 'HB-SCJGJ',
    materials: [],
    legalLimitDays: 20,
    promisedLimitDays: 10,
    promisedDate: '2026-12-11',
  },
  'case.not-accepted': {
    caseId: summary.caseId,
    caseNo: summary.caseNo,
    reason: '申请事项不属于本机关职权范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条',
    decidedAt: '2026-11-27T02:00:00Z',
  },
  'case.decided': {
    ...summary,
    outcome: 'DENIED',
    reasons: ['经营场所不符合食品安全要求', '缺少健康证明'],
    departments: [{ taskId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N1', departmentCode: 'HB-SCJGJ', outcome: 'DENIED' }],
    leadDepartmentCode: 'HB-SCJGJ',
    decidedAt: '2026-12-01T02:00:00Z',
  },
  'document.issued': {
    documentId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N2',
    documentNo: 'HB-SCJGJ-2026-000042',
    caseId: summary.caseId,
    caseNo: summary.caseNo,
    kind: 'LICENCE',
    title: '食品经营许可（电子证照）',
    matterCode: 'M-001',
    departmentCode: 'HB-SCJGJ',
    holder: { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X' },
    issuedAt: '2026-12-01T02:00:00Z',
    verificationCode: 'ABCDEFGHJK23',
  },
  'document.handed-over': {
    documentId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N2',
    documentNo: 'HB-SCJGJ-2026-000042',
    caseId: summary.caseId,
    caseNo: summary.caseNo,
    method: 'WINDOW',
    collectorName: '李四',
    collectorRole: 'AGENT',
    handedOverBy: 'clerk-7',
    handedOverAt: '2026-12-02T08:05:00Z',
  },
  'rectification.opened': {
    rectificationId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N3',
    caseId: summary.caseId,
    departmentCode: 'HB-SCJGJ',
    caseNo: summary.caseNo,
    score: 1,
    reason: '窗口人员态度生硬',
    deadline: '2026-12-23',
    openedAt: '2026-12-02T09:00:00Z',
  },
  'rectification.responded': {
    rectificationId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N3',
    caseId: summary.caseId,
    departmentCode: 'HB-SCJGJ',
    response: '已对窗口人员进行批评教育并组织服务规范培训。',
    respondedBy: 'officer-hb-scjgj-1',
    late: false,
    respondedAt: '2026-12-10T09:00:00Z',
  },
};

describe('milestone messages', () => {
  it.each(MILESTONE_TYPES)('renders %s completely, with the case number in the subject', (type) => {
    const m = renderMilestone(type, samples[type], recipient);
    expect(m.subject).toContain(recipient.caseNo);
    expect(m.text).toContain('张三，您好');
    expect(`${m.subject}${m.text}`).not.toMatch(/\{\{|\}\}|undefined|null/);
  });

  it('lists every missing material at once in the supplement notice', () => {
    const m = renderMilestone('case.supplement-required', samples['case.supplement-required'], recipient);
    expect(m.subject).toBe('【一次性告知】您的办件 420102-20261127-000001 需补正材料');
    expect(m.text).toContain('1. 营业执照副本（复印件不清晰）\n2. 健康证明');
    expect(m.text).toContain('一次性告知');
  });

  it('tells the promised completion date on acceptance, in Chinese date form', () => {
    const m = renderMilestone('case.accepted', samples['case.accepted'], recipient);
    expect(m.text).toContain('承诺办结日期：2026年12月11日');
    expect(m.text).toContain('已于 2026年11月27日 正式受理');
  });

  it('gives the reason and legal basis of a refusal to accept', () => {
    const m = renderMilestone('case.not-accepted', samples['case.not-accepted'], recipient);
    expect(m.text).toContain('理由：申请事项不属于本机关职权范围');
    expect(m.text).toContain('依据：《中华人民共和国行政许可法》第三十二条');
  });

  it('words approval and denial differently, with every reason of a denial', () => {
    const denied = renderMilestone('case.decided', samples['case.decided'], recipient);
    expect(denied.subject).toContain('未予批准');
    expect(denied.text).toContain('1. 经营场所不符合食品安全要求\n2. 缺少健康证明');
    const approved = renderMilestone(
      'case.decided',
      { ...samples['case.decided'], outcome: 'APPROVED', reasons: [] },
      recipient,
    );
    expect(approved.subject).toContain('已审批通过');
  });

  it('names the document number to collect, and who collected it (masked)', () => {
    expect(renderMilestone('document.issued', samples['document.issued'], recipient).text).toContain(
      '文书编号：HB-SCJGJ-2026-000042',
    );
    const handed = renderMilestone('document.handed-over', samples['document.handed-over'], recipient);
    expect(handed.text).toContain('2026年12月2日 16:05 由代领人 李* 在综合窗口领取');
    expect(handed.text).not.toContain('李四');
  });

  it('tells the applicant a poor rating went to the department, by when it answers, and then its answer', () => {
    const opened = renderMilestone('rectification.opened', samples['rectification.opened'], recipient);
    expect(opened.subject).toBe('【差评整改】您对办件 420102-20261127-000001 的评价已转承办部门整改');
    expect(opened.text).toContain('将于 2026年12月23日 前答复您');
    const answered = renderMilestone('rectification.responded', samples['rectification.responded'], recipient);
    expect(answered.text).toContain('承办部门答复如下：\n已对窗口人员进行批评教育并组织服务规范培训。');
    expect(renderMilestone('rectification.opened', samples['rectification.opened'], recipient, 'en').text).toContain('by 23 December 2026');
  });

  it('uses every variable of every template', () => {
    for (const t of Object.values(Templates)) expect(placeholdersOf(t).length).toBeGreaterThan(1);
  });
});
