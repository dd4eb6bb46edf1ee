import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER, PoisonMessageError, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { handleOnce } from '../shared/handle-once';
import type { Outcome } from './domain/plan-verdict';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';
import { PlanEvents } from './plan-events';

export type RecordTaskOutcomeResult =
  | { kind: 'recorded'; decided?: Outcome; openedStage?: number }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; state: 'TRANSFERRED' | 'CANCELLED' }
  | { kind: 'conflicting'; recorded: Outcome }
  | { kind: 'duplicate-event' };

/**
 * A department's outcome is recorded on its plan task. The outcome that completes a stage opens the
 * next one (`plan.stage-opened`); the outcome that settles the plan publishes `case.decided` — exactly
 * once per case, even with several instances consuming at once — and cancels the tasks still open.
 */
@Injectable()
export class RecordTaskOutcomeUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly plans: DispatchPlanRepository,
    private readonly planEvents: PlanEvents,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'record-task-outcome' });
  }

  async execute(event: CloudEvent<typeof EventTypes.TaskDecided>): Promise<RecordTaskOutcomeResult> {
    const r = await handleOnce(this.inbox, event, (tx) => this.record(tx, event));
    const result: RecordTaskOutcomeResult = r.duplicate ? { kind: 'duplicate-event' } : r.value;
    const d = event.data;
    const fields = {
      caseId: d.caseId,
      taskId: d.taskId,
      departmentCode: d.departmentCode,
      outcome: d.outcome,
      eventId: event.id,
      ...result,
    };
    if (result.kind === 'conflicting')
      this.log.warn(fields, 'a second, different outcome for a decided task was ignored; the first stands');
    else if (result.kind === 'ignored')
      this.log.warn(fields, 'an outcome for a transferred or cancelled task was ignored');
    else this.log.info(fields, 'task.decided handled');
    return result;
  }

  private async record(
    tx: EntityManager,
    event: CloudEvent<typeof EventTypes.TaskDecided>,
  ): Promise<RecordTaskOutcomeResult> {
    const d = event.data;
    const loaded = await this.plans.lockByTaskId(tx, d.taskId);
    // Routing makes the task ids (or learns them from transfers), so an unknown one overtook the plan's commit or the transfer.
    if (!loaded) throw new RetryLaterError(`task ${d.taskId} is not in any dispatch plan yet`);
    const { plan, record } = loaded;
    const task = plan.task(d.taskId);
    if (plan.caseId !== d.caseId || task?.departmentCode !== d.departmentCode) {
      throw new PoisonMessageError([
        `task ${d.taskId} belongs to case ${plan.caseId} and department ${task?.departmentCode ?? '?'}, ` +
          `not to case ${d.caseId} and department ${d.departmentCode}`,
      ]);
    }

    const outcome = plan.recordOutcome(d.taskId, {
      outcome: d.outcome,
      officerId: d.officerId,
      documentsPending: d.documentsPending,
      decidedAt: d.decidedAt,
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
      ...(d.opinion !== undefined ? { opinion: d.opinion } : {}),
    });
    switch (outcome.kind) {
      case 'unknown-task':
        throw new RetryLaterError(`task ${d.taskId} is not in plan ${plan.planId}`);
      case 'not-open-yet':
        // A decision can only follow an assignment: its stage's opening is still on its way.
        throw new RetryLaterError(`task ${d.taskId} of plan ${plan.planId} is decided before its stage opened`);
      case 'duplicate':
      case 'conflicting':
      case 'ignored':
        return outcome;
      case 'recorded':
        break;
    }

    const saveOpts = {
      decisionEventId: { taskId: d.taskId, eventId: event.id },
      ...(outcome.opened ? { openedStage: outcome.opened.stage } : {}),
    };
    if (outcome.opened) {
      await this.plans.save(tx, plan, saveOpts);
      await this.planEvents.stageOpened(tx, plan, record, outcome.opened, event);
      return { kind: 'recorded', openedStage: outcome.opened.stage };
    }
    const decision = outcome.decision;
    if (!decision) {
      await this.plans.save(tx, plan, saveOpts);
      return { kind: 'recorded' };
    }
    // Published first so the save that records the decision names its event too: one statement,
    // not two. The plan row is locked, and a failed save rolls the outbox row back with it.
    const decided = await this.planEvents.decided(tx, plan, record, decision, event);
    await this.plans.save(tx, plan, { ...saveOpts, decidedEventId: decided.id });
    return { kind: 'recorded', decided: decision.outcome };
  }
}
