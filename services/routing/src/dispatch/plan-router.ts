import { Inject, Injectable } from '@nestjs/common';
import { type CaseAccepted, type CaseSummary, EventTypes } from '@onewindow/contracts';
import { EventPublisher, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { monotonicFactory } from 'ulid';
import { ResolveMatterUseCase } from '../catalog/resolve-matter.usecase';
import { RulesRepository } from '../rules/infrastructure/rules.repository';
import { DispatchPlan } from './domain/dispatch-plan';
import { bundleStages, matterStages, type StagesResult } from './domain/plan-stages';
import { DispatchPlanRepository, type RoutingLookup } from './infrastructure/dispatch-plan.repository';
import { type Cause, UnroutableQueueRepository } from './infrastructure/unroutable-queue.repository';

export type RouteResult =
  | { kind: 'routed'; planId: string; tasks: number }
  | { kind: 'already-routed'; planId: string }
  | { kind: 'unroutable'; reason: string; alerted: boolean };

/** The fields of CaseSummary, and only those: what every later event repeats about the case. */
export function caseSummaryOf(c: CaseAccepted): CaseSummary {
  const { caseId, caseNo, matterCode, matterVersion, matterName, regionCode, serviceCentre, channel, applicant, bundle } = c;
  // A bundle case carries its matters on to the decision: issuance issues one result per matter; the
  // service centre goes on so issuance can confine clerks to their own centre's documents.
  return {
    caseId,
    caseNo,
    matterCode,
    matterVersion,
    matterName,
    regionCode,
    ...(serviceCentre ? { serviceCentre } : {}),
    channel,
    applicant,
    ...(bundle ? { bundle } : {}),
  };
}

/**
 * Turns an accepted case into its plan by the rules in force: a matter by its own rule, a bundle
 * (its code in place of the matter's) by each member's rule in the bundle's stages. No rule → the
 * unroutable queue with a `case.unroutable` alert, never dropped. Used by acceptance and by retries.
 */
@Injectable()
export class PlanRouter {
  private readonly log: Logger;
  // Monotonic: the tasks of one plan sort in the order they were drafted.
  private readonly newId = monotonicFactory();

  constructor(
    private readonly publisher: EventPublisher,
    private readonly resolveMatter: ResolveMatterUseCase,
    private readonly rules: RulesRepository,
    private readonly plans: DispatchPlanRepository,
    private readonly unroutable: UnroutableQueueRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ component: 'plan-router' });
  }

  async route(tx: EntityManager, c: CaseAccepted, cause: Cause): Promise<RouteResult> {
    const lookup = await this.plans.routingLookup(tx, c.caseId, c.matterCode, c.matterVersion);
    if (lookup.planId) return { kind: 'already-routed', planId: lookup.planId };

    const target = await this.stagesFor(tx, c, lookup);
    if (target.result.kind === 'unroutable') {
      const { reason, unmatchedMatterCodes } = target.result;
      const fresh = await this.unroutable.put(tx, c, cause, reason, unmatchedMatterCodes);
      if (fresh) {
        await this.publisher.publish(
          tx,
          EventTypes.CaseUnroutable,
          c.caseId,
          { ...caseSummaryOf(c), reason, unmatchedMatterCodes, detectedAt: new Date().toISOString() },
          cause,
        );
      }
      return { kind: 'unroutable', reason, alerted: fresh };
    }
    const { stages, ruleVersions } = target.result;

    const plan = DispatchPlan.draft({
      planId: this.newId(),
      caseId: c.caseId,
      leadDepartmentCode: target.leadDepartmentCode,
      stages,
      newTaskId: () => this.newId(),
    });
    const summary = caseSummaryOf(c);
    const assignment = {
      materials: c.materials,
      legalLimitDays: c.legalLimitDays,
      promisedLimitDays: c.promisedLimitDays,
      acceptedAt: c.acceptedAt,
    };
    const inserted = await this.plans.insert(tx, plan, {
      caseSummary: summary,
      matterCode: c.matterCode,
      matterVersion: target.version,
      kind: target.kind,
      ruleVersions,
      assignment,
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
        tasks: plan.firstStageTasks().map(({ taskId, departmentCode, stage }) => ({ taskId, departmentCode, stage })),
        stages: stages.map((s) => ({
          stage: s.stage,
          completionRule: s.completionRule,
          departmentCodes: [...new Set(s.departmentCodes)],
        })),
        ruleVersions,
        ...assignment,
        routedAt: new Date().toISOString(),
      },
      cause,
    );
    // The insert marked the case routed in the unroutable queue already.
    await this.plans.setRoutedEventId(tx, plan.planId, routed.id);
    return { kind: 'routed', planId: plan.planId, tasks: plan.firstStageTasks().length };
  }

  /**
   * The stages by the rules in force. `lookup` holds the bundle or matter and the shared in-force
   * lock of the case's code; a bundle's members are locked here, and every rule set is read in one
   * statement after its lock.
   */
  private async stagesFor(
    tx: EntityManager,
    c: CaseAccepted,
    lookup: RoutingLookup,
  ): Promise<{ result: StagesResult; leadDepartmentCode: string; version: number; kind: 'MATTER' | 'BUNDLE' }> {
    const facts = { regionCode: c.regionCode, applicantKind: c.applicant.kind };
    const bundle = lookup.bundle;
    if (bundle) {
      const codes = bundle.matters.map((bm) => bm.matterCode);
      await this.rules.lockInForceShared(tx, codes);
      const inForce = await this.rules.membersInForce(tx, codes);
      const members = bundle.matters.map((bm) => {
        const member = inForce.get(bm.matterCode);
        const versions = member?.catalogueVersions ?? [];
        if (versions.length === 0)
          throw new RetryLaterError(`bundle member ${bm.matterCode} is not in routing's catalogue yet`);
        // The member's version the case was filed under, when intake says so; else the newest.
        const filed = c.bundle?.matters.find((x) => x.matterCode === bm.matterCode)?.matterVersion;
        return {
          matterCode: bm.matterCode,
          matterVersion: filed ?? Math.max(...versions),
          ruleSet: member?.ruleSet,
        };
      });
      return {
        result: bundleStages(bundle, members, facts),
        leadDepartmentCode: bundle.leadDepartmentCode,
        version: bundle.version,
        kind: 'BUNDLE',
      };
    }
    // The exact version came with the lookup; a version gone from the catalogue takes the slow path.
    const resolved = lookup.matter
      ? { matter: lookup.matter, substituted: false }
      : await this.resolveMatter.execute(tx, c.matterCode, c.matterVersion);
    if (!resolved) {
      throw new RetryLaterError(`matter ${c.matterCode} version ${c.matterVersion} is not in routing's catalogue yet`);
    }
    const { matter, substituted } = resolved;
    if (substituted) {
      this.log.warn(
        { caseId: c.caseId, matterCode: c.matterCode, acceptedVersion: c.matterVersion, routedVersion: matter.version },
        'the version the case was accepted under is gone from the catalogue; routing by the next newer one',
      );
    }
    // matter.code is the case's matter code, whose shared lock the lookup took.
    const ruleSet = (await this.rules.membersInForce(tx, [matter.code])).get(matter.code)?.ruleSet;
    return {
      result: matterStages({ matterCode: matter.code, matterVersion: c.matterVersion, ruleSet }, facts),
      leadDepartmentCode: matter.departmentCode,
      version: matter.version,
      kind: 'MATTER',
    };
  }
}
