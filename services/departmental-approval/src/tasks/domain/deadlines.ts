import { addWorkingDays, chinaDate, workingDaysBetween } from '@onewindow/domain';

export interface DeadlineInput {
  /** When the window accepted the case (受理); null when the routing event does not say. */
  acceptedAt: Date | null;
  /** When the case was routed: the clock's start when the acceptance time is unknown. */
  routedAt: Date;
  promisedLimitDays: number;
  legalLimitDays: number;
  /** Working days the clocks stood still (supplements, special procedures); they push both deadlines. */
  pausedWorkingDays?: number;
}

export interface Deadlines {
  /** The China-time calendar date the clock starts from (the day itself does not count). */
  clockStartDate: string;
  /** Last working day of the promised limit (承诺时限), YYYY-MM-DD. */
  promisedDeadline: string;
  /** Last working day of the legal limit (法定时限), YYYY-MM-DD. */
  legalDeadline: string;
}

/**
 * Working days a pause from `since` to `until` stopped the clocks: the working days after the day
 * it began, up to and including the day it ended (the day it began was a day of work).
 */
export function pausedWorkingDaysBetween(since: Date, until: Date): number {
  return workingDaysBetween(chinaDate(since), chinaDate(until));
}

/**
 * Both limits are counted in working days on the national calendar from the day after acceptance,
 * so deadlines are calendar dates in China Standard Time, never instants.
 */
export function computeDeadlines(input: DeadlineInput): Deadlines {
  const clockStartDate = chinaDate(input.acceptedAt ?? input.routedAt);
  const paused = input.pausedWorkingDays ?? 0;
  return {
    clockStartDate,
    promisedDeadline: addWorkingDays(clockStartDate, input.promisedLimitDays + paused),
    legalDeadline: addWorkingDays(clockStartDate, input.legalLimitDays + paused),
  };
}
