import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS: the gateway's message id and its delivery receipt. SENT = taken by a channel that reports
 * delivery later (a receipt makes it DELIVERED or FAILED). Replays of dead letters are counted.
 */
export class SmsReceiptsAndReplay1764374400000 implements MigrationInterface {
  name = 'SmsReceiptsAndReplay1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delivery DROP CONSTRAINT delivery_status_check');
    await q.query(
      `ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
         CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED'))`,
    );
    await q.query(`
      ALTER TABLE delivery
        ADD COLUMN provider_message_id text,
        ADD COLUMN sent_at             timestamptz,
        ADD COLUMN receipt_at          timestamptz,
        ADD COLUMN replays             integer NOT NULL DEFAULT 0`);
    await q.query(
      'CREATE UNIQUE INDEX delivery_provider_message ON delivery (channel, provider_message_id) WHERE provider_message_id IS NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX delivery_provider_message');
    await q.query(
      'ALTER TABLE delivery DROP COLUMN provider_message_id, DROP COLUMN sent_at, DROP COLUMN receipt_at, DROP COLUMN replays',
    );
    await q.query(`UPDATE delivery SET status = 'DELIVERED' WHERE status = 'SENT'`);
    await q.query('ALTER TABLE delivery DROP CONSTRAINT delivery_status_check');
    await q.query(
      `ALTER TABLE delivery ADD CONSTRAINT delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))`,
    );
  }
}
