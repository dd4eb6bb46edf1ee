import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764288000000 implements MigrationInterface {
  name = 'InitialSchema1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);
    // Read model of the matter catalogue: the latest version of each matter.
    await q.query(`
      CREATE TABLE matter (
        code                   text        PRIMARY KEY,
        version                integer     NOT NULL CHECK (version >= 1),
        name                   text        NOT NULL,
        department_code        text        NOT NULL,
        department_name        text        NOT NULL,
        result_type            text        NOT NULL CHECK (result_type IN ('LICENCE', 'APPROVAL', 'FILING')),
        result_validity_months integer     CHECK (result_validity_months >= 1),
        status                 text        NOT NULL,
        published_at           timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    // Per department and year; the row lock serialises numbering, so numbers have no gaps.
    await q.query(`
      CREATE TABLE document_number_counter (
        department_code text    NOT NULL,
        year            integer NOT NULL,
        last_value      integer NOT NULL CHECK (last_value >= 1),
        PRIMARY KEY (department_code, year)
      )`);
    await q.query(`
      CREATE TABLE document (
        id                text        PRIMARY KEY,
        document_no       text        NOT NULL UNIQUE,
        case_id           text        NOT NULL UNIQUE,
        case_no           text        NOT NULL,
        decided_event_id  text        NOT NULL UNIQUE,
        kind              text        NOT NULL CHECK (kind IN ('LICENCE', 'APPROVAL', 'FILING', 'REFUSAL_NOTICE')),
        title             text        NOT NULL,
        matter_code       text        NOT NULL,
        matter_version    integer     NOT NULL,
        department_code   text        NOT NULL,
        department_name   text        NOT NULL,
        holder_kind       text        NOT NULL CHECK (holder_kind IN ('NATURAL_PERSON', 'LEGAL_PERSON')),
        holder_name       text        NOT NULL,
        holder_id_number  text        NOT NULL,
        reasons           jsonb       NOT NULL DEFAULT '[]'::jsonb,
        status            text        NOT NULL CHECK (status IN ('READY_FOR_PICKUP', 'HANDED_OVER', 'REVOKED')),
        verification_code text        NOT NULL UNIQUE,
        issued_at         timestamptz NOT NULL,
        valid_until       date,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    // The window's worklist: what is ready for pickup, in issue order.
    await q.query('CREATE INDEX document_status_id ON document (status, id)');
    await q.query(`
      CREATE TABLE handover (
        document_id         text        PRIMARY KEY REFERENCES document (id),
        method              text        NOT NULL CHECK (method IN ('WINDOW', 'COURIER', 'ELECTRONIC')),
        clerk_id            text        NOT NULL,
        collector_name      text        NOT NULL,
        collector_id_number text        NOT NULL,
        collector_role      text        NOT NULL CHECK (collector_role IN ('HOLDER', 'AGENT')),
        authorisation_ref   text,
        handed_over_at      timestamptz NOT NULL,
        CHECK (collector_role = 'HOLDER' OR authorisation_ref IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handover');
    await q.query('DROP TABLE document');
    await q.query('DROP TABLE document_number_counter');
    await q.query('DROP TABLE matter');
    await dropPlatformTables(q);
  }
}
