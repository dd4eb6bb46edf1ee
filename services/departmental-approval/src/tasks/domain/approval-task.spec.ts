import {
  type ApprovalTask,
  assignTask,
  claim,
  type DecideCommand,
  decide,
  effectiveStatus,
  viewAt,
} from './approval-task';
import { TaskRuleError } from './task-rule-error';

const T0 = new Date('2025-03-03T02:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

function pending(): ApprovalTask {
  return assignTask(
    {
      taskId: '01JNB2W3X4Y5Z6A7B8C9D0E1F2',
      departmentCode: '420100-SCJGJ',
      stage: 1,
      caseId: '01JNB2W3X4Y5Z6A7B8C9D0E1F3',
      caseNo: '420100-20250303-0001',
      planId: '01JNB2W3X4Y5Z6A7B8C9D0E1F4',
      matterCode: 'M-001',
      matterVersion: 1,
      matterName: '食品经营许可',
      regionCode: '420102',
      applicantDisplayName: '武汉示例餐饮有限公司',
      materials: [{ code: 'licence-form', name: '申请书', provided: true }],
      acceptedAt: null,
      routedAt: T0,
      legalLimitDays: 20,
      promisedLimitDays: 5,
    },
    T0,
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

function decision(over: Partial<DecideCommand> = {}): DecideCommand {
  return {
    requestId: 'req-1',
    requestDigest: 'digest-1',
    officerId: 'officer-a',
    outcome: 'APPROVED',
    reason: '',
    opinion: '同意',
    pendingMaterialCodes: [],
    ...over,
  };
}

describe('approval task state machine', () => {
  it('starts PENDING at version 1 with deadlines from the routing day (China time)', () => {
    const t = pending();
    expect(t).toMatchObject({ status: 'PENDING', version: 1, claimedBy: null, decision: null });
    // 2025-03-03 is a Monday: 5 working days → 2025-03-10, 20 → 2025-03-31.
    expect([t.promisedDeadline, t.legalDeadline]).toEqual(['2025-03-10', '2025-03-31']);
  });

  it('a claim leases the task to one officer for the given time', () => {
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(t).toMatchObject({
      status: 'CLAIMED',
      claimedBy: 'officer-a',
      leaseExpiresAt: at(30),
      version: 2,
    });
  });

  it('refuses a second officer while the lease runs, and names why', () => {
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(rule(() => claim(t, 'officer-b', 30 * MIN, at(10)))).toMatchObject({
      kind: 'precondition',
      reason: 'TASK_CLAIMED_BY_OTHER',
    });
  });

  it('lets the holder renew the lease from now', () => {
    const t = claim(claim(pending(), 'officer-a', 30 * MIN, T0), 'officer-a', 30 * MIN, at(20));
    expect(t).toMatchObject({ claimedBy: 'officer-a', leaseExpiresAt: at(50), version: 3 });
  });

  it('an expired lease makes the task PENDING again, claimable by anyone', () => {
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(effectiveStatus(t, at(29))).toBe('CLAIMED');
    expect(effectiveStatus(t, at(30))).toBe('PENDING');
    expect(viewAt(t, at(31))).toMatchObject({ status: 'PENDING', claimedBy: null, leaseExpiresAt: null });
    expect(claim(t, 'officer-b', 30 * MIN, at(31))).toMatchObject({
      claimedBy: 'officer-b',
      leaseExpiresAt: at(61),
    });
  });

  it('accepts leases from 1 minute to 8 hours only', () => {
    expect(rule(() => claim(pending(), 'officer-a', 59_999, T0))).toMatchObject({
      kind: 'invalid',
      field: 'lease_duration',
    });
    expect(rule(() => claim(pending(), 'officer-a', 8 * 60 * MIN + 1, T0))).toMatchObject({
      kind: 'invalid',
    });
    expect(claim(pending(), 'officer-a', 8 * 60 * MIN, T0).status).toBe('CLAIMED');
  });

  it('decides only for the officer holding an unexpired claim', () => {
    expect(rule(() => decide(pending(), decision(), T0)).reason).toBe('TASK_NOT_CLAIMED_BY_OFFICER');
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(rule(() => decide(t, decision({ officerId: 'officer-b' }), at(1))).reason).toBe(
      'TASK_NOT_CLAIMED_BY_OFFICER',
    );
    expect(rule(() => decide(t, decision(), at(30))).reason).toBe('TASK_NOT_CLAIMED_BY_OFFICER');
  });

  it('records an approval and releases the claim', () => {
    const r = decide(claim(pending(), 'officer-a', 30 * MIN, T0), decision(), at(5));
    expect(r.kind).toBe('decided');
    expect(r.task).toMatchObject({
      status: 'APPROVED',
      claimedBy: null,
      leaseExpiresAt: null,
      version: 3,
      decision: {
        outcome: 'APPROVED',
        decidedBy: 'officer-a',
        decidedAt: at(5),
        opinion: '同意',
        reason: null,
      },
    });
  });

  it('needs a reason to deny', () => {
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(rule(() => decide(t, decision({ outcome: 'DENIED', reason: '  ' }), at(1)))).toMatchObject({
      kind: 'invalid',
      reason: 'REASON_REQUIRED',
      field: 'reason',
    });
    expect(decide(t, decision({ outcome: 'DENIED', reason: '经营场所不符合要求' }), at(1)).task.status).toBe(
      'DENIED',
    );
  });

  it('approves pending documents (容缺) only with the materials still owed', () => {
    const t = claim(pending(), 'officer-a', 30 * MIN, T0);
    expect(rule(() => decide(t, decision({ outcome: 'APPROVED_PENDING_DOCUMENTS' }), at(1))).field).toBe(
      'pending_material_codes',
    );
    expect(rule(() => decide(t, decision({ pendingMaterialCodes: ['x'] }), at(1))).field).toBe(
      'pending_material_codes',
    );
    const r = decide(
      t,
      decision({ outcome: 'APPROVED_PENDING_DOCUMENTS', pendingMaterialCodes: ['floor-plan'] }),
      at(1),
    );
    expect(r.task).toMatchObject({ status: 'APPROVED', decision: { pendingMaterialCodes: ['floor-plan'] } });
  });

  it('answers a repeated request with the same result, and refuses any other decision', () => {
    const decided = decide(claim(pending(), 'officer-a', 30 * MIN, T0), decision(), at(5)).task;
    expect(decide(decided, decision(), at(90))).toEqual({ kind: 'repeated', task: decided });
    expect(rule(() => decide(decided, decision({ requestDigest: 'other' }), at(6))).reason).toBe(
      'REQUEST_ID_REUSED',
    );
    expect(rule(() => decide(decided, decision({ requestId: 'req-2' }), at(6))).reason).toBe(
      'TASK_ALREADY_DECIDED',
    );
    expect(rule(() => claim(decided, 'officer-a', 30 * MIN, at(6))).reason).toBe('TASK_ALREADY_DECIDED');
  });
});
