import { Module } from '@nestjs/common';
import { DocumentAccess } from './document-access';
import { DocumentsController } from './documents.controller';
import { GetDocumentUseCase } from './get-document.usecase';
import { DocumentRepository } from './infrastructure/document.repository';
import { ListDocumentsUseCase } from './list-documents.usecase';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentRepository, DocumentAccess, ListDocumentsUseCase, GetDocumentUseCase],
  exports: [DocumentRepository, DocumentAccess],
})
export class DocumentsModule {}
