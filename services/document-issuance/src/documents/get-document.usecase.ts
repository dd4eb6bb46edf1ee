import { Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { toDocumentDto } from './document-view';
import type { DocumentDto } from './dto/document.dto';
import { DocumentRepository } from './infrastructure/document.repository';

@Injectable()
export class GetDocumentUseCase {
  constructor(private readonly documents: DocumentRepository) {}

  async execute(id: string): Promise<DocumentDto> {
    const doc = await this.documents.findById(id);
    if (!doc) throw ProblemException.notFound('document', id);
    return toDocumentDto(doc);
  }
}
