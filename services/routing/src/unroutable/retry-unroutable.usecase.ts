import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { UnroutableQueueRepository } from '../dispatch/infrastructure/unroutable-queue.repository';
import { PlanRouter, type RouteResult } from '../dispatch/plan-router';

/**
 * Routes a case from the unroutable queue again with the rules now in force. Operators call it
 * (POST …/retry); applying a new rule set calls it for every case waiting on that matter.
 */
@Injectable()
export class RetryUnroutableUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: UnroutableQueueRepository,
    private readonly router: PlanRouter,
  ) {}

  /** In the caller's transaction; undefined when the case does not wait in the queue. */
  async retryIn(tx: EntityManager, caseId: string): Promise<RouteResult | undefined> {
    const waiting = await this.queue.lockWaiting(tx, caseId);
    if (!waiting) return undefined;
    return this.router.route(tx, waiting.accepted, waiting.cause);
  }

  /** An operator's retry: the plan when it routes now, a 409 problem with the reason when it still does not. */
  async execute(caseId: string): Promise<{ caseId: string; planId: string }> {
    const result = await this.dataSource.transaction((tx) => this.retryIn(tx, caseId));
    if (!result) {
      const known = await this.queue.get(this.dataSource.manager, caseId);
      if (!known) throw ProblemException.notFound('unroutable-case', caseId);
      if (known.planId) return { caseId, planId: known.planId };
      throw new ProblemException('case-not-waiting', 'The case no longer waits for routing', HttpStatus.CONFLICT, `case ${caseId} left the queue without a plan (withdrawn)`);
    }
    if (result.kind === 'unroutable') {
      throw new ProblemException('still-unroutable', 'No rule routes the case yet', HttpStatus.CONFLICT, result.reason);
    }
    return { caseId, planId: result.planId };
  }
}
