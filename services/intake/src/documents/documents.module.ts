import { Module } from '@nestjs/common';
import { IssuedDocumentsRepository } from './issued-documents.repository';

@Module({
  providers: [IssuedDocumentsRepository],
  exports: [IssuedDocumentsRepository],
})
export class DocumentsModule {}
