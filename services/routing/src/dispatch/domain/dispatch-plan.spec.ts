import fc from 'fast-check';
import { type Decision, DispatchPlan, PlanInvariantError } from './dispatch-plan';
import type { TaskResult } from './plan-verdict';

let seq = 0;
const newTaskId = () => `T${++seq}`;

function draft(lead = 'SCJGJ', co: string[] = ['XFJ', 'WJW']): DispatchPlan {
  return DispatchPlan.draft({
    planId: 'P1',
    caseId: 'C1',
    leadDepartmentCode: lead,
    stages: [{ stage: 1, completionRule: 'ALL', departmentCodes: [lead, ...co] }],
    newTaskId,
  });
}

const result = (
  outcome: TaskResult['outcome'],
  reason?: string,
  decidedAt = '2026-11-27T08:00:00.000Z',
): TaskResult => ({
  outcome,
  officerId: 'officer',
  documentsPending: false,
  decidedAt,
  ...(reason ? { reason } : {}),
});

describe('DispatchPlan', () => {
  it('drafts one stage-1 task per department, lead first, each department once', () => {
    const plan = draft('SCJGJ', ['XFJ', 'SCJGJ', 'WJW', 'XFJ']);
    expect(plan.state.tasks.map((t) => [t.departmentCode, t.stage])).toEqual([
      ['SCJGJ', 1],
      ['XFJ', 1],
      ['WJW', 1],
    ]);
    expect(plan.state.stages).toEqual([{ stage: 1, completionRule: 'ALL' }]);
    expect(plan.status).toBe('IN_PROGRESS');
    expect(new Set(plan.state.tasks.map((t) => t.taskId)).size).toBe(3);
  });

  it('a single-department matter gets a single task', () => {
    expect(draft('SCJGJ', []).state.tasks).toHaveLength(1);
  });

  it('decides APPROVED with the last approval, and only then', () => {
    const plan = draft();
    const [a, b, c] = plan.state.tasks.map((t) => t.taskId);
    expect(plan.recordOutcome(a, result('APPROVED'))).toEqual({ kind: 'recorded' });
    expect(plan.recordOutcome(b, result('APPROVED'))).toEqual({ kind: 'recorded' });
    const last = plan.recordOutcome(c, result('APPROVED', undefined, '2026-11-28T10:00:00.000Z'));
    expect(last).toMatchObject({
      kind: 'recorded',
      decision: { outcome: 'APPROVED', reasons: [], decidedAt: '2026-11-28T10:00:00.000Z' },
    });
    expect(plan.status).toBe('DECIDED');
    expect(plan.state.outcome).toBe('APPROVED');
  });

  it('decides DENIED at the first denial and cancels the open tasks, whose late outcomes are ignored', () => {
    const plan = draft();
    const [a, b, c] = plan.state.tasks.map((t) => t.taskId);
    const denial = plan.recordOutcome(b, result('DENIED', '不符合消防安全条件'));
    expect(denial).toMatchObject({
      kind: 'recorded',
      decision: { outcome: 'DENIED', reasons: ['不符合消防安全条件'] },
      cancelled: [a, c],
    });
    expect(plan.recordOutcome(a, result('APPROVED'))).toEqual({ kind: 'ignored', state: 'CANCELLED' });
    expect(plan.recordOutcome(c, result('DENIED', 'another'))).toEqual({ kind: 'ignored', state: 'CANCELLED' });
    expect(plan.task(a)?.result).toBeUndefined();
    expect(plan.state.outcome).toBe('DENIED');
  });

  it('treats a repeated outcome as a duplicate and keeps the first of two conflicting ones', () => {
    const plan = draft();
    const [a] = plan.state.tasks.map((t) => t.taskId);
    plan.recordOutcome(a, result('APPROVED'));
    expect(plan.recordOutcome(a, result('APPROVED'))).toEqual({ kind: 'duplicate' });
    expect(plan.recordOutcome(a, result('DENIED', 'changed my mind'))).toEqual({
      kind: 'conflicting',
      recorded: 'APPROVED',
    });
    expect(plan.task(a)?.result?.outcome).toBe('APPROVED');
  });

  it('does not know tasks of other plans', () => {
    expect(draft().recordOutcome('nope', result('APPROVED'))).toEqual({ kind: 'unknown-task' });
  });

  it('can be withdrawn before a decision, not after; a withdrawn plan never decides', () => {
    const open = draft('A', ['B']);
    expect(open.withdraw('2026-11-27T08:00:00.000Z')).toBe('withdrawn');
    expect(open.withdraw('2026-11-27T08:00:00.000Z')).toBe('already-withdrawn');
    expect(open.state.tasks.map((t) => t.state)).toEqual(['CANCELLED', 'CANCELLED']);
    for (const t of open.state.tasks)
      expect(open.recordOutcome(t.taskId, result('APPROVED'))).toEqual({ kind: 'ignored', state: 'CANCELLED' });
    expect(open.status).toBe('WITHDRAWN');

    const decided = draft('A', []);
    decided.recordOutcome(decided.state.tasks[0].taskId, result('APPROVED'));
    expect(decided.withdraw('2026-11-27T08:00:00.000Z')).toBe('already-decided');
    expect(decided.status).toBe('DECIDED');
  });

  it('refuses to restore a plan whose tasks and stages do not fit together', () => {
    const base = draft('A', ['B']).state;
    expect(() =>
      DispatchPlan.restore({ ...base, tasks: base.tasks.map((t) => ({ ...t, stage: 2 })) }),
    ).toThrow(PlanInvariantError);
    expect(() => DispatchPlan.restore({ ...base, tasks: [base.tasks[0], base.tasks[0]] })).toThrow(
      PlanInvariantError,
    );
  });

  it('restores a copy: changing the restored plan leaves the given state alone', () => {
    const state = draft('A', []).state;
    const copy = DispatchPlan.restore(state);
    copy.recordOutcome(state.tasks[0].taskId, result('APPROVED'));
    expect(state.tasks[0].result).toBeUndefined();
  });

  it('whatever the order and duplication of outcomes, decides exactly once, APPROVED iff nobody denied', () => {
    const departments = ['A', 'B', 'C', 'D', 'E'];
    const scenario = fc.integer({ min: 1, max: departments.length }).chain((n) =>
      fc.record({
        outcomes: fc.array(fc.constantFrom<TaskResult['outcome']>('APPROVED', 'DENIED'), {
          minLength: n,
          maxLength: n,
        }),
        // Deliveries: every task at least once, some repeated, in any order.
        deliveries: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 * n }).chain((extra) =>
          fc.shuffledSubarray([...Array.from({ length: n }, (_, i) => i), ...extra], {
            minLength: n + extra.length,
          }),
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ outcomes, deliveries }) => {
        const plan = draft(departments[0], departments.slice(1, outcomes.length));
        const ids = plan.state.tasks.map((t) => t.taskId);
        const decisions: Decision[] = [];
        for (const i of deliveries) {
          const r = plan.recordOutcome(ids[i], result(outcomes[i], `reason ${i}`));
          if (r.kind === 'recorded' && r.decision) decisions.push(r.decision);
        }
        expect(decisions).toHaveLength(1);
        const firstDenial = deliveries.find((i) => outcomes[i] === 'DENIED');
        if (firstDenial === undefined) {
          expect(decisions[0].outcome).toBe('APPROVED');
          expect(decisions[0].departments).toHaveLength(outcomes.length);
        } else {
          expect(decisions[0]).toMatchObject({ outcome: 'DENIED', reasons: [`reason ${firstDenial}`] });
        }
      }),
    );
  });
});
