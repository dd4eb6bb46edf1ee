import { decodeCursor, encodeCursor } from '@onewindow/platform';
import { Injectable } from '@nestjs/common';
import { DocumentAccess } from './document-access';
import { toDocumentDto } from './document-view';
import type { DocumentPageDto, ListDocumentsQuery } from './dto/document.dto';
import { DocumentRepository } from './infrastructure/document.repository';

export const DEFAULT_PAGE_SIZE = 20;

/** A page of documents in issue order, e.g. what is ready for pickup at the window. */
@Injectable()
export class ListDocumentsUseCase {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly access: DocumentAccess,
  ) {}

  async execute(query: ListDocumentsQuery): Promise<DocumentPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One row more than asked tells whether another page exists.
    const rows = await this.documents.list({
      status: query.status,
      caseId: query.caseId,
      overdue: query.overdue,
      afterId: decodeCursor(query.cursor),
      place: this.access.listScope(),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    await this.access.recordList(page, { status: query.status, caseId: query.caseId, overdue: query.overdue });
    return {
      items: page.map(toDocumentDto),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }
}
