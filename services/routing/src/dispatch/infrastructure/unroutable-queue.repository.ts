import { Injectable } from '@nestjs/common';
import type { CaseAccepted } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';

export interface Cause {
  id: string;
  correlationid: string;
}

export interface UnroutableCase {
  caseId: string;
  caseNo: string;
  matterCode: string;
  matterVersion: number;
  regionCode: string;
  applicantKind: string;
  reason: string;
  unmatchedMatterCodes: string[];
  attempts: number;
  detectedAt: string;
  lastAttemptAt: string;
  routedAt?: string;
  planId?: string;
}

interface Row {
  case_id: string;
  case_no: string;
  matter_code: string;
  matter_version: number;
  region_code: string;
  applicant_kind: string;
  reason: string;
  unmatched_codes: string[];
  attempts: number;
  detected_at: Date;
  last_attempt_at: Date;
  routed_at: Date | null;
  plan_id: string | null;
}

function view(r: Row): UnroutableCase {
  return {
    caseId: r.case_id,
    caseNo: r.case_no,
    matterCode: r.matter_code,
    matterVersion: r.matter_version,
    regionCode: r.region_code,
    applicantKind: r.applicant_kind,
    reason: r.reason,
    unmatchedMatterCodes: r.unmatched_codes,
    attempts: r.attempts,
    detectedAt: r.detected_at.toISOString(),
    lastAttemptAt: r.last_attempt_at.toISOString(),
    ...(r.routed_at ? { routedAt: r.routed_at.toISOString() } : {}),
    ...(r.plan_id ? { planId: r.plan_id } : {}),
  };
}

/** Accepted cases no rule covers: kept with the acceptance they came with, until a retry routes them. */
@Injectable()
export class UnroutableQueueRepository {
  /** Records (or re-records) a case as unroutable; true when it is new in the queue (alert once). */
  async put(
    tx: EntityManager,
    c: CaseAccepted,
    cause: Cause,
    reason: string,
    unmatched: readonly string[],
  ): Promise<boolean> {
    const rows: Array<{ attempts: number }> = await tx.query(
      `INSERT INTO unroutable_case AS u (case_id, case_no, matter_code, matter_version, region_code, applicant_kind,
         reason, unmatched_codes, accepted, cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (case_id) DO UPDATE SET reason = EXCLUDED.reason, unmatched_codes = EXCLUDED.unmatched_codes,
         attempts = u.attempts + 1, last_attempt_at = now()
       RETURNING attempts`,
      [
        c.caseId,
        c.caseNo,
        c.matterCode,
        c.matterVersion,
        c.regionCode,
        c.applicant.kind,
        reason,
        [...unmatched],
        JSON.stringify(c),
        JSON.stringify(cause),
      ],
    );
    return rows[0]?.attempts === 1;
  }

  /** Locks the waiting case for a retry; undefined when it is not waiting (unknown or routed). */
  async lockWaiting(
    tx: EntityManager,
    caseId: string,
  ): Promise<{ accepted: CaseAccepted; cause: Cause } | undefined> {
    const rows: Array<{ accepted: CaseAccepted; cause: Cause }> = await tx.query(
      'SELECT accepted, cause FROM unroutable_case WHERE case_id = $1 AND routed_at IS NULL FOR UPDATE',
      [caseId],
    );
    return rows[0];
  }

  /** Waiting cases that a new rule set of `matterCode` may route, oldest first, bounded. */
  async waitingFor(tx: EntityManager, matterCode: string, limit: number): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await tx.query(
      `SELECT case_id FROM unroutable_case WHERE routed_at IS NULL AND $1 = ANY (unmatched_codes)
       ORDER BY detected_at LIMIT $2`,
      [matterCode, limit],
    );
    return rows.map((r) => r.case_id);
  }

  async get(tx: EntityManager, caseId: string): Promise<UnroutableCase | undefined> {
    const rows: Row[] = await tx.query('SELECT * FROM unroutable_case WHERE case_id = $1', [caseId]);
    return rows[0] ? view(rows[0]) : undefined;
  }

  /** The operators' queue: waiting cases oldest first (routed ones too when asked), bounded. */
  async list(tx: EntityManager, opts: { includeRouted: boolean; limit: number }): Promise<UnroutableCase[]> {
    const rows: Row[] = await tx.query(
      `SELECT * FROM unroutable_case WHERE $1 OR routed_at IS NULL ORDER BY detected_at, case_id LIMIT $2`,
      [opts.includeRouted, opts.limit],
    );
    return rows.map(view);
  }
}
