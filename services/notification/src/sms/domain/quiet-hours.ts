const CHINA_OFFSET_MS = 8 * 3_600_000; // China has one time zone and no daylight saving time.
const DAY_MS = 86_400_000;

export interface QuietHours {
  /** Minutes after midnight, China time. */
  startMinute: number;
  endMinute: number;
}

/** `22:00-08:00` → the window; empty → none. The configuration checked the shape. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [, sh, sm, eh, em] = m.map(Number);
  const window = { startMinute: sh * 60 + sm, endMinute: eh * 60 + em };
  return window.startMinute === window.endMinute ? undefined : window;
}

/**
 * When `now` falls in the quiet hours, the instant they end (a text waits for it, it is not
 * dropped); otherwise undefined. Windows may span midnight (22:00-08:00).
 */
export function endOfQuietHours(now: Date, quiet: QuietHours | undefined): Date | undefined {
  if (!quiet) return undefined;
  const local = now.getTime() + CHINA_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = Math.floor((local - dayStart) / 60_000);
  const { startMinute: s, endMinute: e } = quiet;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return undefined;
  // The end is today unless the window spans midnight and we are before it.
  const endDay = s > e && minute >= s ? dayStart + DAY_MS : dayStart;
  return new Date(endDay + e * 60_000 - CHINA_OFFSET_MS);
}
