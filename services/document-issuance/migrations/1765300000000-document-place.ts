import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #9: a document remembers where its case was registered, so a clerk reaches only their own
 * centre's documents within their region. Documents issued before `case.decided` carried the centre
 * keep it unknown (checked by region alone); their region is recovered from the case number, which
 * starts with it (`420102-20261129-…`).
 */
export class DocumentPlace1765300000000 implements MigrationInterface {
  name = 'DocumentPlace1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document ADD COLUMN region_code text, ADD COLUMN service_centre text');
    await q.query("UPDATE document SET region_code = substring(case_no from '^([0-9]{6})-') WHERE region_code IS NULL");
    await q.query('CREATE INDEX document_region_centre ON document (region_code, service_centre)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX document_region_centre');
    await q.query('ALTER TABLE document DROP COLUMN service_centre, DROP COLUMN region_code');
  }
}
