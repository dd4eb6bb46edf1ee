import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordBundleUseCase } from './record-bundle.usecase';
import { RecordMatterUseCase } from './record-matter.usecase';

/** `intake.catalog-events.v1` → routing's matter and bundle read models. */
@Controller()
export class CatalogConsumer {
  constructor(
    private readonly recordMatter: RecordMatterUseCase,
    private readonly recordBundle: RecordBundleUseCase,
  ) {}

  @EventPattern(EventTypes.MatterPublished)
  async onMatterPublished(@Payload() event: CloudEvent<typeof EventTypes.MatterPublished>): Promise<void> {
    await this.recordMatter.execute(event);
  }

  @EventPattern(EventTypes.BundlePublished)
  async onBundlePublished(@Payload() event: CloudEvent<typeof EventTypes.BundlePublished>): Promise<void> {
    await this.recordBundle.execute(event);
  }
}
