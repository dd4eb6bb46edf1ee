import { Module } from '@nestjs/common';
import { RecordProgressUseCase } from './record-progress.usecase';
import { TimelineConsumer } from './timeline.consumer';
import { TimelineRecorder } from './timeline.recorder';

@Module({
  controllers: [TimelineConsumer],
  providers: [TimelineRecorder, RecordProgressUseCase],
  exports: [TimelineRecorder],
})
export class TimelineModule {}
