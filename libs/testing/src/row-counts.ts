import type { Client } from 'pg';

/**
 * Row count of every table of `schema` (but `except`), so a fuzz suite can show that rejected
 * input wrote nothing anywhere, including tables added after the suite was written.
 */
export async function schemaRowCounts(pg: Client, schema: string, except: readonly string[] = []): Promise<Record<string, number>> {
  const tables = await pg.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($2)) ORDER BY table_name`,
    [schema, ['migrations', ...except]],
  );
  if (tables.rows.length === 0) throw new Error(`schema ${schema} has no tables to count`);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${name}"`);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}
