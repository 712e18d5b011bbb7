import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsDate, writeIcs } from './ics.ts';
import { zonedToUtc } from './time.ts';

const base = {
  uid: 'interview-3f1c@rubric.example',
  sequence: 0,
  method: 'REQUEST' as const,
  // 10:00 in Berlin on the day clocks fall back (25 October 2026, CET after 03:00)
  start: zonedToUtc('Europe/Berlin', '2026-10-25', 10 * 60),
  end: zonedToUtc('Europe/Berlin', '2026-10-25', 11 * 60),
  stamp: Date.parse('2026-10-01T08:00:00Z'),
  summary: 'Architecture review; CTO loop, round 5',
  description: 'Interview kit: https://rubric.example/interviews/3f1c/kit\nBring the architecture brief.',
  location: 'Room 4, Berlin office',
  organizer: { name: 'Rae Cruiter', email: 'rae@acme.example' },
  attendees: [
    { name: 'Ada Okafor, CTO', email: 'ada@acme.example' },
    { name: 'Zoë Ünal', email: 'zoe@acme.example' },
  ],
  zone: 'Europe/Berlin',
};

describe('writeIcs', () => {
  it('parses with ical.js and round-trips times, text and people exactly', () => {
    const text = writeIcs(base);
    expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().getTime()).toBe(base.start);
    expect(event.endDate.toJSDate().getTime()).toBe(base.end);
    expect(new Date(base.start).toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    const attendees = vevent.getAllProperties('attendee').map((p) => [p.getParameter('cn'), p.getFirstValue()]);
    expect(attendees).toEqual([
      ['Ada Okafor, CTO', 'mailto:ada@acme.example'],
      ['Zoë Ünal', 'mailto:zoe@acme.example'],
    ]);
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Rae Cruiter');
  });

  it('keeps the UID and raises SEQUENCE on reschedule; CANCEL marks the event cancelled', () => {
    const moved = writeIcs({ ...base, sequence: 1, start: base.start + 3_600_000, end: base.end + 3_600_000 });
    const cancelled = writeIcs({ ...base, sequence: 2, method: 'CANCEL' });
    const ev = (t: string) => new ICAL.Event(new ICAL.Component(ICAL.parse(t)).getFirstSubcomponent('vevent')!);
    expect([ev(moved).uid, ev(moved).sequence]).toEqual([base.uid, 1]);
    expect(ev(moved).startDate.toJSDate().toISOString()).toBe('2026-10-25T10:00:00.000Z');
    const cal = new ICAL.Component(ICAL.parse(cancelled));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(() => writeIcs({ ...base, end: base.start })).toThrow(RangeError);
  });

  it('escapes text, folds long lines by octets and formats UTC dates', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(60));
    expect(folded.split('\r\n ').every((l, i) => new TextEncoder().encode(l).length <= (i === 0 ? 75 : 74))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe('DESCRIPTION:' + 'é'.repeat(60));
    expect(icsDate(Date.parse('2026-03-08T07:30:00Z'))).toBe('20260308T073000Z');
  });
});
