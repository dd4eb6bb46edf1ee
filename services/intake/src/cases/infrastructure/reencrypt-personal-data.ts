import type { FieldCipher } from '@onewindow/platform';
import type { DataSource } from 'typeorm';
import { AGENT_SECRETS, APPLICANT_SECRETS, mapFields } from './personal-data';

export interface ReencryptionResult {
  scanned: number;
  rewritten: number;
}

/**
 * Rewrites every case whose personal data is under an older key with the current one, in batches
 * of 200 rows (each its own short transaction, rows locked while rewritten), reporting progress.
 */
export async function reencryptPersonalData(
  ds: DataSource,
  cipher: FieldCipher,
  onProgress: (r: ReencryptionResult) => void = () => undefined,
): Promise<ReencryptionResult> {
  const result = { scanned: 0, rewritten: 0 };
  const rotate = (s: string) => (cipher.needsRotation(s) ? cipher.encrypt(s.startsWith('enc:') ? cipher.decrypt(s) : s) : s);
  let after = '';
  for (let batch = 0; batch < 1_000_000; batch++) {
    const n = await ds.transaction(async (m) => {
      const rows: Array<{ id: string; applicant: unknown; agent: unknown }> = await m.query(
        'SELECT id, applicant, agent FROM intake_case WHERE id > $1 ORDER BY id LIMIT 200 FOR UPDATE',
        [after],
      );
      for (const r of rows) {
        const applicant = JSON.stringify(mapFields(r.applicant, APPLICANT_SECRETS, rotate));
        const agent = r.agent === null ? null : JSON.stringify(mapFields(r.agent, AGENT_SECRETS, rotate));
        if (applicant !== JSON.stringify(r.applicant) || agent !== (r.agent === null ? null : JSON.stringify(r.agent))) {
          await m.query('UPDATE intake_case SET applicant = $2, agent = $3 WHERE id = $1', [r.id, applicant, agent]);
          result.rewritten++;
        }
      }
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length;
    });
    if (n === 0) break;
    result.scanned += n;
    onProgress({ ...result });
  }
  return result;
}
