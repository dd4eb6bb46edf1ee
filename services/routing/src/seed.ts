import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildDataSourceOptions,
  createLogger,
  ensureDatabase,
  EventPublisher,
  migrate,
  outboxChannel,
  schemaOf,
} from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { loadRoutingConfig } from './config/routing.config';
import { ROUTING_ENTITIES, ROUTING_MIGRATIONS } from './persistence';
import type { Rule } from './rules/domain/routing-rules';
import { RulesRepository } from './rules/infrastructure/rules.repository';
import { PublishRuleSetUseCase } from './rules/publish-rule-set.usecase';

interface SeedRuleSet {
  matterCode: string;
  rules: Rule[];
}

/**
 * Routing's part of `npm run seed`: migrates routing's schema, records the seeded departments, and
 * publishes seeds/routing-rules.json through the operators' own use case — a new version and a
 * `routing.rule-published` in the outbox only for a matter whose rules changed. The rules come into
 * force when a routing instance applies those events, exactly as an operator's PUT would.
 */
async function main(): Promise<void> {
  const config = loadRoutingConfig();
  const dir = resolve(process.argv[2] ?? process.env.SEEDS_DIR ?? 'seeds');
  const schema = schemaOf('routing');
  await ensureDatabase(config.DATABASE_URL);
  const ds = new DataSource(
    buildDataSourceOptions({ url: config.DATABASE_URL, schema, entities: ROUTING_ENTITIES, migrations: ROUTING_MIGRATIONS, poolSize: 2 }),
  );
  await ds.initialize();
  try {
    await migrate(ds, schema);
    const repo = new RulesRepository();
    const departments = JSON.parse(await readFile(resolve(dir, 'departments.json'), 'utf8')) as Array<{ code: string; name: string }>;
    await ds.transaction((tx) => repo.upsertDepartments(tx, departments));
    const sets = JSON.parse(await readFile(resolve(dir, 'routing-rules.json'), 'utf8')) as SeedRuleSet[];
    const publish = new PublishRuleSetUseCase(ds, repo, new EventPublisher('routing', outboxChannel(schema)), createLogger('routing', 'warn'));
    const started = Date.now();
    process.stdout.write(`seeding routing rules from ${dir}: ${departments.length} departments, ${sets.length} rule sets\n`);
    let published = 0;
    for (const [i, s] of sets.entries()) {
      const r = await publish.execute({ matterCode: s.matterCode, rules: s.rules, publishedBy: 'seed' });
      if (r.changed) published++;
      if ((i + 1) % 10 === 0 || i === sets.length - 1) process.stdout.write(`  ${i + 1}/${sets.length} rule sets\n`);
    }
    process.stdout.write(
      `done in ${Date.now() - started} ms: ${published} rule set versions published, ${sets.length - published} unchanged\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`seeding routing rules failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
