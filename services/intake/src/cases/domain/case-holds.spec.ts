import { openHolds, statusWithHolds } from './case-holds';
import { everyResultHandedOver } from './case-status';

const A = 'TASK-A';
const B = 'TASK-B';
const items = [{ materialCode: 'M-EVAC', description: '疏散通道示意图' }];

describe('holds of a case whose departments work in parallel', () => {
  it('stays suspended after one department’s supplement while another’s special procedure runs, and back in review only when both end', () => {
    const events = [
      { type: 'task.suspended', taskId: A },
      { type: 'task.supplement-requested', taskId: B, items },
    ];
    expect(statusWithHolds('SUSPENDED', openHolds(events))).toBe('SUPPLEMENT_REQUESTED');
    events.push({ type: 'task.supplemented', taskId: B });
    expect(statusWithHolds('SUPPLEMENT_REQUESTED', openHolds(events))).toBe('SUSPENDED');
    events.push({ type: 'task.resumed', taskId: A });
    expect(statusWithHolds('SUSPENDED', openHolds(events))).toBe('IN_REVIEW');
  });

  it('keeps waiting for the supplement when a suspension that began later ends first', () => {
    const events = [
      { type: 'task.supplement-requested', taskId: B, items },
      { type: 'task.suspended', taskId: A },
      { type: 'task.resumed', taskId: A },
    ];
    expect(openHolds(events)).toEqual({ supplements: [{ taskId: B, items }], suspensions: [] });
    expect(statusWithHolds('SUPPLEMENT_REQUESTED', openHolds(events))).toBe('SUPPLEMENT_REQUESTED');
  });

  it('keeps every department’s open request, and closes a task’s holds when it is decided, cancelled or transferred', () => {
    const events = [
      { type: 'task.supplement-requested', taskId: A, items },
      { type: 'task.supplement-requested', taskId: B, items: [{ description: '补充说明' }] },
      { type: 'task.suspended', taskId: 'TASK-C' },
    ];
    expect(openHolds(events).supplements.map((s) => s.taskId)).toEqual([A, B]);
    const closed = openHolds([...events, { type: 'task.cancelled', taskId: A }, { type: 'task.transferred', taskId: B }, { type: 'task.decided', taskId: 'TASK-C' }]);
    expect(closed).toEqual({ supplements: [], suspensions: [] });
  });

  it('counts a supplement as taken once the window took it, before approval resumes the task', () => {
    const events = [
      { type: 'task.supplement-requested', taskId: B, items },
      { type: 'task.suspended', taskId: A },
      { type: 'case.supplemented' },
    ];
    expect(statusWithHolds('SUPPLEMENT_REQUESTED', openHolds(events))).toBe('SUSPENDED');
  });

  it('changes nothing outside review: before routing, after the decision, once closed', () => {
    const holds = openHolds([{ type: 'task.suspended', taskId: A }]);
    for (const s of ['ACCEPTED', 'APPROVED', 'DENIED', 'ISSUED', 'WITHDRAWN'] as const) expect(statusWithHolds(s, holds)).toBe(s);
    expect(statusWithHolds('ROUTED', openHolds([]))).toBe('ROUTED');
  });
});

describe('delivery of a case with several results', () => {
  it('is delivered only once every issued result is handed over', () => {
    expect(everyResultHandedOver(['D1', 'D2', 'D3'], ['D2'])).toBe(false);
    expect(everyResultHandedOver(['D1', 'D2', 'D3'], ['D3', 'D1', 'D2'])).toBe(true);
    expect(everyResultHandedOver(['D1'], ['D1'])).toBe(true);
  });
});
