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

/** A member matter's rules in force (if any) and the versions of it routing's catalogue holds. */
export interface MemberInForce {
  ruleSet: RuleSet | undefined;
  catalogueVersions: number[];
}

@Injectable()
export class RulesRepository {
  /**
   * The rules last read per matter code. Never trusted on its own: every read asks PostgreSQL for the
   * version in force (under the shared lock) and takes the rules from here only when the versions
   * agree, so a rule set another instance applied is seen at once. It saves shipping and parsing the
   * rules' JSON on every case, not the round trip.
   */
  private readonly cached = new Map<string, RuleSet>();
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

  /**
   * Takes the shared in-force lock of each code (see `inForce`), in its own statement: the rules
   * must be read by a later statement, whose snapshot then includes an application that held the
   * exclusive lock. Codes sorted, so two routings never wait on each other in opposite orders.
   */
  async lockInForceShared(tx: EntityManager, matterCodes: readonly string[]): Promise<void> {
    await tx.query(
      'SELECT pg_advisory_xact_lock_shared(hashtext(\'routing-rules-in-force:\' || code)) FROM unnest($1::text[]) AS code',
      [[...new Set(matterCodes)].sort()],
    );
  }

  /**
   * The rule sets in force for several matter codes and the catalogue versions of each, in one
   * statement; the caller holds the shared locks of the codes (taken by an earlier statement).
   * The rules travel only when the version in force differs from the cached one.
   */
  async membersInForce(tx: EntityManager, matterCodes: readonly string[]): Promise<Map<string, MemberInForce>> {
    const codes = [...new Set(matterCodes)];
    const rows: Array<{ matter_code: string; version: number | null; rules: Rule[] | null; catalogue_versions: number[] }> =
      await tx.query(
        `SELECT c.code AS matter_code, rs.version,
                CASE WHEN rs.version IS DISTINCT FROM c.cached THEN rs.rules END AS rules,
                ARRAY(SELECT m.version FROM matter_version m WHERE m.code = c.code) AS catalogue_versions
           FROM unnest($1::text[], $2::int[]) AS c(code, cached)
           LEFT JOIN routing_rule_set rs ON rs.matter_code = c.code`,
        [codes, codes.map((code) => this.cached.get(code)?.version ?? null)],
      );
    const out = new Map<string, MemberInForce>();
    for (const r of rows) {
      let ruleSet: RuleSet | undefined;
      if (r.version !== null) {
        ruleSet = r.rules !== null ? { matterCode: r.matter_code, version: r.version, rules: r.rules } : this.cached.get(r.matter_code);
        if (!ruleSet) throw new Error(`rule set ${r.matter_code} v${r.version} left the cache between query and read`);
        this.cached.set(r.matter_code, ruleSet);
      }
      out.set(r.matter_code, { ruleSet, catalogueVersions: r.catalogue_versions });
    }
    return out;
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
