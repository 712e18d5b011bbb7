/**
 * Time-zone arithmetic for scheduling, with the platform's IANA database (Intl): no clock, no I/O.
 * Instants are epoch milliseconds (UTC); wall times are local dates and minutes in a named zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is a time zone the platform knows. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in minutes (e.g. −240 for New York in summer, +330 for Kolkata). */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - (instant - (instant % 1000))) / 60_000);
}

/**
 * The instant of a local wall time in `zone`. A wall time skipped by a spring-forward transition
 * resolves to the instant just after the gap (02:30 → 03:30); one repeated by a fall-back
 * transition resolves to its first occurrence.
 */
export function zonedToUtc(zone: string, date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  // Two candidates around the wall time: the offsets before and after a possible transition.
  const before = zoneOffsetMinutes(zone, wall - 86_400_000 / 2);
  const after = zoneOffsetMinutes(zone, wall + 86_400_000 / 2);
  const candidates = [...new Set([before, after])].map((off) => wall - off * 60_000).sort((a, b) => a - b);
  for (const c of candidates) {
    if (wall - zoneOffsetMinutes(zone, c) * 60_000 === c) return c; // an exact, existing wall time
  }
  // In a gap: move forward by the size of the jump.
  return wall - before * 60_000;
}

/** The local calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function localDate(zone: string, instant: number): string {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** ISO weekday (1 Monday … 7 Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** `days` dates (YYYY-MM-DD) beginning `offset` days from `start`; calendar arithmetic, no zone. */
export function datesFrom(start: string, days: number, offset = 0): string[] {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  return Array.from({ length: Math.max(0, days) }, (_, i) => new Date(Date.UTC(y, m - 1, d + offset + i)).toISOString().slice(0, 10));
}

/**
 * ISO 8601 week of a YYYY-MM-DD date, as "YYYY-Www" (e.g. "2026-W10"). Weeks start on Monday; week 1
 * holds the year's first Thursday, so 1 January may belong to the previous year's last week.
 */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const weekday = new Date(day).getUTCDay() || 7;
  const thursday = new Date(day + (4 - weekday) * 86_400_000); // the week's Thursday decides its year
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
