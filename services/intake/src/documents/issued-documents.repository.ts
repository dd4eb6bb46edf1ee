import { Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { personalDataCipher } from '../cases/infrastructure/personal-data';
import type { IssuedDocumentFact } from './domain/material-reuse';
import { IssuedDocumentEntity } from './infrastructure/issued-document.entity';

/**
 * Issued documents per holder, fed by `document.issued` and `document.revoked`; neither a refusal
 * notice nor a revoked document stands in for a material. A holder is found by the keyed blind
 * index of the id number (HMAC with PII_INDEX_KEY, the same as a case's applicant key), so the
 * table alone does not tell whose documents they are.
 */
@Injectable()
export class IssuedDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: a redelivered event finds its document already there. */
  async record(event: CloudEvent<typeof EventTypes.DocumentIssued>): Promise<void> {
    const d = event.data;
    if (d.kind === 'REFUSAL_NOTICE') return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IssuedDocumentEntity)
      .values({
        documentNo: d.documentNo,
        holderKey: personalDataCipher().blindIndex(d.holder.idNumber),
        matterCode: d.matterCode,
        kind: d.kind,
        title: d.title,
        caseId: d.caseId,
        issuedAt: new Date(d.issuedAt),
        validUntil: d.validUntil ?? null,
      })
      .orIgnore()
      .execute();
  }

  /**
   * Idempotent: the first revocation's time and reason stay. Both events of a document travel on one
   * topic keyed by the case, so the issue is always recorded before its revocation arrives.
   */
  async revoke(event: CloudEvent<typeof EventTypes.DocumentRevoked>): Promise<void> {
    const d = event.data;
    await this.dataSource
      .createQueryBuilder()
      .update(IssuedDocumentEntity)
      .set({ revokedAt: new Date(d.revokedAt), revokeReason: d.reason })
      .where('document_no = :no AND revoked_at IS NULL', { no: d.documentNo })
      .execute();
  }

  async forHolder(m: EntityManager, holderIdNumber: string, matterCodes: string[]): Promise<IssuedDocumentFact[]> {
    if (matterCodes.length === 0) return [];
    const rows = await m.findBy(IssuedDocumentEntity, {
      holderKey: personalDataCipher().blindIndex(holderIdNumber),
      matterCode: In(matterCodes),
      revokedAt: IsNull(),
    });
    return rows.map((r) => ({
      documentNo: r.documentNo,
      matterCode: r.matterCode,
      issuedAt: r.issuedAt,
      validUntil: r.validUntil,
    }));
  }
}
