import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Material files (scans, PDFs, photos) behind the MaterialFileStore port; PostgreSQL keeps them by default. */
export class MaterialFiles1764300000001 implements MigrationInterface {
  name = 'MaterialFiles1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE material_file (
        id            char(26)    PRIMARY KEY,
        case_id       char(26)    NOT NULL REFERENCES intake_case (id),
        material_code text        NOT NULL,
        file_name     text        NOT NULL,
        content_type  text        NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes    int         NOT NULL CHECK (size_bytes > 0),
        sha256        char(64)    NOT NULL,
        content       bytea       NOT NULL,
        uploaded_at   timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX material_file_case ON material_file (case_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE material_file');
  }
}
