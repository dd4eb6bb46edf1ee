import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { EventPublisher } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ApprovalTask,
  checkDecision,
  decide,
  type DecideResult,
  decidedStatus,
  decisionOf,
  type DecisionOutcome,
} from './domain/approval-task';
import { snapshotOf } from './domain/task-snapshot';
import { TaskRuleError } from './domain/task-rule-error';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

export interface DecideTaskCommand {
  departmentCode: string;
  taskId: string;
  requestId: string;
  officerId: string;
  outcome: DecisionOutcome;
  reason: string;
  opinion: string;
  pendingMaterialCodes: string[];
}

function digestOf(cmd: DecideTaskCommand): string {
  const content = [
    cmd.officerId,
    cmd.outcome,
    cmd.reason.trim(),
    cmd.opinion.trim(),
    cmd.pendingMaterialCodes,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

/**
 * Records a department's final decision, idempotently by request id: the decision is a conditional
 * UPDATE of the task row, so a repeated request waits for the first's row lock, matches nothing, and
 * then finds its decision.
 */
@Injectable()
export class DecideTaskUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
  ) {}

  async execute(cmd: DecideTaskCommand): Promise<ApprovalTask> {
    checkDecision(cmd);
    const requestDigest = digestOf(cmd);
    const result = await this.dataSource.transaction(async (m) => {
      const now = new Date();
      const r = await this.decideOnce(m, { ...cmd, requestDigest }, now);
      if (r.kind === 'repeated') return r;
      const decided = r.task;
      const decision = decided.decision!;
      const published = await this.events.publish(m, EventTypes.TaskDecided, decided.caseId, {
        taskId: decided.id,
        caseId: decided.caseId,
        caseNo: decided.caseNo,
        departmentCode: decided.departmentCode,
        officerId: decision.decidedBy,
        outcome: decision.outcome === 'DENIED' ? 'DENIED' : 'APPROVED',
        documentsPending: decision.outcome === 'APPROVED_PENDING_DOCUMENTS',
        ...(decision.reason ? { reason: decision.reason } : {}),
        ...(decision.opinion ? { opinion: decision.opinion } : {}),
        decidedAt: decision.decidedAt.toISOString(),
      });
      await this.queueLog.append(m, [
        {
          departmentCode: decided.departmentCode,
          taskId: decided.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'DECIDED',
          actor: decision.decidedBy,
          note: decision.reason ?? decision.opinion,
          occurredAt: now,
          task: snapshotOf(decided, now),
        },
      ]);
      return r;
    });
    if (result.kind === 'decided') void this.notifier.announce([cmd.departmentCode]);
    return result.task;
  }

  /**
   * The decision as one conditional UPDATE (`tryDecide`, which also bounds the lock waits): it
   * writes only where `decide` would decide. When it matches nothing, the row as it now is tells
   * why, by the same `decide` as ever: a repeat of this request (answered with the task as decided),
   * or a refusal. Should the row have become decidable in between (the officer's own claim committing
   * meanwhile), the UPDATE is tried again.
   */
  private async decideOnce(m: EntityManager, cmd: DecideTaskCommand & { requestDigest: string }, now: Date): Promise<DecideResult> {
    for (let attempt = 1; ; attempt++) {
      const task = await this.tasks.tryDecide(m, {
        departmentCode: cmd.departmentCode,
        id: cmd.taskId,
        status: decidedStatus(cmd.outcome),
        decision: decisionOf(cmd, now),
      });
      if (task) return { kind: 'decided', task };
      const current = await this.tasks.find(cmd.departmentCode, cmd.taskId, m);
      if (!current) throw TaskRuleError.notFound(cmd.taskId);
      const r = decide(current, cmd, now);
      if (r.kind === 'repeated') return r;
      if (attempt >= 3) {
        throw new TaskRuleError(
          'precondition',
          'TASK_NOT_CLAIMED_BY_OFFICER',
          `task ${cmd.taskId} changed while it was being decided; try again`,
        );
      }
    }
  }
}
