import { createPlatformTables, dropPlatformTables } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764288000000 implements MigrationInterface {
  name = 'InitialSchema1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);
    // Read model: whom to tell about a case, from intake's case.received / case.accepted.
    await q.query(`
      CREATE TABLE recipient (
        case_id         text        PRIMARY KEY,
        case_no         text        NOT NULL,
        matter_name     text        NOT NULL,
        applicant_name  text        NOT NULL,
        email           text,
        phone           text,
        source_event_id text        NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // One rendered message per milestone event.
    await q.query(`
      CREATE TABLE message (
        id                 text        PRIMARY KEY,
        trigger_event_id   text        NOT NULL UNIQUE,
        trigger_event_type text        NOT NULL,
        case_id            text        NOT NULL,
        correlation_id     text        NOT NULL,
        template_id        text        NOT NULL,
        subject            text        NOT NULL,
        body               text        NOT NULL,
        event              jsonb       NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per message, channel and recipient; the worker claims due rows with SKIP LOCKED.
    await q.query(`
      CREATE TABLE delivery (
        id                 text        PRIMARY KEY,
        message_id         text        NOT NULL REFERENCES message (id),
        trigger_event_id   text        NOT NULL,
        trigger_event_type text        NOT NULL,
        case_id            text        NOT NULL,
        channel            text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
        recipient          text        NOT NULL,
        recipient_masked   text        NOT NULL,
        status             text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at    timestamptz,
        claim_token        uuid,
        last_error         text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        delivered_at       timestamptz,
        failed_at          timestamptz,
        UNIQUE (trigger_event_id, channel, recipient),
        CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX delivery_case ON delivery (case_id, id)');
    await q.query('CREATE INDEX delivery_status ON delivery (status, id)');
    await q.query('CREATE INDEX delivery_message ON delivery (message_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delivery');
    await q.query('DROP TABLE message');
    await q.query('DROP TABLE recipient');
    await dropPlatformTables(q);
  }
}
