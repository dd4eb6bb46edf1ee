import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { currentContext } from '../logging/request-context';

/** One audited act: who did what to which object, when and why. */
export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  /** Given by the caller (`x-audit-reason` header) or by the system for its own acts. */
  reason?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  position: string;
  occurredAt: string;
  actor: string;
  actorRoles: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The append-only, hash-chained table; called from each service's migration. */
export async function createAuditTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE audit_log (
      position       bigserial   PRIMARY KEY,
      occurred_at    timestamptz NOT NULL,
      actor          text        NOT NULL,
      actor_roles    text        NOT NULL,
      action         text        NOT NULL,
      subject_type   text        NOT NULL,
      subject_id     text        NOT NULL,
      reason         text,
      correlation_id text,
      details        jsonb       NOT NULL,
      prev_hash      char(64)    NOT NULL,
      hash           char(64)    NOT NULL UNIQUE
    )`);
  await q.query('CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, position)');
  // The database refuses changes even to the service's own login: the trail only grows.
  await q.query(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$`);
  await q.query(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
}

/**
 * The chain append as one statement (lock, predecessor, insert): a later migration of each service
 * with a trail. PL/pgSQL takes a new snapshot for each statement of a VOLATILE function, so the
 * predecessor read after the lock sees the record committed while this one waited for it.
 */
export async function createAuditAppendFunction(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE OR REPLACE FUNCTION audit_append(
      p_lock text, p_occurred_at timestamptz, p_actor text, p_actor_roles text, p_action text,
      p_subject_type text, p_subject_id text, p_reason text, p_correlation_id text, p_details jsonb, p_canonical text
    ) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
    DECLARE prev text;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext(p_lock));
      SELECT hash INTO prev FROM audit_log ORDER BY position DESC LIMIT 1;
      prev := coalesce(prev, '${GENESIS_HASH}');
      INSERT INTO audit_log (occurred_at, actor, actor_roles, action, subject_type, subject_id, reason, correlation_id, details, prev_hash, hash)
      VALUES (p_occurred_at, p_actor, p_actor_roles, p_action, p_subject_type, p_subject_id, p_reason, p_correlation_id, p_details,
              prev, encode(sha256(convert_to(prev || p_canonical, 'UTF8')), 'hex'));
    END $$`);
}

export async function dropAuditAppendFunction(q: QueryRunner): Promise<void> {
  await q.query('DROP FUNCTION IF EXISTS audit_append(text, timestamptz, text, text, text, text, text, text, text, jsonb, text)');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** hash = sha256(prev_hash + canonical JSON of the record without its hashes and position). */
export function chainHash(prevHash: string, r: Omit<AuditRecord, 'position' | 'prevHash' | 'hash'>): string {
  return createHash('sha256').update(prevHash + canonical(r), 'utf8').digest('hex');
}

/**
 * Appends to the service's audit chain. Writers serialise on a transaction-scoped advisory lock,
 * so two instances never chain onto the same predecessor. Pass the use case's EntityManager to
 * record a change in the same transaction as the change itself.
 */
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly service: string,
  ) {}

  /**
   * `alongside`, if given, is the caller's own data-modifying statement (placeholders from $1), run
   * in the same round trip as the record (it must be in the caller's transaction).
   */
  async record(entry: AuditEntry, m?: EntityManager, alongside?: { sql: string; params: unknown[] }): Promise<void> {
    if (!m || !m.queryRunner?.isTransactionActive) {
      if (alongside) throw new Error('a statement alongside the audit record needs the caller\'s transaction');
      await this.dataSource.transaction((tx) => this.append(tx, entry));
      return;
    }
    await this.append(m, entry, alongside);
  }

  /**
   * The expression that takes this service's chain lock, for a caller that takes it in one
   * statement with its own locks (this one first) and then appends with `appendLocked`.
   */
  lockExpression(param: string): { sql: string; value: string } {
    return { sql: `pg_advisory_xact_lock(hashtext(${param}))`, value: `audit_log:${this.service}` };
  }

  /**
   * Appends while the caller's transaction holds the chain lock, taken by an EARLIER statement
   * (see `append`). `alongside`, if given, is the caller's own data-modifying statement (its
   * placeholders $1..$n), run in the same round trip as the last record: every statement issued
   * under the lock holds back every other writer of the service until commit.
   */
  async appendLocked(
    m: EntityManager,
    entries: readonly AuditEntry[],
    alongside?: { sql: string; params: unknown[] },
  ): Promise<void> {
    for (let i = 0; i < entries.length; i++) {
      const last = i === entries.length - 1 && alongside;
      const offset = last ? alongside.params.length : 0;
      const { sql, params } = this.insertStatement(entries[i], offset);
      if (last) await m.query(`WITH caller AS (${alongside.sql}) ${sql}`, [...alongside.params, ...params]);
      else await m.query(sql, params);
    }
  }

  /**
   * One statement, `audit_append` (see createAuditAppendFunction): the lock, held until commit, which
   * caps the service's audited writes per second, then one INSERT that reads the predecessor's hash
   * and computes the new one in PostgreSQL (sha256 of prev_hash + the canonical JSON built here, the
   * same bytes `chainHash` hashes). Nothing else of the caller runs under the lock.
   */
  private async append(m: EntityManager, e: AuditEntry, alongside?: { sql: string; params: unknown[] }): Promise<void> {
    const r = this.recordOf(e);
    const offset = alongside?.params.length ?? 0;
    const call = `SELECT audit_append(${Array.from({ length: 11 }, (_, i) => `$${i + 1 + offset}`).join(', ')})`;
    await m.query(alongside ? `WITH caller AS (${alongside.sql}) ${call}` : call, [
      ...(alongside?.params ?? []),
      this.lockExpression('').value,
      r.occurredAt,
      r.actor,
      r.actorRoles,
      r.action,
      r.subjectType,
      r.subjectId,
      r.reason,
      r.correlationId,
      JSON.stringify(r.details),
      canonical(r),
    ]);
  }

  private recordOf(e: AuditEntry): Omit<AuditRecord, 'position' | 'prevHash' | 'hash'> {
    const ctx = currentContext();
    const p = ctx?.principal;
    return {
      occurredAt: new Date().toISOString(),
      actor: p?.subject ?? `system:${this.service}`,
      actorRoles: p?.roles.join(' ') ?? 'system',
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      reason: (e.reason ?? ctx?.reason ?? null)?.slice(0, 500) ?? null,
      correlationId: ctx?.correlationId ?? null,
      details: e.details ?? {},
    };
  }

  private insertStatement(e: AuditEntry, offset: number): { sql: string; params: unknown[] } {
    const r = this.recordOf(e);
    const $ = (n: number) => `$${n + offset}`;
    return {
      sql: `INSERT INTO audit_log (occurred_at, actor, actor_roles, action, subject_type, subject_id, reason, correlation_id, details, prev_hash, hash)
       SELECT ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, prev.hash, encode(sha256(convert_to(prev.hash || ${$(10)}, 'UTF8')), 'hex')
         FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY position DESC LIMIT 1), ${$(11)}) AS hash) prev`,
      params: [r.occurredAt, r.actor, r.actorRoles, r.action, r.subjectType, r.subjectId, r.reason, r.correlationId, JSON.stringify(r.details), canonical(r), GENESIS_HASH],
    };
  }
}

export interface ChainVerdict {
  checked: number;
  /** The first record whose link does not hold, if any. */
  broken?: { position: string; problem: string };
}

type Query = (sql: string, params: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

/** Walks a service's chain in order; reports the first record that was changed, removed or inserted. */
export async function verifyAuditChain(query: Query, schema: string, onProgress?: (checked: number) => void): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let after = '0';
  let checked = 0;
  for (let batch = 0; batch < 10_000_000; batch++) {
    const { rows } = await query(
      `SELECT a.position::text AS pos, occurred_at, actor, actor_roles, action, subject_type, subject_id, reason, correlation_id, details, prev_hash, hash
       FROM "${schema}".audit_log a WHERE a.position > $1 ORDER BY a.position LIMIT 1000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const position = String(row.pos);
      if (row.prev_hash !== prev) return { checked, broken: { position, problem: 'prev_hash does not match the previous record (a record was removed or inserted)' } };
      const expected = chainHash(prev, {
        occurredAt: (row.occurred_at as Date).toISOString(),
        actor: row.actor as string,
        actorRoles: row.actor_roles as string,
        action: row.action as string,
        subjectType: row.subject_type as string,
        subjectId: row.subject_id as string,
        reason: (row.reason as string | null) ?? null,
        correlationId: (row.correlation_id as string | null) ?? null,
        details: row.details as Record<string, unknown>,
      });
      if (expected !== row.hash) return { checked, broken: { position, problem: 'the record was changed after it was written' } };
      prev = row.hash as string;
      checked++;
      after = position;
    }
    onProgress?.(checked);
  }
  return { checked };
}
