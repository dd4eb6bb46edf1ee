import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RectificationStatus } from '../domain/evaluation';

export interface DeliveredCase {
  caseId: string;
  caseNo: string;
  matterCode: string;
  departmentCode: string;
  regionCode: string;
  cityCode: string;
  handedOverAt: Date | null;
}

export interface EvaluationRow {
  caseId: string;
  score: number;
  reason: string | null;
  submittedAt: Date;
}

export interface Rectification {
  id: string;
  caseId: string;
  caseNo: string;
  departmentCode: string;
  regionCode: string;
  score: number;
  reason: string;
  status: RectificationStatus;
  deadline: string;
  openedAt: Date;
  response: string | null;
  respondedBy: string | null;
  respondedAt: Date | null;
  followUpNote: string | null;
  followedUpBy: string | null;
  applicantSatisfied: boolean | null;
  followedUpAt: Date | null;
  closingNote: string | null;
  closedBy: string | null;
  closedAt: Date | null;
}

interface RectificationRecord {
  id: string;
  case_id: string;
  case_no: string;
  department_code: string;
  region_code: string;
  score: number;
  reason: string;
  status: RectificationStatus;
  deadline: string;
  opened_at: Date;
  response: string | null;
  responded_by: string | null;
  responded_at: Date | null;
  follow_up_note: string | null;
  followed_up_by: string | null;
  applicant_satisfied: boolean | null;
  followed_up_at: Date | null;
  closing_note: string | null;
  closed_by: string | null;
  closed_at: Date | null;
}

const toRectification = (r: RectificationRecord): Rectification => ({
  id: r.id,
  caseId: r.case_id,
  caseNo: r.case_no,
  departmentCode: r.department_code,
  regionCode: r.region_code,
  score: r.score,
  reason: r.reason,
  status: r.status,
  deadline: r.deadline,
  openedAt: r.opened_at,
  response: r.response,
  respondedBy: r.responded_by,
  respondedAt: r.responded_at,
  followUpNote: r.follow_up_note,
  followedUpBy: r.followed_up_by,
  applicantSatisfied: r.applicant_satisfied,
  followedUpAt: r.followed_up_at,
  closingNote: r.closing_note,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
});

const RECTIFICATION_COLUMNS = `id, case_id, case_no, department_code, region_code, score, reason, status, to_char(deadline, 'YYYY-MM-DD') AS deadline,
  opened_at, response, responded_by, responded_at, follow_up_note, followed_up_by, applicant_satisfied, followed_up_at,
  closing_note, closed_by, closed_at`;

@Injectable()
export class EvaluationRepository {
  /** The case as the read model knows it, with its lock so two ratings of one case cannot race. */
  async caseForEvaluation(tx: EntityManager, caseId: string): Promise<DeliveredCase | null> {
    const rows: Array<{
      case_id: string;
      case_no: string | null;
      matter_code: string | null;
      department_code: string | null;
      region_code: string | null;
      city_code: string | null;
      handed_over_at: Date | null;
    }> = await tx.query(
      `SELECT case_id, case_no, matter_code, department_code, region_code, city_code, handed_over_at
         FROM case_fact WHERE case_id = $1 FOR UPDATE`,
      [caseId],
    );
    const r = rows[0];
    if (!r || !r.case_no || !r.matter_code || !r.department_code || !r.region_code || !r.city_code) return null;
    return {
      caseId: r.case_id,
      caseNo: r.case_no,
      matterCode: r.matter_code,
      departmentCode: r.department_code,
      regionCode: r.region_code,
      cityCode: r.city_code,
      handedOverAt: r.handed_over_at,
    };
  }

  async findEvaluation(tx: EntityManager, caseId: string): Promise<EvaluationRow | null> {
    const rows: Array<{ case_id: string; score: number; reason: string | null; submitted_at: Date }> = await tx.query(
      'SELECT case_id, score, reason, submitted_at FROM evaluation WHERE case_id = $1',
      [caseId],
    );
    return rows[0] ? { caseId: rows[0].case_id, score: rows[0].score, reason: rows[0].reason, submittedAt: rows[0].submitted_at } : null;
  }

  /** False when the case already has one (the primary key decides, also between two instances). */
  async insertEvaluation(tx: EntityManager, c: DeliveredCase, score: number, reason: string | null, at: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO evaluation (case_id, case_no, matter_code, department_code, region_code, city_code, score, reason, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [c.caseId, c.caseNo, c.matterCode, c.departmentCode, c.regionCode, c.cityCode, score, reason, at],
    );
    return rows.length === 1;
  }

  async insertRectification(
    tx: EntityManager,
    r: { id: string; c: DeliveredCase; score: number; reason: string; deadline: string; openedAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO rectification (id, case_id, case_no, department_code, region_code, score, reason, status, deadline, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9)`,
      [r.id, r.c.caseId, r.c.caseNo, r.c.departmentCode, r.c.regionCode, r.score, r.reason, r.deadline, r.openedAt],
    );
  }

  async findRectification(tx: EntityManager, id: string, lock = false): Promise<Rectification | null> {
    const rows: RectificationRecord[] = await tx.query(
      `SELECT ${RECTIFICATION_COLUMNS} FROM rectification WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRectification(rows[0]) : null;
  }

  async listRectifications(
    tx: EntityManager,
    f: { status?: RectificationStatus; departmentCode?: string; limit: number; after?: string },
  ): Promise<Rectification[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (f.status) clauses.push(`status = $${params.push(f.status)}`);
    if (f.departmentCode) clauses.push(`department_code = $${params.push(f.departmentCode)}`);
    if (f.after) clauses.push(`id > $${params.push(f.after)}`);
    params.push(f.limit);
    const rows: RectificationRecord[] = await tx.query(
      `SELECT ${RECTIFICATION_COLUMNS} FROM rectification ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
        ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRectification);
  }

  async saveRectification(tx: EntityManager, r: Rectification): Promise<void> {
    await tx.query(
      `UPDATE rectification SET status = $2, response = $3, responded_by = $4, responded_at = $5, follow_up_note = $6,
         followed_up_by = $7, applicant_satisfied = $8, followed_up_at = $9, closing_note = $10, closed_by = $11,
         closed_at = $12, updated_at = now()
       WHERE id = $1`,
      [
        r.id,
        r.status,
        r.response,
        r.respondedBy,
        r.respondedAt,
        r.followUpNote,
        r.followedUpBy,
        r.applicantSatisfied,
        r.followedUpAt,
        r.closingNote,
        r.closedBy,
        r.closedAt,
      ],
    );
  }
}
