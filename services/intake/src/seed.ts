import 'reflect-metadata';
import { resolve } from 'node:path';
import {
  buildDataSourceOptions,
  ensureDatabase,
  EventPublisher,
  FieldCipher,
  migrate,
  outboxChannel,
  schemaOf,
} from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { PublishBundleUseCase } from './catalog/publish-bundle.usecase';
import { PublishMatterUseCase } from './catalog/publish-matter.usecase';
import { SeedCatalogUseCase } from './catalog/seed-catalog.usecase';
import { installPersonalDataCipher } from './cases/infrastructure/personal-data';
import { loadIntakeConfig } from './config/intake.config';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS } from './persistence';

/**
 * `npm run seed`: migrates intake's schema and loads seeds/ into the catalogue. Kafka is not
 * needed: the catalogue events wait in the outbox until intake's relay publishes them.
 */
async function main(): Promise<void> {
  const config = loadIntakeConfig();
  const dir = resolve(process.argv[2] ?? process.env.SEEDS_DIR ?? 'seeds');
  const schema = schemaOf('intake');
  await ensureDatabase(config.DATABASE_URL);
  const ds = new DataSource(
    buildDataSourceOptions({ url: config.DATABASE_URL, schema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS, poolSize: 2 }),
  );
  // The encrypting migration needs the personal-data keys when cases already exist.
  installPersonalDataCipher(FieldCipher.fromConfig(config.PII_KEYS, config.PII_INDEX_KEY));
  await ds.initialize();
  try {
    await migrate(ds, schema);
    const events = new EventPublisher('intake', outboxChannel(schema));
    const seed = new SeedCatalogUseCase(ds, new PublishMatterUseCase(ds, events), new PublishBundleUseCase(ds, events));
    const started = Date.now();
    process.stdout.write(`seeding the catalogue from ${dir}\n`);
    const r = await seed.execute(dir, (line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(
      `done in ${Date.now() - started} ms: ${r.regions} regions, ${r.departments} departments, ` +
        `${r.matters.published} matter versions published, ${r.matters.unchanged} unchanged, ` +
        `${r.bundles.published} bundle versions published, ${r.bundles.unchanged} unchanged\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`seeding failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
