import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, MoreThan, type FindOptionsWhere } from 'typeorm';
import type { DocumentStatus, Handover, ResultDocument } from '../domain/result-document';
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
    holder: { kind: e.holderKind, name: e.holderName, idNumber: e.holderIdNumber },
    reasons: e.reasons,
    status: e.status,
    verificationCode: e.verificationCode,
    issuedAt: e.issuedAt,
    ...(e.validUntil ? { validUntil: e.validUntil } : {}),
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
          },
        }
      : {}),
  };
}

export interface DocumentFilter {
  status?: DocumentStatus;
  caseId?: string;
  /** Only documents after this id (ULID order = issue order). */
  afterId?: string;
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

  async findByCaseId(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ResultDocument | undefined> {
    const e = await manager.findOne(DocumentEntity, { where: { caseId }, relations: { handover: true } });
    return e ? toDomain(e) : undefined;
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
    const rows = await this.dataSource.manager.find(DocumentEntity, {
      where,
      relations: { handover: true },
      order: { id: 'ASC' },
      take: filter.limit,
    });
    return rows.map(toDomain);
  }

  /**
   * Next number in the department's register for the year. The counter row stays locked until the
   * transaction commits, so numbers are unique and, unlike a database sequence, without gaps.
   */
  async nextSequence(departmentCode: string, year: number, manager: EntityManager): Promise<number> {
    const rows: Array<{ last_value: number }> = await manager.query(
      `INSERT INTO document_number_counter (department_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (department_code, year) DO UPDATE SET last_value = document_number_counter.last_value + 1
       RETURNING last_value`,
      [departmentCode, year],
    );
    return Number(rows[0].last_value);
  }

  async insert(doc: ResultDocument, manager: EntityManager): Promise<void> {
    await manager.insert(DocumentEntity, {
      id: doc.id,
      documentNo: doc.documentNo,
      caseId: doc.caseId,
      caseNo: doc.caseNo,
      decidedEventId: doc.decidedEventId,
      kind: doc.kind,
      title: doc.title,
      matterCode: doc.matterCode,
      matterVersion: doc.matterVersion,
      departmentCode: doc.departmentCode,
      departmentName: doc.departmentName,
      holderKind: doc.holder.kind,
      holderName: doc.holder.name,
      holderIdNumber: doc.holder.idNumber,
      reasons: doc.reasons,
      status: doc.status,
      verificationCode: doc.verificationCode,
      issuedAt: doc.issuedAt,
      validUntil: doc.validUntil ?? null,
    });
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
    });
    await manager.update(
      DocumentEntity,
      { id: documentId },
      { status: 'HANDED_OVER', updatedAt: new Date() },
    );
  }
}
