import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { handleOnce } from '../shared/handle-once';
import { BundleCatalogRepository } from './infrastructure/bundle-catalog.repository';

/** Keeps routing's copy of the bundles: every (code, version) published. */
@Injectable()
export class RecordBundleUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly bundles: BundleCatalogRepository,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'record-bundle' });
  }

  async execute(event: CloudEvent<typeof EventTypes.BundlePublished>): Promise<void> {
    const b = event.data;
    const r = await handleOnce(this.inbox, event, (tx) => this.bundles.upsert(tx, b));
    this.log.debug({ bundleCode: b.code, version: b.version, result: r.duplicate ? 'duplicate-event' : r.value }, 'bundle version received');
  }
}
