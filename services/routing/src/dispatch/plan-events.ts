import { Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { EventPublisher } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import type { Decision, DispatchPlan, OpenedStage } from './domain/dispatch-plan';
import type { PlanRecord } from './infrastructure/dispatch-plan.repository';

type Cause = Pick<CloudEvent, 'id' | 'correlationid'>;

/** The events a plan publishes as it moves: a later stage opening, and the one decision. */
@Injectable()
export class PlanEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async stageOpened(
    tx: EntityManager,
    plan: DispatchPlan,
    record: PlanRecord,
    opened: OpenedStage,
    cause: Cause,
  ): Promise<void> {
    const a = record.assignment;
    if (!a) throw new Error(`plan ${plan.planId} has no assignment facts to open stage ${opened.stage} with`);
    await this.publisher.publish(
      tx,
      EventTypes.PlanStageOpened,
      plan.caseId,
      {
        ...record.caseSummary,
        planId: plan.planId,
        stage: opened.stage,
        tasks: opened.tasks,
        materials: a.materials,
        legalLimitDays: a.legalLimitDays,
        promisedLimitDays: a.promisedLimitDays,
        acceptedAt: a.acceptedAt,
        routedAt: new Date().toISOString(),
      },
      cause,
    );
  }

  decided(
    tx: EntityManager,
    plan: DispatchPlan,
    record: PlanRecord,
    decision: Decision,
    cause: Cause,
  ): Promise<CloudEvent<'case.decided'>> {
    return this.publisher.publish(
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
      cause,
    );
  }
}
