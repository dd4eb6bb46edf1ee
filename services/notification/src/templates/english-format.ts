const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** `2026-12-11` → `11 December 2026`. */
export function formatCalendarDateEn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant as a date in China (UTC+8): `27 November 2026`. */
export function formatChinaDateEn(instant: string | Date): string {
  return formatCalendarDateEn(new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10));
}

/** An instant as date and time in China: `2 December 2026, 16:05 (China time)`. */
export function formatChinaDateTimeEn(instant: string | Date): string {
  const iso = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString();
  return `${formatCalendarDateEn(iso.slice(0, 10))}, ${iso.slice(11, 16)} (China time)`;
}
