import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { handleOnce } from '../shared/handle-once';
import type { WithdrawResult } from './domain/dispatch-plan';
import { DispatchPlanRepository } from './infrastructure/dispatch-plan.repository';

export type WithdrawPlanResult = WithdrawResult | 'no-plan' | 'duplicate-event';

/**
 * A withdrawn case's plan stops and its live tasks are cancelled (approval closes its own tasks on
 * the same `case.withdrawn`); outcomes that still come in are ignored and decide nothing.
 */
@Injectable()
export class WithdrawPlanUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly plans: DispatchPlanRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'withdraw-plan' });
  }

  async execute(event: CloudEvent<typeof EventTypes.CaseWithdrawn>): Promise<WithdrawPlanResult> {
    const r = await handleOnce(this.inbox, event, (tx) => this.withdraw(tx, event));
    const result = r.duplicate ? 'duplicate-event' : r.value;
    const fields = { caseId: event.data.caseId, eventId: event.id, result };
    if (result === 'already-decided') this.log.warn(fields, 'withdrawal of an already decided case ignored');
    else this.log.info(fields, 'case.withdrawn handled');
    return result;
  }

  private async withdraw(
    tx: EntityManager,
    event: CloudEvent<typeof EventTypes.CaseWithdrawn>,
  ): Promise<WithdrawPlanResult> {
    // Withdrawn before it was routed: there is nothing to stop (case events are ordered per case).
    const loaded = await this.plans.lockByCaseId(tx, event.data.caseId);
    if (!loaded) {
      // An unroutable case that is withdrawn leaves the operators' queue: nothing to route any more.
      await tx.query('UPDATE unroutable_case SET routed_at = now() WHERE case_id = $1 AND routed_at IS NULL', [event.data.caseId]);
      return 'no-plan';
    }
    const result = loaded.plan.withdraw(event.data.withdrawnAt);
    if (result === 'withdrawn') await this.plans.save(tx, loaded.plan);
    return result;
  }
}
