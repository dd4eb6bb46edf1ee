import { chinaDate, isWorkingDay } from '@onewindow/domain';

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A result waiting at the window is overdue once more than `workingDays` working days (Chinese
 * calendar with 调休) have passed since its issue date. Returns the instant before which a result
 * must have been issued to be overdue `now`: 00:00 China time of the day after the last such issue date.
 */
export function uncollectedCutoff(now: Date, workingDays: number): Date {
  let day = chinaDate(now);
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day)) counted++;
    if (counted > workingDays) break;
    day = previousDay(day);
  }
  // Issued on a date before `day`: the working days from its next day through today exceed the limit.
  return new Date(`${day}T00:00:00+08:00`);
}
