import { describe, expect, it } from 'vitest';
import {
  dateTimeLocalToIso,
  defaultWeekRows,
  describeRound,
  formatDay,
  formatSpan,
  hoursFromRows,
  isoToDateTimeLocal,
  isoToLocal,
  layoutTimeline,
  localToIso,
  minutesToTime,
  rowsFromHours,
  rowsFromWindows,
  type RoundDraft,
  searchBody,
  searchIssues,
  shiftWallTime,
  spanParts,
  type SearchOptions,
  timeToMinutes,
  weekdayOfIssue,
  windowIssueTarget,
  windowsFromRows,
} from './scheduling-model.ts';

describe('time values', () => {
  it('converts minutes and time inputs both ways, midnight ending a day', () => {
    expect(minutesToTime(540)).toBe('09:00');
    expect(minutesToTime(1020)).toBe('17:00');
    expect(minutesToTime(1440)).toBe('00:00');
    expect(timeToMinutes('09:30')).toBe(570);
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('00:00', true)).toBe(1440);
    expect(timeToMinutes('24:00')).toBeNull();
    expect(timeToMinutes('')).toBeNull();
  });
});

describe('weekly hours editor', () => {
  it('starts a default profile on Monday–Friday 09:00–17:00', () => {
    const { rows } = rowsFromHours({ '1': [[0, 1440]] }, true);
    expect(rows['1']).toEqual({ on: true, from: '09:00', to: '17:00' });
    expect(rows['5'].on).toBe(true);
    expect(rows['6'].on).toBe(false);
    expect(rows['7'].on).toBe(false);
    expect(hoursFromRows(rows).hours).toEqual({ '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]], '4': [[540, 1020]], '5': [[540, 1020]] });
  });

  it('reads a saved profile and writes it back unchanged', () => {
    const saved = { '1': [[480, 960]] as [number, number][], '3': [[600, 1440]] as [number, number][], '6': [[540, 720]] as [number, number][] };
    const { rows, merged } = rowsFromHours(saved, false);
    expect(merged).toEqual([]);
    expect(rows['1']).toEqual({ on: true, from: '08:00', to: '16:00' });
    expect(rows['2'].on).toBe(false);
    expect(rows['3']).toEqual({ on: true, from: '10:00', to: '00:00' });
    expect(hoursFromRows(rows)).toEqual({ hours: saved, errors: {} });
  });

  it('shows a day of several spans as one, and says so', () => {
    const { rows, merged } = rowsFromHours({ '2': [[540, 720], [780, 1020]] }, false);
    expect(rows['2']).toEqual({ on: true, from: '09:00', to: '17:00' });
    expect(merged).toEqual(['2']);
  });

  it('names the day of a bad row and ignores days off', () => {
    const rows = defaultWeekRows();
    rows['2'] = { on: true, from: '17:00', to: '09:00' };
    rows['4'] = { on: true, from: '', to: '12:00' };
    rows['6'] = { on: false, from: '', to: '' };
    const { hours, errors } = hoursFromRows(rows);
    expect(errors).toEqual({ '2': 'Tuesday must end after it starts', '4': 'Enter both times for Thursday' });
    expect(Object.keys(hours)).toEqual(['1', '3', '5']);
    expect(weekdayOfIssue('workingHours.3.0')).toBe('3');
    expect(weekdayOfIssue('timeZone')).toBeNull();
  });
});

describe('local date and time in a zone → instant', () => {
  it('follows Europe/Berlin across the spring-forward change', () => {
    expect(localToIso('2026-03-28', '10:00', 'Europe/Berlin')).toBe('2026-03-28T09:00:00.000Z');
    expect(localToIso('2026-03-29', '10:00', 'Europe/Berlin')).toBe('2026-03-29T08:00:00.000Z');
    // 02:30 does not exist that night: it resolves to just after the gap (03:30 CEST).
    expect(localToIso('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a repeated time when the clocks go back, and midnight as an end', () => {
    expect(localToIso('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(localToIso('2026-10-25', '12:00', 'Europe/Berlin')).toBe('2026-10-25T11:00:00.000Z');
    expect(localToIso('2026-07-01', '00:00', 'Europe/Berlin', true)).toBe('2026-07-01T22:00:00.000Z');
    expect(localToIso('2026-06-01', '12:00', 'Asia/Kolkata')).toBe('2026-06-01T06:30:00.000Z');
  });

  it('refuses incomplete values, impossible dates and unknown zones', () => {
    expect(localToIso('2026-02-30', '10:00', 'UTC')).toBeNull();
    expect(localToIso('2026-02-01', '', 'UTC')).toBeNull();
    expect(localToIso('2026-02-01', '10:00', 'Nowhere/Special')).toBeNull();
    expect(dateTimeLocalToIso('2026-03-29T10:00', 'Europe/Berlin')).toBe('2026-03-29T08:00:00.000Z');
    expect(dateTimeLocalToIso('2026-03-29', 'Europe/Berlin')).toBeNull();
  });

  it('reads instants back as local wall times', () => {
    expect(isoToLocal('2026-03-29T08:00:00.000Z', 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '10:00', minutes: 600 });
    expect(isoToLocal('2026-03-28T23:30:00.000Z', 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '00:30', minutes: 30 });
    expect(isoToDateTimeLocal('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(isoToLocal('nope', 'UTC')).toBeNull();
  });

  it('formats days and spans', () => {
    expect(formatDay('2026-03-03')).toBe('Tue 3 Mar');
    expect(formatDay('2026-03-03', true)).toBe('Tue 3 Mar 2026');
    expect(formatSpan('2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z', 'Europe/Berlin')).toBe('Tue 3 Mar, 10:00–11:00');
    expect(formatSpan('2026-03-03T21:00:00Z', '2026-03-04T01:00:00Z', 'Europe/Berlin')).toBe('Tue 3 Mar, 22:00 – Wed 4 Mar, 02:00');
    expect(formatSpan('2026-03-03T21:00:00Z', '2026-03-03T23:00:00Z', 'Europe/Berlin')).toBe('Tue 3 Mar, 22:00–24:00');
  });
});

describe('candidate windows', () => {
  it('builds instants in the candidate zone, skipping blank rows and keeping row keys', () => {
    const r = windowsFromRows(
      [
        { key: 1, date: '2026-03-30', from: '09:00', to: '12:00' },
        { key: 2, date: '', from: '', to: '' },
        { key: 3, date: '2026-03-31', from: '14:00', to: '00:00' },
      ],
      'Europe/Berlin',
    );
    expect(r.errors).toEqual({});
    expect(r.keys).toEqual([1, 3]);
    expect(r.windows).toEqual([
      { startsAt: '2026-03-30T07:00:00.000Z', endsAt: '2026-03-30T10:00:00.000Z' },
      { startsAt: '2026-03-31T12:00:00.000Z', endsAt: '2026-03-31T22:00:00.000Z' },
    ]);
    expect(rowsFromWindows(r.windows, 'Europe/Berlin')).toEqual([
      { key: 1, date: '2026-03-30', from: '09:00', to: '12:00' },
      { key: 2, date: '2026-03-31', from: '14:00', to: '00:00' },
    ]);
    expect(windowIssueTarget('windows.1.endsAt', r.keys)).toEqual({ key: 3, field: 'to' });
    expect(windowIssueTarget('windows.5', r.keys)).toBeNull();
  });

  it('reports each bad row and a bad zone', () => {
    const r = windowsFromRows(
      [
        { key: 1, date: '2026-03-30', from: '12:00', to: '09:00' },
        { key: 2, date: '', from: '09:00', to: '' },
      ],
      'Mars/Olympus',
    );
    expect(r.errors).toEqual({ 1: { to: 'End after the start time' }, 2: { date: 'Enter a date', to: 'Enter an end time' } });
    expect(r.zoneError).toMatch(/IANA/);
  });
});

describe('schedule search form', () => {
  const rounds: RoundDraft[] = [
    { roundId: 'r1', name: 'Technical', include: true, interviewerIds: ['u1'], poolId: '', count: '1', withShadows: true },
    { roundId: 'r2', name: 'Values', include: false, interviewerIds: [], poolId: '', count: '1', withShadows: false },
    { roundId: 'r3', name: 'Leadership', include: true, interviewerIds: [], poolId: 'p1', count: '2', withShadows: true },
  ];
  const options: SearchOptions = { start: '2026-03-30', days: '10', sameDay: true, minGap: '0', maxGap: '60', anyOrder: false };

  it('builds the request from the included rounds', () => {
    const r = searchBody(rounds, options);
    if (!('body' in r)) throw new Error('expected a body');
    expect(r.roundIds).toEqual(['r1', 'r3']);
    expect(r.body).toEqual({
      rounds: [
        { roundId: 'r1', interviewerIds: ['u1'], count: 1, withShadows: false },
        { roundId: 'r3', interviewerIds: [], poolId: 'p1', count: 2, withShadows: true },
      ],
      horizon: { start: '2026-03-30', days: 10 },
      sameDay: true,
      order: 'fixed',
      minGapMinutes: 0,
      maxGapMinutes: 60,
      limit: 5,
    });
  });

  it('names the fields and rounds that need fixing', () => {
    const r = searchBody(
      rounds.map((x) => (x.roundId === 'r3' ? { ...x, poolId: '' } : x)),
      { ...options, days: '50', minGap: '30', maxGap: '10' },
    );
    if (!('errors' in r)) throw new Error('expected errors');
    expect(r.errors.rounds).toEqual({ r3: 'Choose interviewers or a pool for Leadership' });
    expect(r.errors.fields.days).toMatch(/1 to 42/);
    expect(r.errors.fields.maxGap).toMatch(/minimum/);
    const none = searchBody(rounds.map((x) => ({ ...x, include: false })), options);
    expect('errors' in none && none.errors.fields.rounds).toBe('Include at least one round');
  });

  it('places the server issues on rounds and fields', () => {
    const { errors, unplaced } = searchIssues({ 'rounds.1.poolId': 'Unknown pool', 'horizon.days': 'Too many', other: 'Odd' }, ['r1', 'r3']);
    expect(errors.rounds).toEqual({ r3: 'Unknown pool' });
    expect(errors.fields).toEqual({ days: 'Too many' });
    expect(unplaced).toEqual(['Odd']);
  });
});

describe('timeline of a proposed loop', () => {
  it('places blocks on a shared whole-hour scale per local day', () => {
    const t = layoutTimeline(
      [
        { roundName: 'Technical', startsAt: '2026-03-30T08:00:00Z', endsAt: '2026-03-30T09:00:00Z' },
        { roundName: 'Values', startsAt: '2026-03-30T09:30:00Z', endsAt: '2026-03-30T10:15:00Z' },
        { roundName: 'Leadership', startsAt: '2026-03-31T12:00:00Z', endsAt: '2026-03-31T13:00:00Z' },
      ],
      'Europe/Berlin',
    );
    // Local 10:00–12:15 and 14:00–15:00 → 10:00 to 15:00.
    expect(t.startMinute).toBe(600);
    expect(t.endMinute).toBe(900);
    expect(t.days.map((d) => d.label)).toEqual(['Mon 30 Mar', 'Tue 31 Mar']);
    expect(t.days[0]!.blocks).toEqual([
      { roundName: 'Technical', from: '10:00', to: '11:00', leftPct: 0, widthPct: 20 },
      { roundName: 'Values', from: '11:30', to: '12:15', leftPct: 30, widthPct: 15 },
    ]);
    expect(t.days[1]!.blocks[0]).toMatchObject({ leftPct: 80, widthPct: 20 });
    expect(t.ticks[0]).toEqual({ label: '10:00', leftPct: 0 });
    expect(t.ticks.at(-1)).toEqual({ label: '15:00', leftPct: 100 });
  });

  it('widens a short loop to the minimum span and cuts a block at midnight', () => {
    const t = layoutTimeline([{ roundName: 'Late', startsAt: '2026-03-30T21:00:00Z', endsAt: '2026-03-30T23:00:00Z' }], 'Europe/Berlin');
    // Local 23:00–01:00 the next day: shown 20:00–24:00, the block cut at midnight.
    expect(t.startMinute).toBe(1200);
    expect(t.endMinute).toBe(1440);
    expect(t.days[0]!.blocks[0]).toEqual({ roundName: 'Late', from: '23:00', to: '01:00', leftPct: 75, widthPct: 25 });
    expect(layoutTimeline([], 'UTC').days).toEqual([]);
  });

  it('describes a round as text', () => {
    expect(
      describeRound(
        {
          roundName: 'Technical',
          startsAt: '2026-03-03T09:00:00Z',
          endsAt: '2026-03-03T10:00:00Z',
          interviewers: [{ name: 'Ada' }, { name: 'Bo' }],
          shadows: [{ name: 'Cy' }],
        },
        'Europe/Berlin',
      ),
    ).toBe('Technical — Tue 3 Mar, 10:00–11:00 — Ada, Bo (shadow: Cy)');
  });
});

describe('busy table cells', () => {
  it('splits a span into its date and times', () => {
    expect(spanParts('2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z', 'Europe/Berlin')).toEqual({ date: 'Tue 3 Mar 2026', time: '10:00–11:00' });
    expect(spanParts('2026-03-03T21:00:00Z', '2026-03-04T01:00:00Z', 'Europe/Berlin')).toEqual({ date: 'Tue 3 Mar 2026', time: '22:00 – Wed 4 Mar, 02:00' });
  });
});

describe('shiftWallTime', () => {
  it('adds minutes to a datetime-local value across days', () => {
    expect(shiftWallTime('2026-03-03T23:30', 60)).toBe('2026-03-04T00:30');
    expect(shiftWallTime('2026-03-03T10:00', 45)).toBe('2026-03-03T10:45');
    expect(shiftWallTime('2026-03-03', 60)).toBe('');
  });
});
