import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, Inbox } from '@onewindow/platform';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import { supplementReceived } from './domain/task-moves';
import { type NewQueueEvent, snapshotOf, SYSTEM_ACTOR } from './domain/task-snapshot';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { DeadlineWarnings } from './infrastructure/deadline-warnings';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

/**
 * case.supplemented → every task of the case waiting for a supplement continues (the same task, not
 * a new one): CLAIMED again by the officer who asked, clocks running from where they stopped.
 * Exactly once through the inbox; a case with no waiting task changes nothing.
 */
@Injectable()
export class SupplementReceivedUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    private readonly deadlines: DeadlineWarnings,
    @Inject(CONFIG) private readonly config: DepartmentalApprovalConfig,
  ) {}

  async execute(event: CloudEvent<'case.supplemented'>): Promise<void> {
    const d = event.data;
    const departments: string[] = [];
    const outcome = await this.inbox.handle(event, async (m) => {
      const now = new Date();
      const waiting = await this.tasks.ofCaseForUpdate(m, d.caseId, 'SUPPLEMENT_REQUESTED');
      const queued: NewQueueEvent[] = [];
      for (const task of waiting) {
        const r = supplementReceived(task, d.materials, this.config.CLAIM_LEASE_MINUTES * 60_000, now);
        if (!r) continue;
        await this.tasks.save(m, r.task);
        await this.deadlines.reschedule(m, [r.task]);
        const published = await this.events.publish(
          m,
          EventTypes.TaskSupplemented,
          task.caseId,
          {
            taskId: task.id,
            caseId: task.caseId,
            caseNo: task.caseNo,
            departmentCode: task.departmentCode,
            officerId: r.task.claimedBy!,
            pausedWorkingDays: r.pausedDays,
            promisedDeadline: r.task.promisedDeadline,
            legalDeadline: r.task.legalDeadline,
            supplementedAt: now.toISOString(),
          },
          { correlationid: event.correlationid, id: event.id },
        );
        queued.push({
          departmentCode: task.departmentCode,
          taskId: task.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'CHANGED',
          actor: SYSTEM_ACTOR,
          note: null,
          occurredAt: now,
          task: snapshotOf(r.task, now),
        });
        departments.push(task.departmentCode);
      }
      await this.queueLog.append(m, queued);
    });
    if (outcome === 'processed' && departments.length) void this.notifier.announce(departments);
  }
}
