import { randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { currentActor, EventPublisher, ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { DocumentAccess } from '../documents/document-access';
import { toDocumentDto } from '../documents/document-view';
import type { DocumentDto } from '../documents/dto/document.dto';
import type { CourierDelivery, Handover } from '../documents/domain/result-document';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { type Collector, checkHandover, type HandoverRefusal } from './domain/handover-policy';

export interface HandOverDocumentCommand {
  documentId: string;
  method: Handover['method'];
  collector: Collector;
  courier?: CourierDelivery;
}

const REFUSALS: Record<HandoverRefusal, () => ProblemException> = {
  'already-handed-over': () =>
    new ProblemException(
      'already-handed-over',
      'The document was already handed over',
      HttpStatus.CONFLICT,
      'A result is handed out once; see its handover record.',
    ),
  'document-revoked': () =>
    new ProblemException(
      'document-revoked',
      'The document was revoked',
      HttpStatus.CONFLICT,
      'A revoked document cannot be handed out.',
    ),
  'collector-identity-mismatch': () =>
    new ProblemException(
      'collector-identity-mismatch',
      'The collector is not the holder',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'The ID number shown does not match the holder of the document. An agent collects with role AGENT and an authorisation.',
    ),
  'agent-authorisation-required': () =>
    new ProblemException(
      'agent-authorisation-required',
      'An agent needs a written authorisation',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'Give the reference of the authorisation (授权委托书) in collector.authorisationRef.',
    ),
};

/** 出件: hands the result to the holder or an authorised agent at the window, once. */
@Injectable()
export class HandOverDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRepository,
    private readonly access: DocumentAccess,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(cmd: HandOverDocumentCommand): Promise<DocumentDto> {
    if (cmd.courier && cmd.method !== 'COURIER') {
      throw ProblemException.validation([
        { field: 'courier', problems: ['courier is only for method COURIER'] },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const doc = await this.access.lockForChange(cmd.documentId, manager);
      const verdict = checkHandover(doc, cmd.collector);
      if (!verdict.allowed) throw REFUSALS[verdict.reason]();
      const handover: Handover = {
        method: cmd.method,
        clerkId: currentActor(),
        collectorName: cmd.collector.name,
        collectorIdNumber: cmd.collector.idNumber.toUpperCase(),
        collectorRole: cmd.collector.role,
        ...(cmd.collector.authorisationRef
          ? { authorisationRef: cmd.collector.authorisationRef.trim() }
          : {}),
        handedOverAt: new Date(),
        ...(cmd.method === 'COURIER' && cmd.courier
          ? {
              courier: {
                company: cmd.courier.company.trim(),
                trackingNo: cmd.courier.trackingNo.toUpperCase(),
                address: cmd.courier.address.trim(),
              },
            }
          : {}),
        // 256 random bits: the download link is the holder's only credential for the electronic copy.
        ...(cmd.method === 'ELECTRONIC' ? { electronicToken: randomBytes(32).toString('base64url') } : {}),
      };
      await this.documents.recordHandover(doc.id, handover, manager);
      // The collector's id number stays out of the trail: the document row holds it, the trail says who acted.
      await this.access.recordChange(manager, 'document.hand-over', doc, { method: handover.method, collectorRole: handover.collectorRole, clerkId: handover.clerkId });
      await this.publisher.publish(manager, EventTypes.DocumentHandedOver, doc.caseId, {
        documentId: doc.id,
        documentNo: doc.documentNo,
        caseId: doc.caseId,
        caseNo: doc.caseNo,
        method: handover.method,
        collectorName: handover.collectorName,
        collectorRole: handover.collectorRole,
        handedOverBy: handover.clerkId,
        handedOverAt: handover.handedOverAt.toISOString(),
        ...(handover.courier
          ? { courierCompany: handover.courier.company, trackingNo: handover.courier.trackingNo }
          : {}),
      });
    });
    const after = await this.documents.findById(cmd.documentId);
    return toDocumentDto(after!);
  }
}
