import type { CaseAccepted } from '@onewindow/contracts';
import { caseSummaryOf } from './plan-router';

const accepted: CaseAccepted = {
  caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
  caseNo: '420102-20261129-000001',
  matterCode: 'WH-SCJGJ-001',
  matterVersion: 1,
  matterName: '食品经营许可',
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X', contact: {} },
  acceptedAt: '2026-11-29T09:00:00Z',
  departmentCode: 'WH-SCJGJ',
  materials: [],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  promisedDate: '2026-12-11',
};

describe('caseSummaryOf', () => {
  it('carries the registering service centre on to the plan (and so to case.decided)', () => {
    expect(caseSummaryOf({ ...accepted, serviceCentre: 'JA-01' })).toMatchObject({ regionCode: '420102', serviceCentre: 'JA-01' });
  });

  it('leaves the centre out when the case had none, and nothing but the summary goes on', () => {
    const summary = caseSummaryOf(accepted);
    expect(summary).not.toHaveProperty('serviceCentre');
    expect(summary).not.toHaveProperty('promisedDate');
  });
});
