import { describe, expect, it } from 'vitest';
import { type InterviewerInput, type LoopRequest, type RoundInput, type SearchResult, findSchedules } from './search.ts';
import { isoWeekOf, localDate, zonedToUtc } from './time.ts';

const ny = 'America/New_York';
const at = (zone: string, date: string, hh: number, mm = 0) => zonedToUtc(zone, date, hh * 60 + mm);
const iso = (ms: number) => new Date(ms).toISOString();
const weekdays = { 1: [[540, 1020]], 2: [[540, 1020]], 3: [[540, 1020]], 4: [[540, 1020]], 5: [[540, 1020]] } as InterviewerInput['workingHours'];
const everyDay = { ...weekdays, 6: [[540, 1020]], 7: [[540, 1020]] } as InterviewerInput['workingHours'];

function person(id: string, extra: Partial<InterviewerInput> = {}): InterviewerInput {
  return { id, zone: ny, workingHours: weekdays, busy: [], ...extra };
}
/** A New York window on `date` from `from` to `to` o'clock. */
const win = (date: string, from = 9, to = 17) => ({ start: at(ny, date, from), end: at(ny, date, to) });
/** Busy all of `date` (New York) except [from, to) o'clock. */
const busyExcept = (date: string, from: number, to: number) => [
  { start: at(ny, date, 0), end: at(ny, date, from) },
  { start: at(ny, date, to), end: at(ny, date, 24) },
];
/** Each schedule as [roundId, start, interviewers, shadows] rows. */
const rows = (res: SearchResult, i = 0) => res.schedules[i]!.rounds.map((r) => [r.roundId, iso(r.start), r.interviewers, r.shadows]);

const deep: RoundInput = { id: 'deep', name: 'Deep dive', minutes: 60, interviewers: ['hm'] };
const values: RoundInput = { id: 'values', name: 'Values', minutes: 60, interviewers: ['hm'] };
const arch: RoundInput = { id: 'arch', name: 'Architecture', minutes: 60, interviewers: [], pool: { name: 'architecture reviewer', members: ['a1', 'a2', 'a3'], count: 1 } };

/** Monday 9 March 2026 (ISO week 2026-W11), New York, 9–17. */
function request(over: Partial<LoopRequest> = {}): LoopRequest {
  return {
    rounds: [deep, arch],
    interviewers: [person('hm'), person('a1'), person('a2'), person('a3')],
    candidate: { zone: ny, windows: [win('2026-03-09')] },
    horizon: { start: '2026-03-09', days: 5 },
    maxGapMinutes: 30,
    ...over,
  };
}

describe('ISO weeks', () => {
  it('numbers weeks from Monday, with week 1 holding the first Thursday', () => {
    expect(isoWeekOf('2026-03-08')).toBe('2026-W10'); // Sunday
    expect(isoWeekOf('2026-03-09')).toBe('2026-W11'); // Monday
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});

describe('weekly limits', () => {
  it('skips a week in which the interviewer has reached the limit', () => {
    const res = findSchedules(
      request({
        rounds: [deep],
        interviewers: [person('hm', { maxPerWeek: 2, existingPerWeek: { '2026-W11': 2 } })],
        candidate: { zone: ny, windows: [win('2026-03-13'), win('2026-03-16')] }, // Friday (W11), Monday (W12)
        horizon: { start: '2026-03-13', days: 4 },
      }),
    );
    expect(res.explanation).toEqual([]);
    expect(rows(res)).toEqual([['deep', '2026-03-16T13:00:00.000Z', ['hm'], []]]); // Monday 9:00 EDT
    expect(res.schedules.every((s) => localDate(ny, s.rounds[0]!.start) === '2026-03-16')).toBe(true);
  });

  it('counts interviews booked in this schedule, like the daily limit', () => {
    const base = request({
      interviewers: [person('hm', { maxPerWeek: 3, existingPerWeek: { '2026-W11': 2 } }), person('a1'), person('a2'), person('a3')],
      candidate: { zone: ny, windows: [win('2026-03-13'), win('2026-03-16')] },
      horizon: { start: '2026-03-13', days: 4 },
    });
    // One more interview fits in W11: a one-round loop takes Friday.
    expect(rows(findSchedules({ ...base, rounds: [deep] }))).toEqual([['deep', '2026-03-13T13:00:00.000Z', ['hm'], []]]);
    // Two rounds with hm do not: the loop moves to Monday of W12.
    expect(rows(findSchedules({ ...base, rounds: [deep, values] }))).toEqual([
      ['deep', '2026-03-16T13:00:00.000Z', ['hm'], []],
      ['values', '2026-03-16T14:00:00.000Z', ['hm'], []],
    ]);
  });

  it("keys weeks by the interviewer's local date, not the candidate's", () => {
    const tokyo = 'Asia/Tokyo';
    const res = findSchedules(
      request({
        rounds: [{ id: 'x', name: 'Exec', minutes: 60, interviewers: ['jp'] }],
        interviewers: [person('jp', { zone: tokyo, maxPerWeek: 5, existingPerWeek: { '2026-W11': 5 } })],
        // Thursday 12 March 20:00 NY = Friday 9:00 in Tokyo (W11); Sunday 15 March 20:00 NY (still W11 in
        // New York) = Monday 16 March 9:00 in Tokyo (W12).
        candidate: { zone: ny, windows: [win('2026-03-12', 20, 22), win('2026-03-15', 20, 22)] },
        horizon: { start: '2026-03-12', days: 4 },
      }),
    );
    expect(rows(res)).toEqual([['x', '2026-03-16T00:00:00.000Z', ['jp'], []]]);
  });
});

describe('pools', () => {
  const panel: RoundInput = {
    id: 'panel',
    name: 'Panel',
    minutes: 60,
    interviewers: [],
    pools: [
      { name: 'engineering', members: ['e1', 'e2', 'e3'], count: 1 },
      { name: 'product', members: ['p1', 'p2'], count: 1 },
    ],
  };
  const staff = [
    person('e1', { busy: busyExcept('2026-03-09', 0, 0) }),
    person('e2', { busy: busyExcept('2026-03-09', 10, 17) }),
    person('e3'),
    person('p1', { busy: busyExcept('2026-03-09', 10, 17) }),
    person('p2', { busy: busyExcept('2026-03-09', 0, 0) }),
  ];

  it('needs every pool (AND) and any member within a pool (OR)', () => {
    const res = findSchedules(request({ rounds: [panel], interviewers: staff, horizon: { start: '2026-03-09', days: 1 }, stepMinutes: 60 }));
    // 9:00: e3 is free, but no product member is; 10:00: e2 and e3 tie on load, e2 by id; p1 for product.
    expect(rows(res)).toEqual([['panel', '2026-03-09T14:00:00.000Z', ['e2', 'p1'], []]]);
    expect(res.schedules.map((s) => iso(s.rounds[0]!.start))).toEqual(['10', '11', '12', '13', '14', '15', '16'].map((h) => `2026-03-09T${Number(h) + 4}:00:00.000Z`));
  });

  it('lets a member of two pools fill one seat only, matching seats when the greedy pick would fail', () => {
    const round: RoundInput = {
      id: 'pair',
      name: 'Pairing',
      minutes: 60,
      interviewers: [],
      pools: [
        { name: 'backend', members: ['x', 'y'], count: 1 },
        { name: 'frontend', members: ['x'], count: 1 },
      ],
    };
    const res = findSchedules(request({ rounds: [round], interviewers: [person('x'), person('y')], horizon: { start: '2026-03-09', days: 1 } }));
    expect(rows(res)).toEqual([['pair', '2026-03-09T13:00:00.000Z', ['y', 'x'], []]]);
  });

  it('keeps the single `pool` field working next to `pools`', () => {
    const round: RoundInput = { ...arch, pools: [{ name: 'product', members: ['p1'], count: 1 }] };
    const res = findSchedules(request({ rounds: [round], interviewers: [person('a1'), person('a2'), person('a3'), person('p1')], horizon: { start: '2026-03-09', days: 1 } }));
    expect(rows(res)).toEqual([['arch', '2026-03-09T13:00:00.000Z', ['a1', 'p1'], []]]);
  });

  it('picks the least-loaded members (existing in that week plus booked in this schedule), ties by id', () => {
    const second: RoundInput = { ...arch, id: 'arch2', name: 'Architecture II' };
    const res = findSchedules(
      request({
        rounds: [arch, second],
        interviewers: [
          person('a1', { existingPerWeek: { '2026-W10': 9 } }), // another week: load 0 in W11
          person('a2', { existingPerWeek: { '2026-W11': 1 } }),
          person('a3'),
        ],
        horizon: { start: '2026-03-09', days: 1 },
      }),
    );
    // Round 1: a1 and a3 at 0, a1 by id. Round 2: a1 now 1 (booked), a2 1, a3 0.
    expect(rows(res)).toEqual([
      ['arch', '2026-03-09T13:00:00.000Z', ['a1'], []],
      ['arch2', '2026-03-09T14:00:00.000Z', ['a3'], []],
    ]);
    const weekly = findSchedules(
      request({
        rounds: [{ ...arch, pool: { ...arch.pool!, count: 2 } }],
        interviewers: [person('a1', { existingPerWeek: { '2026-W11': 3 } }), person('a2'), person('a3', { existingPerDay: { '2026-03-10': 1 } })],
        horizon: { start: '2026-03-09', days: 1 },
      }),
    );
    expect(rows(weekly)).toEqual([['arch', '2026-03-09T13:00:00.000Z', ['a2', 'a3'], []]]);
  });
});

describe('shadows', () => {
  it('adds free shadows within their limits, least loaded first, and never lets them block a round', () => {
    const withShadows: RoundInput = { ...deep, shadows: { members: ['t1', 't2', 't3', 't4'], count: 2 } };
    const res = findSchedules(
      request({
        rounds: [withShadows, { ...arch, shadows: { members: ['t2'], count: 1 } }],
        interviewers: [
          person('hm'),
          person('a1'),
          person('a2'),
          person('a3'),
          person('t1', { busy: busyExcept('2026-03-09', 12, 17) }), // busy at 9:00
          person('t2', { maxPerDay: 1 }),
          person('t3', { maxPerDay: 1, existingPerDay: { '2026-03-09': 1 } }), // at the limit
          person('t4', { existingPerWeek: { '2026-W11': 2 } }),
        ],
        horizon: { start: '2026-03-09', days: 1 },
      }),
    );
    // t2 (load 0) and t4 (load 2) join round 1; t2 has then reached the daily limit for round 2.
    expect(rows(res)).toEqual([
      ['deep', '2026-03-09T13:00:00.000Z', ['hm'], ['t2', 't4']],
      ['arch', '2026-03-09T14:00:00.000Z', ['a1'], []],
    ]);
    expect(res.schedules[0]!.rounds[0]!.interviewers).toEqual(['hm']); // shadows never count as the interviewer
  });

  it('schedules the loop as without shadows when every shadow is busy', () => {
    const busy = busyExcept('2026-03-09', 0, 0);
    const plain = findSchedules(request());
    const shadowed = findSchedules(request({ rounds: [{ ...deep, shadows: { members: ['t1'], count: 1 } }, arch], interviewers: [...request().interviewers, person('t1', { busy })] }));
    expect(shadowed.schedules.map((s) => s.rounds.map((r) => [r.start, r.interviewers]))).toEqual(plain.schedules.map((s) => s.rounds.map((r) => [r.start, r.interviewers])));
    expect(shadowed.schedules.every((s) => s.rounds.every((r) => r.shadows.length === 0))).toBe(true);
  });

  it('leaves a shadow out rather than take a limit a required seat needs', () => {
    // hm may do one interview a day and is required in Architecture; shadowing Deep dive would use it up.
    const res = findSchedules(
      request({
        rounds: [
          { ...deep, interviewers: ['lead'], shadows: { members: ['hm'], count: 1 } },
          { ...arch, interviewers: ['hm'], pool: undefined },
        ],
        interviewers: [person('lead'), person('hm', { maxPerDay: 1 })],
        horizon: { start: '2026-03-09', days: 1 },
      }),
    );
    expect(rows(res)).toEqual([
      ['deep', '2026-03-09T13:00:00.000Z', ['lead'], []],
      ['arch', '2026-03-09T14:00:00.000Z', ['hm'], []],
    ]);
  });
});

describe('round order', () => {
  // hm is free only 10–11, the reviewers only 9–10.
  const tight = request({
    interviewers: [person('hm', { busy: busyExcept('2026-03-09', 10, 11) }), person('a1', { busy: busyExcept('2026-03-09', 9, 10) }), person('a2'), person('a3')].map((p) =>
      p.id === 'a2' || p.id === 'a3' ? { ...p, busy: busyExcept('2026-03-09', 9, 10) } : p,
    ),
    horizon: { start: '2026-03-09', days: 1 },
  });

  it('"any" finds a schedule the fixed order cannot', () => {
    const fixed = findSchedules(tight);
    expect(fixed.schedules).toEqual([]);
    expect(fixed.explanation).toEqual(['Every round fits somewhere, but not in the given order; in another order they do (e.g. Architecture, Deep dive); set order to "any".']);
    const any = findSchedules({ ...tight, order: 'any' });
    expect(any.explanation).toEqual([]);
    expect(any.schedules).toHaveLength(1);
    expect(rows(any)).toEqual([
      ['arch', '2026-03-09T13:00:00.000Z', ['a1'], []],
      ['deep', '2026-03-09T14:00:00.000Z', ['hm'], []],
    ]);
  });

  it('ranks every order together and honours `after`', () => {
    const screen: RoundInput = { id: 'screen', name: 'Screen', minutes: 30, interviewers: ['rec'] };
    const base = request({
      rounds: [{ ...arch, after: ['deep'] }, deep, screen],
      interviewers: [person('hm', { busy: [{ start: at(ny, '2026-03-09', 9), end: at(ny, '2026-03-09', 10) }] }), person('a1'), person('a2'), person('a3'), person('rec')],
      horizon: { start: '2026-03-09', days: 1 },
      order: 'any',
    });
    const res = findSchedules(base);
    // hm is free from 10:00 and Architecture may not precede Deep dive: Screen 9:30 back to back with
    // Deep dive 10:00 beats Screen 9:00 (a 30-minute gap) and Deep dive first (a later start).
    expect(rows(res)).toEqual([
      ['screen', '2026-03-09T13:30:00.000Z', ['rec'], []],
      ['deep', '2026-03-09T14:00:00.000Z', ['hm'], []],
      ['arch', '2026-03-09T15:00:00.000Z', ['a1'], []],
    ]);
    const order = (s: (typeof res.schedules)[number]) => s.rounds.map((r) => r.roundId);
    expect(res.schedules.every((s) => order(s).indexOf('deep') < order(s).indexOf('arch'))).toBe(true);
    expect(new Set(res.schedules.map((s) => order(s).join(','))).size).toBeGreaterThan(1); // several orders ranked together
    // Without `after`, Architecture could take 9:00.
    const free = findSchedules({ ...base, rounds: [arch, deep, screen] });
    expect(rows(free).map((r) => r[0])).toEqual(['arch', 'deep', 'screen']);
    expect(iso(free.schedules[0]!.rounds[0]!.start)).toBe('2026-03-09T13:00:00.000Z');
  });

  it('keeps one order for loops of more than six rounds: the given one, re-sorted only to honour `after`', () => {
    const seven: RoundInput[] = Array.from({ length: 7 }, (_, i) => ({ id: `r${i + 1}`, name: `Round ${i + 1}`, minutes: 30, interviewers: [`i${i + 1}`] }));
    seven[0] = { ...seven[0]!, after: ['r7'] };
    const res = findSchedules(request({ rounds: seven, interviewers: seven.map((r) => person(r.interviewers[0]!)), horizon: { start: '2026-03-09', days: 1 }, order: 'any' }));
    expect(res.schedules[0]!.rounds.map((r) => [r.roundId, iso(r.start).slice(11, 16)])).toEqual([
      ['r2', '13:00'],
      ['r3', '13:30'],
      ['r4', '14:00'],
      ['r5', '14:30'],
      ['r6', '15:00'],
      ['r7', '15:30'],
      ['r1', '16:00'],
    ]);
    expect(new Set(res.schedules.map((s) => s.rounds.map((r) => r.roundId).join(','))).size).toBe(1);
  });

  it('explains orders that cannot be met', () => {
    const after = findSchedules({ ...tight, order: 'any', rounds: [deep, { ...arch, after: ['deep'] }] });
    expect(after.explanation).toEqual([
      'Architecture must come after Deep dive, but no schedule fits with Deep dive first; without that requirement one does (Architecture, Deep dive).',
    ]);
    expect(findSchedules({ ...tight, rounds: [{ ...deep, after: ['arch'] }, arch] }).explanation).toEqual([
      'Deep dive must come after Architecture, but the fixed order puts Deep dive first; reorder the rounds or set order to "any".',
    ]);
    expect(findSchedules({ ...tight, order: 'any', rounds: [{ ...deep, after: ['arch'] }, { ...arch, after: ['deep'] }] }).explanation).toEqual([
      'Architecture must come after Deep dive, but Deep dive must also come after Architecture (directly or through other rounds); no order satisfies both.',
    ]);
    expect(findSchedules({ ...tight, rounds: [{ ...deep, after: ['lunch'] }, arch] }).explanation).toEqual(['Deep dive must come after a round "lunch" that the loop does not have.']);
  });
});

describe('several days', () => {
  const three: RoundInput[] = [deep, arch, { id: 'case', name: 'Case', minutes: 60, interviewers: ['cx'] }];
  const staff = [person('hm'), person('a1'), person('a2'), person('a3'), person('cx')];
  const hourADay = [win('2026-03-10', 9, 10), win('2026-03-11', 9, 10), win('2026-03-12', 9, 10)];

  it('spreads rounds over the candidate days, ignoring gaps across days, and honours maxDays', () => {
    const res = findSchedules(request({ rounds: three, interviewers: staff, candidate: { zone: ny, windows: hourADay }, sameDay: false }));
    expect(rows(res)).toEqual([
      ['deep', '2026-03-10T13:00:00.000Z', ['hm'], []],
      ['arch', '2026-03-11T13:00:00.000Z', ['a1'], []],
      ['case', '2026-03-12T13:00:00.000Z', ['cx'], []],
    ]);
    expect(res.schedules[0]).toMatchObject({ days: 3, gapMinutes: 0 });
    // maxDays alone (without sameDay) allows several days.
    expect(findSchedules(request({ rounds: three, interviewers: staff, candidate: { zone: ny, windows: hourADay }, maxDays: 3 })).schedules[0]).toMatchObject({ days: 3 });
    const two = findSchedules(request({ rounds: three, interviewers: staff, candidate: { zone: ny, windows: hourADay }, sameDay: false, maxDays: 2 }));
    expect(two.schedules).toEqual([]);
    expect(two.explanation).toEqual(['Every round fits somewhere, but not within 2 days (maxDays); allow more days.']);
  });

  it('applies maxGapMinutes within a day only', () => {
    // The reviewers are free Tuesday 15–16 and Wednesday 9–10; hm Tuesday 9–10 only.
    const res = findSchedules(
      request({
        interviewers: [
          person('hm', { busy: busyExcept('2026-03-10', 9, 10) }),
          ...['a1', 'a2', 'a3'].map((id) => person(id, { busy: [...busyExcept('2026-03-10', 15, 16), ...busyExcept('2026-03-11', 9, 10)] })),
        ],
        candidate: { zone: ny, windows: [win('2026-03-10'), win('2026-03-11')] },
        horizon: { start: '2026-03-10', days: 2 },
        sameDay: false,
      }),
    );
    // Tuesday 15:00 would be a 5-hour gap on the same day; Wednesday 9:00 is allowed.
    expect(rows(res)).toEqual([
      ['deep', '2026-03-10T13:00:00.000Z', ['hm'], []],
      ['arch', '2026-03-11T13:00:00.000Z', ['a1'], []],
    ]);
    expect(res.schedules[0]).toMatchObject({ days: 2, gapMinutes: 0 });
    expect(res.schedules).toHaveLength(1);
  });
});

describe('daylight-saving weeks and half-hour zones', () => {
  /** One 60-minute round with x (9–17 local every day) and a candidate free all day in UTC. */
  function firstAndLastPerDay(zone: string, start: string, days: number, stepMinutes = 60, candidateZone = 'UTC') {
    const res = findSchedules({
      rounds: [{ id: 'x', name: 'X', minutes: 60, interviewers: ['x'] }],
      interviewers: [{ id: 'x', zone, workingHours: everyDay, busy: [] }],
      candidate: { zone: candidateZone, windows: [{ start: zonedToUtc(candidateZone, start, 0), end: zonedToUtc(candidateZone, start, 0) + days * 86_400_000 }] },
      horizon: { start, days },
      stepMinutes,
      limit: 500,
    });
    const byDay = new Map<string, number[]>();
    for (const s of res.schedules) {
      const r = s.rounds[0]!;
      const day = localDate(zone, r.start);
      byDay.set(day, [Math.min(byDay.get(day)?.[0] ?? Infinity, r.start), Math.max(byDay.get(day)?.[1] ?? 0, r.end)]);
    }
    return Object.fromEntries([...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([d, [first, last]]) => [d, [iso(first!), iso(last!)]]));
  }

  it('New York, spring forward (8 March 2026) and fall back (1 November 2026)', () => {
    expect(firstAndLastPerDay(ny, '2026-03-07', 3)).toEqual({
      '2026-03-07': ['2026-03-07T14:00:00.000Z', '2026-03-07T22:00:00.000Z'], // EST
      '2026-03-08': ['2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z'], // EDT from 2:00 that morning
      '2026-03-09': ['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    });
    expect(firstAndLastPerDay(ny, '2026-10-31', 3)).toEqual({
      '2026-10-31': ['2026-10-31T13:00:00.000Z', '2026-10-31T21:00:00.000Z'], // EDT
      '2026-11-01': ['2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z'], // EST from 2:00 that morning
      '2026-11-02': ['2026-11-02T14:00:00.000Z', '2026-11-02T22:00:00.000Z'],
    });
  });

  it('Berlin, spring forward (29 March 2026) and fall back (25 October 2026)', () => {
    const berlin = 'Europe/Berlin';
    expect(firstAndLastPerDay(berlin, '2026-03-28', 2)).toEqual({
      '2026-03-28': ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z'], // CET
      '2026-03-29': ['2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z'], // CEST
    });
    expect(firstAndLastPerDay(berlin, '2026-10-24', 2)).toEqual({
      '2026-10-24': ['2026-10-24T07:00:00.000Z', '2026-10-24T15:00:00.000Z'], // CEST
      '2026-10-25': ['2026-10-25T08:00:00.000Z', '2026-10-25T16:00:00.000Z'], // CET
    });
  });

  it('Kolkata (+05:30): 9:00 local is a slot even with hourly steps on the candidate clock', () => {
    const kolkata = 'Asia/Kolkata';
    expect(firstAndLastPerDay(kolkata, '2026-06-01', 1, 60, kolkata)).toEqual({ '2026-06-01': ['2026-06-01T03:30:00.000Z', '2026-06-01T11:30:00.000Z'] });
    // With a UTC candidate and half-hour steps, the same.
    expect(firstAndLastPerDay(kolkata, '2026-06-01', 1, 30)).toEqual({ '2026-06-01': ['2026-06-01T03:30:00.000Z', '2026-06-01T11:30:00.000Z'] });
  });

  it('Adelaide (+10:30 / +09:30): both transitions, with local days a UTC day ahead', () => {
    const adelaide = 'Australia/Adelaide';
    // Daylight saving ends on Sunday 5 April 2026 (3:00 ACDT → 2:00 ACST).
    expect(firstAndLastPerDay(adelaide, '2026-04-04', 2, 60, adelaide)).toEqual({
      '2026-04-04': ['2026-04-03T22:30:00.000Z', '2026-04-04T06:30:00.000Z'], // ACDT +10:30
      '2026-04-05': ['2026-04-04T23:30:00.000Z', '2026-04-05T07:30:00.000Z'], // ACST +09:30
    });
    // It starts on Sunday 4 October 2026 (2:00 ACST → 3:00 ACDT); half-hour steps.
    expect(firstAndLastPerDay(adelaide, '2026-10-03', 2, 30, adelaide)).toEqual({
      '2026-10-03': ['2026-10-02T23:30:00.000Z', '2026-10-03T07:30:00.000Z'],
      '2026-10-04': ['2026-10-03T22:30:00.000Z', '2026-10-04T06:30:00.000Z'],
    });
  });

  it('counts weekly limits by local ISO week across a DST change', () => {
    // Berlin, 9–17 daily, at most 2 a week, 1 already in W13 (23–29 March, with the spring-forward Sunday).
    const res = findSchedules({
      rounds: [
        { id: 'a', name: 'A', minutes: 60, interviewers: ['x'] },
        { id: 'b', name: 'B', minutes: 60, interviewers: ['x'] },
      ],
      interviewers: [{ id: 'x', zone: 'Europe/Berlin', workingHours: everyDay, busy: [], maxPerWeek: 2, existingPerWeek: { '2026-W13': 1 } }],
      candidate: { zone: 'Europe/Berlin', windows: [{ start: at('Europe/Berlin', '2026-03-29', 9), end: at('Europe/Berlin', '2026-03-30', 17) }] },
      horizon: { start: '2026-03-29', days: 2 },
    });
    // Sunday 29 March (W13) has room for one; Monday 30 March (W14) at 9:00 CEST = 07:00Z.
    expect(rows(res)).toEqual([
      ['a', '2026-03-30T07:00:00.000Z', ['x'], []],
      ['b', '2026-03-30T08:00:00.000Z', ['x'], []],
    ]);
  });
});

describe('explanations for the new constraints', () => {
  it('names weekly limits, alone or with this loop', () => {
    const reached = findSchedules(request({ rounds: [deep], interviewers: [person('hm', { maxPerWeek: 2, existingPerWeek: { '2026-W11': 2 } })] }));
    expect(reached.explanation).toEqual(['hm has reached their weekly limit of 2 interviews (2026-W11).']);
    const withLoop = findSchedules(request({ rounds: [deep, values], interviewers: [person('hm', { maxPerWeek: 3, existingPerWeek: { '2026-W11': 2 } })] }));
    expect(withLoop.explanation).toEqual(['hm has reached their weekly limit of 3 interviews: 2 already booked in 2026-W11, and the loop needs them in 2 rounds.']);
    const daily = findSchedules(request({ rounds: [deep, values], interviewers: [person('hm', { maxPerDay: 1 })], sameDay: false, maxDays: 1 }));
    expect(daily.explanation).toEqual(['hm has reached their daily limit of 1 interview: the loop needs them in 2 rounds.']);
  });

  it('names the pool that cannot be staffed, and pool members held by their limits', () => {
    const round: RoundInput = { id: 'panel', name: 'Panel', minutes: 60, interviewers: [], pools: [arch.pool!, { name: 'product', members: ['p1', 'p2'], count: 1 }] };
    const gone = busyExcept('2026-03-09', 0, 0);
    const nobody = findSchedules(request({ rounds: [round], interviewers: [person('a1'), person('a2'), person('a3'), person('p1', { busy: gone }), person('p2', { busy: gone })] }));
    expect(nobody.explanation).toEqual(["No product member is free for Panel on the candidate's days."]);
    const limited = findSchedules(request({ rounds: [round], interviewers: [person('a1'), person('a2'), person('a3'), person('p1', { maxPerWeek: 1, existingPerWeek: { '2026-W11': 1 } }), person('p2', { busy: gone })] }));
    expect(limited.explanation).toEqual(['p1 has reached their weekly limit of 1 interview (2026-W11).', 'No product member is free for Panel within their interview limits.']);
    const apart = findSchedules(
      request({ rounds: [round], interviewers: [...['a1', 'a2', 'a3'].map((id) => person(id, { busy: busyExcept('2026-03-09', 9, 12) })), person('p1', { busy: busyExcept('2026-03-09', 12, 17) }), person('p2', { busy: gone })] }),
    );
    expect(apart.explanation).toEqual(["Panel cannot be staffed: its interviewers and pool members are never free, within their limits, at the same time during the candidate's windows."]);
    expect(findSchedules(request({ rounds: [{ ...round, pools: [{ name: 'product', members: ['p1', 'p2'], count: 3 }] }], interviewers: [person('p1'), person('p2')] })).explanation).toEqual([
      'Panel needs 3 product members, but the pool has only 2 (besides the round\'s required interviewers).',
    ]);
    expect(findSchedules(request({ rounds: [{ ...deep, shadows: { members: ['ghost'], count: 1 } }] })).explanation).toEqual(['Unknown interviewers: ghost']);
  });

  it('never answers an impossible request with an empty explanation', () => {
    const cases: Partial<LoopRequest>[] = [
      { candidate: { zone: ny, windows: [] } },
      { rounds: [] },
      { maxDays: 0 },
      { candidate: { zone: 'Mars/Olympus', windows: [] } },
      { minGapMinutes: 600 },
      { sameDay: false, minGapMinutes: 45 },
      { interviewers: [person('hm', { maxPerDay: 0 }), person('a1'), person('a2'), person('a3')] },
    ];
    for (const c of cases) {
      const res = findSchedules(request(c));
      expect(res.schedules).toEqual([]);
      expect(res.explanation.length).toBeGreaterThan(0);
      expect(res.explanation.every((line) => line.length > 10)).toBe(true);
    }
  });
});

describe('determinism', () => {
  it('gives identical output for the same input, and leaves the input untouched', () => {
    const req = request({
      rounds: [
        { ...deep, shadows: { members: ['t1', 't2'], count: 1 } },
        { ...arch, pools: [{ name: 'product', members: ['p1', 'p2'], count: 1 }] },
        { id: 'case', name: 'Case', minutes: 90, interviewers: ['cx'], after: ['deep'] },
      ],
      interviewers: [
        person('hm', { busy: [{ start: at(ny, '2026-03-10', 11), end: at(ny, '2026-03-10', 13) }], maxPerWeek: 4 }),
        ...['a1', 'a2', 'a3', 'p1', 'p2', 't1', 't2'].map((id, i) => person(id, { existingPerWeek: { '2026-W11': i % 3 } })),
        person('cx', { zone: 'Europe/Berlin' }),
      ],
      candidate: { zone: ny, windows: ['2026-03-09', '2026-03-10', '2026-03-11'].map((d) => win(d, 8, 18)) },
      order: 'any',
      sameDay: false,
      maxDays: 2,
      limit: 25,
    });
    const copy = structuredClone(req);
    const a = findSchedules(req);
    const b = findSchedules(structuredClone(req));
    expect(a.schedules).toHaveLength(25);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(req).toEqual(copy);
  });
});
