const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function chinaParts(instant: string | Date) {
  const d = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hh: d.getUTCHours(),
    mm: d.getUTCMinutes(),
  };
}

/** `2026-12-11` → `2026年12月11日` (a calendar date, no time zone involved). */
export function formatCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as a date in China (UTC+8, no daylight saving): `2026年11月27日`. */
export function formatChinaDate(instant: string | Date): string {
  const p = chinaParts(instant);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** An instant as date and time in China: `2026年11月27日 16:05`. */
export function formatChinaDateTime(instant: string | Date): string {
  const p = chinaParts(instant);
  return `${p.y}年${p.m}月${p.d}日 ${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`;
}

/** 张三 → 张*: the applicant learns who collected, a forwarded message does not expose the agent. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
