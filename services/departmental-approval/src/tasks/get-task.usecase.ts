import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@onewindow/platform';
import type { ApprovalTask } from './domain/approval-task';
import type { QueueEvent } from './domain/task-snapshot';
import { TaskRuleError } from './domain/task-rule-error';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';

export interface TaskDetails {
  task: ApprovalTask;
  history: QueueEvent[];
  at: Date;
}

/** One task of the caller's department with its history; another department's task does not exist. */
@Injectable()
export class GetTaskUseCase {
  constructor(
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly audit: AuditTrail,
  ) {}

  async execute(q: { departmentCode: string; taskId: string }): Promise<TaskDetails> {
    const at = new Date();
    const task = await this.tasks.find(q.departmentCode, q.taskId);
    if (!task) throw TaskRuleError.notFound(q.taskId);
    // The task carries the case summary (applicant included): a person's read is on the trail too.
    await this.audit.record({ action: 'task.read', subjectType: 'task', subjectId: task.id, details: { caseId: task.caseId, departmentCode: q.departmentCode } });
    return { task, history: await this.queueLog.historyOf(q.departmentCode, q.taskId), at };
  }
}
