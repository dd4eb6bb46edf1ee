import { Inject, Injectable } from '@nestjs/common';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { EventPublisher, Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { type ApprovalTask, assignTask } from './domain/approval-task';
import { type NewQueueEvent, snapshotOf, SYSTEM_ACTOR } from './domain/task-snapshot';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { DeadlineWarnings } from './infrastructure/deadline-warnings';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

/**
 * case.routed (and plan.stage-opened for a later stage) → one task per planned task in its department's queue, with `task.assigned` and a
 * queue event each, exactly once: the inbox row, the tasks, the outbox rows and the queue log
 * commit together, and the planned task id is the key, so redelivery changes nothing.
 */
@Injectable()
export class AssignTasksUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    private readonly deadlines: DeadlineWarnings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: CloudEvent<'case.routed'> | CloudEvent<'plan.stage-opened'>): Promise<void> {
    const d = event.data;
    let assigned: ApprovalTask[] = [];
    const outcome = await this.inbox.handle(event, async (m) => {
      const now = new Date();
      // Cancelled tasks mean the case was withdrawn (intake's topic can overtake routing's): a stage
      // that opened before the withdrawal reached routing is not assigned to anyone.
      if (event.type === EventTypes.PlanStageOpened && (await this.tasks.ofCaseForUpdate(m, d.caseId, 'CANCELLED')).length) {
        this.logger.warn({ caseId: d.caseId, eventId: event.id }, 'a stage of a closed case opened; its tasks are not assigned');
        return;
      }
      const candidates = d.tasks.map((planned) =>
        assignTask(
          {
            taskId: planned.taskId,
            departmentCode: planned.departmentCode,
            stage: planned.stage,
            caseId: d.caseId,
            caseNo: d.caseNo,
            planId: d.planId,
            matterCode: d.matterCode,
            matterVersion: d.matterVersion,
            matterName: d.matterName,
            regionCode: d.regionCode,
            // Officers see who applied, never the identity number or contact details.
            applicantDisplayName: d.applicant.name,
            materials: d.materials.map((x) => ({
              code: x.code,
              name: x.name,
              provided: x.provided,
              required: x.required ?? false,
            })),
            acceptedAt: new Date(d.acceptedAt),
            routedAt: new Date(d.routedAt),
            legalLimitDays: d.legalLimitDays,
            promisedLimitDays: d.promisedLimitDays,
          },
          now,
        ),
      );
      // The tasks and their deadline warnings in one statement (the warnings of new tasks only).
      assigned = await this.tasks.insertNew(m, candidates, this.deadlines.scheduleOfNew(candidates));
      const skipped = candidates.filter((c) => !assigned.includes(c));
      if (skipped.length) {
        this.logger.warn(
          {
            caseId: d.caseId,
            eventId: event.id,
            skipped: skipped.map((t) => ({ taskId: t.id, departmentCode: t.departmentCode, stage: t.stage })),
          },
          'case.routed names tasks that already exist for this case, department and stage; kept the existing ones',
        );
      }
      const cause = { correlationid: event.correlationid, id: event.id };
      const queued: NewQueueEvent[] = [];
      for (const t of assigned) {
        const published = await this.events.publish(
          m,
          EventTypes.TaskAssigned,
          t.caseId,
          {
            taskId: t.id,
            caseId: t.caseId,
            caseNo: t.caseNo,
            departmentCode: t.departmentCode,
            matterCode: t.matterCode,
            stage: t.stage,
            assignedAt: t.assignedAt.toISOString(),
          },
          cause,
        );
        queued.push({
          departmentCode: t.departmentCode,
          taskId: t.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'ASSIGNED',
          actor: SYSTEM_ACTOR,
          note: null,
          occurredAt: now,
          task: snapshotOf(t, now),
        });
      }
      await this.queueLog.append(m, queued);
    });
    if (outcome === 'processed') void this.notifier.announce(assigned.map((t) => t.departmentCode));
  }
}
