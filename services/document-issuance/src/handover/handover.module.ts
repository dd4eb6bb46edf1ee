import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { FlagUncollectedUseCase } from './flag-uncollected.usecase';
import { HandOverDocumentUseCase } from './hand-over-document.usecase';
import { HandoverController } from './handover.controller';

@Module({
  imports: [DocumentsModule],
  controllers: [HandoverController],
  providers: [HandOverDocumentUseCase, FlagUncollectedUseCase],
})
export class HandoverModule {}
