import 'reflect-metadata';
import { buildDataSourceOptions, FieldCipher, schemaOf } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { installPersonalDataCipher } from './cases/infrastructure/personal-data';
import { reencryptPersonalData } from './cases/infrastructure/reencrypt-personal-data';
import { loadIntakeConfig } from './config/intake.config';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS } from './persistence';

/**
 * `npm run pii:reencrypt`: after putting a new key first in PII_KEYS (old ones stay behind it),
 * rewrites every case's personal data under the new key. Safe to rerun and to run while intake serves.
 */
async function main(): Promise<void> {
  const config = loadIntakeConfig();
  const cipher = FieldCipher.fromConfig(config.PII_KEYS, config.PII_INDEX_KEY);
  installPersonalDataCipher(cipher);
  const ds = new DataSource(
    buildDataSourceOptions({ url: config.DATABASE_URL, schema: schemaOf('intake'), entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS, poolSize: 2 }),
  );
  await ds.initialize();
  try {
    process.stdout.write(`re-encrypting personal data to key "${cipher.currentKeyId}"\n`);
    const r = await reencryptPersonalData(ds, cipher, (p) => process.stdout.write(`  ${p.scanned} cases scanned, ${p.rewritten} rewritten\n`));
    process.stdout.write(`done: ${r.scanned} cases scanned, ${r.rewritten} rewritten\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`re-encryption failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
