import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordMatterUseCase } from './record-matter.usecase';

/** `intake.catalog-events.v1` → routing's matter read model. */
@Controller()
export class CatalogConsumer {
  constructor(private readonly recordMatter: RecordMatterUseCase) {}

  @EventPattern(EventTypes.MatterPublished)
  async onMatterPublished(@Payload() event: CloudEvent<typeof EventTypes.MatterPublished>): Promise<void> {
    await this.recordMatter.execute(event);
  }
}
