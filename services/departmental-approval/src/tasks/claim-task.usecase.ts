import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import { type ApprovalTask, checkLease, claimRefusal } from './domain/approval-task';
import { snapshotOf } from './domain/task-snapshot';
import { TaskRuleError } from './domain/task-rule-error';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

export interface ClaimTaskCommand {
  departmentCode: string;
  taskId: string;
  officerId: string;
  /** Null for the configured default lease. */
  leaseMs: number | null;
}

/** Gives one officer an exclusive, time-limited lease on a task (or renews the officer's own). */
@Injectable()
export class ClaimTaskUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    @Inject(CONFIG) private readonly config: DepartmentalApprovalConfig,
  ) {}

  async execute(cmd: ClaimTaskCommand): Promise<ApprovalTask> {
    const leaseMs = cmd.leaseMs ?? this.config.CLAIM_LEASE_MINUTES * 60_000;
    checkLease(leaseMs);
    const claimed = await this.dataSource.transaction(async (m) => {
      const now = new Date();
      const leaseExpiresAt = new Date(now.getTime() + leaseMs);
      // tryClaim bounds the transaction's lock waits in the same statement.
      const attempt = await this.tasks.tryClaim(m, {
        departmentCode: cmd.departmentCode,
        id: cmd.taskId,
        officerId: cmd.officerId,
        now,
        leaseExpiresAt,
      });
      if (!attempt.claimed) {
        // Why it was lost: the row the claim saw says so, unless it looked claimable (then another
        // change committed while the claim waited, and a fresh read shows it).
        const seenRefusal = attempt.seen && claimRefusal(attempt.seen, cmd.officerId, now);
        if (seenRefusal) throw seenRefusal;
        const current = await this.tasks.find(cmd.departmentCode, cmd.taskId, m);
        if (!current) throw TaskRuleError.notFound(cmd.taskId);
        throw (
          claimRefusal(current, cmd.officerId, now) ??
          new TaskRuleError(
            'precondition',
            'TASK_NOT_CLAIMABLE',
            `task ${cmd.taskId} changed while it was being claimed; try again`,
          )
        );
      }
      const task = attempt.claimed;
      const published = await this.events.publish(m, EventTypes.TaskClaimed, task.caseId, {
        taskId: task.id,
        caseId: task.caseId,
        caseNo: task.caseNo,
        departmentCode: task.departmentCode,
        officerId: cmd.officerId,
        claimedAt: now.toISOString(),
        leaseExpiresAt: leaseExpiresAt.toISOString(),
      });
      await this.queueLog.append(m, [
        {
          departmentCode: task.departmentCode,
          taskId: task.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'CLAIMED',
          actor: cmd.officerId,
          note: null,
          occurredAt: now,
          task: snapshotOf(task, now),
        },
      ]);
      return task;
    });
    void this.notifier.announce([cmd.departmentCode]);
    return claimed;
  }
}
