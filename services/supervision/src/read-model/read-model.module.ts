import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { EventsConsumer } from './events.consumer';
import { ReadModelRepository } from './infrastructure/read-model.repository';
import { RecordEventUseCase } from './record-event.usecase';

@Module({
  imports: [ReferenceModule],
  controllers: [EventsConsumer],
  providers: [ReadModelRepository, RecordEventUseCase],
})
export class ReadModelModule {}
