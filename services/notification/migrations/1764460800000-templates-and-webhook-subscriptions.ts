import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned message templates per event type, channel and locale; one message per event and
 * channel recording the template version it was rendered with; webhook subscriptions per event
 * type, whose deliveries are cancelled when the subscription is deleted.
 */
export class TemplatesAndWebhookSubscriptions1764460800000 implements MigrationInterface {
  name = 'TemplatesAndWebhookSubscriptions1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_template (
        event_type   text        NOT NULL,
        channel      text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
        locale       text        NOT NULL CHECK (locale IN ('zh-CN', 'en')),
        version      integer     NOT NULL CHECK (version >= 1),
        subject      text        NOT NULL,
        body         text        NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_type, channel, locale, version)
      )`);
    // Messages made before this migration served every channel and keep channel NULL (one per event,
    // as the old unique constraint made them); every new message names its channel.
    await q.query('ALTER TABLE message DROP CONSTRAINT message_trigger_event_id_key');
    await q.query(`
      ALTER TABLE message
        ADD COLUMN channel          text CHECK (channel IN ('EMAIL', 'SMS', 'WEBHOOK')),
        ADD COLUMN locale           text,
        ADD COLUMN template_version integer`);
    await q.query('CREATE UNIQUE INDEX message_event_channel ON message (trigger_event_id, channel)');
    // The applicant's language, when their contact names one (else zh-CN).
    await q.query('ALTER TABLE recipient ADD COLUMN locale text');
    await q.query(`
      CREATE TABLE webhook_subscription (
        id          text        PRIMARY KEY,
        url         text        NOT NULL,
        event_types text[]      NOT NULL CHECK (cardinality(event_types) > 0),
        secret      text        NOT NULL,
        description text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        deleted_at  timestamptz
      )`);
    await q.query('CREATE UNIQUE INDEX webhook_subscription_active_url ON webhook_subscription (url) WHERE deleted_at IS NULL');
    await q.query('ALTER TABLE delivery ADD COLUMN subscription_id text REFERENCES webhook_subscription (id)');
    await q.query('CREATE INDEX delivery_subscription ON delivery (subscription_id) WHERE subscription_id IS NOT NULL');
    await q.query('ALTER TABLE delivery DROP CONSTRAINT delivery_status_check');
    await q.query(
      `ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
         CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'CANCELLED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE delivery SET status = 'FAILED' WHERE status = 'CANCELLED'`);
    await q.query('ALTER TABLE delivery DROP CONSTRAINT delivery_status_check');
    await q.query(
      `ALTER TABLE delivery ADD CONSTRAINT delivery_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED'))`,
    );
    await q.query('ALTER TABLE delivery DROP COLUMN subscription_id');
    await q.query('DROP TABLE webhook_subscription');
    await q.query('ALTER TABLE recipient DROP COLUMN locale');
    await q.query('DROP INDEX message_event_channel');
    await q.query('ALTER TABLE message DROP COLUMN channel, DROP COLUMN locale, DROP COLUMN template_version');
    await q.query('DELETE FROM delivery WHERE message_id IN (SELECT id FROM message m WHERE EXISTS (SELECT 1 FROM message o WHERE o.trigger_event_id = m.trigger_event_id AND o.id < m.id))');
    await q.query('DELETE FROM message m WHERE EXISTS (SELECT 1 FROM message o WHERE o.trigger_event_id = m.trigger_event_id AND o.id < m.id)');
    await q.query('ALTER TABLE message ADD CONSTRAINT message_trigger_event_id_key UNIQUE (trigger_event_id)');
  }
}
