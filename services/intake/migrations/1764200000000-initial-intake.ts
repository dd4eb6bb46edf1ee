import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialIntake1764200000000 implements MigrationInterface {
  name = 'InitialIntake1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);
    await q.query(`
      CREATE TABLE region (
        code        char(6) PRIMARY KEY,
        name        text NOT NULL,
        level       text NOT NULL,
        parent_code char(6) REFERENCES region (code)
      )`);
    await q.query(`
      CREATE TABLE department (
        code        text PRIMARY KEY,
        name        text NOT NULL,
        region_code char(6) NOT NULL REFERENCES region (code)
      )`);
    await q.query(`
      CREATE TABLE matter_version (
        code            text        NOT NULL,
        version         int         NOT NULL CHECK (version >= 1),
        name            text        NOT NULL,
        department_code text        NOT NULL REFERENCES department (code),
        status          text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        definition      jsonb       NOT NULL,
        definition_hash text        NOT NULL,
        published_at    timestamptz NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE intake_case (
        id                  char(26)    PRIMARY KEY,
        case_no             text        NOT NULL UNIQUE,
        matter_code         text        NOT NULL,
        matter_version      int         NOT NULL,
        matter_name         text        NOT NULL,
        department_code     text        NOT NULL,
        region_code         char(6)     NOT NULL,
        channel             text        NOT NULL,
        applicant           jsonb       NOT NULL,
        agent               jsonb,
        materials           jsonb       NOT NULL,
        status              text        NOT NULL,
        clerk_id            text,
        legal_limit_days    int         NOT NULL,
        promised_limit_days int         NOT NULL,
        promised_date       date        NOT NULL,
        received_at         timestamptz NOT NULL,
        accepted_at         timestamptz,
        updated_at          timestamptz NOT NULL,
        FOREIGN KEY (matter_code, matter_version) REFERENCES matter_version (code, version)
      )`);
    await q.query('CREATE INDEX intake_case_status ON intake_case (status, id)');
    await q.query('CREATE INDEX intake_case_region ON intake_case (region_code, id)');
    await q.query(`
      CREATE TABLE case_timeline (
        position    bigserial   PRIMARY KEY,
        case_id     char(26)    NOT NULL REFERENCES intake_case (id),
        event_id    text        NOT NULL UNIQUE,
        event_type  text        NOT NULL,
        source      text        NOT NULL,
        sequence    int         NOT NULL,
        occurred_at timestamptz NOT NULL,
        details     jsonb       NOT NULL
      )`);
    await q.query('CREATE INDEX case_timeline_case ON case_timeline (case_id, occurred_at, position)');
    await q.query(`
      CREATE TABLE case_number_counter (
        region_code char(6) NOT NULL,
        day         date    NOT NULL,
        last        int     NOT NULL,
        PRIMARY KEY (region_code, day)
      )`);
    await q.query(`
      CREATE TABLE idempotency_key (
        scope           text        NOT NULL,
        key             text        NOT NULL,
        request_hash    text        NOT NULL,
        response_status int         NOT NULL,
        response_body   jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['idempotency_key', 'case_number_counter', 'case_timeline', 'intake_case', 'matter_version', 'department', 'region']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await dropPlatformTables(q);
  }
}
