import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { DocumentIssuanceConfig } from '../config/document-issuance.config';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { uncollectedCutoff } from './domain/uncollected-policy';

/**
 * The periodic sweep that flags results nobody collected within UNCOLLECTED_AFTER_WORKING_DAYS
 * working days; clerks list them with `overdue=true` and call the holder.
 */
@Injectable()
export class FlagUncollectedUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly documents: DocumentRepository,
    @Inject(CONFIG) private readonly config: DocumentIssuanceConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(now: Date = new Date()): Promise<number> {
    const flagged = await this.documents.flagUncollected(
      uncollectedCutoff(now, this.config.UNCOLLECTED_AFTER_WORKING_DAYS),
      now,
    );
    if (flagged) this.log.info({ flagged }, 'results not collected in time flagged');
    return flagged;
  }

  onApplicationBootstrap(): void {
    const run = () => {
      this.execute().catch((e: unknown) =>
        this.log.warn({ err: e }, 'uncollected sweep failed; next run retries'),
      );
    };
    this.timer = setInterval(run, this.config.UNCOLLECTED_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    run();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
