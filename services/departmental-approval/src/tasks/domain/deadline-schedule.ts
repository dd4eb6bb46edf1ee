import { chinaDate, isWorkingDay, workingDaysBetween } from '@onewindow/domain';
import type { ApprovalTask, StoredTaskStatus } from './approval-task';

/**
 * When a task's deadline warnings fall due (a pure function of its deadlines; stored as due-at rows
 * in PostgreSQL and sent by the deadline sweep):
 *  - YELLOW: at the start (00:00 China time) of the working day `yellowWorkingDays` working days
 *    before the promised deadline (承诺时限);
 *  - RED: when the promised deadline has passed, i.e. at 00:00 of the day after it;
 *  - ESCALATION (督办): when the legal deadline (法定时限) has passed.
 * Deadlines are the last working day of a limit, China time; a task whose clocks stand still
 * (supplement, special procedure) is skipped by the sweep until they run again, when the schedule
 * is recomputed from the moved deadlines.
 */
export type WarningLevel = 'YELLOW' | 'RED' | 'ESCALATION';
export type DeadlineKind = 'PROMISED' | 'LEGAL';

export interface ScheduledWarning {
  level: WarningLevel;
  deadlineKind: DeadlineKind;
  deadline: string;
  dueAt: Date;
}

/** Statuses in which the clocks run, so warnings may be sent. */
export const CLOCK_RUNNING: StoredTaskStatus[] = ['PENDING', 'CLAIMED'];

/** 00:00 China time (UTC+8) of a calendar date, as an instant. */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The working day `n` working days before `deadline` (the deadline itself when n = 0). */
export function workingDaysBefore(deadline: string, n: number): string {
  let date = deadline;
  let left = n;
  while (left > 0) {
    date = dayBefore(date);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

export function warningSchedule(
  task: Pick<ApprovalTask, 'promisedDeadline' | 'legalDeadline'>,
  yellowWorkingDays: number,
): ScheduledWarning[] {
  return [
    {
      level: 'YELLOW',
      deadlineKind: 'PROMISED',
      deadline: task.promisedDeadline,
      dueAt: startOfChinaDay(workingDaysBefore(task.promisedDeadline, yellowWorkingDays)),
    },
    {
      level: 'RED',
      deadlineKind: 'PROMISED',
      deadline: task.promisedDeadline,
      dueAt: startOfChinaDay(dayAfter(task.promisedDeadline)),
    },
    {
      level: 'ESCALATION',
      deadlineKind: 'LEGAL',
      deadline: task.legalDeadline,
      dueAt: startOfChinaDay(dayAfter(task.legalDeadline)),
    },
  ];
}

/** Working days from `now` (China date) to the deadline: 0 = due today, negative = overdue by that many. */
export function workingDaysRemaining(deadline: string, now: Date): number {
  const today = chinaDate(now);
  if (today <= deadline) return workingDaysBetween(today, deadline);
  const overdue = workingDaysBetween(deadline, today);
  return overdue === 0 ? 0 : -overdue;
}
