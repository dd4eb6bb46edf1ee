import { createAuditTable } from '@onewindow/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AGENT_SECRETS, APPLICANT_SECRETS, mapFields, personalDataCipher } from '../src/cases/infrastructure/personal-data';

/**
 * Issue #9: the registering service centre on each case, and personal data encrypted at rest:
 * existing rows get their id numbers and contacts encrypted and a keyed blind index instead of
 * the unkeyed SHA-256 (batched, so a large table does not hold one huge transaction in memory);
 * and the append-only, hash-chained audit trail of every read and change of a case.
 */
export class CaseSecurity1764900000000 implements MigrationInterface {
  name = 'CaseSecurity1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await createAuditTable(q);
    await q.query('ALTER TABLE intake_case ADD COLUMN service_centre text');
    await q.query('CREATE INDEX intake_case_centre ON intake_case (service_centre, region_code, id)');
    let after = '';
    for (let batch = 0; batch < 1_000_000; batch++) {
      const rows: Array<{ id: string; applicant: unknown; agent: unknown }> = await q.query(
        'SELECT id, applicant, agent FROM intake_case WHERE id > $1 ORDER BY id LIMIT 500',
        [after],
      );
      if (rows.length === 0) break;
      const cipher = personalDataCipher();
      for (const r of rows) {
        const plainId = (r.applicant as { idNumber: string }).idNumber;
        const enc = (s: string) => (s.startsWith('enc:') ? s : cipher.encrypt(s));
        await q.query('UPDATE intake_case SET applicant = $2, agent = $3, applicant_key = $4 WHERE id = $1', [
          r.id,
          JSON.stringify(mapFields(r.applicant, APPLICANT_SECRETS, enc)),
          r.agent === null ? null : JSON.stringify(mapFields(r.agent, AGENT_SECRETS, enc)),
          cipher.blindIndex(plainId.startsWith('enc:') ? cipher.decrypt(plainId) : plainId),
        ]);
      }
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE intake_case DROP COLUMN service_centre');
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_append_only()');
  }
}
