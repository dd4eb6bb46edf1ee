import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, LOGGER, PeriodicJob } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import { workingDaysRemaining } from './domain/deadline-schedule';
import { type NewQueueEvent, snapshotOf, SYSTEM_ACTOR } from './domain/task-snapshot';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { DeadlineWarnings } from './infrastructure/deadline-warnings';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

const BATCH = 100;

/**
 * Sends the deadline warnings that fell due: yellow (`task.deadline-warned`), red and 督办
 * (`task.overdue`), each once per task. The schedule is in PostgreSQL, so a restart loses none and a
 * warning that fell due while no instance ran goes out at the next start. Every instance sweeps;
 * the rows are locked with SKIP LOCKED and marked sent in the transaction that publishes, so
 * exactly one instance sends each warning.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: ApprovalTaskRepository,
    private readonly warnings: DeadlineWarnings,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: DepartmentalApprovalConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.job = new PeriodicJob('deadline sweep', config.DEADLINE_SWEEP_INTERVAL_MS, () => this.sweepAll(), log);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async sweepAll(): Promise<void> {
    while (!this.job.stopping && (await this.sweep()) === BATCH);
  }

  /** One batch; returns how many warnings it sent. */
  async sweep(): Promise<number> {
    const departments = new Set<string>();
    const count = await this.dataSource.transaction(async (m) => {
      const at = this.clock();
      const now = new Date();
      const due = await this.warnings.dueForUpdate(m, at, BATCH);
      const queued: NewQueueEvent[] = [];
      for (const w of due) {
        const task = await this.tasks.find(w.departmentCode, w.taskId, m);
        if (!task) continue;
        const remaining = workingDaysRemaining(w.deadline, at);
        const ref = {
          taskId: task.id,
          caseId: task.caseId,
          caseNo: task.caseNo,
          departmentCode: task.departmentCode,
        };
        const published =
          w.level === 'YELLOW'
            ? await this.events.publish(m, EventTypes.TaskDeadlineWarned, task.caseId, {
                ...ref,
                level: 'YELLOW',
                deadlineKind: w.deadlineKind,
                deadline: w.deadline,
                workingDaysRemaining: Math.max(0, remaining),
                warnedAt: at.toISOString(),
              })
            : await this.events.publish(m, EventTypes.TaskOverdue, task.caseId, {
                ...ref,
                level: w.level,
                deadlineKind: w.deadlineKind,
                deadline: w.deadline,
                workingDaysOverdue: Math.max(0, -remaining),
                overdueAt: at.toISOString(),
              });
        await this.warnings.markSent(m, w, at);
        queued.push({
          departmentCode: task.departmentCode,
          taskId: task.id,
          eventId: published.id,
          eventType: published.type,
          kind: w.level === 'YELLOW' ? 'DEADLINE_WARNED' : 'OVERDUE',
          actor: SYSTEM_ACTOR,
          note: w.level === 'ESCALATION' ? '超过法定时限，督办' : null,
          occurredAt: now,
          task: snapshotOf(task, now),
          deadlineWarning: { kind: w.deadlineKind, deadline: w.deadline, workingDaysRemaining: remaining },
        });
        departments.add(task.departmentCode);
      }
      await this.queueLog.append(m, queued);
      return due.length;
    });
    if (departments.size) void this.notifier.announce([...departments]);
    return count;
  }
}
