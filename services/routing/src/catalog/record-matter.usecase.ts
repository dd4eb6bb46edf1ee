import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { handleOnce } from '../shared/handle-once';
import { MatterCatalogRepository } from './infrastructure/matter-catalog.repository';

export type RecordMatterResult = 'stored' | 'stale' | 'duplicate-event';

/** Keeps routing's copy of the matter catalogue: every (code, version) published. */
@Injectable()
export class RecordMatterUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly matters: MatterCatalogRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'record-matter' });
  }

  async execute(event: CloudEvent<typeof EventTypes.MatterPublished>): Promise<RecordMatterResult> {
    const m = event.data;
    const r = await handleOnce(this.inbox, event, (tx) => this.matters.upsert(tx, m));
    const result = r.duplicate ? 'duplicate-event' : r.value;
    this.log.debug({ matterCode: m.code, version: m.version, result }, 'matter version received');
    return result;
  }
}
