import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { regionScope } from '../../reference/domain/regions';
import type { CaseFact, MatterFact } from '../domain/case-fact';

export interface MeasureFilter {
  /** Inclusive China-time dates. */
  from?: string;
  to?: string;
  regionCode?: string;
  departmentCode?: string;
}

const CASE_DAY = `(COALESCE(c.received_at, c.accepted_at) AT TIME ZONE 'Asia/Shanghai')::date`;

interface CaseRow {
  case_id: string;
  case_no: string | null;
  matter_code: string | null;
  matter_name: string | null;
  department_code: string | null;
  region_code: string | null;
  city_code: string | null;
  channel: CaseFact['channel'];
  applicant_kind: CaseFact['applicantKind'];
  applicant_key: string | null;
  received_at: Date | null;
  accepted_at: Date | null;
  promised_limit_days: number | null;
  legal_limit_days: number | null;
  materials_provided: number | null;
  materials_reused: number | null;
  intake_supplements: number;
  decided_at: Date | null;
  outcome: CaseFact['outcome'];
  handed_over_at: Date | null;
  handover_method: CaseFact['handoverMethod'];
}

function toCaseFact(r: CaseRow): CaseFact {
  return {
    caseId: r.case_id,
    caseNo: r.case_no,
    matterCode: r.matter_code,
    matterName: r.matter_name,
    departmentCode: r.department_code,
    regionCode: r.region_code,
    cityCode: r.city_code,
    channel: r.channel,
    applicantKind: r.applicant_kind,
    applicantKey: r.applicant_key,
    receivedAt: r.received_at,
    acceptedAt: r.accepted_at,
    promisedLimitDays: r.promised_limit_days,
    legalLimitDays: r.legal_limit_days,
    materialsProvided: r.materials_provided,
    materialsReused: r.materials_reused,
    intakeSupplements: r.intake_supplements,
    decidedAt: r.decided_at,
    outcome: r.outcome,
    handedOverAt: r.handed_over_at,
    handoverMethod: r.handover_method,
  };
}

export interface OverdueTaskRow {
  taskId: string;
  caseId: string;
  caseNo: string | null;
  departmentCode: string;
  level: 'RED' | 'ESCALATION';
  deadline: string;
  overdueAt: Date;
  regionCode: string | null;
}

/** Reads the read model for the measures; the computing happens in the domain functions. */
@Injectable()
export class MeasuresRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private where(f: MeasureFilter, alias: string, opts: { day: string; department: string }): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      clauses.push(clause.replace('?', `$${params.length}`));
    };
    if (f.from) add(`${opts.day} >= ?::date`, f.from);
    if (f.to) add(`${opts.day} <= ?::date`, f.to);
    if (f.departmentCode) add(`${opts.department} = ?`, f.departmentCode);
    if (f.regionCode) {
      const scope = regionScope(f.regionCode);
      if (scope.kind === 'province') add(`${alias}.region_code LIKE ?`, `${scope.prefix}%`);
      else if (scope.kind === 'city') add(`${alias}.city_code = ?`, scope.prefix);
      else add(`${alias}.region_code = ?`, scope.prefix);
    }
    return { sql: clauses.length ? `AND ${clauses.join(' AND ')}` : '', params };
  }

  /** Cases registered in the period (by their China-time day), with region and department filters. */
  async cases(f: MeasureFilter): Promise<CaseFact[]> {
    const w = this.where(f, 'c', { day: CASE_DAY, department: 'c.department_code' });
    const rows: CaseRow[] = await this.ds.query(
      `SELECT * FROM case_fact c WHERE COALESCE(c.received_at, c.accepted_at) IS NOT NULL AND c.channel IS NOT NULL ${w.sql}`,
      w.params,
    );
    return rows.map(toCaseFact);
  }

  /** Cases decided in the period (by the China-time day of the decision), with region and department filters. */
  async decidedCases(f: MeasureFilter): Promise<CaseFact[]> {
    const w = this.where(f, 'c', { day: `(c.decided_at AT TIME ZONE 'Asia/Shanghai')::date`, department: 'c.department_code' });
    const rows: CaseRow[] = await this.ds.query(`SELECT * FROM case_fact c WHERE c.decided_at IS NOT NULL ${w.sql}`, w.params);
    return rows.map(toCaseFact);
  }

  async matters(departmentCode?: string): Promise<MatterFact[]> {
    const rows: Array<{ code: string; name: string; department_code: string; visits: number; online: boolean; status: MatterFact['status'] }> =
      await this.ds.query(
        `SELECT code, name, department_code, visits, online, status FROM matter_fact ${departmentCode ? 'WHERE department_code = $1' : ''}`,
        departmentCode ? [departmentCode] : [],
      );
    return rows.map((r) => ({ code: r.code, name: r.name, departmentCode: r.department_code, visits: r.visits, online: r.online, status: r.status }));
  }

  /** Department names as the catalogue publishes them. */
  async departmentNames(): Promise<Map<string, string>> {
    const rows: Array<{ department_code: string; department_name: string }> = await this.ds.query(
      'SELECT DISTINCT ON (department_code) department_code, department_name FROM matter_fact ORDER BY department_code, updated_at DESC',
    );
    return new Map(rows.map((r) => [r.department_code, r.department_name]));
  }

  /** Evaluations submitted in the period (by China-time day of submission). */
  async evaluations(f: MeasureFilter): Promise<Array<{ score: number; departmentCode: string; cityCode: string; regionCode: string }>> {
    const w = this.where(f, 'e', { day: `(e.submitted_at AT TIME ZONE 'Asia/Shanghai')::date`, department: 'e.department_code' });
    const rows: Array<{ score: number; department_code: string; city_code: string; region_code: string }> = await this.ds.query(
      `SELECT score, department_code, city_code, region_code FROM evaluation e WHERE true ${w.sql}`,
      w.params,
    );
    return rows.map((r) => ({ score: r.score, departmentCode: r.department_code, cityCode: r.city_code, regionCode: r.region_code }));
  }

  /** Tasks past a deadline and still open now (neither decided nor transferred away); the period does not apply. */
  async overdueTasks(f: MeasureFilter): Promise<OverdueTaskRow[]> {
    const w = this.where({ regionCode: f.regionCode, departmentCode: f.departmentCode }, 'c', { day: '', department: 't.department_code' });
    const rows: Array<{
      task_id: string;
      case_id: string;
      case_no: string | null;
      department_code: string;
      overdue_level: 'RED' | 'ESCALATION';
      overdue_deadline: string;
      overdue_at: Date;
      region_code: string | null;
    }> = await this.ds.query(
      `SELECT t.task_id, t.case_id, t.case_no, t.department_code, t.overdue_level, to_char(t.overdue_deadline, 'YYYY-MM-DD') AS overdue_deadline,
              t.overdue_at, c.region_code
         FROM task_fact t LEFT JOIN case_fact c ON c.case_id = t.case_id
        WHERE t.overdue_level IS NOT NULL AND t.decided_at IS NULL AND t.transferred_at IS NULL ${w.sql}
        ORDER BY t.overdue_deadline, t.task_id`,
      w.params,
    );
    return rows.map((r) => ({
      taskId: r.task_id,
      caseId: r.case_id,
      caseNo: r.case_no,
      departmentCode: r.department_code,
      level: r.overdue_level,
      deadline: r.overdue_deadline,
      overdueAt: r.overdue_at,
      regionCode: r.region_code,
    }));
  }

  /** Rectifications not yet answered now, per department; overdue = past the 15-working-day deadline. */
  async openRectificationsByDepartment(today: string): Promise<Array<{ departmentCode: string; open: number; overdue: number }>> {
    const rows: Array<{ department_code: string; open: string; overdue: string }> = await this.ds.query(
      `SELECT department_code, count(*) AS open, count(*) FILTER (WHERE deadline < $1::date) AS overdue
         FROM rectification WHERE status = 'OPEN' GROUP BY department_code`,
      [today],
    );
    return rows.map((r) => ({ departmentCode: r.department_code, open: Number(r.open), overdue: Number(r.overdue) }));
  }

  /** Rectifications of the evaluations submitted in the period, by status; overdue = open past the deadline. */
  async rectificationCounts(f: MeasureFilter, today: string): Promise<{ open: number; responded: number; followedUp: number; closed: number; overdue: number }> {
    const w = this.where(f, 'e', { day: `(e.submitted_at AT TIME ZONE 'Asia/Shanghai')::date`, department: 'r.department_code' });
    const params = [...w.params, today];
    const rows: Array<{ status: string; n: string; overdue: string }> = await this.ds.query(
      `SELECT r.status, count(*) AS n, count(*) FILTER (WHERE r.status = 'OPEN' AND r.deadline < $${params.length}::date) AS overdue
         FROM rectification r JOIN evaluation e ON e.case_id = r.case_id
        WHERE true ${w.sql} GROUP BY r.status`,
      params,
    );
    const n = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return {
      open: n('OPEN'),
      responded: n('RESPONDED'),
      followedUp: n('FOLLOWED_UP'),
      closed: n('CLOSED'),
      overdue: rows.reduce((s, r) => s + Number(r.overdue), 0),
    };
  }
}
