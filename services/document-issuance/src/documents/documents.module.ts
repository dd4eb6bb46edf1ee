import { Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { GetDocumentUseCase } from './get-document.usecase';
import { DocumentRepository } from './infrastructure/document.repository';
import { ListDocumentsUseCase } from './list-documents.usecase';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentRepository, ListDocumentsUseCase, GetDocumentUseCase],
  exports: [DocumentRepository],
})
export class DocumentsModule {}
