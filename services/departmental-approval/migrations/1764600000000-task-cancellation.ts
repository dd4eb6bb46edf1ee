import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #4: a task still open when its case is decided elsewhere or withdrawn is CANCELLED. */
export class TaskCancellation1764600000000 implements MigrationInterface {
  name = 'TaskCancellation1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE approval_task
        DROP CONSTRAINT approval_task_status_check,
        ADD CONSTRAINT approval_task_status_check CHECK (status IN (
          'PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED', 'APPROVED', 'DENIED', 'TRANSFERRED', 'CANCELLED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE approval_task
        DROP CONSTRAINT approval_task_status_check,
        ADD CONSTRAINT approval_task_status_check CHECK (status IN (
          'PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED', 'APPROVED', 'DENIED', 'TRANSFERRED'))`);
  }
}
