import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { RecordProgressUseCase } from './record-progress.usecase';
import { TimelineConsumer } from './timeline.consumer';
import { TimelineRecorder } from './timeline.recorder';

@Module({
  imports: [DocumentsModule],
  controllers: [TimelineConsumer],
  providers: [TimelineRecorder, RecordProgressUseCase],
  exports: [TimelineRecorder],
})
export class TimelineModule {}
