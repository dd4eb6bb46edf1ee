import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RecordMatterUseCase } from './record-matter.usecase';

@ApiExcludeController()
@Controller()
export class MatterPublishedConsumer {
  constructor(private readonly recordMatter: RecordMatterUseCase) {}

  @EventPattern(EventTypes.MatterPublished)
  async onMatterPublished(@Payload() event: CloudEvent<typeof EventTypes.MatterPublished>): Promise<void> {
    await this.recordMatter.execute(event);
  }
}
