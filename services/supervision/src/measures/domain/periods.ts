/** ISO 8601 week of a calendar date (YYYY-MM-DD): `2026-W48`. Weeks start on Monday, as 一周一调度 does. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the week's Thursday decides its year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week `YYYY-Www`, and the week before it. */
export function weekRange(week: string): { from: string; to: string; previous: string } {
  const [y, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4)); // always in week 1
  const monday = new Date(jan4.getTime() + ((w - 1) * 7 - ((jan4.getUTCDay() || 7) - 1)) * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: day(monday), to: day(sunday), previous: isoWeek(day(new Date(monday.getTime() - 86_400_000))) };
}

export const monthOf = (date: string): string => date.slice(0, 7);

/** First and last day of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A share as a fraction rounded to 4 places; null when nothing was counted (0/0 is not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export function average(values: number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
}
