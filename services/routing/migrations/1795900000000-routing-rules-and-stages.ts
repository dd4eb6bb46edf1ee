import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #4: routing rules as data (versions published by operators, the rule sets in force as applied
 * from `routing.rule-published`), departments routing knows, bundles, the unroutable queue, and plans
 * whose tasks wait for their stage, pause, get transferred or cancelled.
 */
export class RoutingRulesAndStages1795900000000 implements MigrationInterface {
  name = 'RoutingRulesAndStages1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing_rule_set_version (
        matter_code  text        NOT NULL,
        version      integer     NOT NULL CHECK (version >= 1),
        rules        jsonb       NOT NULL,
        rules_hash   text        NOT NULL,
        published_by text        NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (matter_code, version)
      )`);
    await q.query(`
      CREATE TABLE routing_rule_set (
        matter_code text        PRIMARY KEY,
        version     integer     NOT NULL CHECK (version >= 1),
        rules       jsonb       NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE known_department (
        code       text        PRIMARY KEY,
        name       text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE bundle_version (
        code         text        NOT NULL,
        version      integer     NOT NULL CHECK (version >= 1),
        status       text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        published_at timestamptz NOT NULL,
        definition   jsonb       NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE unroutable_case (
        case_id            text        PRIMARY KEY,
        case_no            text        NOT NULL,
        matter_code        text        NOT NULL,
        matter_version     integer     NOT NULL,
        region_code        text        NOT NULL,
        applicant_kind     text        NOT NULL,
        reason             text        NOT NULL,
        unmatched_codes    text[]      NOT NULL,
        accepted           jsonb       NOT NULL,
        cause              jsonb       NOT NULL,
        attempts           integer     NOT NULL DEFAULT 1,
        detected_at        timestamptz NOT NULL DEFAULT now(),
        last_attempt_at    timestamptz NOT NULL DEFAULT now(),
        routed_at          timestamptz,
        plan_id            text
      )`);
    await q.query('CREATE INDEX unroutable_case_waiting ON unroutable_case USING gin (unmatched_codes) WHERE routed_at IS NULL');

    await q.query(`ALTER TABLE dispatch_plan
      DROP CONSTRAINT dispatch_plan_status,
      ADD CONSTRAINT dispatch_plan_status CHECK (status IN ('IN_PROGRESS', 'PAUSED', 'SUSPENDED', 'DECIDED', 'WITHDRAWN')),
      DROP CONSTRAINT dispatch_plan_matter,
      ADD COLUMN kind text NOT NULL DEFAULT 'MATTER' CHECK (kind IN ('MATTER', 'BUNDLE')),
      ADD COLUMN rule_versions jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN assignment jsonb`);
    await q.query(`ALTER TABLE plan_stage ADD COLUMN opened_at timestamptz`);
    await q.query(`ALTER TABLE plan_task
      DROP CONSTRAINT plan_task_department_once_per_stage,
      DROP CONSTRAINT plan_task_decided,
      DROP CONSTRAINT plan_task_status_check,
      ADD CONSTRAINT plan_task_status CHECK (status IN
        ('WAITING', 'OPEN', 'SUPPLEMENT_REQUESTED', 'SUSPENDED', 'TRANSFERRED', 'CANCELLED', 'APPROVED', 'DENIED')),
      ADD COLUMN hold_reason text,
      ADD COLUMN hold_since timestamptz,
      ADD COLUMN transferred_to text,
      ADD COLUMN replaces text,
      ADD CONSTRAINT plan_task_decided CHECK ((status IN ('APPROVED', 'DENIED')) = (decided_at IS NOT NULL)),
      ADD CONSTRAINT plan_task_hold CHECK ((status IN ('SUPPLEMENT_REQUESTED', 'SUSPENDED')) = (hold_since IS NOT NULL)),
      ADD CONSTRAINT plan_task_transfer CHECK ((status = 'TRANSFERRED') = (transferred_to IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_task
      DROP CONSTRAINT plan_task_transfer, DROP CONSTRAINT plan_task_hold, DROP CONSTRAINT plan_task_decided,
      DROP CONSTRAINT plan_task_status,
      DROP COLUMN hold_reason, DROP COLUMN hold_since, DROP COLUMN transferred_to, DROP COLUMN replaces,
      ADD CONSTRAINT plan_task_status_check CHECK (status IN ('OPEN', 'APPROVED', 'DENIED')),
      ADD CONSTRAINT plan_task_decided CHECK ((status = 'OPEN') = (decided_at IS NULL)),
      ADD CONSTRAINT plan_task_department_once_per_stage UNIQUE (plan_id, stage, department_code)`);
    await q.query('ALTER TABLE plan_stage DROP COLUMN opened_at');
    await q.query(`ALTER TABLE dispatch_plan
      DROP COLUMN kind, DROP COLUMN rule_versions, DROP COLUMN assignment,
      DROP CONSTRAINT dispatch_plan_status,
      ADD CONSTRAINT dispatch_plan_status CHECK (status IN ('IN_PROGRESS', 'DECIDED', 'WITHDRAWN'))`);
    for (const t of ['unroutable_case', 'bundle_version', 'known_department', 'routing_rule_set', 'routing_rule_set_version'])
      await q.query(`DROP TABLE ${t}`);
  }
}
