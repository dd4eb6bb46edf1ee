import { ServiceNames } from '@onewindow/contracts';
import { schemaOf, verifyAuditChain } from '@onewindow/platform';
import { Client } from 'pg';

/**
 * `npm run audit:verify -- <service>`: walks the service's audit chain (DATABASE_URL, default the
 * local database) and names the first record whose link does not hold. Exit 0 intact, 1 broken, 2 usage.
 */
async function main(): Promise<number> {
  const service = process.argv[2];
  const known = Object.values(ServiceNames) as string[];
  if (!service || !known.includes(service)) {
    process.stderr.write(`usage: npm run audit:verify -- <${known.join('|')}>\n`);
    return 2;
  }
  const client = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/onewindow' });
  await client.connect();
  try {
    const kept = await client.query<{ service: string }>(
      `SELECT s AS service FROM unnest($1::text[]) AS s WHERE to_regclass(quote_ident(replace(s, '-', '_')) || '.audit_log') IS NOT NULL`,
      [known],
    );
    if (!kept.rows.some((r) => r.service === service)) {
      const chains = kept.rows.map((r) => r.service).join(', ') || 'none in this database';
      process.stderr.write(`${service} keeps no audit chain here (no table ${schemaOf(service)}.audit_log); services with one: ${chains}\n`);
      return 2;
    }
    const started = Date.now();
    const verdict = await verifyAuditChain(
      (sql, params) => client.query(sql, params),
      schemaOf(service),
      (n) => process.stderr.write(`  ${n} records checked\r`),
    );
    if (verdict.broken) {
      process.stdout.write(`${service}: audit chain BROKEN at position ${verdict.broken.position}: ${verdict.broken.problem} (${verdict.checked} records before it are intact)\n`);
      return 1;
    }
    process.stdout.write(`${service}: audit chain intact, ${verdict.checked} records in ${Date.now() - started} ms\n`);
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
