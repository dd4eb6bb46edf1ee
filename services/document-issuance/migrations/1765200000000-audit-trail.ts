import { createAuditTable } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #9: the append-only, hash-chained audit trail of every issue, handover, revocation and read of a document. */
export class AuditTrail1765200000000 implements MigrationInterface {
  name = 'AuditTrail1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await createAuditTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_append_only()');
  }
}
