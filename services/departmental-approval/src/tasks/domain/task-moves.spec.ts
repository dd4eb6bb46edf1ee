import { type ApprovalTask, assignTask, claim } from './approval-task';
import {
  addOpinion,
  cancel,
  expireLease,
  release,
  requestSupplement,
  resume,
  supplementReceived,
  suspend,
  transfer,
} from './task-moves';
import { TaskRuleError } from './task-rule-error';

const HOUR = 3_600_000;
const LEASE = HOUR;
/** 10:00 China time on a calendar date. */
const cst = (date: string) => new Date(`${date}T02:00:00.000Z`);

function task(acceptedOn: string, promisedLimitDays: number, legalLimitDays: number): ApprovalTask {
  return assignTask(
    {
      taskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F2',
      departmentCode: '420100-SCJGJ',
      stage: 1,
      caseId: '01JNB2W3X4Y5Z6A7B8C9D0E1F3',
      caseNo: '420100-20250926-0001',
      planId: '01JNB2W3X4Y5Z6A7B8C9D0E1F4',
      matterCode: 'M-001',
      matterVersion: 1,
      matterName: '食品经营许可',
      regionCode: '420102',
      applicantDisplayName: '武汉示例餐饮有限公司',
      materials: [
        { code: 'M-APP', name: '申请书', provided: true, required: true },
        { code: 'M-SITE', name: '经营场所证明', provided: false, required: true },
      ],
      acceptedAt: cst(acceptedOn),
      routedAt: cst(acceptedOn),
      legalLimitDays,
      promisedLimitDays,
    },
    cst(acceptedOn),
  );
}

function rule(fn: () => unknown): TaskRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TaskRuleError) return e;
    throw e;
  }
  throw new Error('expected a TaskRuleError');
}

const items = [{ materialCode: 'M-SITE', description: '经营场所证明', problem: null }];

describe('task moves: the clocks stop while waiting for a supplement or in a special procedure', () => {
  it('moves both deadlines by the working days of a supplement spanning National Day and its make-up workday', () => {
    // Accepted Friday 26 Sep 2025. Sunday 28 Sep is a make-up workday (调休), 1–8 Oct are holidays.
    const t = task('2025-09-26', 3, 20);
    expect([t.promisedDeadline, t.legalDeadline]).toEqual(['2025-09-30', '2025-10-30']);
    const claimed = claim(t, 'o-1', LEASE, cst('2025-09-29'));
    const waiting = requestSupplement(claimed, 'o-1', items, '请补正', cst('2025-09-29'));
    expect(waiting).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', claimedBy: null });
    // While waiting, the deadlines stay as computed when the clock stopped.
    expect(waiting.promisedDeadline).toBe('2025-09-30');

    // Supplied on Thursday 9 Oct: 30 Sep and 9 Oct were working days the clock stood still.
    const r = supplementReceived(waiting, [{ code: 'M-SITE', provided: true }], LEASE, cst('2025-10-09'))!;
    expect(r.pausedDays).toBe(2);
    expect(r.task).toMatchObject({
      status: 'CLAIMED',
      claimedBy: 'o-1',
      pause: null,
      pausedWorkingDays: 2,
      promisedDeadline: '2025-10-10',
      legalDeadline: '2025-11-03',
    });
    expect(r.task.materials.find((m) => m.code === 'M-SITE')?.provided).toBe(true);
    expect(r.task.leaseExpiresAt).toEqual(new Date(cst('2025-10-09').getTime() + LEASE));
  });

  it('moves both deadlines by the working days of a suspension over the Spring Festival, counting both make-up Saturdays', () => {
    // Accepted Wednesday 11 Feb 2026. Saturday 14 Feb is a make-up workday, 15–23 Feb the holiday,
    // Saturday 28 Feb another make-up workday.
    const t = task('2026-02-11', 5, 20);
    expect(t.promisedDeadline).toBe('2026-02-25');
    const claimed = claim(t, 'o-1', LEASE, cst('2026-02-13'));
    const suspended = suspend(claimed, 'o-1', 'EXPERT_REVIEW', '专家评审', cst('2026-02-13'));
    expect(suspended).toMatchObject({
      status: 'SUSPENDED',
      pause: { kind: 'EXPERT_REVIEW', officerId: 'o-1' },
    });

    // Resumed Friday 27 Feb: 14, 24, 25, 26 and 27 Feb were working days the clock stood still.
    const r = resume(suspended, LEASE, cst('2026-02-27'));
    expect(r.pausedDays).toBe(5);
    // 10 working days from 11 Feb: 12, 13, 14, 24, 25, 26, 27, 28 Feb, 2, 3 Mar.
    expect(r.task).toMatchObject({ status: 'CLAIMED', claimedBy: 'o-1', promisedDeadline: '2026-03-03' });
  });

  it('adds up the pauses: a second pause starts from the deadlines the first one left', () => {
    const t = claim(task('2025-09-26', 3, 20), 'o-1', LEASE, cst('2025-09-29'));
    const first = resume(
      suspend(t, 'o-1', 'HEARING', '听证', cst('2025-09-29')),
      LEASE,
      cst('2025-09-30'),
    ).task;
    expect(first.pausedWorkingDays).toBe(1);
    const renewed = claim(first, 'o-1', LEASE, cst('2025-10-09'));
    const second = resume(
      suspend(renewed, 'o-1', 'INSPECTION', '现场勘验', cst('2025-10-09')),
      LEASE,
      cst('2025-10-13'),
    );
    // 10 and 11 (make-up Saturday) and 13 Oct.
    expect(second.pausedDays).toBe(3);
    expect(second.task.pausedWorkingDays).toBe(4);
    // 3 + 4 working days from 26 Sep: 28, 29, 30 Sep, 9, 10, 11 (make-up Saturday), 13 Oct.
    expect(second.task.promisedDeadline).toBe('2025-10-13');
  });

  it('counts no paused day for a pause that begins and ends on the same day or over a weekend only', () => {
    const t = claim(task('2025-03-03', 3, 20), 'o-1', LEASE, cst('2025-03-07'));
    const r = resume(suspend(t, 'o-1', 'OTHER', '其他', cst('2025-03-07')), LEASE, cst('2025-03-09'));
    expect(r.pausedDays).toBe(0);
    expect(r.task.promisedDeadline).toBe(t.promisedDeadline);
  });
});

describe('task moves: who may do what', () => {
  const t0 = cst('2025-03-03');
  const claimed = () => claim(task('2025-03-03', 3, 20), 'o-1', LEASE, t0);

  it('lets only the holder of an unexpired claim add opinions, ask for supplements, suspend and transfer', () => {
    const t = claimed();
    const other = [
      () => addOpinion(t, 'o-2', '同意', t0),
      () => requestSupplement(t, 'o-2', items, '', t0),
      () => suspend(t, 'o-2', 'HEARING', '听证', t0),
      () => transfer(t, 'o-2', { departmentCode: 'B', newTaskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F9' }, '职责', t0),
    ];
    for (const fn of other) expect(rule(fn).reason).toBe('TASK_NOT_CLAIMED_BY_OFFICER');
    const late = new Date(t0.getTime() + 2 * LEASE);
    expect(rule(() => addOpinion(t, 'o-1', '同意', late)).reason).toBe('TASK_NOT_CLAIMED_BY_OFFICER');
    expect(addOpinion(t, 'o-1', '同意', t0).version).toBe(t.version + 1);
  });

  it('refuses empty opinions, supplements without items, suspensions and transfers without reasons', () => {
    const t = claimed();
    expect(rule(() => addOpinion(t, 'o-1', '  ', t0)).kind).toBe('invalid');
    expect(rule(() => requestSupplement(t, 'o-1', [], '', t0)).kind).toBe('invalid');
    expect(rule(() => suspend(t, 'o-1', 'HEARING', ' ', t0)).reason).toBe('REASON_REQUIRED');
    const target = { departmentCode: 'B', newTaskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F9' };
    expect(rule(() => transfer(t, 'o-1', target, '', t0)).reason).toBe('REASON_REQUIRED');
    expect(
      rule(() => transfer(t, 'o-1', { ...target, departmentCode: t.departmentCode }, 'x', t0)).kind,
    ).toBe('invalid');
  });

  it('releases only the holder’s unexpired claim; anything else is a no-op', () => {
    const t = claimed();
    expect(release(t, 'o-2', t0)).toBeNull();
    expect(release(t, 'o-1', new Date(t0.getTime() + 2 * LEASE))).toBeNull();
    expect(release(t, 'o-1', t0)).toMatchObject({
      status: 'PENDING',
      claimedBy: null,
      version: t.version + 1,
    });
  });

  it('expires a lease only once it has run out', () => {
    const t = claimed();
    expect(expireLease(t, new Date(t0.getTime() + LEASE - 1))).toBeNull();
    expect(expireLease(t, new Date(t0.getTime() + LEASE + 1))).toMatchObject({
      status: 'PENDING',
      claimedBy: null,
    });
    expect(expireLease(task('2025-03-03', 3, 20), t0)).toBeNull();
  });

  it('resumes only a suspended task, and a supplement only reaches a task waiting for one', () => {
    const t = claimed();
    expect(rule(() => resume(t, LEASE, t0)).reason).toBe('TASK_NOT_SUSPENDED');
    expect(supplementReceived(t, [], LEASE, t0)).toBeNull();
    const suspended = suspend(t, 'o-1', 'HEARING', '听证', t0);
    expect(supplementReceived(suspended, [], LEASE, t0)).toBeNull();
  });

  it('transfers: the task leaves as TRANSFERRED, a PENDING task of the same case and stage enters the target with the same deadlines', () => {
    const t = claimed();
    const { transferred, created } = transfer(
      t,
      'o-1',
      { departmentCode: '420100-ZJJ', newTaskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F9' },
      '属住建局职责',
      t0,
    );
    expect(transferred).toMatchObject({
      status: 'TRANSFERRED',
      claimedBy: null,
      transfer: { departmentCode: '420100-ZJJ', taskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F9' },
    });
    expect(created).toMatchObject({
      id: '01JNB2W3X4Y5Z6A7B8C9D0E1F9',
      departmentCode: '420100-ZJJ',
      caseId: t.caseId,
      stage: t.stage,
      status: 'PENDING',
      promisedDeadline: t.promisedDeadline,
      legalDeadline: t.legalDeadline,
      version: 1,
    });
    // A transferred task cannot be claimed any more.
    expect(rule(() => claim(transferred, 'o-1', LEASE, t0)).reason).toBe('TASK_NOT_CLAIMABLE');
  });
});

describe('cancel (the case was decided elsewhere or withdrawn)', () => {
  it('cancels an open task, claimed or on hold, dropping claim and pause; a final task stays as it is', () => {
    const now = cst('2025-10-09');
    const pending = task('2025-09-26', 10, 20);
    expect(cancel(pending, now)).toMatchObject({ status: 'CANCELLED', claimedBy: null, version: pending.version + 1 });
    const claimed = claim(pending, 'officer-1', LEASE, now);
    const held = requestSupplement(claimed, 'officer-1', items, '', now);
    expect(cancel(held, now)).toMatchObject({ status: 'CANCELLED', pause: null, claimedBy: null });
    const cancelled = cancel(pending, now);
    expect(cancelled && cancel(cancelled, now)).toBeNull();
  });
});
