import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一件事: a bundle case yields one result document per matter, all from one decision. A case and a
 * decision may carry several documents now; one per matter of the case stays the rule (the bundle's
 * own code for a refusal notice), which also keeps a redelivered decision from issuing twice.
 */
export class BundleDocuments1765100000000 implements MigrationInterface {
  name = 'BundleDocuments1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document DROP CONSTRAINT document_case_id_key');
    await q.query('ALTER TABLE document DROP CONSTRAINT document_decided_event_id_key');
    await q.query('CREATE UNIQUE INDEX document_case_matter ON document (case_id, matter_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX document_case_matter');
    await q.query('ALTER TABLE document ADD CONSTRAINT document_decided_event_id_key UNIQUE (decided_event_id)');
    await q.query('ALTER TABLE document ADD CONSTRAINT document_case_id_key UNIQUE (case_id)');
  }
}
