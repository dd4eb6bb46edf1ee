import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { EventPublisher, Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { cancel } from './domain/task-moves';
import { type NewQueueEvent, snapshotOf, SYSTEM_ACTOR } from './domain/task-snapshot';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

export type CaseClosedEvent = CloudEvent<'case.decided'> | CloudEvent<'case.withdrawn'>;

const OPEN = ['PENDING', 'CLAIMED', 'SUPPLEMENT_REQUESTED', 'SUSPENDED'] as const;

/**
 * case.decided (the outcome is known without them) or case.withdrawn → every task of the case still
 * open leaves its queue as CANCELLED with `task.cancelled`, so no officer works on a settled case.
 * Exactly once through the inbox; tasks assigned later for the case never existed (routing opens no
 * stage of a closed plan).
 */
@Injectable()
export class CancelOpenTasksUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: CaseClosedEvent): Promise<void> {
    const caseId = event.data.caseId;
    const cause = event.type === 'case.decided' ? ('CASE_DECIDED' as const) : ('CASE_WITHDRAWN' as const);
    const departments: string[] = [];
    const outcome = await this.inbox.handle(event, async (m) => {
      const now = new Date();
      const open = await this.tasks.ofCaseForUpdate(m, caseId, OPEN);
      const queued: NewQueueEvent[] = [];
      for (const task of open) {
        const cancelled = cancel(task, now);
        if (!cancelled) continue;
        await this.tasks.save(m, cancelled);
        const published = await this.events.publish(
          m,
          EventTypes.TaskCancelled,
          task.caseId,
          {
            taskId: task.id,
            caseId: task.caseId,
            caseNo: task.caseNo,
            departmentCode: task.departmentCode,
            cause,
            cancelledAt: now.toISOString(),
          },
          { correlationid: event.correlationid, id: event.id },
        );
        queued.push({
          departmentCode: task.departmentCode,
          taskId: task.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'REMOVED',
          actor: SYSTEM_ACTOR,
          note: cause === 'CASE_DECIDED' ? '案件已办结' : '申请人已撤回',
          occurredAt: now,
          task: snapshotOf(cancelled, now),
        });
        departments.push(task.departmentCode);
      }
      await this.queueLog.append(m, queued);
    });
    if (outcome === 'processed' && departments.length) {
      this.logger.info({ caseId, cause, cancelled: departments.length }, 'open tasks of a closed case cancelled');
      void this.notifier.announce(departments);
    }
  }
}
