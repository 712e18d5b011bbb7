// Loop slot search: a 5-round loop, 12 interviewers in three US zones, 2 weeks with hundreds of busy
// blocks (seeded, deterministic; US zones), first 10 schedules. Target: median ≤ 100 ms. Also how the
// median grows with interviewers and horizon, and the any-order and several-days modes.
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

function median(req: LoopRequest, runs: number) {
  for (let i = 0; i < 2; i++) findSchedules(req); // warm-up (JIT), untimed
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    found = findSchedules(req).schedules.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return { schedulesFound: found, medianMs: ms(times[Math.floor(times.length / 2)]!), p95Ms: ms(times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!), minMs: ms(times[0]!) };
}

/**
 * The three reference cases (fields as before), a growth report for the 5-round loop — median time
 * by interviewers (12, 24, 48 over 2 weeks) and by horizon (1, 2, 4 weeks with 12) — and the new
 * search modes on the reference case (any order; several days).
 */
export function benchScheduling(runs = 15) {
  const warm = schedulingRequest(12, 14, 99);
  for (let i = 0; i < 8; i++) findSchedules(warm); // let the JIT settle before the first timed case
  const measured = new Map<string, { busyBlocks: number; schedulesFound: number; medianMs: number; p95Ms: number; minMs: number }>();
  const measure = (interviewers: number, days: number) => {
    const key = `${interviewers}x${days}`;
    let m = measured.get(key);
    if (!m) {
      const req = schedulingRequest(interviewers, days);
      m = { busyBlocks: req.interviewers.reduce((s, i) => s + i.busy.length, 0), ...median(req, runs) };
      measured.set(key, m);
    }
    return m;
  };
  const cases = [
    { interviewers: 12, days: 14 },
    { interviewers: 24, days: 14 },
    { interviewers: 12, days: 28 },
  ].map(({ interviewers, days }) => {
    const m = measure(interviewers, days);
    return { interviewers, days, busyBlocks: m.busyBlocks, schedulesFound: m.schedulesFound, medianMs: m.medianMs, p95Ms: m.p95Ms, targetMedianMs: interviewers === 12 && days === 14 ? 100 : null };
  });
  const series = (points: { interviewers: number; days: number }[]) => {
    const rows = points.map((p) => ({ ...p, ...measure(p.interviewers, p.days) }));
    return rows.map((r) => ({ ...r, timesFirst: Math.round((r.medianMs / Math.max(rows[0]!.medianMs, 0.1)) * 100) / 100 }));
  };
  const byInterviewers = series([12, 24, 48].map((interviewers) => ({ interviewers, days: 14 })));
  const byHorizon = series([7, 14, 28].map((days) => ({ interviewers: 12, days })));
  const summary = `${byInterviewers.at(-1)!.interviewers / byInterviewers[0]!.interviewers}× interviewers → ${byInterviewers.at(-1)!.timesFirst}× time; ${byHorizon.at(-1)!.days / byHorizon[0]!.days}× horizon → ${byHorizon.at(-1)!.timesFirst}× time`;
  const modeRuns = Math.max(3, Math.floor(runs / 3) | 1);
  const base = schedulingRequest(12, 14);
  const modes = [
    { mode: 'order any (120 orders)', request: { ...base, order: 'any' as const } },
    { mode: 'several days (sameDay false, maxDays 3)', request: { ...base, sameDay: false, maxDays: 3 } },
  ].map(({ mode, request }) => ({ mode, interviewers: 12, days: 14, runs: modeRuns, ...median(request, modeRuns) }));
  return { cases, growth: { byInterviewers, byHorizon, summary }, modes };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchScheduling(), null, 2));
