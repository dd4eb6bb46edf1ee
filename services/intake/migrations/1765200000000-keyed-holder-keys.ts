import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #9: issued documents were found by an unkeyed SHA-256 of the holder's id number, which
 * anyone can recompute from a guessed id. They now use the keyed HMAC blind index of the cases
 * (PII_INDEX_KEY). A document's holder is the applicant of the case it was issued for, whose
 * `applicant_key` already is that index, so existing rows are re-keyed from their case. A SHA-256
 * cannot be turned back into an id: documents of cases this intake never saw keep their old key
 * and no longer stand in for a material (the applicant brings it once more).
 */
export class KeyedHolderKeys1765200000000 implements MigrationInterface {
  name = 'KeyedHolderKeys1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE issued_document d SET holder_key = c.applicant_key
         FROM intake_case c
        WHERE c.id = d.case_id AND c.applicant_key IS NOT NULL AND d.holder_key <> c.applicant_key`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the unkeyed SHA-256 is not to come back, and the keyed index cannot be reversed to it.
  }
}
