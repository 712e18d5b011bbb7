import { isValidZone, zonedToUtc, zoneOffsetMinutes } from '../../../core/scheduling/time.ts';

/**
 * Pure pieces of the scheduling pages: the weekly-hours editor, local date + time + zone ↔ instants,
 * window rows, the schedule search form and the timeline layout of a proposed loop.
 */

export type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** ISO weekdays as the contract keys them ("1" Monday … "7" Sunday). */
export const weekdays: readonly { key: WeekdayKey; name: string }[] = [
  { key: '1', name: 'Monday' },
  { key: '2', name: 'Tuesday' },
  { key: '3', name: 'Wednesday' },
  { key: '4', name: 'Thursday' },
  { key: '5', name: 'Friday' },
  { key: '6', name: 'Saturday' },
  { key: '7', name: 'Sunday' },
];

/** Time zones offered in the "Time zone" datalists (any IANA zone may be typed). */
export const commonTimeZones: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
];

/** The browser's IANA time zone (UTC when the platform does not say). */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function zoneProblem(zone: string): string | undefined {
  const z = zone.trim();
  if (!z) return 'Enter a time zone';
  if (!isValidZone(z)) return 'Use an IANA time zone such as Europe/Berlin';
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Minutes of the day as an `<input type="time">` value: 540 → "09:00"; the day's end (1440) → "00:00". */
export function minutesToTime(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * An `<input type="time">` value as minutes of the day; null when incomplete. As the end of a span,
 * "00:00" is midnight at the end of the day (1440).
 */
export function timeToMinutes(value: string, isEnd = false): number | null {
  const m = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  const total = h * 60 + min;
  return isEnd && total === 0 ? 1440 : total;
}

// ---------- Weekly hours ----------

export interface DayRow {
  on: boolean;
  from: string;
  to: string;
}
export type WeekRows = Record<WeekdayKey, DayRow>;
export type WorkingHours = Partial<Record<WeekdayKey, [number, number][]>>;

const defaultFrom = '09:00';
const defaultTo = '17:00';

/** Monday–Friday 09:00–17:00, the editor's start for a profile nobody has saved yet. */
export function defaultWeekRows(): WeekRows {
  const rows = {} as WeekRows;
  for (const d of weekdays) rows[d.key] = { on: Number(d.key) <= 5, from: defaultFrom, to: defaultTo };
  return rows;
}

/**
 * The editor's rows from a saved profile. The editor holds one span a day: a day saved with several
 * spans shows from its first start to its last end, and is listed in `merged`.
 */
export function rowsFromHours(hours: Record<string, [number, number][]> | undefined, isDefault: boolean): { rows: WeekRows; merged: WeekdayKey[] } {
  if (isDefault || !hours) return { rows: defaultWeekRows(), merged: [] };
  const rows = {} as WeekRows;
  const merged: WeekdayKey[] = [];
  for (const d of weekdays) {
    const spans = (hours[d.key] ?? []).filter(([a, b]) => b > a);
    if (spans.length === 0) {
      rows[d.key] = { on: false, from: defaultFrom, to: defaultTo };
      continue;
    }
    const start = Math.min(...spans.map((s) => s[0]));
    const end = Math.max(...spans.map((s) => s[1]));
    if (spans.length > 1) merged.push(d.key);
    rows[d.key] = { on: true, from: minutesToTime(start), to: minutesToTime(end) };
  }
  return { rows, merged };
}

/** The contract's `workingHours` from the editor's rows, or the problem of each bad row. */
export function hoursFromRows(rows: WeekRows): { hours: WorkingHours; errors: Partial<Record<WeekdayKey, string>> } {
  const hours: WorkingHours = {};
  const errors: Partial<Record<WeekdayKey, string>> = {};
  for (const d of weekdays) {
    const row = rows[d.key];
    if (!row.on) continue;
    const from = timeToMinutes(row.from);
    const to = timeToMinutes(row.to, true);
    if (from === null || to === null) errors[d.key] = `Enter both times for ${d.name}`;
    else if (to <= from) errors[d.key] = `${d.name} must end after it starts`;
    else hours[d.key] = [[from, to]];
  }
  return { hours, errors };
}

/** The weekday row a server issue path is about (`workingHours.3.0.1` → "3"). */
export function weekdayOfIssue(path: string): WeekdayKey | null {
  const m = /^workingHours\.([1-7])(?:\.|$)/.exec(path);
  return m ? (m[1] as WeekdayKey) : null;
}

/** "Interviews per day" as typed: blank is no limit (null); otherwise a whole number. */
export function parseLimit(value: string): number | null | 'invalid' {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d+$/.test(v)) return 'invalid';
  return Number(v);
}

// ---------- Instants and local wall times ----------

/**
 * A local date ("2026-03-29") and time ("10:00") in `zone` as an ISO instant; null when either is
 * incomplete or the zone unknown. A time skipped by a spring-forward jump resolves to just after the
 * gap; a repeated one to its first occurrence. As an end (`isEnd`), "00:00" is the next midnight.
 */
export function localToIso(date: string, time: string, zone: string, isEnd = false): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const minutes = timeToMinutes(time, isEnd);
  if (minutes === null || !isValidZone(zone)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return new Date(zonedToUtc(zone, date, minutes)).toISOString();
}

/** A `datetime-local` value ("2026-03-29T10:00") in `zone` as an ISO instant, or null. */
export function dateTimeLocalToIso(value: string, zone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  return localToIso(m[1]!, m[2]!, zone);
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes since the local midnight. */
  minutes: number;
}

/** The local date and time of an instant in `zone` (UTC when the zone is unknown). */
export function isoToLocal(iso: string, zone: string): LocalParts | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const z = isValidZone(zone) ? zone : 'UTC';
  const wall = new Date(t + zoneOffsetMinutes(z, t) * 60_000);
  const minutes = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return { date: wall.toISOString().slice(0, 10), time: minutesToTime(minutes), minutes };
}

/** An instant as a `datetime-local` value in `zone` ("2026-03-29T10:00"). */
export function isoToDateTimeLocal(iso: string, zone: string): string {
  const p = isoToLocal(iso, zone);
  return p ? `${p.date}T${p.time}` : '';
}

const weekdayShort = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A YYYY-MM-DD date as "Tue 3 Mar" (with the year when `withYear`). */
export function formatDay(date: string, withYear = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${weekdayShort[(w + 6) % 7]} ${d} ${monthShort[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** A span in `zone`: "Tue 3 Mar, 10:00–11:00", or "Tue 3 Mar, 22:00 – Wed 4 Mar, 02:00" across midnight. */
export function formatSpan(startsAt: string, endsAt: string, zone: string): string {
  const a = isoToLocal(startsAt, zone);
  const b = isoToLocal(endsAt, zone);
  if (!a || !b) return `${startsAt} – ${endsAt}`;
  if (a.date === b.date) return `${formatDay(a.date)}, ${a.time}–${b.time}`;
  // Ending exactly at the next midnight reads as "–24:00" of the same day.
  if (b.minutes === 0 && Date.parse(endsAt) - Date.parse(startsAt) <= 86_400_000 && nextDate(a.date) === b.date) {
    return `${formatDay(a.date)}, ${a.time}–24:00`;
  }
  return `${formatDay(a.date)}, ${a.time} – ${formatDay(b.date)}, ${b.time}`;
}

/** The calendar date after a YYYY-MM-DD date. */
export function nextDate(date: string, days = 1): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date in the browser's zone (YYYY-MM-DD). */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------- Availability windows (candidate) ----------

export interface WindowRow {
  key: number;
  date: string;
  from: string;
  to: string;
}
export type WindowRowErrors = Record<number, { date?: string; from?: string; to?: string }>;

export function isBlankRow(r: WindowRow): boolean {
  return !r.date && !r.from && !r.to;
}

/**
 * The contract's windows from the rows (blank rows skipped), read in `zone`; `keys[i]` is the row
 * of window i, to place the server's `windows.i.*` issues.
 */
export function windowsFromRows(
  rows: readonly WindowRow[],
  zone: string,
): { windows: { startsAt: string; endsAt: string }[]; keys: number[]; errors: WindowRowErrors; zoneError?: string | undefined } {
  const windows: { startsAt: string; endsAt: string }[] = [];
  const keys: number[] = [];
  const errors: WindowRowErrors = {};
  const zoneError = zoneProblem(zone);
  for (const r of rows) {
    if (isBlankRow(r)) continue;
    const e: { date?: string; from?: string; to?: string } = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date)) e.date = 'Enter a date';
    const from = timeToMinutes(r.from);
    const to = timeToMinutes(r.to, true);
    if (from === null) e.from = 'Enter a start time';
    if (to === null) e.to = 'Enter an end time';
    if (from !== null && to !== null && to <= from) e.to = 'End after the start time';
    if (Object.keys(e).length) {
      errors[r.key] = e;
      continue;
    }
    if (zoneError) continue;
    const startsAt = localToIso(r.date, r.from, zone.trim());
    const endsAt = localToIso(r.date, r.to, zone.trim(), true);
    if (!startsAt || !endsAt) {
      errors[r.key] = { date: 'Enter a valid date' };
      continue;
    }
    windows.push({ startsAt, endsAt });
    keys.push(r.key);
  }
  return { windows, keys, errors, zoneError };
}

/** Rows for saved windows, read in `zone` (a window past midnight ends at "00:00"). */
export function rowsFromWindows(windows: readonly { startsAt: string; endsAt: string }[], zone: string, firstKey = 1): WindowRow[] {
  return windows.map((w, i) => {
    const a = isoToLocal(w.startsAt, zone);
    const b = isoToLocal(w.endsAt, zone);
    return { key: firstKey + i, date: a?.date ?? '', from: a?.time ?? '', to: b?.time ?? '' };
  });
}

/** The row and field a server issue path about windows belongs to (`windows.2.endsAt` → row of window 2, "to"). */
export function windowIssueTarget(path: string, keys: readonly number[]): { key: number; field: 'date' | 'from' | 'to' } | null {
  const m = /^windows\.(\d+)(?:\.(startsAt|endsAt))?/.exec(path);
  if (!m) return null;
  const key = keys[Number(m[1])];
  if (key === undefined) return null;
  return { key, field: m[2] === 'endsAt' ? 'to' : m[2] === 'startsAt' ? 'from' : 'date' };
}

// ---------- Schedule search form ----------

export interface RoundDraft {
  roundId: string;
  name: string;
  include: boolean;
  interviewerIds: string[];
  poolId: string;
  count: string;
  withShadows: boolean;
}

export interface SearchOptions {
  start: string;
  days: string;
  sameDay: boolean;
  minGap: string;
  maxGap: string;
  anyOrder: boolean;
}

/** At most this many proposals: enough to choose from, and "Option 1" is never a prefix of "Option 10". */
export const optionLimit = 5;

export type SearchField = 'start' | 'days' | 'minGap' | 'maxGap' | 'rounds';
export interface SearchErrors {
  fields: Partial<Record<SearchField, string>>;
  /** By roundId. */
  rounds: Record<string, string>;
}

export interface SearchBody {
  rounds: { roundId: string; interviewerIds: string[]; poolId?: string; count: number; withShadows: boolean }[];
  horizon: { start: string; days: number };
  sameDay: boolean;
  order: 'fixed' | 'any';
  minGapMinutes: number;
  maxGapMinutes: number;
  limit: number;
}

function wholeNumber(value: string, min: number, max: number): number | null {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

export function emptyErrors(): SearchErrors {
  return { fields: {}, rounds: {} };
}

export function hasErrors(e: SearchErrors): boolean {
  return Object.keys(e.fields).length > 0 || Object.keys(e.rounds).length > 0;
}

/**
 * The search request from the form, or the problems by field and round. `roundIds[i]` is the round
 * of the request's `rounds[i]`, to place the server's `rounds.i.*` issues.
 */
export function searchBody(rounds: readonly RoundDraft[], o: SearchOptions): { body: SearchBody; roundIds: string[] } | { errors: SearchErrors } {
  const errors = emptyErrors();
  const included = rounds.filter((r) => r.include);
  if (included.length === 0) errors.fields.rounds = 'Include at least one round';
  if (included.length > 8) errors.fields.rounds = 'Include at most 8 rounds';
  const out: SearchBody['rounds'] = [];
  for (const r of included) {
    const count = wholeNumber(r.count || '1', 1, 6);
    if (r.interviewerIds.length === 0 && !r.poolId) errors.rounds[r.roundId] = `Choose interviewers or a pool for ${r.name}`;
    else if (r.interviewerIds.length > 12) errors.rounds[r.roundId] = `Choose at most 12 interviewers for ${r.name}`;
    else if (r.poolId && count === null) errors.rounds[r.roundId] = `"From pool" is a number from 1 to 6 for ${r.name}`;
    out.push({
      roundId: r.roundId,
      interviewerIds: r.interviewerIds,
      ...(r.poolId ? { poolId: r.poolId } : {}),
      count: count ?? 1,
      withShadows: !!r.poolId && r.withShadows,
    });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.start)) errors.fields.start = 'Enter the first date to search';
  const days = wholeNumber(o.days, 1, 42);
  if (days === null) errors.fields.days = 'Enter a number of days from 1 to 42';
  const minGap = wholeNumber(o.minGap || '0', 0, 240);
  if (minGap === null) errors.fields.minGap = 'Enter minutes from 0 to 240';
  const maxGap = wholeNumber(o.maxGap || '0', 0, 480);
  if (maxGap === null) errors.fields.maxGap = 'Enter minutes from 0 to 480';
  if (minGap !== null && maxGap !== null && maxGap < minGap) errors.fields.maxGap = 'The maximum gap must not be below the minimum gap';
  if (hasErrors(errors)) return { errors };
  return {
    body: {
      rounds: out,
      horizon: { start: o.start, days: days! },
      sameDay: o.sameDay,
      order: o.anyOrder ? 'any' : 'fixed',
      minGapMinutes: minGap!,
      maxGapMinutes: maxGap!,
      limit: optionLimit,
    },
    roundIds: included.map((r) => r.roundId),
  };
}

/** Places the server's issues of a search on the form (`horizon.days` → "Days to search", `rounds.1.poolId` → that round). */
export function searchIssues(issues: Record<string, string>, roundIds: readonly string[]): { errors: SearchErrors; unplaced: string[] } {
  const errors = emptyErrors();
  const unplaced: string[] = [];
  const fieldOf: Record<string, SearchField> = {
    'horizon.start': 'start',
    'horizon.days': 'days',
    horizon: 'start',
    minGapMinutes: 'minGap',
    maxGapMinutes: 'maxGap',
    maxDays: 'days',
    rounds: 'rounds',
  };
  for (const [path, message] of Object.entries(issues)) {
    const p = path.replace(/^body\./, '');
    const round = /^rounds\.(\d+)/.exec(p);
    const roundId = round ? roundIds[Number(round[1])] : undefined;
    if (roundId) {
      errors.rounds[roundId] ??= message;
    } else if (fieldOf[p]) {
      errors.fields[fieldOf[p]] ??= message;
    } else {
      unplaced.push(message);
    }
  }
  return { errors, unplaced };
}

// ---------- Timeline of a proposed loop ----------

export interface TimelineRoundInput {
  roundName: string;
  startsAt: string;
  endsAt: string;
}

export interface TimelineBlock {
  roundName: string;
  /** Local times in the zone, "10:00" and "11:00". */
  from: string;
  to: string;
  leftPct: number;
  widthPct: number;
}

export interface TimelineDay {
  date: string;
  label: string;
  blocks: TimelineBlock[];
}

export interface Timeline {
  /** The shown part of each day, in local minutes (whole hours). */
  startMinute: number;
  endMinute: number;
  ticks: { label: string; leftPct: number }[];
  days: TimelineDay[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One row per local day (in `zone`) with a block per round, placed on a shared scale from the
 * earliest start to the latest end, widened to whole hours and at least `minHours`. A block running
 * past midnight is cut at the end of its day.
 */
export function layoutTimeline(rounds: readonly TimelineRoundInput[], zone: string, minHours = 4): Timeline {
  const items = rounds
    .map((r) => {
      const a = isoToLocal(r.startsAt, zone);
      const b = isoToLocal(r.endsAt, zone);
      if (!a || !b) return null;
      const end = b.date === a.date ? b.minutes : 1440;
      return { r, date: a.date, start: a.minutes, end: Math.max(end, a.minutes), from: a.time, to: b.time };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((x, y) => (x.date === y.date ? x.start - y.start : x.date < y.date ? -1 : 1));
  if (items.length === 0) return { startMinute: 0, endMinute: 1440, ticks: [], days: [] };

  let startMinute = Math.floor(Math.min(...items.map((i) => i.start)) / 60) * 60;
  let endMinute = Math.ceil(Math.max(...items.map((i) => i.end)) / 60) * 60;
  const minSpan = Math.min(24, Math.max(1, minHours)) * 60;
  if (endMinute - startMinute < minSpan) {
    const missing = minSpan - (endMinute - startMinute);
    const before = Math.min(startMinute, Math.floor(missing / 2 / 60) * 60);
    startMinute -= before;
    endMinute = Math.min(1440, endMinute + (missing - before));
    if (endMinute - startMinute < minSpan) startMinute = Math.max(0, endMinute - minSpan);
  }
  const span = endMinute - startMinute;
  const pct = (m: number) => round2(((Math.min(Math.max(m, startMinute), endMinute) - startMinute) / span) * 100);

  const step = span > 12 * 60 ? 180 : span > 8 * 60 ? 120 : 60;
  const ticks: Timeline['ticks'] = [];
  for (let m = startMinute; m <= endMinute; m += step) ticks.push({ label: m === 1440 ? '24:00' : minutesToTime(m), leftPct: pct(m) });

  const days: TimelineDay[] = [];
  for (const i of items) {
    let day = days.find((d) => d.date === i.date);
    if (!day) {
      day = { date: i.date, label: formatDay(i.date), blocks: [] };
      days.push(day);
    }
    const left = pct(i.start);
    day.blocks.push({ roundName: i.r.roundName, from: i.from, to: i.to, leftPct: left, widthPct: round2(pct(i.end) - left) });
  }
  return { startMinute, endMinute, ticks, days };
}

/** "Round name — Tue 3 Mar, 10:00–11:00 — Ada Lovelace, Bo Li (shadow: Cy Ng)". */
export function describeRound(
  r: { roundName: string; startsAt: string; endsAt: string; interviewers: { name: string }[]; shadows: { name: string }[] },
  zone: string,
): string {
  const people = r.interviewers.map((p) => p.name).join(', ') || 'No interviewer';
  const shadows = r.shadows.length ? ` (shadow: ${r.shadows.map((p) => p.name).join(', ')})` : '';
  return `${r.roundName} — ${formatSpan(r.startsAt, r.endsAt, zone)} — ${people}${shadows}`;
}

export const busySourceLabels = { ics: 'Imported file', feed: 'Calendar feed', manual: 'Added by hand' } as const;
export const trainingStatusLabels = { trained: 'Trained', shadowing: 'Shadowing', reverse_shadowing: 'Reverse shadowing' } as const;
export type TrainingStatus = keyof typeof trainingStatusLabels;
export const trainingStatuses = Object.keys(trainingStatusLabels) as TrainingStatus[];

export function isTrainingStatus(v: string): v is TrainingStatus {
  return (trainingStatuses as string[]).includes(v);
}

/** "Imported 1 busy block" / "Imported 12 busy blocks". */
export function importedText(n: number): string {
  return `Imported ${n} busy ${n === 1 ? 'block' : 'blocks'}`;
}

/** A span in `zone` split for a table: the start's date ("Tue 3 Mar 2026") and the times ("10:00–11:00"). */
export function spanParts(startsAt: string, endsAt: string, zone: string): { date: string; time: string } {
  const a = isoToLocal(startsAt, zone);
  const b = isoToLocal(endsAt, zone);
  if (!a || !b) return { date: startsAt, time: endsAt };
  const full = formatSpan(startsAt, endsAt, zone);
  const prefix = `${formatDay(a.date)}, `;
  return { date: formatDay(a.date, true), time: full.startsWith(prefix) ? full.slice(prefix.length) : full };
}

/** A `datetime-local` value `minutes` later, as wall-clock arithmetic ("" when the value is incomplete). */
export function shiftWallTime(value: string, minutes: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m || !Number.isFinite(minutes)) return '';
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) + minutes * 60_000;
  return new Date(t).toISOString().slice(0, 16);
}
