import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { handleOnce } from '../shared/handle-once';
import { PlanRouter, type RouteResult } from './plan-router';

export { caseSummaryOf } from './plan-router';

export type RouteCaseResult = RouteResult | { kind: 'duplicate-event' };

/**
 * An accepted case becomes a dispatch plan, announced by `case.routed`. A case is routed once,
 * however often its acceptance is delivered: the inbox drops redeliveries, the unique plan per case
 * drops replays under new event ids.
 */
@Injectable()
export class RouteCaseUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly router: PlanRouter,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'route-case' });
  }

  async execute(event: CloudEvent<typeof EventTypes.CaseAccepted>): Promise<RouteCaseResult> {
    const r = await handleOnce(this.inbox, event, (tx) =>
      this.router.route(tx, event.data, { id: event.id, correlationid: event.correlationid }),
    );
    const result: RouteCaseResult = r.duplicate ? { kind: 'duplicate-event' } : r.value;
    const fields = { caseId: event.data.caseId, eventId: event.id, ...result };
    if (result.kind === 'unroutable') this.log.warn(fields, 'accepted case is unroutable: it waits in the unroutable queue');
    else this.log.info(fields, 'case.accepted handled');
    return result;
  }
}
