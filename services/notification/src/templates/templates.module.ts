import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { TemplateRepository } from './infrastructure/template.repository';
import { PublishTemplateUseCase } from './publish-template.usecase';
import { TemplatesController } from './templates.controller';

@Module({
  controllers: [TemplatesController],
  providers: [TemplateRepository, PublishTemplateUseCase],
  exports: [TemplateRepository],
})
export class TemplatesModule implements OnApplicationBootstrap {
  constructor(
    private readonly templates: TemplateRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** After the migrations: version 1 of every template exists before the first event is rendered. */
  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.templates.seedBuiltIns();
    if (seeded) this.log.info({ seeded }, 'built-in message templates stored as version 1');
  }
}
