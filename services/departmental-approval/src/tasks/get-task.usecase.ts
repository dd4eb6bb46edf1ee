import { Injectable } from '@nestjs/common';
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
  ) {}

  async execute(q: { departmentCode: string; taskId: string }): Promise<TaskDetails> {
    const at = new Date();
    const task = await this.tasks.find(q.departmentCode, q.taskId);
    if (!task) throw TaskRuleError.notFound(q.taskId);
    return { task, history: await this.queueLog.historyOf(q.departmentCode, q.taskId), at };
  }
}
