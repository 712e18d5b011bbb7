import { describe, expect, it } from 'vitest';
import { type InterviewerInput, type LoopRequest, findSchedules } from './search.ts';
import { zonedToUtc } from './time.ts';

const weekdays = (from: number, to: number) => ({ 1: [[from, to]], 2: [[from, to]], 3: [[from, to]], 4: [[from, to]], 5: [[from, to]] }) as InterviewerInput['workingHours'];
const at = (zone: string, date: string, hh: number, mm = 0) => zonedToUtc(zone, date, hh * 60 + mm);
const iso = (ms: number) => new Date(ms).toISOString();

function person(id: string, zone = 'America/New_York', busy: { start: number; end: number }[] = [], extra: Partial<InterviewerInput> = {}): InterviewerInput {
  return { id, zone, workingHours: weekdays(9 * 60, 17 * 60), busy, ...extra };
}

function request(over: Partial<LoopRequest> = {}): LoopRequest {
  const ny = 'America/New_York';
  return {
    rounds: [
      { id: 'r1', name: 'Deep dive', minutes: 60, interviewers: ['hm'] },
      { id: 'r2', name: 'Architecture', minutes: 60, interviewers: [], pool: { name: 'architecture reviewer', members: ['a1', 'a2', 'a3'], count: 1 } },
    ],
    interviewers: [person('hm'), person('a1'), person('a2'), person('a3')],
    candidate: { zone: ny, windows: [{ start: at(ny, '2026-03-09', 9), end: at(ny, '2026-03-09', 17) }] },
    horizon: { start: '2026-03-09', days: 5 },
    minGapMinutes: 0,
    maxGapMinutes: 30,
    ...over,
  };
}

describe('findSchedules', () => {
  it('finds the earliest back-to-back loop in the week after the spring-forward change, least-loaded pool member first', () => {
    const res = findSchedules(request());
    expect(res.explanation).toEqual([]);
    const best = res.schedules[0]!;
    // 9:00 EDT on Monday 9 March 2026 is 13:00Z (the clocks moved on Sunday the 8th)
    expect(best.rounds.map((r) => [r.roundId, iso(r.start), r.interviewers])).toEqual([
      ['r1', '2026-03-09T13:00:00.000Z', ['hm']],
      ['r2', '2026-03-09T14:00:00.000Z', ['a1']],
    ]);
    expect(best).toMatchObject({ days: 1, gapMinutes: 0 });
    expect(res.schedules.length).toBe(10);
    expect(findSchedules(request())).toEqual(res); // deterministic
  });

  it('respects busy blocks, working hours in other zones and daily limits', () => {
    const ny = 'America/New_York';
    const res = findSchedules(
      request({
        interviewers: [
          person('hm', ny, [{ start: at(ny, '2026-03-09', 9), end: at(ny, '2026-03-09', 10) }]),
          // Berlin, working 9–17 there = 4:00–12:00 in New York that week (Berlin is still on winter time)
          person('a1', 'Europe/Berlin'),
          person('a2', ny, [], { maxPerDay: 1, existingPerDay: { '2026-03-09': 1 } }),
          person('a3', ny, [{ start: at(ny, '2026-03-09', 9), end: at(ny, '2026-03-09', 17) }]),
        ],
      }),
    );
    const best = res.schedules[0]!;
    expect(best.rounds.map((r) => [iso(r.start), r.interviewers])).toEqual([
      ['2026-03-09T14:00:00.000Z', ['hm']], // 10:00 EDT, after the busy block
      ['2026-03-09T15:00:00.000Z', ['a1']], // 11:00 EDT = 16:00 CET, a1's last hour; a2 is at its daily limit, a3 busy
    ]);
    expect(res.schedules.every((sch) => sch.rounds[1]!.interviewers[0] === 'a1')).toBe(true);
  });

  it('explains an impossible request by naming the binding constraint', () => {
    const ny = 'America/New_York';
    const noReviewer = findSchedules(
      request({ interviewers: [person('hm'), ...['a1', 'a2', 'a3'].map((id) => person(id, ny, [{ start: at(ny, '2026-03-09', 0), end: at(ny, '2026-03-10', 0) }]))] }),
    );
    expect(noReviewer.schedules).toEqual([]);
    expect(noReviewer.explanation).toEqual(["No architecture reviewer member is free for Architecture on the candidate's days."]);

    const hmAway = findSchedules(request({ interviewers: [person('hm', ny, [{ start: at(ny, '2026-03-09', 0), end: at(ny, '2026-03-10', 0) }]), person('a1'), person('a2'), person('a3')] }));
    expect(hmAway.explanation).toEqual(["hm is never free for Deep dive during the candidate's windows."]);

    const tooLong = findSchedules(request({ candidate: { zone: ny, windows: [{ start: at(ny, '2026-03-09', 9), end: at(ny, '2026-03-09', 9, 45) }] } }));
    expect(tooLong.explanation[0]).toBe('Deep dive (60 min) is longer than every candidate window.');

    expect(findSchedules(request({ candidate: { zone: ny, windows: [] } })).explanation).toEqual(['The candidate has no availability inside the scheduling horizon.']);
    expect(findSchedules(request({ rounds: [{ id: 'x', name: 'X', minutes: 30, interviewers: ['ghost'] }] })).explanation).toEqual(['Unknown interviewers: ghost']);
  });

  it('spreads over several days when one day cannot hold the loop and that is allowed', () => {
    const ny = 'America/New_York';
    const windows = [
      { start: at(ny, '2026-03-10', 9), end: at(ny, '2026-03-10', 10) },
      { start: at(ny, '2026-03-11', 9), end: at(ny, '2026-03-11', 10) },
    ];
    const oneDay = findSchedules(request({ candidate: { zone: ny, windows } }));
    expect(oneDay.schedules).toEqual([]);
    expect(oneDay.explanation[0]).toMatch(/not all on one day/);
    const twoDays = findSchedules(request({ candidate: { zone: ny, windows }, sameDay: false }));
    expect(twoDays.schedules[0]!.days).toBe(2);
    expect(twoDays.schedules[0]!.rounds.map((r) => iso(r.start))).toEqual(['2026-03-10T13:00:00.000Z', '2026-03-11T13:00:00.000Z']);
  });
});
