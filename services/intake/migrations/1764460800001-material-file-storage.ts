import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Material file content in PostgreSQL or an S3-compatible bucket; the metadata row stays here either way. */
export class MaterialFileStorage1764460800001 implements MigrationInterface {
  name = 'MaterialFileStorage1764460800001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE material_file
        ADD COLUMN storage     text NOT NULL DEFAULT 'postgres' CHECK (storage IN ('postgres', 's3')),
        ADD COLUMN storage_key text,
        ALTER COLUMN content DROP NOT NULL`);
    await q.query(`
      ALTER TABLE material_file ADD CONSTRAINT material_file_content_where CHECK (
        (storage = 'postgres' AND content IS NOT NULL) OR (storage = 's3' AND storage_key IS NOT NULL AND content IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM material_file WHERE storage = 's3'`);
    await q.query('ALTER TABLE material_file DROP CONSTRAINT material_file_content_where');
    await q.query('ALTER TABLE material_file DROP COLUMN storage, DROP COLUMN storage_key, ALTER COLUMN content SET NOT NULL');
  }
}
