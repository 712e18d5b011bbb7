import { describe, expect, it } from 'vitest';
import { datesFrom, localDate, weekdayOf, zoneOffsetMinutes, zonedToUtc } from './time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zone arithmetic', () => {
  it('knows offsets on both sides of daylight-saving transitions', () => {
    expect(zoneOffsetMinutes('America/New_York', Date.parse('2026-03-07T12:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.parse('2026-03-09T12:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.parse('2026-10-24T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.parse('2026-10-26T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.parse('2026-06-01T00:00:00Z'))).toBe(330);
  });

  it('converts wall times to UTC, including the spring-forward gap and the fall-back repeat', () => {
    expect(iso(zonedToUtc('America/New_York', '2026-03-06', 9 * 60))).toBe('2026-03-06T14:00:00.000Z');
    expect(iso(zonedToUtc('America/New_York', '2026-03-09', 9 * 60))).toBe('2026-03-09T13:00:00.000Z');
    // 02:30 does not exist on 8 March 2026 in New York: resolves after the gap (03:30 EDT = 07:30Z)
    expect(iso(zonedToUtc('America/New_York', '2026-03-08', 150))).toBe('2026-03-08T07:30:00.000Z');
    // 02:30 happens twice on 25 October 2026 in Berlin: the first (CEST, 00:30Z)
    expect(iso(zonedToUtc('Europe/Berlin', '2026-10-25', 150))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedToUtc('Asia/Kolkata', '2026-06-01', 9 * 60 + 30))).toBe('2026-06-01T04:00:00.000Z');
  });

  it('gives local dates, weekdays and date ranges', () => {
    expect(localDate('America/New_York', Date.parse('2026-03-09T03:00:00Z'))).toBe('2026-03-08');
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(datesFrom('2026-02-27', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
