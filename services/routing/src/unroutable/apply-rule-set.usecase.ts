import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { UnroutableQueueRepository } from '../dispatch/infrastructure/unroutable-queue.repository';
import { RulesRepository } from '../rules/infrastructure/rules.repository';
import { handleOnce } from '../shared/handle-once';
import { RetryUnroutableUseCase } from './retry-unroutable.usecase';

/** How many waiting cases one rule publication retries at once; an operator retries the rest. */
const RETRY_BATCH = 200;

export type ApplyRuleSetResult =
  | { kind: 'applied'; retried: number; routed: number }
  | { kind: 'stale' }
  | { kind: 'duplicate-event' };

/**
 * `routing.rule-published` puts a rule set in force (newer versions only), then retries — in the
 * same transaction — the unroutable cases that waited for this matter's rules.
 */
@Injectable()
export class ApplyRuleSetUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly rulesRepo: RulesRepository,
    private readonly queue: UnroutableQueueRepository,
    private readonly retry: RetryUnroutableUseCase,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'apply-rule-set' });
  }

  async execute(event: CloudEvent<typeof EventTypes.RoutingRulePublished>): Promise<ApplyRuleSetResult> {
    const d = event.data;
    const r = await handleOnce(this.inbox, event, async (tx): Promise<ApplyRuleSetResult> => {
      const applied = await this.rulesRepo.apply(tx, { matterCode: d.matterCode, version: d.version, rules: d.rules });
      if (applied === 'stale') return { kind: 'stale' };
      let routed = 0;
      const waiting = await this.queue.waitingFor(tx, d.matterCode, RETRY_BATCH);
      for (const caseId of waiting) {
        const result = await this.retry.retryIn(tx, caseId);
        if (result?.kind === 'routed') routed++;
      }
      return { kind: 'applied', retried: waiting.length, routed };
    });
    const result: ApplyRuleSetResult = r.duplicate ? { kind: 'duplicate-event' } : r.value;
    this.log.info({ matterCode: d.matterCode, version: d.version, eventId: event.id, ...result }, 'routing rule set applied');
    return result;
  }
}
