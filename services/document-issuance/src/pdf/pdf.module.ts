import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DocumentPdfController } from './document-pdf.controller';
import { RenderDocumentPdfUseCase } from './render-document-pdf.usecase';

@Module({
  imports: [DocumentsModule],
  controllers: [DocumentPdfController],
  providers: [RenderDocumentPdfUseCase],
})
export class PdfModule {}
