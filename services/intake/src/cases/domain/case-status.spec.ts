import { statusAfter } from './case-status';

describe('case status during review', () => {
  it("a department's supplement request pauses the case; the supplement puts it back in review", () => {
    expect(statusAfter('IN_REVIEW', 'task.supplement-requested')).toBe('SUPPLEMENT_REQUESTED');
    expect(statusAfter('SUPPLEMENT_REQUESTED', 'task.claimed')).toBe('SUPPLEMENT_REQUESTED');
    expect(statusAfter('SUPPLEMENT_REQUESTED', 'task.supplemented')).toBe('IN_REVIEW');
  });

  it('a special procedure suspends the case until it resumes, but never hides a supplement request', () => {
    expect(statusAfter('ROUTED', 'task.suspended')).toBe('SUSPENDED');
    expect(statusAfter('SUSPENDED', 'task.resumed')).toBe('IN_REVIEW');
    expect(statusAfter('SUPPLEMENT_REQUESTED', 'task.suspended')).toBe('SUPPLEMENT_REQUESTED');
    expect(statusAfter('SUSPENDED', 'task.supplement-requested')).toBe('SUPPLEMENT_REQUESTED');
  });

  it('holds never move a decided or withdrawn case', () => {
    expect(statusAfter('APPROVED', 'task.suspended')).toBe('APPROVED');
    expect(statusAfter('WITHDRAWN', 'task.supplement-requested')).toBe('WITHDRAWN');
    expect(statusAfter('DENIED', 'task.resumed')).toBe('DENIED');
  });
});
