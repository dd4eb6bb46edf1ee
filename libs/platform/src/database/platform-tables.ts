import type { QueryRunner } from 'typeorm';

/**
 * The outbox, inbox and per-subject sequence tables every service keeps in its own schema.
 * Called from each service's first migration, so they evolve with the service's migrations.
 */
export async function createPlatformTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE outbox (
      position     bigserial PRIMARY KEY,
      event_id     text        NOT NULL UNIQUE,
      topic        text        NOT NULL,
      message_key  text        NOT NULL,
      event_type   text        NOT NULL,
      headers      jsonb       NOT NULL,
      payload      jsonb       NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await q.query('CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL');
  await q.query(`
    CREATE TABLE inbox (
      consumer     text        NOT NULL,
      event_id     text        NOT NULL,
      event_type   text        NOT NULL,
      subject      text        NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await q.query(`
    CREATE TABLE event_sequence (
      subject       text   PRIMARY KEY,
      last_sequence bigint NOT NULL
    )`);
}

export async function dropPlatformTables(q: QueryRunner): Promise<void> {
  await q.query('DROP TABLE event_sequence');
  await q.query('DROP TABLE inbox');
  await q.query('DROP TABLE outbox');
}
