import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { currentActor, EventPublisher, ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { DocumentAccess } from '../documents/document-access';
import { toDocumentDto } from '../documents/document-view';
import type { Revocation } from '../documents/domain/result-document';
import type { DocumentDto } from '../documents/dto/document.dto';
import { DocumentRepository } from '../documents/infrastructure/document.repository';

export interface RevokeDocumentCommand {
  documentId: string;
  reason: string;
}

/** 撤销: a document is revoked once, with a reason; `document.revoked` goes out in the same transaction. */
@Injectable()
export class RevokeDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRepository,
    private readonly access: DocumentAccess,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(cmd: RevokeDocumentCommand): Promise<DocumentDto> {
    const reason = cmd.reason.trim();
    if (!reason)
      throw ProblemException.validation([{ field: 'reason', problems: ['reason must not be blank'] }]);
    await this.dataSource.transaction(async (manager) => {
      const doc = await this.access.lockForChange(cmd.documentId, manager);
      if (doc.status === 'REVOKED') {
        throw new ProblemException(
          'already-revoked',
          'The document was already revoked',
          HttpStatus.CONFLICT,
          `Revoked on ${doc.revocation?.revokedAt.toISOString() ?? 'an earlier date'}: ${doc.revocation?.reason ?? ''}`,
        );
      }
      const revocation: Revocation = { reason, revokedBy: currentActor(), revokedAt: new Date() };
      await this.documents.recordRevocation(doc.id, revocation, manager);
      await this.access.recordChange(manager, 'document.revoke', doc, { revokedBy: revocation.revokedBy }, revocation.reason);
      await this.publisher.publish(manager, EventTypes.DocumentRevoked, doc.caseId, {
        documentId: doc.id,
        documentNo: doc.documentNo,
        caseId: doc.caseId,
        caseNo: doc.caseNo,
        reason: revocation.reason,
        revokedBy: revocation.revokedBy,
        revokedAt: revocation.revokedAt.toISOString(),
      });
    });
    const after = await this.documents.findById(cmd.documentId);
    return toDocumentDto(after!);
  }
}
