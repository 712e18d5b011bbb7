import { describe, expect, it } from 'vitest';
import { IcsImportError, importBusy } from './ics-import.ts';

const wrap = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${body}END:VCALENDAR\r\n`;
const tz = `BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nDTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n`;
const iso = (ms: number) => new Date(ms).toISOString();
const range = [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-21T00:00:00Z')] as const;

describe('importBusy', () => {
  it('expands a weekly series across the DST change, minus EXDATE, with a moved instance', () => {
    const text = wrap(
      tz +
        'BEGIN:VEVENT\r\nUID:standup\r\nDTSTART;TZID=America/New_York:20260302T093000\r\nDTEND;TZID=America/New_York:20260302T100000\r\n' +
        'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4\r\nEXDATE;TZID=America/New_York:20260316T093000\r\nSUMMARY:Private title\r\nEND:VEVENT\r\n' +
        'BEGIN:VEVENT\r\nUID:standup\r\nRECURRENCE-ID;TZID=America/New_York:20260309T093000\r\nDTSTART;TZID=America/New_York:20260309T150000\r\nDTEND;TZID=America/New_York:20260309T153000\r\nEND:VEVENT\r\n',
    );
    const res = importBusy(text, ...range);
    expect(res.busy.map((b) => [iso(b.start), iso(b.end)])).toEqual([
      ['2026-03-02T14:30:00.000Z', '2026-03-02T15:00:00.000Z'], // 9:30 EST
      ['2026-03-09T19:00:00.000Z', '2026-03-09T19:30:00.000Z'], // moved to 15:00 EDT
    ]);
    expect(res.events).toBe(1);
    expect(JSON.stringify(res)).not.toContain('Private title');
  });

  it('keeps single events in range, skips transparent and cancelled ones, accepts UTC times', () => {
    const text = wrap(
      'BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260305T120000Z\r\nDTEND:20260305T130000Z\r\nEND:VEVENT\r\n' +
        'BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260305T125000Z\r\nDTEND:20260305T140000Z\r\nEND:VEVENT\r\n' +
        'BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260306T120000Z\r\nDTEND:20260306T130000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n' +
        'BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260307T120000Z\r\nDTEND:20260307T130000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n' +
        'BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260501T120000Z\r\nDTEND:20260501T130000Z\r\nEND:VEVENT\r\n',
    );
    const res = importBusy(text, ...range);
    expect(res.busy.map((b) => [iso(b.start), iso(b.end)])).toEqual([['2026-03-05T12:00:00.000Z', '2026-03-05T14:00:00.000Z']]);
    expect(res).toMatchObject({ events: 5, skipped: 2 });
  });

  it.each([
    ['hello world', /Not an iCalendar file/],
    ['BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260305T120000Z\r\n', /truncated/],
    [wrap('BEGIN:VEVENT\r\nUID:nostart\r\nDTEND:20260305T130000Z\r\nEND:VEVENT\r\n'), /has no DTSTART/],
    [wrap('BEGIN:VEVENT\r\nUID:badrule\r\nDTSTART:20260305T120000Z\r\nDTEND:20260305T130000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n'), /broken RRULE|cannot be/],
    ['BEGIN:VCALENDAR\r\n' + 'X'.repeat(5_000_001) + '\r\nEND:VCALENDAR\r\n', /larger than/],
  ])('refuses a malformed file with a clear message (%#)', (text, message) => {
    expect(() => importBusy(text, ...range)).toThrow(IcsImportError);
    expect(() => importBusy(text, ...range)).toThrow(message);
  });
});

describe('TZID without VTIMEZONE', () => {
  it('reads a known IANA zone name instead of floating time, for single and recurring events', () => {
    const txt = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:once',
      'DTSTART;TZID=America/New_York:20260308T090000',
      'DTEND;TZID=America/New_York:20260308T100000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:daily',
      'DTSTART;TZID=Europe/Berlin:20260328T100000',
      'DTEND;TZID=Europe/Berlin:20260328T110000',
      'RRULE:FREQ=DAILY;COUNT=2',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const r = importBusy(txt, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'));
    // 8 March is New York's spring-forward day (EDT, UTC−4); 29 March is Berlin's (CEST, UTC+2).
    expect(r.busy.map((b) => new Date(b.start).toISOString())).toEqual(['2026-03-08T13:00:00.000Z', '2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z']);
  });
});
