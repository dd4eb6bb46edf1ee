import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #5: release, opinions, supplements, special procedures, transfers; paused clocks; request ids. */
export class TaskMovesAndClock1764500000000 implements MigrationInterface {
  name = 'TaskMovesAndClock1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE approval_task
        DROP CONSTRAINT approval_task_status_check,
        ADD CONSTRAINT approval_task_status_check CHECK (status IN (
          'PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED', 'APPROVED', 'DENIED', 'TRANSFERRED')),
        ADD COLUMN pause_kind          text,
        ADD COLUMN paused_by           text,
        ADD COLUMN paused_since        timestamptz,
        ADD COLUMN pause_reason        text,
        ADD COLUMN paused_working_days int  NOT NULL DEFAULT 0 CHECK (paused_working_days >= 0),
        ADD COLUMN transferred_to      text,
        ADD COLUMN transferred_task_id char(26),
        -- A pause is whole or absent, and only a task waiting for a supplement or suspended has one.
        ADD CONSTRAINT approval_task_pause CHECK (
          (status IN ('SUPPLEMENT_REQUESTED', 'SUSPENDED')) = (
            pause_kind IS NOT NULL AND paused_by IS NOT NULL AND paused_since IS NOT NULL)
        ),
        ADD CONSTRAINT approval_task_transfer CHECK (
          (status = 'TRANSFERRED') = (transferred_to IS NOT NULL AND transferred_task_id IS NOT NULL)
        )`);
    // The lease sweep: claims whose lease ran out, oldest first.
    await q.query(
      `CREATE INDEX approval_task_lease_expiry ON approval_task (lease_expires_at) WHERE status = 'CLAIMED'`,
    );
    await q.query(`
      ALTER TABLE queue_event
        DROP CONSTRAINT queue_event_kind_check,
        ADD CONSTRAINT queue_event_kind_check CHECK (
          kind IN ('ASSIGNED', 'CHANGED', 'CLAIMED', 'RELEASED', 'DECIDED', 'REMOVED', 'DEADLINE_WARNED', 'OVERDUE')),
        ADD COLUMN deadline_warning jsonb`);
    // The deadline warnings of each task: the schedule lives here (never only in Redis). A row is
    // sent once: the sweep locks it (SKIP LOCKED) and sets sent_at in the transaction that publishes.
    await q.query(`
      CREATE TABLE deadline_warning (
        task_id        char(26)    NOT NULL REFERENCES approval_task (id),
        level          text        NOT NULL CHECK (level IN ('YELLOW', 'RED', 'ESCALATION')),
        deadline_kind  text        NOT NULL CHECK (deadline_kind IN ('PROMISED', 'LEGAL')),
        deadline       date        NOT NULL,
        due_at         timestamptz NOT NULL,
        sent_at        timestamptz,
        PRIMARY KEY (task_id, level)
      )`);
    await q.query('CREATE INDEX deadline_warning_due ON deadline_warning (due_at) WHERE sent_at IS NULL');
    await q.query(`
      CREATE TABLE task_request (
        task_id        char(26)    NOT NULL REFERENCES approval_task (id),
        request_id     text        NOT NULL,
        rpc            text        NOT NULL,
        digest         text        NOT NULL,
        queue_event_id bigint      NOT NULL REFERENCES queue_event (id),
        created_at     timestamptz NOT NULL,
        PRIMARY KEY (task_id, request_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE task_request');
    await q.query('DROP TABLE deadline_warning');
    await q.query('ALTER TABLE queue_event DROP COLUMN deadline_warning');
    await q.query(`
      ALTER TABLE queue_event
        DROP CONSTRAINT queue_event_kind_check,
        ADD CONSTRAINT queue_event_kind_check CHECK (kind IN ('ASSIGNED', 'CLAIMED', 'DECIDED'))`);
    await q.query('DROP INDEX approval_task_lease_expiry');
    await q.query(`
      ALTER TABLE approval_task
        DROP CONSTRAINT approval_task_pause,
        DROP CONSTRAINT approval_task_transfer,
        DROP COLUMN pause_kind, DROP COLUMN paused_by, DROP COLUMN paused_since, DROP COLUMN pause_reason,
        DROP COLUMN paused_working_days, DROP COLUMN transferred_to, DROP COLUMN transferred_task_id,
        DROP CONSTRAINT approval_task_status_check,
        ADD CONSTRAINT approval_task_status_check CHECK (status IN ('PENDING', 'CLAIMED', 'APPROVED', 'DENIED'))`);
  }
}
