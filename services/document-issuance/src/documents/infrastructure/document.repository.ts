import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere, IsNull, Like, MoreThan, Not } from 'typeorm';
import type { DocumentStatus, Handover, ResultDocument, Revocation } from '../domain/result-document';
import { DocumentEntity } from './document.entity';
import { HandoverEntity } from './handover.entity';

function toDomain(e: DocumentEntity): ResultDocument {
  const h = e.handover;
  return {
    id: e.id,
    documentNo: e.documentNo,
    caseId: e.caseId,
    caseNo: e.caseNo,
    decidedEventId: e.decidedEventId,
    kind: e.kind,
    title: e.title,
    matterCode: e.matterCode,
    matterVersion: e.matterVersion,
    departmentCode: e.departmentCode,
    departmentName: e.departmentName,
    ...(e.regionCode ? { regionCode: e.regionCode } : {}),
    ...(e.serviceCentre ? { serviceCentre: e.serviceCentre } : {}),
    holder: { kind: e.holderKind, name: e.holderName, idNumber: e.holderIdNumber },
    reasons: e.reasons,
    status: e.status,
    verificationCode: e.verificationCode,
    issuedAt: e.issuedAt,
    ...(e.validUntil ? { validUntil: e.validUntil } : {}),
    ...(e.signature && e.signatureKid && e.signatureAlgorithm
      ? { signature: { algorithm: e.signatureAlgorithm, kid: e.signatureKid, value: e.signature } }
      : {}),
    ...(e.revokedAt && e.revocationReason
      ? { revocation: { reason: e.revocationReason, revokedBy: e.revokedBy ?? '', revokedAt: e.revokedAt } }
      : {}),
    ...(e.uncollectedFlaggedAt ? { uncollectedFlaggedAt: e.uncollectedFlaggedAt } : {}),
    ...(h
      ? {
          handover: {
            method: h.method,
            clerkId: h.clerkId,
            collectorName: h.collectorName,
            collectorIdNumber: h.collectorIdNumber,
            collectorRole: h.collectorRole,
            ...(h.authorisationRef ? { authorisationRef: h.authorisationRef } : {}),
            handedOverAt: h.handedOverAt,
            ...(h.courierCompany && h.trackingNo && h.deliveryAddress
              ? {
                  courier: {
                    company: h.courierCompany,
                    trackingNo: h.trackingNo,
                    address: h.deliveryAddress,
                  },
                }
              : {}),
            ...(h.electronicToken ? { electronicToken: h.electronicToken } : {}),
          },
        }
      : {}),
  };
}

export interface DocumentFilter {
  status?: DocumentStatus;
  caseId?: string;
  /** Only results still waiting that the sweep flagged as not collected in time. */
  overdue?: boolean;
  /** Only documents after this id (ULID order = issue order). */
  afterId?: string;
  /** A clerk's reach: the region prefix, and their centre or an unknown one. */
  place?: { regionPrefix: string; serviceCentre: string };
  limit: number;
}

@Injectable()
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ResultDocument | undefined> {
    const e = await manager.findOne(DocumentEntity, { where: { id }, relations: { handover: true } });
    return e ? toDomain(e) : undefined;
  }

  /** Reads and row-locks the document until the transaction ends: concurrent handovers queue here. */
  async lockById(id: string, manager: EntityManager): Promise<ResultDocument | undefined> {
    // FOR UPDATE cannot cover the outer join of the relation, so the lock is taken on the document alone.
    const e = await manager.findOne(DocumentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return e ? toDomain(e) : undefined;
  }

  /** Every result document of a case, in issue order (one, or one per matter of a bundle). */
  async findByCaseId(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<ResultDocument[]> {
    const rows = await manager.find(DocumentEntity, { where: { caseId }, relations: { handover: true }, order: { id: 'ASC' } });
    return rows.map(toDomain);
  }

  async findByVerificationCode(code: string): Promise<ResultDocument | undefined> {
    const e = await this.dataSource.manager.findOne(DocumentEntity, { where: { verificationCode: code } });
    return e ? toDomain(e) : undefined;
  }

  async list(filter: DocumentFilter): Promise<ResultDocument[]> {
    const where: FindOptionsWhere<DocumentEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.caseId) where.caseId = filter.caseId;
    if (filter.afterId) where.id = MoreThan(filter.afterId);
    if (filter.overdue) {
      where.status = 'READY_FOR_PICKUP';
      where.uncollectedFlaggedAt = Not(IsNull());
    }
    const { place } = filter;
    const rows = await this.dataSource.manager.find(DocumentEntity, {
      where: place
        ? [
            { ...where, regionCode: Like(`${place.regionPrefix}%`), serviceCentre: place.serviceCentre },
            { ...where, regionCode: Like(`${place.regionPrefix}%`), serviceCentre: IsNull() },
          ]
        : where,
      relations: { handover: true },
      order: { id: 'ASC' },
      take: filter.limit,
    });
    return rows.map(toDomain);
  }

  /** Raw SQL on the issuing hot path: the same one statement TypeORM sends, without building it per document. */
  async insert(doc: ResultDocument, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO document (id, document_no, case_id, case_no, decided_event_id, kind, title, matter_code, matter_version,
         department_code, department_name, region_code, service_centre, holder_kind, holder_name, holder_id_number,
         reasons, status, verification_code, issued_at, valid_until, signature_algorithm, signature_kid, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
      [
        doc.id,
        doc.documentNo,
        doc.caseId,
        doc.caseNo,
        doc.decidedEventId,
        doc.kind,
        doc.title,
        doc.matterCode,
        doc.matterVersion,
        doc.departmentCode,
        doc.departmentName,
        doc.regionCode ?? null,
        doc.serviceCentre ?? null,
        doc.holder.kind,
        doc.holder.name,
        doc.holder.idNumber,
        JSON.stringify(doc.reasons),
        doc.status,
        doc.verificationCode,
        doc.issuedAt,
        doc.validUntil ?? null,
        doc.signature?.algorithm ?? null,
        doc.signature?.kid ?? null,
        doc.signature?.value ?? null,
      ],
    );
  }

  async findByElectronicToken(token: string): Promise<ResultDocument | undefined> {
    const h = await this.dataSource.manager.findOne(HandoverEntity, { where: { electronicToken: token } });
    return h ? this.findById(h.documentId) : undefined;
  }

  /**
   * Flags results still waiting that were issued before `issuedBefore`. One UPDATE: instances running
   * the sweep at once cannot flag a row twice, and a row handed over meanwhile is left alone.
   */
  async flagUncollected(issuedBefore: Date, now: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.manager.query(
      `UPDATE document SET uncollected_flagged_at = $2, updated_at = $2
        WHERE status = 'READY_FOR_PICKUP' AND uncollected_flagged_at IS NULL AND issued_at < $1`,
      [issuedBefore, now],
    );
    return result[1];
  }

  async recordRevocation(documentId: string, revocation: Revocation, manager: EntityManager): Promise<void> {
    await manager.update(
      DocumentEntity,
      { id: documentId },
      {
        status: 'REVOKED',
        revokedAt: revocation.revokedAt,
        revocationReason: revocation.reason,
        revokedBy: revocation.revokedBy,
        updatedAt: new Date(),
      },
    );
  }

  async recordHandover(documentId: string, handover: Handover, manager: EntityManager): Promise<void> {
    await manager.insert(HandoverEntity, {
      documentId,
      method: handover.method,
      clerkId: handover.clerkId,
      collectorName: handover.collectorName,
      collectorIdNumber: handover.collectorIdNumber,
      collectorRole: handover.collectorRole,
      authorisationRef: handover.authorisationRef ?? null,
      handedOverAt: handover.handedOverAt,
      courierCompany: handover.courier?.company ?? null,
      trackingNo: handover.courier?.trackingNo ?? null,
      deliveryAddress: handover.courier?.address ?? null,
      electronicToken: handover.electronicToken ?? null,
    });
    await manager.update(
      DocumentEntity,
      { id: documentId },
      { status: 'HANDED_OVER', updatedAt: new Date() },
    );
  }
}
