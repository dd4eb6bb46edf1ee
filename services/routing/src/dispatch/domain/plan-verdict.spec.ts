import { evaluatePlan, type PlanTask, stageStatuses, type TaskResult } from './plan-verdict';

const approve = (at = '2026-11-27T08:00:00.000Z'): TaskResult => ({
  outcome: 'APPROVED',
  officerId: 'officer-1',
  documentsPending: false,
  decidedAt: at,
});
const deny = (reason?: string, opinion?: string): TaskResult => ({
  outcome: 'DENIED',
  officerId: 'officer-2',
  documentsPending: false,
  decidedAt: '2026-11-27T09:00:00.000Z',
  ...(reason !== undefined ? { reason } : {}),
  ...(opinion !== undefined ? { opinion } : {}),
});
const task = (taskId: string, departmentCode: string, stage: number, result?: TaskResult): PlanTask => ({
  taskId,
  departmentCode,
  stage,
  state: result ? result.outcome : 'OPEN',
  ...(result ? { result } : {}),
});

describe('evaluatePlan', () => {
  describe('one parallel stage where every department must approve', () => {
    const stages = [{ stage: 1, completionRule: 'ALL' as const }];

    it('is undecided while a department has not answered', () => {
      const v = evaluatePlan(stages, [task('T1', 'SCJGJ', 1, approve()), task('T2', 'XFJ', 1)]);
      expect(v).toEqual({ decided: false, openStage: 1 });
    });

    it('approves once every department approved, listing each department', () => {
      const v = evaluatePlan(stages, [task('T1', 'SCJGJ', 1, approve()), task('T2', 'XFJ', 1, approve())]);
      expect(v).toEqual({
        decided: true,
        outcome: 'APPROVED',
        reasons: [],
        departments: [
          { taskId: 'T1', departmentCode: 'SCJGJ', outcome: 'APPROVED' },
          { taskId: 'T2', departmentCode: 'XFJ', outcome: 'APPROVED' },
        ],
      });
    });

    it('denies at the first denial without waiting for the others, giving the reason', () => {
      const v = evaluatePlan(stages, [task('T1', 'SCJGJ', 1), task('T2', 'XFJ', 1, deny('消防验收不合格'))]);
      expect(v).toEqual({
        decided: true,
        outcome: 'DENIED',
        reasons: ['消防验收不合格'],
        departments: [{ taskId: 'T2', departmentCode: 'XFJ', outcome: 'DENIED', reason: '消防验收不合格' }],
      });
    });

    it('falls back to the opinion, then to a sentence naming the department, when no reason was given', () => {
      const withOpinion = evaluatePlan(stages, [task('T1', 'XFJ', 1, deny(undefined, '通道宽度不足'))]);
      expect(withOpinion.decided && withOpinion.reasons).toEqual(['通道宽度不足']);
      const bare = evaluatePlan(stages, [task('T1', 'XFJ', 1, deny('  '))]);
      expect(bare.decided && bare.reasons).toEqual(['XFJ denied the application without stating a reason']);
    });
  });

  describe('sequential stages and other completion rules (the shape later plans take)', () => {
    it('keeps stage 2 waiting until stage 1 is approved, then decides on stage 2', () => {
      const stages = [
        { stage: 2, completionRule: 'ALL' as const },
        { stage: 1, completionRule: 'ALL' as const },
      ];
      const open = [task('T1', 'A', 1, approve()), task('T2', 'B', 1), task('T3', 'C', 2)];
      expect(evaluatePlan(stages, open)).toEqual({ decided: false, openStage: 1 });
      expect(stageStatuses(stages, open).map((s) => s.status)).toEqual(['OPEN', 'WAITING']);

      const stage2Open = [task('T1', 'A', 1, approve()), task('T2', 'B', 1, approve()), task('T3', 'C', 2)];
      expect(evaluatePlan(stages, stage2Open)).toEqual({ decided: false, openStage: 2 });

      const done = [
        task('T1', 'A', 1, approve()),
        task('T2', 'B', 1, approve()),
        task('T3', 'C', 2, approve()),
      ];
      expect(evaluatePlan(stages, done)).toMatchObject({ decided: true, outcome: 'APPROVED' });
    });

    it('with ANY, one approval settles the stage and only a unanimous denial denies it', () => {
      const stages = [{ stage: 1, completionRule: 'ANY' as const }];
      expect(evaluatePlan(stages, [task('T1', 'A', 1, deny('x')), task('T2', 'B', 1)])).toEqual({
        decided: false,
        openStage: 1,
      });
      expect(
        evaluatePlan(stages, [task('T1', 'A', 1, deny('x')), task('T2', 'B', 1, approve())]),
      ).toMatchObject({
        decided: true,
        outcome: 'APPROVED',
      });
      expect(
        evaluatePlan(stages, [task('T1', 'A', 1, deny('x')), task('T2', 'B', 1, deny('y'))]),
      ).toMatchObject({
        decided: true,
        outcome: 'DENIED',
        reasons: ['x', 'y'],
      });
    });
  });
});
