import { DispatchPlan } from './dispatch-plan';
import type { TaskResult } from './plan-verdict';

let seq = 0;
const newTaskId = () => `T${String(++seq).padStart(3, '0')}`;
const at = '2026-11-27T08:00:00.000Z';
const approve: TaskResult = { outcome: 'APPROVED', officerId: 'o', documentsPending: false, decidedAt: at };
const deny = (reason: string): TaskResult => ({ ...approve, outcome: 'DENIED', reason });

/** 开办餐馆: the licence first (stage 1), then fire, health and food permits in parallel (stage 2). */
function restaurant(stage2Rule: 'ALL' | 'ANY' = 'ALL'): DispatchPlan {
  return DispatchPlan.draft({
    planId: 'P',
    caseId: 'C',
    leadDepartmentCode: 'SCJG',
    stages: [
      { stage: 2, completionRule: stage2Rule, departmentCodes: ['XFJ', 'WJW', 'SCJG'] },
      { stage: 1, completionRule: 'ALL', departmentCodes: ['SCJG'] },
    ],
    newTaskId,
  });
}

const ids = (p: DispatchPlan, stage: number) => p.state.tasks.filter((t) => t.stage === stage).map((t) => t.taskId);
const states = (p: DispatchPlan) => p.state.tasks.map((t) => `${t.departmentCode}@${t.stage}:${t.state}`);

describe('DispatchPlan with sequential stages and parallel groups', () => {
  it('opens only the first stage; the next opens when it is approved, lead first within a stage', () => {
    const p = restaurant();
    expect(states(p)).toEqual(['SCJG@1:OPEN', 'SCJG@2:WAITING', 'XFJ@2:WAITING', 'WJW@2:WAITING']);
    expect(p.firstStageTasks().map((t) => t.departmentCode)).toEqual(['SCJG']);
    const r = p.recordOutcome(ids(p, 1)[0], approve);
    expect(r).toEqual({
      kind: 'recorded',
      opened: { stage: 2, tasks: ids(p, 2).map((taskId, i) => ({ taskId, departmentCode: ['SCJG', 'XFJ', 'WJW'][i], stage: 2 })) },
    });
    expect(p.stageStatuses().map((s) => s.status)).toEqual(['APPROVED', 'OPEN']);
  });

  it('waits for an outcome whose stage has not opened yet instead of counting it', () => {
    const p = restaurant();
    expect(p.recordOutcome(ids(p, 2)[1], approve)).toEqual({ kind: 'not-open-yet' });
    expect(p.task(ids(p, 2)[1])?.state).toBe('WAITING');
  });

  it('approves only when every stage is approved (ALL)', () => {
    const p = restaurant();
    p.recordOutcome(ids(p, 1)[0], approve);
    const [a, b, c] = ids(p, 2);
    expect(p.recordOutcome(a, approve)).toEqual({ kind: 'recorded' });
    expect(p.recordOutcome(b, approve)).toEqual({ kind: 'recorded' });
    const last = p.recordOutcome(c, approve);
    expect(last).toMatchObject({ kind: 'recorded', decision: { outcome: 'APPROVED', reasons: [] }, cancelled: [] });
    expect(p.status).toBe('DECIDED');
  });

  it('denies at a denial in the first stage and cancels every later task, never opening them', () => {
    const p = restaurant();
    const r = p.recordOutcome(ids(p, 1)[0], deny('名称不合规'));
    expect(r).toMatchObject({ decision: { outcome: 'DENIED', reasons: ['名称不合规'] }, cancelled: ids(p, 2) });
    expect(states(p).slice(1)).toEqual(['SCJG@2:CANCELLED', 'XFJ@2:CANCELLED', 'WJW@2:CANCELLED']);
  });

  it('ANY stage: one approval completes it; it fails only when all its departments deny', () => {
    const any = restaurant('ANY');
    any.recordOutcome(ids(any, 1)[0], approve);
    const [a, b, c] = ids(any, 2);
    expect(any.recordOutcome(a, deny('一'))).toEqual({ kind: 'recorded' });
    expect(any.recordOutcome(b, approve)).toMatchObject({ decision: { outcome: 'APPROVED' }, cancelled: [c] });

    const denied = restaurant('ANY');
    denied.recordOutcome(ids(denied, 1)[0], approve);
    const [x, y, z] = ids(denied, 2);
    denied.recordOutcome(x, deny('一'));
    expect(denied.recordOutcome(y, deny('二'))).toEqual({ kind: 'recorded' });
    expect(denied.recordOutcome(z, deny('三'))).toMatchObject({ decision: { outcome: 'DENIED', reasons: ['一', '二', '三'] } });
  });

  it('a transfer replaces the task: the stage waits for the new one and ignores the old one', () => {
    const p = restaurant();
    p.recordOutcome(ids(p, 1)[0], approve);
    const [a, b, c] = ids(p, 2);
    expect(p.transfer(b, 'NEW', 'YJJ')).toEqual({ kind: 'transferred' });
    expect(p.transfer(b, 'NEW', 'YJJ')).toEqual({ kind: 'duplicate' });
    expect(p.task('NEW')).toMatchObject({ departmentCode: 'YJJ', stage: 2, state: 'OPEN', replaces: b });
    expect(p.recordOutcome(b, approve)).toEqual({ kind: 'ignored', state: 'TRANSFERRED' });
    p.recordOutcome(a, approve);
    expect(p.recordOutcome(c, approve)).toEqual({ kind: 'recorded' });
    const r = p.recordOutcome('NEW', approve);
    expect(r).toMatchObject({ decision: { outcome: 'APPROVED' } });
    if (r.kind === 'recorded')
      expect(r.decision?.departments.map((d) => d.departmentCode)).toEqual(['SCJG', 'SCJG', 'WJW', 'YJJ']);
  });

  it('refuses to transfer a decided task and waits for a transfer of a task not open yet', () => {
    const p = restaurant();
    const first = ids(p, 1)[0];
    expect(p.transfer(ids(p, 2)[0], 'N1', 'X')).toEqual({ kind: 'not-open-yet' });
    p.recordOutcome(first, approve);
    expect(p.transfer(first, 'N2', 'X')).toEqual({ kind: 'refused', state: 'APPROVED' });
  });

  it('a supplement request pauses the plan until it arrives; a suspension shows as SUSPENDED', () => {
    const p = restaurant();
    p.recordOutcome(ids(p, 1)[0], approve);
    const [a, b] = ids(p, 2);
    expect(p.hold(a, 'SUPPLEMENT_REQUESTED', '补充消防图纸', at)).toEqual({ kind: 'held', status: 'PAUSED' });
    expect(p.hold(b, 'SUSPENDED', 'HEARING: 听证', at)).toEqual({ kind: 'held', status: 'PAUSED' });
    expect(p.release(a, 'SUPPLEMENT_REQUESTED')).toEqual({ kind: 'released', status: 'SUSPENDED' });
    expect(p.release(a, 'SUPPLEMENT_REQUESTED')).toEqual({ kind: 'unchanged' });
    expect(p.release(b, 'SUSPENDED')).toEqual({ kind: 'released', status: 'IN_PROGRESS' });
    expect(p.task(a)?.hold).toBeUndefined();
  });

  it('withdrawal cancels live tasks, waiting ones included; decided ones keep their outcome', () => {
    const p = restaurant();
    p.recordOutcome(ids(p, 1)[0], approve);
    expect(p.withdraw(at)).toBe('withdrawn');
    expect(states(p)).toEqual(['SCJG@1:APPROVED', 'SCJG@2:CANCELLED', 'XFJ@2:CANCELLED', 'WJW@2:CANCELLED']);
    // A transfer that crossed the withdrawal is recorded, its new task cancelled at once.
    expect(p.transfer(ids(p, 2)[0], 'LATE', 'X')).toEqual({ kind: 'transferred' });
    expect(p.task('LATE')?.state).toBe('CANCELLED');
  });
});
