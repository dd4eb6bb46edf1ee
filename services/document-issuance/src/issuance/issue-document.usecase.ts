import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, Inbox, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import { ulid } from 'ulid';
import type { EntityManager } from 'typeorm';
import type { DocumentIssuanceConfig } from '../config/document-issuance.config';
import type { ResultDocument } from '../documents/domain/result-document';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { MatterRepository } from '../matters/infrastructure/matter.repository';
import { DocumentSigner } from '../signing/document-signer';
import { chinaDate } from './domain/china-calendar';
import { formatDocumentNo } from './domain/document-number';
import { planResultDocument } from './domain/plan-result-document';
import { generateVerificationCode } from './domain/verification-code';

type CaseDecided = CloudEvent<typeof EventTypes.CaseDecided>;

/**
 * Issues the one result document of a decision and announces it (`document.issued`), in the
 * transaction that records the event in the inbox.
 */
@Injectable()
export class IssueDocumentUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly documents: DocumentRepository,
    private readonly matters: MatterRepository,
    private readonly publisher: EventPublisher,
    private readonly signer: DocumentSigner,
    @Inject(CONFIG) private readonly config: DocumentIssuanceConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(event: CaseDecided): Promise<void> {
    await this.inbox.handle(event, (manager) => this.issue(event, manager));
  }

  private async issue(event: CaseDecided, manager: EntityManager): Promise<void> {
    const d = event.data;
    const existing = await this.documents.findByCaseId(d.caseId, manager);
    if (existing) {
      // A second decision event for a case that already has its result (a redelivery under a new id).
      this.log.warn(
        {
          caseId: d.caseId,
          eventId: event.id,
          documentId: existing.id,
          decidedEventId: existing.decidedEventId,
        },
        'case already has its result document; decision ignored',
      );
      return;
    }
    const matter = await this.matters.find(d.matterCode, manager);
    // The catalogue topic may lag the routing topic; retried with back-off until the matter arrives.
    if (!matter) throw new RetryLaterError(`matter ${d.matterCode} is not in the catalogue read model yet`);

    const issuedAt = new Date();
    const plan = planResultDocument(
      { outcome: d.outcome, reasons: d.reasons, matterName: d.matterName },
      matter,
      issuedAt,
    );
    const departmentCode = d.leadDepartmentCode;
    const year = chinaDate(issuedAt).year;
    const sequence = await this.documents.nextSequence(departmentCode, year, manager);
    const unsigned: ResultDocument = {
      id: ulid(),
      documentNo: formatDocumentNo(departmentCode, year, sequence),
      caseId: d.caseId,
      caseNo: d.caseNo,
      decidedEventId: event.id,
      kind: plan.kind,
      title: plan.title,
      matterCode: d.matterCode,
      matterVersion: d.matterVersion,
      departmentCode,
      departmentName: matter.departmentCode === departmentCode ? matter.departmentName : departmentCode,
      holder: { kind: d.applicant.kind, name: d.applicant.name, idNumber: d.applicant.idNumber },
      reasons: plan.reasons,
      status: 'READY_FOR_PICKUP',
      verificationCode: generateVerificationCode(this.config.VERIFICATION_CODE_LENGTH),
      issuedAt,
      ...(plan.validUntil ? { validUntil: plan.validUntil } : {}),
    };
    const document: ResultDocument = { ...unsigned, signature: await this.signer.sign(unsigned, manager) };
    await this.documents.insert(document, manager);
    await this.publisher.publish(
      manager,
      EventTypes.DocumentIssued,
      d.caseId,
      {
        documentId: document.id,
        documentNo: document.documentNo,
        caseId: d.caseId,
        caseNo: d.caseNo,
        kind: document.kind,
        title: document.title,
        matterCode: d.matterCode,
        departmentCode,
        holder: document.holder,
        issuedAt: issuedAt.toISOString(),
        ...(document.validUntil ? { validUntil: document.validUntil } : {}),
        verificationCode: document.verificationCode,
        signature: document.signature,
      },
      { id: event.id, correlationid: event.correlationid },
    );
    this.log.info(
      { caseId: d.caseId, documentId: document.id, documentNo: document.documentNo, kind: document.kind },
      'result document issued',
    );
  }
}
