import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { EventPublisher, Inbox, LOGGER, PoisonMessageError, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { handleOnce } from '../shared/handle-once';
import type { Outcome } from './domain/plan-verdict';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';

export type RecordTaskOutcomeResult =
  | { kind: 'recorded'; decided?: Outcome }
  | { kind: 'duplicate' }
  | { kind: 'conflicting'; recorded: Outcome }
  | { kind: 'duplicate-event' };

/**
 * A department's outcome is recorded on its plan task; the outcome that settles the plan publishes
 * `case.decided` — exactly once per case, even with several instances consuming at once.
 */
@Injectable()
export class RecordTaskOutcomeUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly publisher: EventPublisher,
    private readonly plans: DispatchPlanRepository,
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
    else this.log.info(fields, 'task.decided handled');
    return result;
  }

  private async record(
    tx: EntityManager,
    event: CloudEvent<typeof EventTypes.TaskDecided>,
  ): Promise<RecordTaskOutcomeResult> {
    const d = event.data;
    const loaded = await this.plans.lockByTaskId(tx, d.taskId);
    // Routing makes the task ids, so an unknown one means this event overtook the plan's commit or restore.
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
      case 'duplicate':
      case 'conflicting':
        return outcome;
      case 'recorded':
        break;
    }

    await this.plans.saveOutcome(tx, plan, d.taskId, event.id);
    const decision = outcome.decision;
    if (!decision) return { kind: 'recorded' };
    const decided = await this.publisher.publish(
      tx,
      EventTypes.CaseDecided,
      plan.caseId,
      {
        ...record.caseSummary,
        outcome: decision.outcome,
        reasons: decision.reasons,
        departments: decision.departments,
        leadDepartmentCode: plan.state.leadDepartmentCode,
        decidedAt: decision.decidedAt,
      },
      event,
    );
    await this.plans.setEventIds(tx, plan.planId, { decidedEventId: decided.id });
    return { kind: 'recorded', decided: decision.outcome };
  }
}
