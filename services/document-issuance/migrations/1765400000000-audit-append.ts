import { createAuditAppendFunction, dropAuditAppendFunction } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #10: the audit chain's append (lock, predecessor, insert) as one statement, a round trip per audited write less. */
export class AuditAppend1765400000000 implements MigrationInterface {
  name = 'AuditAppend1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await createAuditAppendFunction(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAuditAppendFunction(q);
  }
}
