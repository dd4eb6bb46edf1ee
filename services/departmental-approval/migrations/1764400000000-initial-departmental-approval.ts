import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialDepartmentalApproval1764400000000 implements MigrationInterface {
  name = 'InitialDepartmentalApproval1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);
    await q.query(`
      CREATE TABLE approval_task (
        id                      char(26)    PRIMARY KEY,
        case_id                 char(26)    NOT NULL,
        case_no                 text        NOT NULL,
        plan_id                 char(26)    NOT NULL,
        department_code         text        NOT NULL,
        stage                   int         NOT NULL CHECK (stage >= 1),
        matter_code             text        NOT NULL,
        matter_version          int         NOT NULL,
        matter_name             text        NOT NULL,
        region_code             char(6)     NOT NULL,
        applicant_display_name  text        NOT NULL,
        materials               jsonb       NOT NULL,
        accepted_at             timestamptz,
        routed_at               timestamptz NOT NULL,
        legal_limit_days        int         NOT NULL CHECK (legal_limit_days >= 0),
        promised_limit_days     int         NOT NULL CHECK (promised_limit_days >= 0),
        promised_deadline       date        NOT NULL,
        legal_deadline          date        NOT NULL,
        status                  text        NOT NULL CHECK (status IN ('PENDING', 'CLAIMED', 'APPROVED', 'DENIED')),
        claimed_by              text,
        claimed_at              timestamptz,
        lease_expires_at        timestamptz,
        outcome                 text        CHECK (outcome IN ('APPROVED', 'APPROVED_PENDING_DOCUMENTS', 'DENIED')),
        reason                  text,
        opinion                 text,
        pending_material_codes  text[]      NOT NULL DEFAULT '{}',
        decided_by              text,
        decided_at              timestamptz,
        decision_request_id     text,
        decision_request_digest text,
        version                 int         NOT NULL CHECK (version >= 1),
        assigned_at             timestamptz NOT NULL,
        updated_at              timestamptz NOT NULL,
        -- A claim is whole or absent, and only a CLAIMED task has one.
        CONSTRAINT approval_task_claim CHECK (
          (status = 'CLAIMED') = (claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND lease_expires_at IS NOT NULL)
        ),
        -- A decision is whole or absent, and only a decided task has one.
        CONSTRAINT approval_task_decision CHECK (
          (status IN ('APPROVED', 'DENIED')) = (
            outcome IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL
            AND decision_request_id IS NOT NULL AND decision_request_digest IS NOT NULL
          )
        ),
        CONSTRAINT approval_task_denial_reason CHECK (outcome IS DISTINCT FROM 'DENIED' OR coalesce(reason, '') <> ''),
        -- One task per case, department and stage, whatever task ids a later routing event carries.
        CONSTRAINT approval_task_one_per_department_and_stage UNIQUE (case_id, department_code, stage)
      )`);
    // ListTasks: one department, most urgent first, keyset-paged on exactly this order.
    await q.query(
      'CREATE INDEX approval_task_queue_order ON approval_task (department_code, promised_deadline, assigned_at, id)',
    );
    await q.query(`
      CREATE TABLE queue_event (
        id              bigserial   PRIMARY KEY,
        department_code text        NOT NULL,
        task_id         char(26)    NOT NULL REFERENCES approval_task (id),
        event_id        text        NOT NULL,
        event_type      text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('ASSIGNED', 'CLAIMED', 'DECIDED')),
        actor           text        NOT NULL,
        note            text,
        task            jsonb       NOT NULL,
        occurred_at     timestamptz NOT NULL,
        CONSTRAINT queue_event_event_id UNIQUE (event_id)
      )`);
    await q.query('CREATE INDEX queue_event_department ON queue_event (department_code, id)');
    await q.query('CREATE INDEX queue_event_task ON queue_event (task_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE queue_event');
    await q.query('DROP TABLE approval_task');
    await dropPlatformTables(q);
  }
}
