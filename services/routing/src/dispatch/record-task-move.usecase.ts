import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@onewindow/contracts';
import { Inbox, LOGGER, PoisonMessageError, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { handleOnce } from '../shared/handle-once';
import type { DispatchPlan, HoldResult, TransferResult } from './domain/dispatch-plan';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';

/** The approval events that move a task without deciding it. */
export type TaskMoveEvent =
  | CloudEvent<'task.supplement-requested'>
  | CloudEvent<'task.supplemented'>
  | CloudEvent<'task.suspended'>
  | CloudEvent<'task.resumed'>
  | CloudEvent<'task.transferred'>;

export type TaskMoveResult = HoldResult | TransferResult | { kind: 'duplicate-event' };

function apply(plan: DispatchPlan, e: TaskMoveEvent): HoldResult | TransferResult {
  switch (e.type) {
    case 'task.supplement-requested':
      return plan.hold(
        e.data.taskId,
        'SUPPLEMENT_REQUESTED',
        e.data.items.map((i) => i.description).join('; '),
        e.data.requestedAt,
      );
    case 'task.supplemented':
      return plan.release(e.data.taskId, 'SUPPLEMENT_REQUESTED');
    case 'task.suspended':
      return plan.hold(e.data.taskId, 'SUSPENDED', `${e.data.kind}: ${e.data.reason}`, e.data.suspendedAt);
    case 'task.resumed':
      return plan.release(e.data.taskId, 'SUSPENDED');
    case 'task.transferred':
      return plan.transfer(e.data.taskId, e.data.newTaskId, e.data.targetDepartmentCode);
  }
}

/**
 * Supplement requests and special procedures put a task on hold (a supplement pauses the whole
 * plan); their end releases it. A transfer (转办) replaces the task by the target department's new
 * task, which its stage then waits for. Exactly once through the inbox, serialised per plan.
 */
@Injectable()
export class RecordTaskMoveUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly plans: DispatchPlanRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'record-task-move' });
  }

  async execute(event: TaskMoveEvent): Promise<TaskMoveResult> {
    const r = await handleOnce(this.inbox, event, (tx) => this.record(tx, event));
    const result: TaskMoveResult = r.duplicate ? { kind: 'duplicate-event' } : r.value;
    const fields = { caseId: event.data.caseId, taskId: event.data.taskId, eventType: event.type, eventId: event.id, ...result };
    if (result.kind === 'refused') this.log.warn(fields, 'a transfer of a task that is no longer open was not recorded');
    else this.log.info(fields, `${event.type} handled`);
    return result;
  }

  private async record(tx: EntityManager, e: TaskMoveEvent): Promise<HoldResult | TransferResult> {
    const d = e.data;
    const loaded = await this.plans.lockByTaskId(tx, d.taskId);
    if (!loaded) throw new RetryLaterError(`task ${d.taskId} is not in any dispatch plan yet`);
    const { plan } = loaded;
    if (plan.caseId !== d.caseId)
      throw new PoisonMessageError([`task ${d.taskId} belongs to case ${plan.caseId}, not to case ${d.caseId}`]);
    const result = apply(plan, e);
    switch (result.kind) {
      case 'unknown-task':
        throw new RetryLaterError(`task ${d.taskId} is not in plan ${plan.planId}`);
      case 'not-open-yet':
        throw new RetryLaterError(`${e.type} for task ${d.taskId} arrived before its stage opened`);
      case 'held':
      case 'released':
      case 'transferred':
        await this.plans.save(tx, plan);
        return result;
      case 'unchanged':
      case 'duplicate':
      case 'refused':
        return result;
    }
  }
}
