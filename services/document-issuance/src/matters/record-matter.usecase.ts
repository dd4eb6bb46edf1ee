import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { supersedes } from './domain/matter';
import { MatterRepository } from './infrastructure/matter.repository';

/** Keeps the matter read model: the latest published version of each matter. */
@Injectable()
export class RecordMatterUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly matters: MatterRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(event: CloudEvent<typeof EventTypes.MatterPublished>): Promise<void> {
    const m = event.data;
    await this.inbox.handle(event, async (manager) => {
      const stored = await this.matters.find(m.code, manager);
      if (!supersedes(m, stored)) {
        this.log.info(
          { matterCode: m.code, version: m.version, stored: stored?.version },
          'older matter version ignored',
        );
        return;
      }
      await this.matters.save(
        {
          code: m.code,
          version: m.version,
          name: m.name,
          departmentCode: m.departmentCode,
          departmentName: m.departmentName,
          resultType: m.resultType,
          resultValidityMonths: m.resultValidityMonths,
          status: m.status,
          publishedAt: new Date(m.publishedAt),
        },
        manager,
      );
    });
  }
}
