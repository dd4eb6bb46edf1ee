import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #11: a revoked document (撤销) no longer stands in for a material; it stays on record with why and when. */
export class RevokedDocuments1765000000000 implements MigrationInterface {
  name = 'RevokedDocuments1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE issued_document ADD COLUMN revoked_at timestamptz, ADD COLUMN revoke_reason text',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE issued_document DROP COLUMN revoked_at, DROP COLUMN revoke_reason');
  }
}
