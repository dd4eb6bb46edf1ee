import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一件事: a case filed for a bundle records the bundle and the versions of its matters it was
 * accepted under; its matter_code / matter_version name the bundle. The catalogue reference stays
 * enforced either way: a matter case's pair refers to a matter version, a bundle case's to a bundle
 * version (generated columns, NULL on the other kind, so each foreign key skips the other kind).
 */
export class BundleCases1765100000000 implements MigrationInterface {
  name = 'BundleCases1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE intake_case ADD COLUMN bundle jsonb');
    await q.query('ALTER TABLE intake_case DROP CONSTRAINT intake_case_matter_code_matter_version_fkey');
    await q.query(`ALTER TABLE intake_case
      ADD COLUMN matter_ref text GENERATED ALWAYS AS (CASE WHEN bundle IS NULL THEN matter_code END) STORED,
      ADD COLUMN bundle_ref text GENERATED ALWAYS AS (CASE WHEN bundle IS NOT NULL THEN matter_code END) STORED`);
    await q.query(`ALTER TABLE intake_case
      ADD CONSTRAINT intake_case_matter_fkey FOREIGN KEY (matter_ref, matter_version) REFERENCES matter_version (code, version),
      ADD CONSTRAINT intake_case_bundle_fkey FOREIGN KEY (bundle_ref, matter_version) REFERENCES bundle_version (code, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE intake_case DROP CONSTRAINT intake_case_bundle_fkey, DROP CONSTRAINT intake_case_matter_fkey');
    await q.query('ALTER TABLE intake_case DROP COLUMN bundle_ref, DROP COLUMN matter_ref, DROP COLUMN bundle');
    await q.query(`ALTER TABLE intake_case ADD CONSTRAINT intake_case_matter_code_matter_version_fkey
      FOREIGN KEY (matter_code, matter_version) REFERENCES matter_version (code, version)`);
  }
}
