import { isWorkday } from 'chinese-days';

/**
 * Working-day arithmetic on the Chinese official calendar: public holidays and the weekend days
 * made into workdays (调休), from the `chinese-days` package (updated each year when the State
 * Council publishes the next year's schedule).
 */

/** YYYY-MM-DD of an instant, in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  return isWorkday(date);
}

/**
 * The date by which something accepted on `start` must be done within `days` working days: the
 * acceptance day itself does not count (时限自受理之日的次日起算).
 */
export function addWorkingDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, got ${days}`);
  let date = start;
  let left = days;
  while (left > 0) {
    date = nextDay(date);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return n;
}
