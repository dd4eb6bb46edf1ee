import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../domain/recipient';
import { RecipientEntity } from './recipient.entity';

@Injectable()
export class RecipientRepository {
  async find(caseId: string, manager: EntityManager): Promise<Recipient | undefined> {
    const e = await manager.findOne(RecipientEntity, { where: { caseId } });
    if (!e) return undefined;
    return {
      caseId: e.caseId,
      caseNo: e.caseNo,
      matterName: e.matterName,
      applicantName: e.applicantName,
      ...(e.email ? { email: e.email } : {}),
      ...(e.phone ? { phone: e.phone } : {}),
      ...(e.locale ? { locale: e.locale } : {}),
    };
  }

  /**
   * `replace`: intake's own events carry the applicant's current contact and overwrite; others
   * (case.decided, a copy made by routing) only fill in a case not seen yet.
   */
  async save(
    r: Recipient,
    sourceEventId: string,
    mode: 'replace' | 'keep-existing',
    manager: EntityManager,
  ): Promise<void> {
    const row = {
      caseId: r.caseId,
      caseNo: r.caseNo,
      matterName: r.matterName,
      applicantName: r.applicantName,
      email: r.email ?? null,
      phone: r.phone ?? null,
      locale: r.locale ?? null,
      sourceEventId,
      updatedAt: new Date(),
    };
    const insert = manager.createQueryBuilder().insert().into(RecipientEntity).values(row);
    if (mode === 'replace') {
      await insert
        .orUpdate(
          ['case_no', 'matter_name', 'applicant_name', 'email', 'phone', 'locale', 'source_event_id', 'updated_at'],
          ['case_id'],
        )
        .execute();
    } else {
      await insert.orIgnore().execute();
    }
  }
}
