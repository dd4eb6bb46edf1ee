import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ulid } from 'ulid';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import type { ApprovalTask, SuspensionKind } from './domain/approval-task';
import {
  addOpinion,
  release,
  requestSupplement,
  resume,
  type SupplementItem,
  suspend,
  transfer,
} from './domain/task-moves';
import { type QueueEvent, type QueueEventKind, snapshotOf, type TaskSnapshot } from './domain/task-snapshot';
import { TaskRuleError } from './domain/task-rule-error';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { DeadlineWarnings } from './infrastructure/deadline-warnings';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';
import { TaskRequestEntity } from './infrastructure/task.entities';

interface TaskRef {
  departmentCode: string;
  taskId: string;
  officerId: string;
}

/** Mutating calls with a request id: a repeat with the same content answers the first result. */
interface RequestRef extends TaskRef {
  requestId: string;
}

export interface ReleaseTaskCommand extends TaskRef {
  note: string;
}
export interface AddOpinionCommand extends RequestRef {
  text: string;
}
export interface RequestSupplementCommand extends RequestRef {
  items: SupplementItem[];
  note: string;
}
export interface SuspendTaskCommand extends RequestRef {
  kind: SuspensionKind;
  reason: string;
  plannedDays: number;
}
export interface ResumeTaskCommand extends RequestRef {
  note: string;
}
export interface TransferTaskCommand extends RequestRef {
  targetDepartmentCode: string;
  reason: string;
}

/** What a call produced: the task right after it, and its history entry (null for a no-op). */
export interface MoveResult {
  task: TaskSnapshot;
  entry: QueueEvent | null;
}

interface Move {
  task: ApprovalTask;
  kind: QueueEventKind;
  actor: string;
  note: string | null;
  /** Publishes the task.* event through the outbox. */
  publish(m: EntityManager): Promise<{ id: string; type: string }>;
  /** A task this move creates in another queue (transfer), with its own publication. */
  created?: { task: ApprovalTask; publish(m: EntityManager): Promise<{ id: string; type: string }> };
}

function digestOf(rpc: string, content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([rpc, content]))
    .digest('base64url');
}

/**
 * ReleaseTask, AddOpinion, RequestSupplement, SuspendTask, ResumeTask, TransferTask. Each locks the
 * task row, applies one domain move, and in the same transaction stores the task, publishes its
 * task.* event (outbox), appends the queue event and remembers the request id.
 */
@Injectable()
export class TaskMovesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    private readonly deadlines: DeadlineWarnings,
    @Inject(CONFIG) private readonly config: DepartmentalApprovalConfig,
  ) {}

  private ref(t: ApprovalTask) {
    return { taskId: t.id, caseId: t.caseId, caseNo: t.caseNo, departmentCode: t.departmentCode };
  }

  release(cmd: ReleaseTaskCommand): Promise<MoveResult> {
    return this.run(cmd, null, (task, now) => {
      const released = release(task, cmd.officerId, now);
      if (!released) return null;
      const note = cmd.note.trim() || null;
      return {
        task: released,
        kind: 'RELEASED',
        actor: cmd.officerId,
        note,
        publish: (m) =>
          this.events.publish(m, EventTypes.TaskReleased, task.caseId, {
            ...this.ref(task),
            officerId: cmd.officerId,
            cause: 'RELEASED',
            ...(note ? { note } : {}),
            releasedAt: now.toISOString(),
          }),
      };
    });
  }

  addOpinion(cmd: AddOpinionCommand): Promise<MoveResult> {
    const text = cmd.text.trim();
    return this.run(cmd, { rpc: 'AddOpinion', content: [cmd.officerId, text] }, (task, now) => ({
      task: addOpinion(task, cmd.officerId, text, now),
      kind: 'CHANGED',
      actor: cmd.officerId,
      note: text,
      publish: (m) =>
        this.events.publish(m, EventTypes.TaskOpinionAdded, task.caseId, {
          ...this.ref(task),
          officerId: cmd.officerId,
          text,
          addedAt: now.toISOString(),
        }),
    }));
  }

  requestSupplement(cmd: RequestSupplementCommand): Promise<MoveResult> {
    const note = cmd.note.trim();
    const content = [cmd.officerId, cmd.items, note];
    return this.run(cmd, { rpc: 'RequestSupplement', content }, (task, now) => ({
      task: requestSupplement(task, cmd.officerId, cmd.items, note, now),
      kind: 'CHANGED',
      actor: cmd.officerId,
      note: [note, ...cmd.items.map((i) => i.description)].filter(Boolean).join('; '),
      publish: (m) =>
        this.events.publish(m, EventTypes.TaskSupplementRequested, task.caseId, {
          ...this.ref(task),
          officerId: cmd.officerId,
          items: cmd.items.map((i) => ({
            ...(i.materialCode ? { materialCode: i.materialCode } : {}),
            description: i.description,
            ...(i.problem ? { problem: i.problem } : {}),
          })),
          ...(note ? { note } : {}),
          requestedAt: now.toISOString(),
        }),
    }));
  }

  suspend(cmd: SuspendTaskCommand): Promise<MoveResult> {
    const reason = cmd.reason.trim();
    const content = [cmd.officerId, cmd.kind, reason, cmd.plannedDays];
    return this.run(cmd, { rpc: 'SuspendTask', content }, (task, now) => ({
      task: suspend(task, cmd.officerId, cmd.kind, reason, now),
      kind: 'CHANGED',
      actor: cmd.officerId,
      note: reason,
      publish: (m) =>
        this.events.publish(m, EventTypes.TaskSuspended, task.caseId, {
          ...this.ref(task),
          officerId: cmd.officerId,
          kind: cmd.kind,
          reason,
          plannedDays: cmd.plannedDays,
          suspendedAt: now.toISOString(),
        }),
    }));
  }

  resume(cmd: ResumeTaskCommand): Promise<MoveResult> {
    const note = cmd.note.trim();
    return this.run(cmd, { rpc: 'ResumeTask', content: [cmd.officerId, note] }, (task, now) => {
      const r = resume(task, this.config.CLAIM_LEASE_MINUTES * 60_000, now);
      return {
        task: r.task,
        kind: 'CHANGED',
        actor: cmd.officerId,
        note: note || null,
        publish: (m) =>
          this.events.publish(m, EventTypes.TaskResumed, task.caseId, {
            ...this.ref(task),
            officerId: cmd.officerId,
            ...(note ? { note } : {}),
            pausedWorkingDays: r.pausedDays,
            promisedDeadline: r.task.promisedDeadline,
            legalDeadline: r.task.legalDeadline,
            resumedAt: now.toISOString(),
          }),
      };
    });
  }

  transfer(cmd: TransferTaskCommand): Promise<MoveResult> {
    const reason = cmd.reason.trim();
    const content = [cmd.officerId, cmd.targetDepartmentCode, reason];
    return this.run(cmd, { rpc: 'TransferTask', content }, (task, now) => {
      const { transferred, created } = transfer(
        task,
        cmd.officerId,
        { departmentCode: cmd.targetDepartmentCode, newTaskId: ulid() },
        reason,
        now,
      );
      return {
        task: transferred,
        kind: 'REMOVED',
        actor: cmd.officerId,
        note: reason,
        publish: (m) =>
          this.events.publish(m, EventTypes.TaskTransferred, task.caseId, {
            ...this.ref(task),
            officerId: cmd.officerId,
            targetDepartmentCode: cmd.targetDepartmentCode,
            newTaskId: created.id,
            stage: task.stage,
            reason,
            transferredAt: now.toISOString(),
          }),
        created: {
          task: created,
          publish: (m) =>
            this.events.publish(m, EventTypes.TaskAssigned, created.caseId, {
              ...this.ref(created),
              matterCode: created.matterCode,
              stage: created.stage,
              assignedAt: created.assignedAt.toISOString(),
            }),
        },
      };
    });
  }

  private async run(
    ref: TaskRef & { requestId?: string },
    request: { rpc: string; content: unknown } | null,
    move: (task: ApprovalTask, now: Date) => Move | null,
  ): Promise<MoveResult> {
    const departments = new Set<string>();
    const result = await this.dataSource.transaction(async (m): Promise<MoveResult> => {
      const now = new Date();
      // findForUpdate bounds the transaction's lock waits in the same statement.
      const task = await this.tasks.findForUpdate(m, ref.departmentCode, ref.taskId);
      if (!task) throw TaskRuleError.notFound(ref.taskId);
      const digest = request ? digestOf(request.rpc, request.content) : null;
      if (request && ref.requestId) {
        const seen = await m.findOneBy(TaskRequestEntity, { taskId: task.id, requestId: ref.requestId });
        if (seen) {
          if (seen.rpc !== request.rpc || seen.digest !== digest) {
            throw new TaskRuleError(
              'precondition',
              'REQUEST_ID_REUSED',
              `request_id ${ref.requestId} was used for a different request`,
            );
          }
          const entry = await this.queueLog.byCursor(m, seen.queueEventId);
          return { task: entry.task, entry };
        }
      }
      const done = move(task, now);
      if (!done) return { task: snapshotOf(task, now), entry: null };
      await this.tasks.save(m, done.task);
      if (
        done.task.promisedDeadline !== task.promisedDeadline ||
        done.task.legalDeadline !== task.legalDeadline
      ) {
        await this.deadlines.reschedule(m, [done.task]);
      }
      const queued = [];
      if (done.created) {
        const created = done.created.task;
        const inserted = await this.tasks.insertNew(m, [created], this.deadlines.scheduleOfNew([created]));
        if (inserted.length === 0) {
          throw new TaskRuleError(
            'already-exists',
            'TASK_ALREADY_IN_DEPARTMENT',
            `department ${done.created.task.departmentCode} already has a task of this case and stage`,
          );
        }
      }
      const published = await done.publish(m);
      queued.push({
        departmentCode: done.task.departmentCode,
        taskId: done.task.id,
        eventId: published.id,
        eventType: published.type,
        kind: done.kind,
        actor: done.actor,
        note: done.note,
        occurredAt: now,
        task: snapshotOf(done.task, now),
      });
      if (done.created) {
        const c = done.created.task;
        const assigned = await done.created.publish(m);
        queued.push({
          departmentCode: c.departmentCode,
          taskId: c.id,
          eventId: assigned.id,
          eventType: assigned.type,
          kind: 'ASSIGNED' as const,
          actor: done.actor,
          note: done.note,
          occurredAt: now,
          task: snapshotOf(c, now),
        });
      }
      await this.queueLog.append(m, queued);
      for (const q of queued) departments.add(q.departmentCode);
      // Under the audit chain's lock until commit: one statement more at most.
      const entry =
        request && ref.requestId && digest
          ? await this.queueLog.recordRequest(m, published.id, {
              taskId: task.id,
              requestId: ref.requestId,
              rpc: request.rpc,
              digest,
              createdAt: now,
            })
          : await this.queueLog.byEventId(m, published.id);
      return { task: entry.task, entry };
    });
    if (departments.size) void this.notifier.announce([...departments]);
    return result;
  }
}
