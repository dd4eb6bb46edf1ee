import { Injectable } from '@nestjs/common';
import type { CloudEvent, EventTypes } from '@onewindow/contracts';
import { DataSource, type EntityManager, In } from 'typeorm';
import { holderKey } from './domain/holder-key';
import type { IssuedDocumentFact } from './domain/material-reuse';
import { IssuedDocumentEntity } from './infrastructure/issued-document.entity';

/** Issued documents per holder, fed by `document.issued`; a refusal notice stands in for no material. */
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
        holderKey: holderKey(d.holder.idNumber),
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

  async forHolder(m: EntityManager, key: string, matterCodes: string[]): Promise<IssuedDocumentFact[]> {
    if (matterCodes.length === 0) return [];
    const rows = await m.findBy(IssuedDocumentEntity, { holderKey: key, matterCode: In(matterCodes) });
    return rows.map((r) => ({
      documentNo: r.documentNo,
      matterCode: r.matterCode,
      issuedAt: r.issuedAt,
      validUntil: r.validUntil,
    }));
  }
}
