import { Injectable } from '@nestjs/common';
import type {
  CaseAccepted,
  CaseDecided,
  CaseReceived,
  CaseSummary,
  DocumentHandedOver,
  MaterialStatus,
  MatterPublished,
  TaskAssigned,
  TaskDecided,
  TaskOverdue,
  TaskTransferred,
} from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';

export interface SummaryColumns {
  cityCode: string;
  applicantKey: string;
}

const reusedCount = (materials: MaterialStatus[]) => materials.filter((m) => m.provided && m.reusedFromDocumentNo).length;
const providedCount = (materials: MaterialStatus[]) => materials.filter((m) => m.provided).length;

/**
 * Writes the read model. Every statement is an upsert that sets only the columns its event knows,
 * so events from different topics may arrive in any order and still build the same row.
 */
@Injectable()
export class ReadModelRepository {
  async upsertMatter(tx: EntityManager, m: MatterPublished): Promise<void> {
    await tx.query(
      `INSERT INTO matter_fact (code, version, name, department_code, department_name, visits, online, legal_limit_days, promised_limit_days, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, department_code = EXCLUDED.department_code,
         department_name = EXCLUDED.department_name, visits = EXCLUDED.visits, online = EXCLUDED.online,
         legal_limit_days = EXCLUDED.legal_limit_days, promised_limit_days = EXCLUDED.promised_limit_days,
         status = EXCLUDED.status, updated_at = now()
       WHERE matter_fact.version <= EXCLUDED.version`,
      [m.code, m.version, m.name, m.departmentCode, m.departmentName, m.visits, m.online, m.legalLimitDays, m.promisedLimitDays, m.status],
    );
    // A case received before its matter came (topics are read in parallel, above all in a rebuild)
    // gets the lead department now, as caseReceived would have given it; acceptance still decides.
    await tx.query(
      `UPDATE case_fact SET department_code = $2, updated_at = now()
       WHERE matter_code = $1 AND department_code IS NULL AND accepted_at IS NULL`,
      [m.code, m.departmentCode],
    );
  }

  private async upsertSummary(tx: EntityManager, s: CaseSummary, k: SummaryColumns): Promise<void> {
    await tx.query(
      `INSERT INTO case_fact (case_id, case_no, matter_code, matter_name, region_code, city_code, channel, applicant_kind, applicant_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET case_no = EXCLUDED.case_no, matter_code = EXCLUDED.matter_code,
         matter_name = EXCLUDED.matter_name, region_code = EXCLUDED.region_code, city_code = EXCLUDED.city_code,
         channel = EXCLUDED.channel, applicant_kind = EXCLUDED.applicant_kind, applicant_key = EXCLUDED.applicant_key, updated_at = now()`,
      [s.caseId, s.caseNo, s.matterCode, s.matterName, s.regionCode, k.cityCode, s.channel, s.applicant.kind, k.applicantKey],
    );
  }

  async caseReceived(tx: EntityManager, d: CaseReceived, k: SummaryColumns): Promise<void> {
    await this.upsertSummary(tx, d, k);
    // The department comes with acceptance; until then the matter's lead department stands in.
    await tx.query(
      `UPDATE case_fact SET received_at = $2,
         department_code = COALESCE(department_code, (SELECT department_code FROM matter_fact WHERE code = $3))
       WHERE case_id = $1`,
      [d.caseId, d.receivedAt, d.matterCode],
    );
  }

  async caseAccepted(tx: EntityManager, d: CaseAccepted, k: SummaryColumns): Promise<void> {
    await this.upsertSummary(tx, d, k);
    await tx.query(
      `UPDATE case_fact SET accepted_at = $2, department_code = $3, promised_limit_days = $4, legal_limit_days = $5,
         materials_provided = $6, materials_reused = $7, updated_at = now()
       WHERE case_id = $1`,
      [d.caseId, d.acceptedAt, d.departmentCode, d.promisedLimitDays, d.legalLimitDays, providedCount(d.materials), reusedCount(d.materials)],
    );
  }

  async caseSupplementRequired(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(
      `INSERT INTO case_fact (case_id, intake_supplements) VALUES ($1, 1)
       ON CONFLICT (case_id) DO UPDATE SET intake_supplements = case_fact.intake_supplements + 1, updated_at = now()`,
      [caseId],
    );
  }

  async caseClosedAtIntake(tx: EntityManager, caseId: string, column: 'not_accepted_at' | 'withdrawn_at', at: string): Promise<void> {
    await tx.query(
      `INSERT INTO case_fact (case_id, ${column}) VALUES ($1, $2)
       ON CONFLICT (case_id) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_at = now()`,
      [caseId, at],
    );
  }

  async caseDecided(tx: EntityManager, d: CaseDecided, k: SummaryColumns): Promise<void> {
    await this.upsertSummary(tx, d, k);
    await tx.query(
      `UPDATE case_fact SET decided_at = $2, outcome = $3, department_code = COALESCE(department_code, $4), updated_at = now()
       WHERE case_id = $1`,
      [d.caseId, d.decidedAt, d.outcome, d.leadDepartmentCode],
    );
  }

  /** A case with several result documents counts as handed over with its first one. */
  async documentHandedOver(tx: EntityManager, d: DocumentHandedOver): Promise<void> {
    await tx.query(
      `INSERT INTO case_fact (case_id, case_no, handed_over_at, handover_method) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET
         handover_method = CASE WHEN case_fact.handed_over_at IS NULL OR EXCLUDED.handed_over_at < case_fact.handed_over_at
                                THEN EXCLUDED.handover_method ELSE case_fact.handover_method END,
         handed_over_at = LEAST(case_fact.handed_over_at, EXCLUDED.handed_over_at),
         case_no = COALESCE(case_fact.case_no, EXCLUDED.case_no), updated_at = now()`,
      [d.caseId, d.caseNo, d.handedOverAt, d.method],
    );
  }

  async taskAssigned(tx: EntityManager, d: TaskAssigned): Promise<void> {
    await tx.query(
      `INSERT INTO task_fact (task_id, case_id, case_no, department_code, assigned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO UPDATE SET assigned_at = EXCLUDED.assigned_at, updated_at = now()`,
      [d.taskId, d.caseId, d.caseNo, d.departmentCode, d.assignedAt],
    );
  }

  async taskDecided(tx: EntityManager, d: TaskDecided): Promise<void> {
    await tx.query(
      `INSERT INTO task_fact (task_id, case_id, case_no, department_code, decided_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO UPDATE SET decided_at = EXCLUDED.decided_at, updated_at = now()`,
      [d.taskId, d.caseId, d.caseNo, d.departmentCode, d.decidedAt],
    );
  }

  async taskTransferred(tx: EntityManager, d: TaskTransferred): Promise<void> {
    await tx.query(
      `INSERT INTO task_fact (task_id, case_id, case_no, department_code, transferred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO UPDATE SET transferred_at = EXCLUDED.transferred_at, updated_at = now()`,
      [d.taskId, d.caseId, d.caseNo, d.departmentCode, d.transferredAt],
    );
  }

  /** ESCALATION (legal limit passed) outranks RED (promised limit passed); a later RED never lowers it. */
  async taskOverdue(tx: EntityManager, d: TaskOverdue): Promise<void> {
    await tx.query(
      `INSERT INTO task_fact (task_id, case_id, case_no, department_code, overdue_level, overdue_deadline, overdue_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (task_id) DO UPDATE SET
         overdue_level = CASE WHEN task_fact.overdue_level = 'ESCALATION' THEN 'ESCALATION' ELSE EXCLUDED.overdue_level END,
         overdue_deadline = CASE WHEN task_fact.overdue_level = 'ESCALATION' THEN task_fact.overdue_deadline ELSE EXCLUDED.overdue_deadline END,
         overdue_at = CASE WHEN task_fact.overdue_level = 'ESCALATION' THEN task_fact.overdue_at ELSE EXCLUDED.overdue_at END,
         updated_at = now()`,
      [d.taskId, d.caseId, d.caseNo, d.departmentCode, d.level, d.deadline, d.overdueAt],
    );
  }
}
