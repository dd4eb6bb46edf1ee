import { Injectable } from '@nestjs/common';
import type { ApprovalTask } from './domain/approval-task';
import { regionScope } from './domain/region-scope';
import { ApprovalTaskRepository, type StatusFilter } from './infrastructure/approval-task.repository';

/** Where a page ends in queue order; the next page starts after it. */
export interface QueuePosition {
  promisedDeadline: string;
  assignedAt: Date;
  id: string;
}

export interface ListTasksQuery {
  departmentCode: string;
  status: StatusFilter;
  matterCode: string;
  regionCode: string;
  pageSize: number;
  after: QueuePosition | null;
}

export interface TaskPage {
  tasks: ApprovalTask[];
  next: QueuePosition | null;
  /** The moment the page describes (lease expiry is judged against it). */
  at: Date;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** One page of the caller's department queue, most urgent first. */
@Injectable()
export class ListTasksUseCase {
  constructor(private readonly tasks: ApprovalTaskRepository) {}

  async execute(q: ListTasksQuery): Promise<TaskPage> {
    const at = new Date();
    const limit = Math.min(q.pageSize || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const rows = await this.tasks.page({
      departmentCode: q.departmentCode,
      status: q.status,
      matterCode: q.matterCode || null,
      regionPrefix: regionScope(q.regionCode),
      after: q.after,
      limit: limit + 1,
      now: at,
    });
    const tasks = rows.slice(0, limit);
    const last = tasks[tasks.length - 1];
    const next =
      rows.length > limit && last
        ? { promisedDeadline: last.promisedDeadline, assignedAt: last.assignedAt, id: last.id }
        : null;
    return { tasks, next, at };
  }
}
