/**
 * Busy blocks from an iCalendar file (free/busy only: times, never titles). Recurring events are
 * expanded with ical.js (RRULE, RDATE, EXDATE, and overridden instances by RECURRENCE-ID) inside
 * a time range; zone definitions in the file (VTIMEZONE) are honoured (registered with ical.js's
 * process-wide zone service, its one side effect). Text in, intervals out; no I/O.
 */
import ICAL from 'ical.js';
import { type Interval, normalize } from './intervals.ts';
import { isValidZone, zonedToUtc } from './time.ts';

export class IcsImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsImportError';
  }
}

export interface BusyImport {
  busy: Interval[];
  /** Events seen (a recurring series counts once). */
  events: number;
  /** Events marked TRANSP:TRANSPARENT or STATUS:CANCELLED, which do not block time. */
  skipped: number;
}

/** Largest file accepted, in characters; larger uploads are refused before parsing. */
export const MAX_ICS_CHARS = 5_000_000;
const MAX_OCCURRENCES = 5_000;

/**
 * Parses `text` and returns the busy intervals that overlap [from, to). Throws IcsImportError with
 * a message naming the problem (not a calendar, truncated, an event without DTSTART, a broken
 * RRULE, too large) — the caller imports nothing then.
 */
/**
 * The instant of an iCalendar time. A TZID without a VTIMEZONE in the file (common in exports) is
 * read as the IANA zone of that name when it is one, instead of floating time.
 */
function instantOf(t: ICAL.Time, fallbackTzid?: string): number {
  // Occurrences of a recurring event lose the TZID name: the master's is passed as the fallback.
  const tzid = tzidOf(t) ?? (t.zone?.tzid === 'floating' ? fallbackTzid : undefined);
  if (tzid && !t.isDate && !ICAL.TimezoneService.has(tzid) && isValidZone(tzid)) {
    const date = `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
    return zonedToUtc(tzid, date, t.hour * 60 + t.minute) + t.second * 1000;
  }
  return t.toJSDate().getTime();
}

function tzidOf(t: ICAL.Time | null | undefined): string | undefined {
  return (t as unknown as { timezone?: string } | null | undefined)?.timezone;
}

/**
 * ical.js's recurrence iterator loops without bound on a rule that matches rarely or never (e.g.
 * `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`, or `FREQ=HOURLY;INTERVAL=374;BYDAY=MO;BYMONTHDAY=-1`): one
 * upload would block the process for minutes. Each candidate it examines passes through
 * `check_contracting_rules`, so that is wrapped (once, process-wide) with a step budget that is only
 * active inside importBusy (synchronous, so imports never interleave). Found by src/fuzz.
 */
const MAX_RECURRENCE_STEPS = 100_000;
let recurrenceStepsLeft: number | null = null;
const recurProto = ICAL.RecurIterator.prototype as unknown as { check_contracting_rules: (this: unknown) => boolean };
const checkContractingRules = recurProto.check_contracting_rules;
recurProto.check_contracting_rules = function guardedCheckContractingRules(this: unknown): boolean {
  if (recurrenceStepsLeft !== null && --recurrenceStepsLeft < 0) throw new IcsImportError('A recurrence rule (RRULE) matches too rarely to expand');
  return checkContractingRules.call(this);
};

export function importBusy(text: string, from: number, to: number): BusyImport {
  recurrenceStepsLeft = MAX_RECURRENCE_STEPS;
  try {
    return readBusy(text, from, to);
  } catch (e) {
    // ical.js decorates values lazily and throws plain Errors and TypeErrors on malformed input (an
    // invalid date-time, an unbalanced END:VEVENT); every failure is the documented IcsImportError.
    if (e instanceof IcsImportError) throw e;
    throw new IcsImportError(`The file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    recurrenceStepsLeft = null;
  }
}

function readBusy(text: string, from: number, to: number): BusyImport {
  if (text.length > MAX_ICS_CHARS) throw new IcsImportError(`The file is larger than ${MAX_ICS_CHARS / 1_000_000} MB`);
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new IcsImportError('Not an iCalendar file: no BEGIN:VCALENDAR');
  if (!/END:VCALENDAR\s*$/i.test(text.trim() + '\n')) throw new IcsImportError('The file is truncated: no END:VCALENDAR');
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    throw new IcsImportError(`The file cannot be parsed: ${(e as Error).message}`);
  }
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    // A zone without a TZID cannot be referenced (and ical.js throws a TypeError registering it).
    const tzid = tz.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || tzid.trim() === '') continue;
    try {
      ICAL.TimezoneService.register(tz);
    } catch (e) {
      throw new IcsImportError(`The time zone ${tzid} cannot be read: ${(e as Error).message}`);
    }
  }

  const vevents = root.getAllSubcomponents('vevent');
  const overrides = new Map<string, ICAL.Component[]>();
  const masters: ICAL.Component[] = [];
  for (const [i, v] of vevents.entries()) {
    if (!v.getFirstProperty('dtstart')) throw new IcsImportError(`Event ${i + 1} (${String(v.getFirstPropertyValue('uid') ?? 'no UID')}) has no DTSTART`);
    if (v.getFirstProperty('recurrence-id')) {
      const uid = String(v.getFirstPropertyValue('uid'));
      overrides.set(uid, [...(overrides.get(uid) ?? []), v]);
    } else masters.push(v);
  }

  const busy: Interval[] = [];
  let skipped = 0;
  const blocks = (v: ICAL.Component) =>
    String(v.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase() !== 'TRANSPARENT' && String(v.getFirstPropertyValue('status') ?? '').toUpperCase() !== 'CANCELLED';
  for (const v of masters) {
    if (!blocks(v)) {
      skipped++;
      continue;
    }
    let event: ICAL.Event;
    try {
      event = new ICAL.Event(v);
      for (const o of overrides.get(event.uid) ?? []) event.relateException(o);
    } catch (e) {
      throw new IcsImportError(`Event ${String(v.getFirstPropertyValue('uid') ?? '')} cannot be read: ${(e as Error).message}`);
    }
    if (!event.isRecurring()) {
      const start = instantOf(event.startDate);
      const end = event.endDate ? instantOf(event.endDate) : start;
      if (end > from && start < to && end > start) busy.push({ start, end });
      continue;
    }
    let iterator: ICAL.RecurExpansion;
    try {
      iterator = event.iterator();
    } catch (e) {
      throw new IcsImportError(`Event ${event.uid} has a broken RRULE: ${(e as Error).message}`);
    }
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      let next: ICAL.Time | undefined;
      try {
        next = iterator.next();
      } catch (e) {
        if (e instanceof IcsImportError) throw e;
        throw new IcsImportError(`Event ${event.uid} has a broken RRULE: ${(e as Error).message}`);
      }
      if (!next) break;
      const details = event.getOccurrenceDetails(next);
      const start = instantOf(details.startDate, tzidOf(event.startDate));
      if (start >= to) break;
      const end = instantOf(details.endDate, tzidOf(event.endDate) ?? tzidOf(event.startDate));
      const status = String(details.item.component.getFirstPropertyValue('status') ?? '').toUpperCase();
      if (status === 'CANCELLED') continue;
      if (end > from && end > start) busy.push({ start, end });
    }
  }
  return { busy: normalize(busy), events: masters.length, skipped };
}
