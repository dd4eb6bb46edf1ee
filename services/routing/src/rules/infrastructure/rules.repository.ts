import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Rule, RuleSet } from '../domain/routing-rules';

interface RuleSetRow {
  matter_code: string;
  version: number;
  rules: Rule[];
}

/** A stable hash of a rule set's content, so publishing the same rules twice makes no new version. */
export function rulesHash(rules: readonly Rule[]): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex');
}

@Injectable()
export class RulesRepository {
  /** Serialises publications of one matter's rules across instances until the transaction ends. */
  async lockMatter(tx: EntityManager, matterCode: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`routing-rules:${matterCode}`]);
  }

  async latestVersion(tx: EntityManager, matterCode: string): Promise<{ version: number; hash: string } | undefined> {
    const rows: Array<{ version: number; rules_hash: string }> = await tx.query(
      'SELECT version, rules_hash FROM routing_rule_set_version WHERE matter_code = $1 ORDER BY version DESC LIMIT 1',
      [matterCode],
    );
    return rows[0] ? { version: rows[0].version, hash: rows[0].rules_hash } : undefined;
  }

  async insertVersion(tx: EntityManager, set: RuleSet, publishedBy: string, publishedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO routing_rule_set_version (matter_code, version, rules, rules_hash, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [set.matterCode, set.version, JSON.stringify(set.rules), rulesHash(set.rules), publishedBy, publishedAt],
    );
  }

  async version(tx: EntityManager, matterCode: string, version: number): Promise<RuleSet | undefined> {
    const rows: RuleSetRow[] = await tx.query(
      'SELECT matter_code, version, rules FROM routing_rule_set_version WHERE matter_code = $1 AND version = $2',
      [matterCode, version],
    );
    return rows[0] ? { matterCode: rows[0].matter_code, version: rows[0].version, rules: rows[0].rules } : undefined;
  }

  /**
   * Puts a published rule set in force unless a newer one already is: a replay of the compacted rule
   * topic must never roll rules back. Returns whether it is now in force.
   */
  async apply(tx: EntityManager, set: RuleSet): Promise<'applied' | 'stale'> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`routing-rules-in-force:${set.matterCode}`]);
    const rows: unknown[] = await tx.query(
      `INSERT INTO routing_rule_set AS rs (matter_code, version, rules, applied_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (matter_code) DO UPDATE SET version = EXCLUDED.version, rules = EXCLUDED.rules, applied_at = now()
       WHERE rs.version < EXCLUDED.version
       RETURNING matter_code`,
      [set.matterCode, set.version, JSON.stringify(set.rules)],
    );
    return rows.length > 0 ? 'applied' : 'stale';
  }

  /**
   * The rule set in force for a matter (or bundle member), if any. The shared lock pairs with apply's
   * exclusive one: a case routed while a rule set is being applied either sees it, or is committed to
   * the unroutable queue before the application looks for waiting cases — never lost in between.
   */
  async inForce(tx: EntityManager, matterCode: string): Promise<RuleSet | undefined> {
    await tx.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [`routing-rules-in-force:${matterCode}`]);
    const rows: RuleSetRow[] = await tx.query(
      'SELECT matter_code, version, rules FROM routing_rule_set WHERE matter_code = $1',
      [matterCode],
    );
    return rows[0] ? { matterCode: rows[0].matter_code, version: rows[0].version, rules: rows[0].rules } : undefined;
  }

  /** Departments routing knows: seeded into its own table, or named by a matter of the catalogue. */
  async unknownDepartments(tx: EntityManager, codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: Array<{ code: string }> = await tx.query(
      `SELECT c.code FROM unnest($1::text[]) AS c(code)
       WHERE NOT EXISTS (SELECT 1 FROM known_department d WHERE d.code = c.code)
         AND NOT EXISTS (SELECT 1 FROM matter_version m WHERE m.department_code = c.code OR c.code = ANY (m.co_department_codes))`,
      [[...new Set(codes)]],
    );
    return new Set(rows.map((r) => r.code));
  }

  async upsertDepartments(tx: EntityManager, departments: ReadonlyArray<{ code: string; name: string }>): Promise<void> {
    for (const d of departments) {
      await tx.query(
        'INSERT INTO known_department (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name',
        [d.code, d.name],
      );
    }
  }
}
