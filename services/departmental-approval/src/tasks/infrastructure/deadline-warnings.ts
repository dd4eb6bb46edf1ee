import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import type { DepartmentalApprovalConfig } from '../../config/departmental-approval.config';
import type { ApprovalTask } from '../domain/approval-task';
import { type DeadlineKind, type ScheduledWarning, warningSchedule, type WarningLevel } from '../domain/deadline-schedule';
import { DeadlineWarningEntity } from './task.entities';

export interface DueWarning {
  taskId: string;
  departmentCode: string;
  level: WarningLevel;
  deadlineKind: DeadlineKind;
  deadline: string;
}

/** A scheduled warning of a task, not yet sent. */
export type NewWarning = ScheduledWarning & { taskId: string };

/** The deadline-warning schedule in PostgreSQL: one row per task and level, sent once. */
@Injectable()
export class DeadlineWarnings {
  constructor(@Inject(CONFIG) private readonly config: DepartmentalApprovalConfig) {}

  /**
   * The warning rows of tasks that are new (their rows are being inserted, so they have no warnings
   * yet): `ApprovalTaskRepository.insertNew` writes them in the statement that inserts the tasks.
   */
  scheduleOfNew(tasks: readonly ApprovalTask[]): NewWarning[] {
    return tasks.flatMap((t) =>
      warningSchedule(t, this.config.DEADLINE_YELLOW_WORKING_DAYS).map((w) => ({ taskId: t.id, ...w })),
    );
  }

  /**
   * (Re)computes the unsent warnings of tasks whose deadlines were set or moved; warnings already
   * sent stay sent (each level goes out once per task).
   */
  async reschedule(m: EntityManager, tasks: ApprovalTask[]): Promise<void> {
    for (const t of tasks) {
      await m.query('DELETE FROM deadline_warning WHERE task_id = $1 AND sent_at IS NULL', [t.id]);
      const rows = warningSchedule(t, this.config.DEADLINE_YELLOW_WORKING_DAYS).map((w) =>
        Object.assign(new DeadlineWarningEntity(), { taskId: t.id, ...w, sentAt: null }),
      );
      await m.createQueryBuilder().insert().into(DeadlineWarningEntity).values(rows).orIgnore().execute();
    }
  }

  /**
   * Up to `limit` unsent warnings due at `now` of tasks whose clocks run (PENDING or CLAIMED), with
   * the warning and task rows locked; rows another instance holds are skipped (SKIP LOCKED).
   */
  async dueForUpdate(m: EntityManager, now: Date, limit: number): Promise<DueWarning[]> {
    const rows: Array<{
      task_id: string;
      department_code: string;
      level: WarningLevel;
      deadline_kind: DeadlineKind;
      deadline: string;
    }> = await m.query(
      `SELECT w.task_id, t.department_code, w.level, w.deadline_kind, to_char(w.deadline, 'YYYY-MM-DD') AS deadline
         FROM deadline_warning w JOIN approval_task t ON t.id = w.task_id
        WHERE w.sent_at IS NULL AND w.due_at <= $1 AND t.status IN ('PENDING', 'CLAIMED')
        ORDER BY w.due_at, w.task_id, w.level
        LIMIT $2
        FOR UPDATE OF w, t SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => ({
      taskId: r.task_id,
      departmentCode: r.department_code,
      level: r.level,
      deadlineKind: r.deadline_kind,
      deadline: r.deadline,
    }));
  }

  async markSent(m: EntityManager, w: DueWarning, at: Date): Promise<void> {
    // The row is locked by dueForUpdate in this transaction.
    await m.update(DeadlineWarningEntity, { taskId: w.taskId, level: w.level }, { sentAt: at });
  }
}
