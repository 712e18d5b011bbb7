/**
 * Loop slot search: finds ranked schedules for an interview loop across interviewers' working hours
 * (in their own zones), busy blocks, daily limits and the candidate's windows; explains the binding
 * constraints when none exists. Pure and deterministic (same input, same ranking).
 */
import { type Interval, covers, normalize, subtract } from './intervals.ts';
import { datesFrom, localDate, weekdayOf, zonedToUtc } from './time.ts';

export interface InterviewerInput {
  id: string;
  zone: string;
  /** ISO weekday (1 Monday … 7 Sunday) → working spans in local minutes, e.g. { 1: [[540, 1020]] }. */
  workingHours: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, [number, number][]>>;
  busy: Interval[];
  /** At most this many interviews on one local day (existing ones count). */
  maxPerDay?: number;
  /** Interviews already booked per local date, counted against maxPerDay and for load balancing. */
  existingPerDay?: Record<string, number>;
}

export interface RoundInput {
  id: string;
  name: string;
  minutes: number;
  /** Everyone here must attend. */
  interviewers: string[];
  /** And/or `count` people from this pool (least loaded first). */
  pool?: { name: string; members: string[]; count: number };
}

export interface LoopRequest {
  rounds: RoundInput[];
  interviewers: InterviewerInput[];
  candidate: { zone: string; windows: Interval[] };
  horizon: { start: string; days: number };
  /** All rounds on one day (default true). */
  sameDay?: boolean;
  minGapMinutes?: number;
  maxGapMinutes?: number;
  stepMinutes?: number;
  limit?: number;
}

export interface ScheduledRound {
  roundId: string;
  start: number;
  end: number;
  interviewers: string[];
}

export interface Schedule {
  rounds: ScheduledRound[];
  score: number;
  days: number;
  gapMinutes: number;
}

export interface SearchResult {
  schedules: Schedule[];
  /** Why nothing fits, naming the binding constraints; empty when schedules were found. */
  explanation: string[];
}

const MIN = 60_000;

/** Free time of an interviewer over the horizon: working hours in their zone, minus busy blocks. */
export function availabilityOf(i: InterviewerInput, dates: string[]): Interval[] {
  const working: Interval[] = [];
  for (const date of dates) {
    for (const [from, to] of i.workingHours[weekdayOf(date) as 1] ?? []) {
      working.push({ start: zonedToUtc(i.zone, date, from), end: zonedToUtc(i.zone, date, to) });
    }
  }
  return subtract(working, i.busy);
}

interface Prepared {
  free: Map<string, Interval[]>;
  zone: Map<string, string>;
  limits: Map<string, number>;
  existing: Map<string, Record<string, number>>;
  candidate: Interval[];
}

function prepare(req: LoopRequest): Prepared {
  // One extra day on each side: working hours in zones ahead of or behind the candidate's spill over.
  const dates = datesFrom(req.horizon.start, req.horizon.days + 2, -1);
  const horizonStart = zonedToUtc(req.candidate.zone, req.horizon.start, 0);
  const horizonEnd = horizonStart + req.horizon.days * 24 * 60 * MIN;
  const clip = (list: Interval[]) => normalize(list.map((x) => ({ start: Math.max(x.start, horizonStart), end: Math.min(x.end, horizonEnd) })));
  return {
    free: new Map(req.interviewers.map((i) => [i.id, clip(availabilityOf(i, dates))])),
    zone: new Map(req.interviewers.map((i) => [i.id, i.zone])),
    limits: new Map(req.interviewers.map((i) => [i.id, i.maxPerDay ?? Number.POSITIVE_INFINITY])),
    existing: new Map(req.interviewers.map((i) => [i.id, i.existingPerDay ?? {}])),
    candidate: clip(req.candidate.windows),
  };
}

/**
 * Ranked schedules (fewer days, shorter gaps, earlier, balanced load, candidate-friendly hours), at
 * most `limit`; with an explanation when none exists.
 */
export function findSchedules(req: LoopRequest): SearchResult {
  const step = (req.stepMinutes ?? 15) * MIN;
  const minGap = (req.minGapMinutes ?? 0) * MIN;
  const maxGap = (req.maxGapMinutes ?? 60) * MIN;
  const sameDay = req.sameDay ?? true;
  const limit = req.limit ?? 10;
  const p = prepare(req);
  const known = new Set(req.interviewers.map((i) => i.id));
  const unknown = req.rounds.flatMap((r) => [...r.interviewers, ...(r.pool?.members ?? [])]).filter((id) => !known.has(id));
  if (unknown.length) return { schedules: [], explanation: [`Unknown interviewers: ${[...new Set(unknown)].join(', ')}`] };

  const dayOf = (id: string, t: number) => localDate(p.zone.get(id)!, t);
  const candDay = (t: number) => localDate(req.candidate.zone, t);

  /** Who can take round r at [t, t+dur), given the bookings so far; null when it cannot be staffed. */
  const staff = (r: RoundInput, t: number, booked: Map<string, string[]>): string[] | null => {
    const end = t + r.minutes * MIN;
    const ok = (id: string, taken: Set<string>) => {
      if (taken.has(id) || !covers(p.free.get(id)!, t, end)) return false;
      const day = dayOf(id, t);
      const count = (p.existing.get(id)![day] ?? 0) + (booked.get(id)?.filter((d) => d === day).length ?? 0);
      return count < p.limits.get(id)!;
    };
    const taken = new Set<string>();
    for (const id of r.interviewers) {
      if (!ok(id, taken)) return null;
      taken.add(id);
    }
    if (!r.pool) return [...taken];
    const load = (id: string) => Object.values(p.existing.get(id)!).reduce((s, n) => s + n, 0) + (booked.get(id)?.length ?? 0);
    const picks = r.pool.members
      .filter((id) => ok(id, taken))
      .sort((a, b) => load(a) - load(b) || a.localeCompare(b))
      .slice(0, r.pool.count);
    if (picks.length < r.pool.count) return null;
    return [...taken, ...picks];
  };

  const fits = (r: RoundInput, t: number) => covers(p.candidate, t, t + r.minutes * MIN);

  /** Earliest completion of rounds[i..] starting no earlier than `from` (depth-first, first fit). */
  const place = (i: number, from: number, to: number, day: string | null, booked: Map<string, string[]>, acc: ScheduledRound[]): ScheduledRound[] | null => {
    if (i === req.rounds.length) return acc;
    const r = req.rounds[i]!;
    for (let t = from; t <= to; t += step) {
      if (!fits(r, t)) continue;
      if (sameDay && day !== null && candDay(t) !== day) continue;
      const who = staff(r, t, booked);
      if (!who) continue;
      const end = t + r.minutes * MIN;
      const nextBooked = new Map(booked);
      for (const id of who) nextBooked.set(id, [...(booked.get(id) ?? []), dayOf(id, t)]);
      const nextTo = sameDay ? end + maxGap : Math.max(end + maxGap, end + 3 * 24 * 60 * MIN);
      const rest = place(i + 1, end + minGap, nextTo, day ?? candDay(t), nextBooked, [...acc, { roundId: r.id, start: t, end, interviewers: who }]);
      if (rest) return rest;
    }
    return null;
  };

  const schedules: Schedule[] = [];
  const seen = new Set<string>();
  const first = req.rounds[0];
  if (first) {
    for (const w of p.candidate) {
      const alignedStart = Math.ceil(w.start / step) * step;
      for (let t = alignedStart; t + first.minutes * MIN <= w.end; t += step) {
        const found = place(0, t, t, null, new Map(), []);
        if (!found) continue;
        const key = found.map((x) => `${x.start}:${x.interviewers.join('+')}`).join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        schedules.push(scoreSchedule(found, req));
      }
    }
  }
  schedules.sort((a, b) => a.score - b.score || a.rounds[0]!.start - b.rounds[0]!.start);
  if (schedules.length) return { schedules: schedules.slice(0, limit), explanation: [] };
  return { schedules: [], explanation: explain(req, p, fits, staff) };
}

function scoreSchedule(rounds: ScheduledRound[], req: LoopRequest): Schedule {
  const days = new Set(rounds.map((r) => localDate(req.candidate.zone, r.start))).size;
  let gapMinutes = 0;
  for (let i = 1; i < rounds.length; i++) {
    const gap = rounds[i]!.start - rounds[i - 1]!.end;
    if (gap < 12 * 60 * MIN) gapMinutes += gap / MIN;
  }
  const horizonStart = zonedToUtc(req.candidate.zone, req.horizon.start, 0);
  const earliness = (rounds[0]!.start - horizonStart) / (60 * MIN); // hours from the horizon start
  // Rounds starting before 9:00 or ending after 18:00 in the candidate's zone are less friendly.
  let unfriendly = 0;
  for (const r of rounds) {
    const date = localDate(req.candidate.zone, r.start);
    if (r.start < zonedToUtc(req.candidate.zone, date, 9 * 60) || r.end > zonedToUtc(req.candidate.zone, date, 18 * 60)) unfriendly++;
  }
  const perInterviewer = new Map<string, number>();
  for (const r of rounds) for (const id of r.interviewers) perInterviewer.set(id, (perInterviewer.get(id) ?? 0) + 1);
  const maxLoad = Math.max(0, ...perInterviewer.values());
  const score = days * 1000 + gapMinutes + earliness * 0.5 + unfriendly * 60 + (maxLoad - 1) * 30;
  return { rounds, score: Math.round(score * 100) / 100, days, gapMinutes: Math.round(gapMinutes) };
}

function explain(
  req: LoopRequest,
  p: Prepared,
  fits: (r: RoundInput, t: number) => boolean,
  staff: (r: RoundInput, t: number, booked: Map<string, string[]>) => string[] | null,
): string[] {
  if (p.candidate.length === 0) return ["The candidate has no availability inside the scheduling horizon."];
  const out: string[] = [];
  const step = (req.stepMinutes ?? 15) * MIN;
  for (const r of req.rounds) {
    const slots: number[] = [];
    for (const w of p.candidate) for (let t = Math.ceil(w.start / step) * step; t + r.minutes * MIN <= w.end; t += step) slots.push(t);
    if (slots.length === 0) {
      out.push(`${r.name} (${r.minutes} min) is longer than every candidate window.`);
      continue;
    }
    if (slots.some((t) => fits(r, t) && staff(r, t, new Map()))) continue;
    for (const id of r.interviewers) {
      if (!slots.some((t) => covers(p.free.get(id)!, t, t + r.minutes * MIN))) out.push(`${id} is never free for ${r.name} during the candidate's windows.`);
    }
    if (r.pool) {
      const best = Math.max(0, ...slots.map((t) => r.pool!.members.filter((id) => covers(p.free.get(id)!, t, t + r.minutes * MIN)).length));
      if (best < r.pool.count) {
        out.push(
          best === 0
            ? `No ${r.pool.name} member is free for ${r.name} on the candidate's days.`
            : `At most ${best} of the ${r.pool.count} ${r.pool.name} members needed for ${r.name} are free at the same time.`,
        );
      }
    }
    if (out.length === 0) out.push(`${r.name} cannot be staffed within the interviewers' daily limits.`);
  }
  if (out.length === 0) {
    out.push(
      (req.sameDay ?? true)
        ? `Every round fits somewhere, but not all on one day with gaps of ${req.minGapMinutes ?? 0}–${req.maxGapMinutes ?? 60} minutes; allow several days or longer gaps.`
        : `Every round fits somewhere, but not in order with gaps of ${req.minGapMinutes ?? 0}–${req.maxGapMinutes ?? 60} minutes.`,
    );
  }
  return out;
}
