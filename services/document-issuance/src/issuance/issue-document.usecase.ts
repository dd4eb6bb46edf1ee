import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, Inbox, LOGGER, RetryLaterError } from '@onewindow/platform';
import type { Logger } from 'pino';
import { monotonicFactory } from 'ulid';
import type { EntityManager } from 'typeorm';
import type { DocumentIssuanceConfig } from '../config/document-issuance.config';
import { DocumentAccess } from '../documents/document-access';
import type { ResultDocument } from '../documents/domain/result-document';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import type { Matter } from '../matters/domain/matter';
import { DocumentSigner } from '../signing/document-signer';
import { chinaDate } from './domain/china-calendar';
import { formatDocumentNo } from './domain/document-number';
import { planResultDocument, type ResultTarget, resultTargets } from './domain/plan-result-document';
import { generateVerificationCode } from './domain/verification-code';
import { IssuanceRepository, type Numbering } from './infrastructure/issuance.repository';

type CaseDecided = CloudEvent<typeof EventTypes.CaseDecided>;

/**
 * Issues the result documents of a decision — one, or one per matter of an approved bundle — and
 * announces each (`document.issued`), in the transaction that records the event in the inbox. One
 * document per matter of a case: a redelivered decision, even under a new id, issues nothing twice.
 */
@Injectable()
export class IssueDocumentUseCase {
  // Monotonic: a bundle's results, issued within one millisecond, list in the order they were issued.
  private readonly newId = monotonicFactory();

  constructor(
    private readonly inbox: Inbox,
    private readonly documents: DocumentRepository,
    private readonly access: DocumentAccess,
    private readonly reads: IssuanceRepository,
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
    const targets = resultTargets(d);
    if (targets.length === 0) {
      this.log.warn({ caseId: d.caseId, eventId: event.id }, 'decision names no result document to issue; ignored');
      return;
    }
    const issuedAt = new Date();
    // One statement reads the documents the case has, every matter this decision may need (a
    // bundle's members too: a refusal notice takes its lead department's name from one), and
    // numbers the first document unless the case has it already.
    const start = await this.reads.start(
      d.caseId,
      [...targets.map((t) => t.matterCode), ...(d.bundle?.matters ?? []).map((m) => m.matterCode)],
      { matterCode: targets[0].matterCode, departmentCode: targets[0].departmentCode, year: chinaDate(issuedAt).year },
      manager,
    );
    const due = targets.filter((t) => !start.issuedMatterCodes.has(t.matterCode));
    if (due.length === 0) {
      // A second decision event for a case that already has its results (a redelivery under a new id).
      this.log.warn({ caseId: d.caseId, eventId: event.id, documents: start.issuedMatterCodes.size }, 'case already has its result documents; decision ignored');
      return;
    }
    for (const target of due) {
      // The first target's number came with the start; a bundle's further documents take theirs now.
      const first = target === targets[0] ? start.first : undefined;
      await this.issueOne(event, target, start.matters, first ? { issuedAt, numbering: first } : undefined, manager);
    }
  }

  private async issueOne(
    event: CaseDecided,
    target: ResultTarget,
    matters: Map<string, Matter>,
    numbered: { issuedAt: Date; numbering: Numbering } | undefined,
    manager: EntityManager,
  ): Promise<void> {
    const d = event.data;
    const matter = target.bundleRefusal ? this.bundleAsMatter(d, matters) : matters.get(target.matterCode);
    // The catalogue topic may lag the routing topic; retried with back-off until the matter arrives.
    if (!matter) throw new RetryLaterError(`matter ${target.matterCode} is not in the catalogue read model yet`);

    const issuedAt = numbered?.issuedAt ?? new Date();
    const plan = planResultDocument(
      { outcome: d.outcome, reasons: d.reasons, matterName: target.matterName },
      matter,
      issuedAt,
    );
    const departmentCode = target.departmentCode;
    const year = chinaDate(issuedAt).year;
    const { sequence, activeKey } = numbered?.numbering ?? (await this.reads.nextNumberAndActiveKey(departmentCode, year, manager));
    const unsigned: ResultDocument = {
      id: this.newId(),
      documentNo: formatDocumentNo(departmentCode, year, sequence),
      caseId: d.caseId,
      caseNo: d.caseNo,
      decidedEventId: event.id,
      kind: plan.kind,
      title: plan.title,
      matterCode: target.matterCode,
      matterVersion: target.matterVersion,
      departmentCode,
      departmentName: matter.departmentCode === departmentCode ? matter.departmentName : departmentCode,
      regionCode: d.regionCode,
      ...(d.serviceCentre ? { serviceCentre: d.serviceCentre } : {}),
      holder: { kind: d.applicant.kind, name: d.applicant.name, idNumber: d.applicant.idNumber },
      reasons: plan.reasons,
      status: 'READY_FOR_PICKUP',
      verificationCode: generateVerificationCode(this.config.VERIFICATION_CODE_LENGTH),
      issuedAt,
      ...(plan.validUntil ? { validUntil: plan.validUntil } : {}),
    };
    const document: ResultDocument = { ...unsigned, signature: await this.signer.sign(unsigned, manager, activeKey ?? null) };
    await this.documents.insert(document, manager);
    await this.access.recordChange(manager, 'document.issue', document, { kind: document.kind, matterCode: target.matterCode, outcome: d.outcome, decidedEventId: event.id });
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
        matterCode: target.matterCode,
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
      { caseId: d.caseId, documentId: document.id, documentNo: document.documentNo, kind: document.kind, matterCode: target.matterCode },
      'result document issued',
    );
  }

  /** A denied bundle's refusal notice speaks for the bundle, under its lead department's name. */
  private bundleAsMatter(d: CaseDecided['data'], matters: Map<string, Matter>): Matter {
    let departmentName = d.leadDepartmentCode;
    const lead = (d.bundle?.matters ?? []).find((m) => m.departmentCode === d.leadDepartmentCode);
    const known = lead ? matters.get(lead.matterCode) : undefined;
    if (known) departmentName = known.departmentName;
    return {
      code: d.matterCode,
      version: d.matterVersion,
      name: d.matterName,
      departmentCode: d.leadDepartmentCode,
      departmentName,
      resultType: 'APPROVAL',
    };
  }
}
