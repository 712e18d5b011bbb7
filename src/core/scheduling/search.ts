/**
 * Loop slot search: finds ranked schedules for an interview loop across interviewers' working hours
 * (in their own zones), busy blocks, daily and weekly limits, pools, shadows, round order and the
 * candidate's windows (on one day or several); explains the binding constraints when none exists.
 * Pure and deterministic (same input, same ranking): no clock, no randomness, no I/O.
 */
import { type Interval, covers, normalize, subtract } from './intervals.ts';
import { MAX_ANY_ORDER_ROUNDS, byId, explainFailure, structuralProblems } from './search-explain.ts';
import { datesFrom, isoWeekOf, localDate, weekdayOf, zoneOffsetMinutes, zonedToUtc } from './time.ts';

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
  /** At most this many interviews in one ISO week of the interviewer's local dates (existing ones count). */
  maxPerWeek?: number;
  /**
   * Interviews already booked per ISO week ("2026-W10"), counted against maxPerWeek and for load
   * balancing. A week's count is the larger of this and the sum of that week's existingPerDay.
   */
  existingPerWeek?: Record<string, number>;
}

/** `count` people from `members`: any of them (OR); each pool of a round must supply its count (AND). */
export interface PoolInput {
  name: string;
  members: string[];
  count: number;
}

export interface RoundInput {
  id: string;
  name: string;
  minutes: number;
  /** Everyone here must attend. */
  interviewers: string[];
  /** And `count` people from this pool (least loaded first); the same as a one-element `pools`. */
  pool?: PoolInput;
  /** And `count` people from every one of these pools; a person fills at most one seat. */
  pools?: PoolInput[];
  /** Trainees who join as extra seats when free and within their limits; never required. */
  shadows?: { members: string[]; count: number };
  /** Ids of rounds that must come earlier (honoured with order "any"; checked against the fixed order). */
  after?: string[];
}

export interface LoopRequest {
  rounds: RoundInput[];
  interviewers: InterviewerInput[];
  candidate: { zone: string; windows: Interval[] };
  /** Candidate-local start date (YYYY-MM-DD) and number of days. */
  horizon: { start: string; days: number };
  /** All rounds on one day (default true; false when only maxDays > 1 is given). */
  sameDay?: boolean;
  /** With sameDay false: at most this many distinct candidate-local days (default unlimited). */
  maxDays?: number;
  /** "fixed" (default): rounds in the given order; "any": every order allowed by `after` (up to 6 rounds). */
  order?: 'fixed' | 'any';
  minGapMinutes?: number;
  /** Longest gap between consecutive rounds on the same day (default 60); gaps across days are free. */
  maxGapMinutes?: number;
  stepMinutes?: number;
  limit?: number;
}

export interface ScheduledRound {
  roundId: string;
  start: number;
  end: number;
  interviewers: string[];
  /** Shadows who join this round ([] when none). */
  shadows: string[];
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
  /** Present (true) only when the search stopped at its work budget; schedules may then be missing. */
  truncated?: true;
}

export { MAX_ANY_ORDER_ROUNDS };

const MIN = 60_000;
/** Placement attempts one search may make before it stops (deterministic: a count, not a clock). */
const SEARCH_BUDGET = 3_000_000;
const MEMO_LIMIT = 300_000;
/** Budget of each relaxed search an explanation runs. */
const PROBE_BUDGET = 300_000;

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


/** Local calendar days of one zone by binary search over its local midnights (Intl only on the edges). */
class DayIndex {
  private readonly midnights: number[];
  constructor(
    private readonly zone: string,
    private readonly dates: string[],
  ) {
    this.midnights = dates.map((d) => zonedToUtc(zone, d, 0));
  }
  dayOf(t: number): string {
    const m = this.midnights;
    if (t < m[0]! || t >= m[m.length - 1]!) return localDate(this.zone, t);
    // The last midnight at or before t.
    let lo = 0;
    let hi = m.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.dates[lo]!;
  }
}

export interface Booking {
  id: string;
  /** The interviewer's local date and ISO week. */
  day: string;
  week: string;
}

export interface Person {
  id: string;
  zone: string;
  free: Interval[];
  maxPerDay: number;
  maxPerWeek: number;
  existingDay: Record<string, number>;
  existingWeek: (week: string) => number;
  /** Local dates (sorted) on which the person has free time in the horizon. */
  freeDays: string[];
}

export interface Round {
  index: number;
  input: RoundInput;
  dur: number;
  required: string[];
  pools: PoolInput[];
  shadows: { members: string[]; count: number } | null;
  /** Indices of rounds that must come earlier. */
  after: number[];
  /** Some person sits in two of the round's pools: seats are then matched, not picked greedily. */
  poolsOverlap: boolean;
}

/** Everything the search derives from a request once. */
export class Engine {
  readonly step: number;
  readonly minGap: number;
  readonly maxGap: number;
  readonly sameDay: boolean;
  readonly maxDays: number;
  readonly order: 'fixed' | 'any';
  readonly limit: number;
  readonly people = new Map<string, Person>();
  readonly rounds: Round[];
  readonly candidate: Interval[];
  readonly horizonStart: number;
  readonly horizonEnd: number;
  private readonly days = new Map<string, DayIndex>();
  private readonly weeks = new Map<string, string>();
  private readonly candIndex: DayIndex;
  private readonly staticMemo: Map<number, boolean>[];
  private readonly gridMemo = new Map<number, number[]>();
  private readonly startsMemo = new Map<number, number[]>();
  private readonly nextDayMemo = new Map<string, number>();
  private readonly friendlyMemo = new Map<string, [number, number]>();

  constructor(readonly req: LoopRequest) {
    this.step = Math.max(1, req.stepMinutes ?? 15) * MIN;
    this.minGap = Math.max(0, req.minGapMinutes ?? 0) * MIN;
    this.maxGap = (req.maxGapMinutes ?? 60) * MIN;
    this.sameDay = req.sameDay ?? !(req.maxDays !== undefined && req.maxDays > 1);
    this.maxDays = this.sameDay ? 1 : (req.maxDays ?? Number.POSITIVE_INFINITY);
    this.order = req.order ?? 'fixed';
    this.limit = req.limit ?? 10;
    // Two extra days on each side: working hours in zones far ahead of or behind the candidate's spill over.
    const dates = datesFrom(req.horizon.start, Math.max(0, req.horizon.days) + 4, -2);
    this.horizonStart = zonedToUtc(req.candidate.zone, req.horizon.start, 0);
    this.horizonEnd = zonedToUtc(req.candidate.zone, datesFrom(req.horizon.start, 1, Math.max(0, req.horizon.days))[0]!, 0);
    const clip = (list: Interval[]) => normalize(list.map((x) => ({ start: Math.max(x.start, this.horizonStart), end: Math.min(x.end, this.horizonEnd) })));
    this.candIndex = new DayIndex(req.candidate.zone, dates);
    this.days.set(req.candidate.zone, this.candIndex);
    for (const i of req.interviewers) {
      if (!this.days.has(i.zone)) this.days.set(i.zone, new DayIndex(i.zone, dates));
      const free = clip(availabilityOf(i, dates));
      const perDayByWeek = new Map<string, number>();
      for (const [day, n] of Object.entries(i.existingPerDay ?? {})) {
        const w = this.weekOfDate(day);
        perDayByWeek.set(w, (perDayByWeek.get(w) ?? 0) + n);
      }
      const perWeek = i.existingPerWeek ?? {};
      const index = this.days.get(i.zone)!;
      const freeDays = [...new Set(free.flatMap((x) => [index.dayOf(x.start), index.dayOf(x.end - 1)]))].sort();
      this.people.set(i.id, {
        id: i.id,
        zone: i.zone,
        free,
        maxPerDay: i.maxPerDay ?? Number.POSITIVE_INFINITY,
        maxPerWeek: i.maxPerWeek ?? Number.POSITIVE_INFINITY,
        existingDay: i.existingPerDay ?? {},
        existingWeek: (w) => Math.max(perWeek[w] ?? 0, perDayByWeek.get(w) ?? 0),
        freeDays,
      });
    }
    this.candidate = clip(req.candidate.windows);
    const ids = new Map(req.rounds.map((r, i) => [r.id, i]));
    this.rounds = req.rounds.map((r, index) => {
      const pools = [...(r.pool ? [r.pool] : []), ...(r.pools ?? [])].map((p) => ({ ...p, members: [...new Set(p.members)] }));
      const seen = new Map<string, number>();
      for (const p of pools) for (const m of p.members) seen.set(m, (seen.get(m) ?? 0) + 1);
      return {
        index,
        input: r,
        dur: r.minutes * MIN,
        required: [...new Set(r.interviewers)],
        pools,
        shadows: r.shadows && r.shadows.count > 0 ? { members: [...new Set(r.shadows.members)], count: r.shadows.count } : null,
        after: [...new Set(r.after ?? [])].map((id) => ids.get(id)).filter((i): i is number => i !== undefined),
        poolsOverlap: [...seen.values()].some((n) => n > 1),
      };
    });
    this.staticMemo = this.rounds.map(() => new Map());
  }

  weekOfDate(day: string): string {
    let w = this.weeks.get(day);
    if (w === undefined) {
      w = isoWeekOf(day);
      this.weeks.set(day, w);
    }
    return w;
  }

  /** The candidate-local date of an instant. */
  candDay(t: number): string {
    return this.candIndex.dayOf(t);
  }

  /** The interviewer-local date of an instant. */
  dayOf(id: string, t: number): string {
    return this.days.get(this.people.get(id)!.zone)!.dayOf(t);
  }

  /** The candidate-friendly hours of a candidate-local day: 9:00 to 18:00 there. */
  friendly(day: string): [number, number] {
    let f = this.friendlyMemo.get(day);
    if (!f) {
      f = [zonedToUtc(this.req.candidate.zone, day, 9 * 60), zonedToUtc(this.req.candidate.zone, day, 18 * 60)];
      this.friendlyMemo.set(day, f);
    }
    return f;
  }

  /** The instant the candidate-local day `day` begins. */
  dayStart(day: string): number {
    return this.nextDayStart(datesFrom(day, 1, -1)[0]!);
  }

  /** The instant the candidate-local day after `day` begins. */
  nextDayStart(day: string): number {
    let s = this.nextDayMemo.get(day);
    if (s === undefined) {
      s = zonedToUtc(this.req.candidate.zone, datesFrom(day, 1, 1)[0]!, 0);
      this.nextDayMemo.set(day, s);
    }
    return s;
  }

  booking(id: string, t: number): Booking {
    const day = this.dayOf(id, t);
    return { id, day, week: this.weekOfDate(day) };
  }

  isFree(id: string, t: number, end: number): boolean {
    return covers(this.people.get(id)!.free, t, end);
  }

  /** Which limit (if any) keeps `id` from one more interview at `t`, given the bookings so far. */
  limitHit(id: string, t: number, booked: readonly Booking[]): 'day' | 'week' | null {
    const p = this.people.get(id)!;
    if (p.maxPerDay === Number.POSITIVE_INFINITY && p.maxPerWeek === Number.POSITIVE_INFINITY) return null;
    const { day, week } = this.booking(id, t);
    if (p.maxPerDay !== Number.POSITIVE_INFINITY) {
      let n = p.existingDay[day] ?? 0;
      for (const b of booked) if (b.id === id && b.day === day) n++;
      if (n >= p.maxPerDay) return 'day';
    }
    if (p.maxPerWeek !== Number.POSITIVE_INFINITY) {
      let n = p.existingWeek(week);
      for (const b of booked) if (b.id === id && b.week === week) n++;
      if (n >= p.maxPerWeek) return 'week';
    }
    return null;
  }

  /** Existing interviews in the week of `t` plus those booked in this schedule that week. */
  load(id: string, t: number, booked: readonly Booking[]): number {
    const { week } = this.booking(id, t);
    let n = this.people.get(id)!.existingWeek(week);
    for (const b of booked) if (b.id === id && b.week === week) n++;
    return n;
  }

  /** Pool members free at [t, end) and within their limits, least loaded first, ties by id. */
  private poolCandidates(pool: PoolInput, t: number, end: number, booked: readonly Booking[], taken: ReadonlySet<string>): string[] {
    const ok = pool.members.filter((id) => !taken.has(id) && this.isFree(id, t, end) && this.limitHit(id, t, booked) === null);
    const load = new Map(ok.map((id) => [id, this.load(id, t, booked)]));
    return ok.sort((a, b) => load.get(a)! - load.get(b)! || byId(a, b));
  }

  /** Who takes round r at [t, t + minutes), given the bookings so far; null when it cannot be staffed. */
  staff(r: Round, t: number, booked: readonly Booking[]): string[] | null {
    const end = t + r.dur;
    for (const id of r.required) if (!this.isFree(id, t, end) || this.limitHit(id, t, booked) !== null) return null;
    if (r.pools.length === 0) return [...r.required];
    const taken = new Set(r.required);
    const lists = r.pools.map((p) => this.poolCandidates(p, t, end, booked, taken));
    const picks: string[] = [];
    if (!r.poolsOverlap) {
      for (const [i, p] of r.pools.entries()) {
        const list = lists[i]!;
        if (list.length < p.count) return null;
        picks.push(...list.slice(0, p.count));
      }
      return [...r.required, ...picks];
    }
    // A person in two pools fills one seat: take each seat's least-loaded member that still lets the
    // remaining seats be filled (bipartite matching), which is the greedy choice whenever it works.
    const seats = r.pools.flatMap((p, i) => Array.from({ length: Math.max(0, p.count) }, () => lists[i]!));
    const used = new Set<string>();
    for (let s = 0; s < seats.length; s++) {
      let chosen: string | null = null;
      for (const c of seats[s]!) {
        if (used.has(c)) continue;
        used.add(c);
        if (matchable(seats.slice(s + 1), used)) {
          chosen = c;
          break;
        }
        used.delete(c);
      }
      if (chosen === null) return null;
      picks.push(chosen);
    }
    return [...r.required, ...picks];
  }

  /** Whether round r could be staffed at t by availability alone (no limits, no bookings). */
  staticOk(r: Round, t: number): boolean {
    const memo = this.staticMemo[r.index]!;
    let ok = memo.get(t);
    if (ok === undefined) {
      const end = t + r.dur;
      ok = r.required.every((id) => this.isFree(id, t, end));
      if (ok) {
        const taken = new Set(r.required);
        const free = new Set<string>();
        for (const p of r.pools) {
          const n = p.members.filter((id) => !taken.has(id) && this.isFree(id, t, end));
          n.forEach((id) => free.add(id));
          if (n.length < p.count) ok = false;
        }
        if (ok && r.pools.reduce((s, p) => s + Math.max(0, p.count), 0) > free.size) ok = false;
      }
      memo.set(t, ok);
    }
    return ok;
  }

  /**
   * Start times on the step grid, aligned to the candidate's local clock (9:00 in Kolkata is a slot
   * even with 60-minute steps), where a round of `dur` fits a candidate window.
   */
  grid(dur: number): number[] {
    let g = this.gridMemo.get(dur);
    if (!g) {
      g = [];
      const stepMin = this.step / MIN;
      for (const w of this.candidate) {
        const x = Math.ceil(w.start / MIN) * MIN;
        const minuteOfDay = (((x / MIN + zoneOffsetMinutes(this.req.candidate.zone, x)) % 1440) + 1440) % 1440;
        const first = x + ((stepMin - (minuteOfDay % stepMin)) % stepMin) * MIN;
        for (let t = first; t + dur <= w.end; t += this.step) g.push(t);
      }
      this.gridMemo.set(dur, g);
    }
    return g;
  }

  /** Grid starts at which round r could be staffed by availability alone. */
  starts(r: Round): number[] {
    let s = this.startsMemo.get(r.index);
    if (!s) {
      s = this.grid(r.dur).filter((t) => this.staticOk(r, t));
      this.startsMemo.set(r.index, s);
    }
    return s;
  }

  fits(r: Round, t: number): boolean {
    return covers(this.candidate, t, t + r.dur);
  }
}

function matchable(seats: string[][], used: ReadonlySet<string>): boolean {
  const owner = new Map<string, number>();
  const assign = (s: number, seen: Set<string>): boolean => {
    for (const c of seats[s]!) {
      if (used.has(c) || seen.has(c)) continue;
      seen.add(c);
      const o = owner.get(c);
      if (o === undefined || assign(o, seen)) {
        owner.set(c, s);
        return true;
      }
    }
    return false;
  };
  for (let s = 0; s < seats.length; s++) if (!assign(s, new Set())) return false;
  return true;
}

/**
 * The orders to try: the given one (fixed), every permutation allowed by `after` (any, ≤ 6 rounds), or
 * for longer loops the given order stably re-sorted to honour `after`. Empty when `after` cannot be met.
 */
export function ordersOf(e: Engine): number[][] {
  const n = e.rounds.length;
  const respects = (order: number[]) => {
    const pos = new Map(order.map((r, i) => [r, i]));
    return e.rounds.every((r) => r.after.every((a) => pos.get(a)! < pos.get(r.index)!));
  };
  const given = e.rounds.map((r) => r.index);
  if (e.order === 'fixed') return respects(given) ? [given] : [];
  if (n <= MAX_ANY_ORDER_ROUNDS) {
    const out: number[][] = [];
    const perm = (prefix: number[], rest: number[]) => {
      if (rest.length === 0) {
        out.push(prefix);
        return;
      }
      for (const r of rest) {
        if (e.rounds[r]!.after.every((a) => prefix.includes(a))) perm([...prefix, r], rest.filter((x) => x !== r));
      }
    };
    perm([], given);
    return out;
  }
  // Kahn's algorithm, lowest index first: the given order wherever `after` allows it.
  const out: number[] = [];
  const placed = new Set<number>();
  while (out.length < n) {
    const next = given.find((r) => !placed.has(r) && e.rounds[r]!.after.every((a) => placed.has(a)));
    if (next === undefined) return [];
    out.push(next);
    placed.add(next);
  }
  return [out];
}

interface SearchOptions {
  stopAtFirst?: boolean;
  budget?: number;
}

/** Every schedule the depth-first search finds: one per (first start, order), earliest fit after it. */
export function searchAll(e: Engine, opts: SearchOptions = {}): { found: ScheduledRound[][]; truncated: boolean } {
  const budget = opts.budget ?? SEARCH_BUDGET;
  let tries = 0;
  let truncated = false;
  const found: ScheduledRound[][] = [];
  const orders = ordersOf(e);
  if (orders.length === 0 || e.rounds.length === 0 || e.maxDays < 1) return { found, truncated };
  const aligned = e.rounds.every((r) => r.dur % e.step === 0) && e.minGap % e.step === 0;
  const memo = new Map<string, ScheduledRound[] | null>();

  // Capacity bound: a group of people with daily or weekly limits (one required person, or a pool whose
  // members all have limits) cannot fill more seats than their remaining limits allow.
  const isLimited = (id: string) => {
    const p = e.people.get(id)!;
    return p.maxPerDay !== Number.POSITIVE_INFINITY || p.maxPerWeek !== Number.POSITIVE_INFINITY;
  };
  const groups = [
    ...new Map(
      [
        ...e.rounds.flatMap((r) => r.required.filter(isLimited).map((id) => [id])),
        ...e.rounds.flatMap((r) => r.pools.map((p) => [...p.members].sort(byId)).filter((m) => m.every(isLimited))),
      ].map((ids) => [ids.join(','), ids] as const),
    ).values(),
  ];
  /** Seats rounds `rs` need from the group: its required people plus pools drawn only from it. */
  const seatsFrom = (rs: Round[], ids: string[]) =>
    rs.reduce((s, r) => s + r.required.filter((id) => ids.includes(id)).length + r.pools.filter((p) => p.members.every((m) => ids.includes(m))).reduce((n, p) => n + p.count, 0), 0);

  /** Interviews `id` may still take on local `days` (their limits minus existing and booked ones). */
  const remaining = (id: string, days: readonly string[], booked: readonly Booking[]) => {
    const p = e.people.get(id)!;
    let byDay = 0;
    const byWeek = new Map<string, number>();
    for (const d of days) {
      byDay += Math.max(0, p.maxPerDay - (p.existingDay[d] ?? 0) - booked.filter((b) => b.id === id && b.day === d).length);
      const w = e.weekOfDate(d);
      if (!byWeek.has(w)) byWeek.set(w, Math.max(0, p.maxPerWeek - p.existingWeek(w) - booked.filter((b) => b.id === id && b.week === w).length));
    }
    return Math.min(byDay, [...byWeek.values()].reduce((s, n) => s + n, 0));
  };
  /** The person's local days (with free time) that overlap candidate-local day `day`. */
  const localDaysOf = (id: string, day: string) => {
    const free = e.people.get(id)!.freeDays;
    return [...new Set([e.dayOf(id, e.dayStart(day)), e.dayOf(id, e.nextDayStart(day) - 1)])].filter((d) => free.includes(d));
  };
  // A group that keeps enough capacity on every day however this loop books it can never fail the
  // bound: leave it out (the bound only prunes; it never changes which schedules are found).
  const candidateDays = [...new Set(e.candidate.flatMap((w) => [e.candDay(w.start), e.candDay(w.end - 1)]))];
  const tight = (ids: string[]) => {
    const touching = e.rounds.reduce((s, r) => s + r.required.filter((id) => ids.includes(id)).length + r.pools.filter((p) => p.members.some((m) => ids.includes(m))).reduce((n, p) => n + p.count, 0), 0);
    const caps = candidateDays.map((day) => ids.reduce((s, id) => s + remaining(id, localDaysOf(id, day), []), 0)).filter((c) => c > 0);
    return caps.length > 0 && Math.min(...caps) - touching < seatsFrom(e.rounds, ids);
  };
  const tightGroups = new Set(groups.filter(tight));

  const plans = orders.map((order) => {
    const rs = order.map((i) => e.rounds[i]!);
    // latest[k]: the last start of the k-th round that still leaves room for the rest (aligned grids only).
    const latest = rs.map(() => Number.POSITIVE_INFINITY);
    if (aligned) {
      for (let k = rs.length - 1; k >= 0; k--) {
        const s = e.starts(rs[k]!);
        const bound = k === rs.length - 1 ? Number.POSITIVE_INFINITY : latest[k + 1]! - rs[k]!.dur - e.minGap;
        let best = Number.NEGATIVE_INFINITY;
        for (const t of s) if (t <= bound) best = t;
        latest[k] = best;
      }
    }
    // need[k]: seats rounds k… need from each group. One seat is found (or not) by the search itself;
    // the bound pays off from two.
    const need = rs.map((_, k) => [...tightGroups].map((ids) => ({ ids, seats: seatsFrom(rs.slice(k), ids) })).filter((g) => g.seats > 1));
    const suffixKeys = rs.map((_, k) => order.slice(k).join(','));
    return { order, rs, latest, need, suffixKeys };
  });
  type Plan = (typeof plans)[number];

  /**
   * Whether every group can still fill the seats rounds k… need from it: from `from` on, or (one-day
   * loops, once the day is known) on the candidate day `day` only.
   */
  const capacityOk = (plan: Plan, k: number, from: number, booked: readonly Booking[], day: string | null) => {
    for (const { ids, seats } of plan.need[k] ?? []) {
      let total = 0;
      for (const id of ids) {
        const days = day === null ? e.people.get(id)!.freeDays.filter((d) => d >= e.dayOf(id, from)) : localDaysOf(id, day);
        total += Math.min(seats, remaining(id, days, booked));
        if (total >= seats) break;
      }
      if (total < seats) return false;
    }
    return true;
  };

  const book = (booked: readonly Booking[], who: string[], t: number) => [...booked, ...who.map((id) => e.booking(id, t))];

  /** The earliest fit of rounds k… after a round ending at prevEnd on candidate day prevDay. */
  const place = (plan: Plan, k: number, prevEnd: number, prevDay: string, daysUsed: number, booked: readonly Booking[]): ScheduledRound[] | null => {
    if (k === plan.rs.length) return [];
    const key = `${plan.suffixKeys[k]}|${prevEnd}|${prevDay}|${daysUsed}|${booked
      .map((b) => `${b.id}@${b.day}`)
      .sort()
      .join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const result = placeUncached(plan, k, prevEnd, prevDay, daysUsed, booked);
    if (!truncated && memo.size < MEMO_LIMIT) memo.set(key, result);
    return result;
  };

  const attempt = (plan: Plan, k: number, t: number, day: string, daysUsed: number, booked: readonly Booking[]): ScheduledRound[] | null => {
    if (++tries > budget) {
      truncated = true;
      return null;
    }
    const r = plan.rs[k]!;
    if (!e.staticOk(r, t)) return null;
    const who = e.staff(r, t, booked);
    if (!who) return null;
    const nextBooked = book(booked, who, t);
    if (plan.need[k + 1]?.length && !capacityOk(plan, k + 1, t + r.dur, nextBooked, e.sameDay ? day : null)) return null;
    const rest = place(plan, k + 1, t + r.dur, day, daysUsed, nextBooked);
    return rest ? [{ roundId: r.input.id, start: t, end: t + r.dur, interviewers: who, shadows: [] }, ...rest] : null;
  };

  const placeUncached = (plan: Plan, k: number, prevEnd: number, prevDay: string, daysUsed: number, booked: readonly Booking[]): ScheduledRound[] | null => {
    const r = plan.rs[k]!;
    const latest = plan.latest[k]!;
    // The same day, within the gap limits.
    for (let t = prevEnd + e.minGap; t <= prevEnd + e.maxGap && t <= latest && !truncated; t += e.step) {
      if (!e.fits(r, t) || e.candDay(t) !== prevDay) continue;
      const found = attempt(plan, k, t, prevDay, daysUsed, booked);
      if (found) return found;
    }
    // A later day, anywhere in the candidate's windows.
    if (e.sameDay || daysUsed >= e.maxDays) return null;
    const starts = e.starts(r);
    const from = Math.max(prevEnd + e.minGap, e.nextDayStart(prevDay));
    for (let i = lowerBound(starts, from); i < starts.length && starts[i]! <= latest && !truncated; i++) {
      const t = starts[i]!;
      const found = attempt(plan, k, t, e.candDay(t), daysUsed + 1, booked);
      if (found) return found;
    }
    return null;
  };

  // First starts, earliest first; at each, every order whose first round can start there.
  const firsts = [...new Set(plans.flatMap((p) => e.starts(p.rs[0]!)))].sort((a, b) => a - b);
  const viable = plans.filter((p) => p.latest.every((x) => x !== Number.NEGATIVE_INFINITY) && capacityOk(p, 0, e.horizonStart, [], null));
  const startSets = new Map(viable.map((p) => [p, new Set(e.starts(p.rs[0]!))]));
  for (const t of firsts) {
    for (const plan of viable) {
      if (truncated) return { found, truncated };
      if (!startSets.get(plan)!.has(t) || t > plan.latest[0]!) continue;
      const schedule = attempt(plan, 0, t, e.candDay(t), 1, []);
      if (schedule) {
        found.push(schedule);
        if (opts.stopAtFirst) return { found, truncated };
      }
    }
  }
  return { found, truncated };
}

function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds shadows to a chosen schedule: free, within their limits (counting this schedule), least loaded first. */
function withShadows(e: Engine, rounds: ScheduledRound[]): ScheduledRound[] {
  const booked: Booking[] = rounds.flatMap((sr) => sr.interviewers.map((id) => e.booking(id, sr.start)));
  const byRoundId = new Map(e.rounds.map((r) => [r.input.id, r]));
  return rounds.map((sr) => {
    const sh = byRoundId.get(sr.roundId)!.shadows;
    if (!sh) return { ...sr, shadows: [] };
    const ok = sh.members.filter((id) => !sr.interviewers.includes(id) && e.isFree(id, sr.start, sr.end) && e.limitHit(id, sr.start, booked) === null);
    const load = new Map(ok.map((id) => [id, e.load(id, sr.start, booked)]));
    const picks = ok.sort((a, b) => load.get(a)! - load.get(b)! || byId(a, b)).slice(0, sh.count);
    booked.push(...picks.map((id) => e.booking(id, sr.start)));
    return { ...sr, shadows: picks };
  });
}

/** Score: fewer days, shorter same-day gaps, earlier, balanced load, candidate-friendly hours (lower is better). */
export function scoreSchedule(rounds: ScheduledRound[], e: Engine): Schedule {
  const dayOf = rounds.map((r) => e.candDay(r.start));
  const days = new Set(dayOf).size;
  let gapMinutes = 0;
  for (let i = 1; i < rounds.length; i++) {
    if (dayOf[i] === dayOf[i - 1]) gapMinutes += (rounds[i]!.start - rounds[i - 1]!.end) / MIN; // gaps across days are free
  }
  const earliness = (rounds[0]!.start - e.horizonStart) / (60 * MIN); // hours from the horizon start
  // Rounds starting before 9:00 or ending after 18:00 in the candidate's zone are less friendly.
  let unfriendly = 0;
  for (const [i, r] of rounds.entries()) {
    const [from, to] = e.friendly(dayOf[i]!);
    if (r.start < from || r.end > to) unfriendly++;
  }
  const perInterviewer = new Map<string, number>();
  for (const r of rounds) for (const id of r.interviewers) perInterviewer.set(id, (perInterviewer.get(id) ?? 0) + 1);
  const maxLoad = Math.max(0, ...perInterviewer.values());
  const score = days * 1000 + gapMinutes + earliness * 0.5 + unfriendly * 60 + (maxLoad - 1) * 30;
  return { rounds, score: Math.round(score * 100) / 100, days, gapMinutes: Math.round(gapMinutes) };
}

const scheduleKey = (s: Schedule) => s.rounds.map((r) => `${r.roundId}@${r.start}:${r.interviewers.join('+')}`).join('|');

/** The first schedule found for a (relaxed) request, or null; for explanations. */
function firstSchedule(req: LoopRequest): ScheduledRound[] | null {
  if (structuralProblems(req).length) return null;
  return searchAll(new Engine(req), { stopAtFirst: true, budget: PROBE_BUDGET }).found[0] ?? null;
}

/**
 * Ranked schedules (fewer days, shorter gaps, earlier, balanced load, candidate-friendly hours), at
 * most `limit`; with an explanation naming the binding constraints when none exists.
 */
export function findSchedules(req: LoopRequest): SearchResult {
  const problems = structuralProblems(req);
  if (problems.length) return { schedules: [], explanation: problems };
  const e = new Engine(req);
  const { found, truncated } = searchAll(e);
  const scored = found.map((rounds) => scoreSchedule(rounds, e));
  const keys = new Map(scored.map((s) => [s, scheduleKey(s)]));
  scored.sort((a, b) => a.score - b.score || a.rounds[0]!.start - b.rounds[0]!.start || byId(keys.get(a)!, keys.get(b)!));
  const schedules = scored.slice(0, e.limit).map((s) => ({ ...s, rounds: withShadows(e, s.rounds) }));
  const extra = truncated ? { truncated: true as const } : {};
  if (schedules.length) return { schedules, explanation: [], ...extra };
  return { schedules: [], explanation: explainFailure(e, truncated, firstSchedule), ...extra };
}
