// Loop slot search: a 5-round loop, 12 interviewers in three US zones, 2 weeks with hundreds of busy
// blocks (seeded, deterministic; US zones), first 10 schedules. Target: median ≤ 100 ms.
import { findSchedules, type InterviewerInput, type LoopRequest } from '../src/core/scheduling/search.ts';
import { datesFrom, zonedToUtc } from '../src/core/scheduling/time.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function schedulingRequest(interviewers = 12, days = 14, seed = 7): LoopRequest {
  const rand = rng(seed);
  const zones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles'];
  const dates = datesFrom('2026-03-02', days);
  const people: InterviewerInput[] = Array.from({ length: interviewers }, (_, i) => {
    const zone = zones[i % zones.length]!;
    const busy = dates.flatMap((d) =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const startMin = 8 * 60 + Math.floor(rand() * 16) * 30;
        const start = zonedToUtc(zone, d, startMin);
        return { start, end: start + (30 + Math.floor(rand() * 3) * 30) * 60_000 };
      }),
    );
    return { id: `p${i + 1}`, zone, workingHours: { 1: [[540, 1020]], 2: [[540, 1020]], 3: [[540, 1020]], 4: [[540, 1020]], 5: [[540, 1020]] }, busy, maxPerDay: 3 };
  });
  const ids = people.map((p) => p.id);
  const ny = 'America/New_York';
  return {
    rounds: [
      { id: 'screen', name: 'Screen', minutes: 30, interviewers: [ids[0]!] },
      { id: 'deep', name: 'Deep dive', minutes: 60, interviewers: [ids[1]!] },
      { id: 'a', name: 'Competency A', minutes: 60, interviewers: [], pool: { name: 'panel A', members: ids.slice(2, 6), count: 2 } },
      { id: 'b', name: 'Competency B', minutes: 60, interviewers: [], pool: { name: 'panel B', members: ids.slice(6, 10), count: 2 } },
      { id: 'case', name: 'Case', minutes: 90, interviewers: [], pool: { name: 'case panel', members: ids.slice(2), count: 3 } },
    ],
    interviewers: people,
    candidate: { zone: ny, windows: dates.map((d) => ({ start: zonedToUtc(ny, d, 8 * 60), end: zonedToUtc(ny, d, 18 * 60) })) },
    horizon: { start: dates[0]!, days },
    sameDay: true,
    minGapMinutes: 0,
    maxGapMinutes: 30,
    limit: 10,
  };
}

export function benchScheduling(runs = 15) {
  const cases = [
    { interviewers: 12, days: 14 },
    { interviewers: 24, days: 14 },
    { interviewers: 12, days: 28 },
  ];
  return cases.map(({ interviewers, days }) => {
    const req = schedulingRequest(interviewers, days);
    const busy = req.interviewers.reduce((s, i) => s + i.busy.length, 0);
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      found = findSchedules(req).schedules.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { interviewers, days, busyBlocks: busy, schedulesFound: found, medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, targetMedianMs: interviewers === 12 && days === 14 ? 100 : null };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchScheduling(), null, 2));
