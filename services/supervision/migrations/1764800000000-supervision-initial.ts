import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision's read model (one row per matter, case and task, filled column by column by whichever
 * event arrives first, since the topics are not ordered against each other) and what it owns:
 * evaluations (好差评) and rectifications (整改).
 */
export class SupervisionInitial1764800000000 implements MigrationInterface {
  name = 'SupervisionInitial1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);

    await q.query(`
      CREATE TABLE matter_fact (
        code                text        PRIMARY KEY,
        version             integer     NOT NULL,
        name                text        NOT NULL,
        department_code     text        NOT NULL,
        department_name     text        NOT NULL,
        visits              integer     NOT NULL,
        online              boolean     NOT NULL,
        legal_limit_days    integer     NOT NULL,
        promised_limit_days integer     NOT NULL,
        status              text        NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE case_fact (
        case_id             text        PRIMARY KEY,
        case_no             text,
        matter_code         text,
        matter_name         text,
        department_code     text,
        region_code         text,
        city_code           text,
        channel             text,
        applicant_kind      text,
        -- HMAC of the ID number: counts distinct applicants without keeping who they are
        applicant_key       text,
        received_at         timestamptz,
        accepted_at         timestamptz,
        promised_limit_days integer,
        legal_limit_days    integer,
        materials_provided  integer,
        materials_reused    integer,
        intake_supplements  integer     NOT NULL DEFAULT 0,
        not_accepted_at     timestamptz,
        withdrawn_at        timestamptz,
        decided_at          timestamptz,
        outcome             text,
        handed_over_at      timestamptz,
        handover_method     text,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_fact_day_idx ON case_fact (((COALESCE(received_at, accepted_at) AT TIME ZONE 'Asia/Shanghai')::date))`);
    await q.query('CREATE INDEX case_fact_department_idx ON case_fact (department_code)');
    await q.query('CREATE INDEX case_fact_city_idx ON case_fact (city_code, region_code)');

    await q.query(`
      CREATE TABLE task_fact (
        task_id          text        PRIMARY KEY,
        case_id          text        NOT NULL,
        case_no          text,
        department_code  text        NOT NULL,
        assigned_at      timestamptz,
        decided_at       timestamptz,
        transferred_at   timestamptz,
        overdue_level    text        CHECK (overdue_level IN ('RED', 'ESCALATION')),
        overdue_deadline date,
        overdue_at       timestamptz,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX task_fact_open_overdue_idx ON task_fact (department_code) WHERE overdue_level IS NOT NULL AND decided_at IS NULL AND transferred_at IS NULL');

    await q.query(`
      CREATE TABLE evaluation (
        case_id         text        PRIMARY KEY,
        case_no         text        NOT NULL,
        matter_code     text        NOT NULL,
        department_code text        NOT NULL,
        region_code     text        NOT NULL,
        city_code       text        NOT NULL,
        score           integer     NOT NULL CHECK (score BETWEEN 1 AND 5),
        reason          text,
        submitted_at    timestamptz NOT NULL,
        CONSTRAINT evaluation_reason_below_3 CHECK (score >= 3 OR reason IS NOT NULL)
      )`);
    await q.query('CREATE INDEX evaluation_submitted_idx ON evaluation (submitted_at)');

    await q.query(`
      CREATE TABLE rectification (
        id                  text        PRIMARY KEY,
        case_id             text        NOT NULL REFERENCES evaluation (case_id),
        case_no             text        NOT NULL,
        department_code     text        NOT NULL,
        region_code         text        NOT NULL,
        score               integer     NOT NULL,
        reason              text        NOT NULL,
        status              text        NOT NULL CHECK (status IN ('OPEN', 'RESPONDED', 'FOLLOWED_UP', 'CLOSED')),
        deadline            date        NOT NULL,
        opened_at           timestamptz NOT NULL,
        response            text,
        responded_by        text,
        responded_at        timestamptz,
        follow_up_note      text,
        followed_up_by      text,
        applicant_satisfied boolean,
        followed_up_at      timestamptz,
        closing_note        text,
        closed_by           text,
        closed_at           timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rectification_one_per_case UNIQUE (case_id)
      )`);
    await q.query('CREATE INDEX rectification_department_idx ON rectification (department_code, status)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rectification', 'evaluation', 'task_fact', 'case_fact', 'matter_fact']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await dropPlatformTables(q);
  }
}
