import { Inject, Injectable } from '@nestjs/common';
import { type CaseAccepted, type CaseSummary, type CloudEvent, EventTypes } from '@onewindow/contracts';
import { EventPublisher, Inbox, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { monotonicFactory } from 'ulid';
import { ResolveMatterUseCase } from '../catalog/resolve-matter.usecase';
import { handleOnce } from '../shared/handle-once';
import { DispatchPlan } from './domain/dispatch-plan';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';

export type RouteCaseResult =
  | { kind: 'routed'; planId: string; tasks: number }
  | { kind: 'already-routed'; planId: string }
  | { kind: 'duplicate-event' };

/** The fields of CaseSummary, and only those: what every later event repeats about the case. */
export function caseSummaryOf(c: CaseAccepted): CaseSummary {
  const { caseId, caseNo, matterCode, matterVersion, matterName, regionCode, channel, applicant } = c;
  return { caseId, caseNo, matterCode, matterVersion, matterName, regionCode, channel, applicant };
}

/**
 * An accepted case becomes a dispatch plan: one task per department the matter involves, announced
 * by `case.routed`. A case is routed once, however often its acceptance is delivered.
 */
@Injectable()
export class RouteCaseUseCase {
  private readonly log: Logger;
  // Monotonic: the tasks of one plan sort in the order they were drafted.
  private readonly newId = monotonicFactory();

  constructor(
    private readonly inbox: Inbox,
    private readonly publisher: EventPublisher,
    private readonly resolveMatter: ResolveMatterUseCase,
    private readonly plans: DispatchPlanRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'route-case' });
  }

  async execute(event: CloudEvent<typeof EventTypes.CaseAccepted>): Promise<RouteCaseResult> {
    const r = await handleOnce(this.inbox, event, (tx) => this.route(tx, event));
    const result: RouteCaseResult = r.duplicate ? { kind: 'duplicate-event' } : r.value;
    this.log.info({ caseId: event.data.caseId, eventId: event.id, ...result }, 'case.accepted handled');
    return result;
  }

  private async route(
    tx: EntityManager,
    event: CloudEvent<typeof EventTypes.CaseAccepted>,
  ): Promise<RouteCaseResult> {
    const c = event.data;
    const existing = await this.plans.planIdOfCase(tx, c.caseId);
    if (existing) return { kind: 'already-routed', planId: existing };

    const resolved = await this.resolveMatter.execute(tx, c.matterCode, c.matterVersion);
    if (!resolved) {
      throw new RetryLaterError(
        `matter ${c.matterCode} version ${c.matterVersion} is not in routing's catalogue yet`,
      );
    }
    const { matter, substituted } = resolved;
    if (substituted) {
      this.log.warn(
        {
          caseId: c.caseId,
          matterCode: c.matterCode,
          acceptedVersion: c.matterVersion,
          routedVersion: matter.version,
        },
        'the version the case was accepted under is gone from the catalogue; routing by the next newer one',
      );
    }

    const plan = DispatchPlan.draft({
      planId: this.newId(),
      caseId: c.caseId,
      leadDepartmentCode: matter.departmentCode,
      coDepartmentCodes: matter.coDepartmentCodes,
      newTaskId: () => this.newId(),
    });
    const summary = caseSummaryOf(c);
    const inserted = await this.plans.insert(tx, plan, {
      caseSummary: summary,
      matterCode: matter.code,
      matterVersion: matter.version,
    });
    if (!inserted) {
      // Another instance routed this case between our look-up and our insert; its plan is committed now.
      const winner = await this.plans.planIdOfCase(tx, c.caseId);
      if (!winner) throw new RetryLaterError(`case ${c.caseId} is being routed by another instance`);
      return { kind: 'already-routed', planId: winner };
    }

    const routed = await this.publisher.publish(
      tx,
      EventTypes.CaseRouted,
      c.caseId,
      {
        ...summary,
        planId: plan.planId,
        tasks: plan.state.tasks.map(({ taskId, departmentCode, stage }) => ({
          taskId,
          departmentCode,
          stage,
        })),
        materials: c.materials,
        legalLimitDays: c.legalLimitDays,
        promisedLimitDays: c.promisedLimitDays,
        acceptedAt: c.acceptedAt,
        routedAt: new Date().toISOString(),
      },
      event,
    );
    await this.plans.setEventIds(tx, plan.planId, { routedEventId: routed.id });
    return { kind: 'routed', planId: plan.planId, tasks: plan.state.tasks.length };
  }
}
