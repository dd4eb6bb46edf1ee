import { Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import type { PlanDto, PlanTaskDto } from './dto/plan.dto';
import {
  DispatchPlanRepository,
  restorePlan,
  type StoredPlan,
} from './infrastructure/dispatch-plan.repository';
import type { PlanTaskEntity } from './infrastructure/plan-task.entity';

function taskView(t: PlanTaskEntity): PlanTaskDto {
  return {
    taskId: t.taskId,
    departmentCode: t.departmentCode,
    stage: t.stage,
    status: t.status,
    ...(t.decidedAt ? { decidedAt: t.decidedAt.toISOString() } : {}),
    ...(t.officerId !== null ? { officerId: t.officerId } : {}),
    ...(t.reason !== null ? { reason: t.reason } : {}),
    ...(t.opinion !== null ? { opinion: t.opinion } : {}),
    ...(t.documentsPending !== null ? { documentsPending: t.documentsPending } : {}),
    ...(t.holdReason !== null ? { holdReason: t.holdReason } : {}),
    ...(t.holdSince ? { holdSince: t.holdSince.toISOString() } : {}),
    ...(t.transferredTo !== null ? { transferredTo: t.transferredTo } : {}),
    ...(t.replaces !== null ? { replaces: t.replaces } : {}),
  };
}

function planView(stored: StoredPlan): PlanDto {
  const { plan, tasks } = stored;
  const { plan: aggregate } = restorePlan(stored);
  return {
    planId: plan.id,
    caseId: plan.caseId,
    caseNo: plan.caseNo,
    matterCode: plan.matterCode,
    matterVersion: plan.matterVersion,
    matterName: plan.caseSummary.matterName,
    leadDepartmentCode: plan.leadDepartmentCode,
    status: plan.status,
    kind: plan.kind,
    ruleVersions: plan.ruleVersions,
    ...(plan.outcome ? { outcome: plan.outcome } : {}),
    ...(plan.decidedAt ? { decidedAt: plan.decidedAt.toISOString() } : {}),
    ...(plan.withdrawnAt ? { withdrawnAt: plan.withdrawnAt.toISOString() } : {}),
    routedAt: plan.createdAt.toISOString(),
    stages: aggregate.stageStatuses(),
    tasks: tasks.map(taskView),
  };
}

/** An operator's view of a case's plan: departments, stages, outcomes. */
@Injectable()
export class GetPlanUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: DispatchPlanRepository,
  ) {}

  async execute(caseId: string): Promise<PlanDto> {
    const stored = await this.plans.read(this.dataSource.manager, caseId);
    if (!stored) throw ProblemException.notFound('plan', caseId);
    return planView(stored);
  }
}
