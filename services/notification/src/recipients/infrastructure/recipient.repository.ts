import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../domain/recipient';

export type SaveMode = 'replace' | 'keep-existing';

/**
 * The statements that write a recipient, with its values as $1…$8 (`recipientParams`). Raw SQL:
 * TypeORM's insert builder cost more CPU than the statement on this per-event path. The milestone
 * reader runs them as the first part of its own statement (milestone-facts.repository.ts).
 * `replace`: intake's own events carry the applicant's current contact and overwrite; others
 * (case.decided, a copy made by routing) only fill in a case not seen yet.
 */
export const SAVE_RECIPIENT: Record<SaveMode, string> = {
  replace: `INSERT INTO recipient (case_id, case_no, matter_name, applicant_name, email, phone, locale, source_event_id, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (case_id) DO UPDATE SET
              case_no = EXCLUDED.case_no, matter_name = EXCLUDED.matter_name, applicant_name = EXCLUDED.applicant_name,
              email = EXCLUDED.email, phone = EXCLUDED.phone, locale = EXCLUDED.locale,
              source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at`,
  'keep-existing': `INSERT INTO recipient (case_id, case_no, matter_name, applicant_name, email, phone, locale, source_event_id, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (case_id) DO NOTHING`,
};

export function recipientParams(r: Recipient, sourceEventId: string): unknown[] {
  return [r.caseId, r.caseNo, r.matterName, r.applicantName, r.email ?? null, r.phone ?? null, r.locale ?? null, sourceEventId];
}

/** A recipient row (as pg or to_jsonb gives it) in the domain's shape: absent contact fields are left out. */
export interface RecipientRow {
  case_id: string;
  case_no: string;
  matter_name: string;
  applicant_name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

export function recipientOfRow(e: RecipientRow): Recipient {
  return {
    caseId: e.case_id,
    caseNo: e.case_no,
    matterName: e.matter_name,
    applicantName: e.applicant_name,
    ...(e.email ? { email: e.email } : {}),
    ...(e.phone ? { phone: e.phone } : {}),
    ...(e.locale ? { locale: e.locale } : {}),
  };
}

@Injectable()
export class RecipientRepository {
  async save(r: Recipient, sourceEventId: string, mode: SaveMode, manager: EntityManager): Promise<void> {
    await manager.query(SAVE_RECIPIENT[mode], recipientParams(r, sourceEventId));
  }
}
