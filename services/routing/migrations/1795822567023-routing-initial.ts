import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing's tables: the matter read model and the dispatch plans (plan → stages → tasks).
 * Statuses are text with CHECK constraints so later plans (sequential stages, ANY rules, transfers,
 * supplements) widen a constraint instead of rewriting a type.
 */
export class RoutingInitial1795822567023 implements MigrationInterface {
  name = 'RoutingInitial1795822567023';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);

    await q.query(`
      CREATE TABLE matter_version (
        code                text        NOT NULL,
        version             integer     NOT NULL CHECK (version >= 1),
        name                text        NOT NULL,
        department_code     text        NOT NULL,
        department_name     text        NOT NULL,
        co_department_codes text[]      NOT NULL DEFAULT '{}',
        kind                text        NOT NULL,
        level               text        NOT NULL,
        legal_limit_days    integer     NOT NULL CHECK (legal_limit_days >= 0),
        promised_limit_days integer     NOT NULL CHECK (promised_limit_days >= 0),
        status              text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        published_at        timestamptz NOT NULL,
        definition          jsonb       NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);

    await q.query(`
      CREATE TABLE dispatch_plan (
        id                   text        PRIMARY KEY,
        case_id              text        NOT NULL,
        case_no              text        NOT NULL,
        matter_code          text        NOT NULL,
        matter_version       integer     NOT NULL,
        lead_department_code text        NOT NULL,
        status               text        NOT NULL DEFAULT 'IN_PROGRESS',
        outcome              text,
        case_summary         jsonb       NOT NULL,
        routed_event_id      text,
        decided_event_id     text,
        decided_at           timestamptz,
        withdrawn_at         timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dispatch_plan_one_per_case UNIQUE (case_id),
        CONSTRAINT dispatch_plan_matter FOREIGN KEY (matter_code, matter_version) REFERENCES matter_version (code, version),
        CONSTRAINT dispatch_plan_status CHECK (status IN ('IN_PROGRESS', 'DECIDED', 'WITHDRAWN')),
        CONSTRAINT dispatch_plan_outcome CHECK (outcome IN ('APPROVED', 'DENIED')),
        -- a decided plan has its outcome, and only a decided plan has one
        CONSTRAINT dispatch_plan_decided CHECK ((status = 'DECIDED') = (outcome IS NOT NULL AND decided_at IS NOT NULL)),
        CONSTRAINT dispatch_plan_withdrawn CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL))
      )`);
    await q.query('CREATE INDEX dispatch_plan_matter_idx ON dispatch_plan (matter_code, matter_version)');

    await q.query(`
      CREATE TABLE plan_stage (
        plan_id         text    NOT NULL REFERENCES dispatch_plan (id) ON DELETE CASCADE,
        stage           integer NOT NULL CHECK (stage >= 1),
        completion_rule text    NOT NULL CHECK (completion_rule IN ('ALL', 'ANY')),
        PRIMARY KEY (plan_id, stage)
      )`);

    await q.query(`
      CREATE TABLE plan_task (
        task_id           text        PRIMARY KEY,
        plan_id           text        NOT NULL,
        stage             integer     NOT NULL,
        position          integer     NOT NULL CHECK (position >= 0),
        department_code   text        NOT NULL,
        status            text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'APPROVED', 'DENIED')),
        reason            text,
        opinion           text,
        officer_id        text,
        documents_pending boolean,
        decided_at        timestamptz,
        decision_event_id text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_task_stage FOREIGN KEY (plan_id, stage) REFERENCES plan_stage (plan_id, stage) ON DELETE CASCADE,
        CONSTRAINT plan_task_position UNIQUE (plan_id, position),
        CONSTRAINT plan_task_department_once_per_stage UNIQUE (plan_id, stage, department_code),
        CONSTRAINT plan_task_decided CHECK ((status = 'OPEN') = (decided_at IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE plan_task');
    await q.query('DROP TABLE plan_stage');
    await q.query('DROP TABLE dispatch_plan');
    await q.query('DROP TABLE matter_version');
    await dropPlatformTables(q);
  }
}
