import { Injectable } from '@nestjs/common';
import { DocumentAccess } from './document-access';
import { toDocumentDto } from './document-view';
import type { DocumentDto } from './dto/document.dto';

@Injectable()
export class GetDocumentUseCase {
  constructor(private readonly access: DocumentAccess) {}

  async execute(id: string): Promise<DocumentDto> {
    return toDocumentDto(await this.access.read(id, 'document.read'));
  }
}
