import { Module } from '@nestjs/common';
import { MatterRepository } from './infrastructure/matter.repository';
import { MatterPublishedConsumer } from './matter-published.consumer';
import { RecordMatterUseCase } from './record-matter.usecase';

@Module({
  controllers: [MatterPublishedConsumer],
  providers: [MatterRepository, RecordMatterUseCase],
  exports: [MatterRepository],
})
export class MattersModule {}
