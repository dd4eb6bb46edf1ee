import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bundles (一件事), the front-desk lifecycle (one-time notice, refusal, withdrawal), search by
 * applicant without a readable id number, and the read model of issued documents (共享材料).
 */
export class FrontDesk1764300000000 implements MigrationInterface {
  name = 'FrontDesk1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bundle_version (
        code                 text        NOT NULL,
        version              int         NOT NULL CHECK (version >= 1),
        name                 text        NOT NULL,
        lead_department_code text        NOT NULL REFERENCES department (code),
        status               text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        definition           jsonb       NOT NULL,
        definition_hash      text        NOT NULL,
        published_at         timestamptz NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    // A case waiting for a supplement has no promised date yet: the clock starts at acceptance.
    await q.query('ALTER TABLE intake_case ALTER COLUMN promised_date DROP NOT NULL');
    await q.query('ALTER TABLE intake_case ADD COLUMN applicant_key text');
    await q.query(
      `UPDATE intake_case SET applicant_key = encode(sha256(convert_to(upper(applicant->>'idNumber'), 'UTF8')), 'hex')`,
    );
    await q.query('ALTER TABLE intake_case ALTER COLUMN applicant_key SET NOT NULL');
    await q.query('ALTER TABLE intake_case ADD COLUMN supplement_notice jsonb');
    await q.query('ALTER TABLE intake_case ADD COLUMN closure jsonb');
    await q.query('CREATE INDEX intake_case_applicant ON intake_case (applicant_key, id)');
    await q.query('CREATE INDEX intake_case_matter ON intake_case (matter_code, id)');
    await q.query('CREATE INDEX intake_case_received ON intake_case (received_at)');
    await q.query(`
      CREATE TABLE issued_document (
        document_no  text        PRIMARY KEY,
        holder_key   text        NOT NULL,
        matter_code  text        NOT NULL,
        kind         text        NOT NULL,
        title        text        NOT NULL,
        case_id      char(26)    NOT NULL,
        issued_at    timestamptz NOT NULL,
        valid_until  date
      )`);
    await q.query('CREATE INDEX issued_document_holder ON issued_document (holder_key, matter_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE issued_document');
    for (const i of ['intake_case_received', 'intake_case_matter', 'intake_case_applicant'])
      await q.query(`DROP INDEX ${i}`);
    for (const c of ['closure', 'supplement_notice', 'applicant_key'])
      await q.query(`ALTER TABLE intake_case DROP COLUMN ${c}`);
    await q.query('ALTER TABLE intake_case ALTER COLUMN promised_date SET NOT NULL');
    await q.query('DROP TABLE bundle_version');
  }
}
