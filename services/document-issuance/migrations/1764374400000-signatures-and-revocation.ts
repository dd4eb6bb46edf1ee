import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignaturesAndRevocation1764374400000 implements MigrationInterface {
  name = 'SignaturesAndRevocation1764374400000';

  async up(q: QueryRunner): Promise<void> {
    // Per-department signing keys. The private key is sealed with the key-encryption key from the
    // config (AES-256-GCM, the kid as associated data); public keys stay published after rotation.
    await q.query(`
      CREATE TABLE signing_key (
        kid                   text        PRIMARY KEY,
        department_code       text        NOT NULL,
        algorithm             text        NOT NULL CHECK (algorithm IN ('Ed25519')),
        public_key            text        NOT NULL,
        private_key_sealed    text        NOT NULL,
        status                text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        valid_from            timestamptz NOT NULL,
        valid_to              timestamptz,
        CHECK ((status = 'ACTIVE') = (valid_to IS NULL))
      )`);
    // One active key per department: two instances creating the first key cannot both win.
    await q.query(
      `CREATE UNIQUE INDEX signing_key_one_active ON signing_key (department_code) WHERE status = 'ACTIVE'`,
    );
    await q.query(`
      ALTER TABLE document
        ADD COLUMN signature_algorithm text,
        ADD COLUMN signature_kid       text REFERENCES signing_key (kid),
        ADD COLUMN signature           text,
        ADD COLUMN revoked_at          timestamptz,
        ADD COLUMN revocation_reason   text,
        ADD COLUMN revoked_by          text,
        ADD CONSTRAINT document_revocation_complete
          CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL)),
        ADD COLUMN uncollected_flagged_at timestamptz`);
    // The window's list of results nobody came for.
    await q.query(
      `CREATE INDEX document_uncollected ON document (id) WHERE status = 'READY_FOR_PICKUP' AND uncollected_flagged_at IS NOT NULL`,
    );
    // Delivery by courier (邮寄送达) or electronically (电子送达) besides the window.
    await q.query(`
      ALTER TABLE handover
        ADD COLUMN courier_company   text,
        ADD COLUMN tracking_no       text,
        ADD COLUMN delivery_address  text,
        ADD COLUMN electronic_token  text UNIQUE,
        ADD CONSTRAINT handover_courier_complete
          CHECK (method <> 'COURIER' OR (courier_company IS NOT NULL AND tracking_no IS NOT NULL AND delivery_address IS NOT NULL)),
        ADD CONSTRAINT handover_electronic_token
          CHECK (method <> 'ELECTRONIC' OR electronic_token IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handover DROP CONSTRAINT handover_courier_complete, DROP CONSTRAINT handover_electronic_token,
      DROP COLUMN courier_company, DROP COLUMN tracking_no, DROP COLUMN delivery_address, DROP COLUMN electronic_token`);
    await q.query('DROP INDEX document_uncollected');
    await q.query('ALTER TABLE document DROP COLUMN uncollected_flagged_at');
    await q.query(`ALTER TABLE document DROP CONSTRAINT document_revocation_complete,
      DROP COLUMN signature_algorithm, DROP COLUMN signature_kid, DROP COLUMN signature,
      DROP COLUMN revoked_at, DROP COLUMN revocation_reason, DROP COLUMN revoked_by`);
    await q.query('DROP TABLE signing_key');
  }
}
