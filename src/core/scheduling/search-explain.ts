/**
 * Why a loop cannot be scheduled: structural problems of the request (unknown people or rounds, an
 * impossible round order), rounds that cannot be staffed on their own (nobody free, pools short,
 * daily or weekly limits reached), and otherwise the constraints whose relaxation alone would let a
 * schedule exist (order, `after`, limits, days, gaps). Pure; the relaxed searches run through `probe`.
 */
import type { Engine, LoopRequest, Round, ScheduledRound } from './search.ts';
import { isValidZone } from './time.ts';

/** With order "any", loops of up to this many rounds try every permutation; longer ones keep one order. */
export const MAX_ANY_ORDER_ROUNDS = 6;

/** Code-unit order: the same on every platform and locale. */
export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Runs a (relaxed) request and returns the first schedule found, or null. */
export type Probe = (req: LoopRequest) => ScheduledRound[] | null;

/** Problems that make a request impossible before any search: named, in request order. */
export function structuralProblems(req: LoopRequest): string[] {
  if (req.rounds.length === 0) return ['The loop has no rounds.'];
  const zones = [req.candidate.zone, ...req.interviewers.map((i) => i.zone)].filter((z) => !isValidZone(z));
  if (zones.length) return [`Unknown time zones: ${[...new Set(zones)].join(', ')}`];
  const known = new Set(req.interviewers.map((i) => i.id));
  const unknown = req.rounds
    .flatMap((r) => [...r.interviewers, ...(r.pool?.members ?? []), ...(r.pools ?? []).flatMap((p) => p.members), ...(r.shadows?.members ?? [])])
    .filter((id) => !known.has(id));
  if (unknown.length) return [`Unknown interviewers: ${[...new Set(unknown)].join(', ')}`];

  const out: string[] = [];
  const byRoundId = new Map<string, number>();
  for (const [i, r] of req.rounds.entries()) {
    if (byRoundId.has(r.id)) out.push(`Round id "${r.id}" is used by more than one round.`);
    else byRoundId.set(r.id, i);
    if (!(r.minutes > 0)) out.push(`${r.name} must last at least one minute.`);
    for (const p of [...(r.pool ? [r.pool] : []), ...(r.pools ?? [])]) {
      const size = new Set(p.members.filter((m) => !r.interviewers.includes(m))).size;
      if (p.count > size) out.push(`${r.name} needs ${p.count} ${p.name} member${p.count === 1 ? '' : 's'}, but the pool has only ${size} (besides the round's required interviewers).`);
    }
  }
  if (req.maxDays !== undefined && req.maxDays < 1) out.push('maxDays must be at least 1.');
  const sameDay = req.sameDay ?? !(req.maxDays !== undefined && req.maxDays > 1);
  const minGap = req.minGapMinutes ?? 0;
  const maxGap = req.maxGapMinutes ?? 60;
  if (sameDay && req.rounds.length > 1 && minGap > maxGap) {
    out.push(`minGapMinutes (${minGap}) is larger than maxGapMinutes (${maxGap}), so no two rounds can share a day; all rounds must be on one day.`);
  }
  if (out.length) return out;

  const name = (i: number) => req.rounds[i]!.name;
  for (const [i, r] of req.rounds.entries()) {
    for (const a of r.after ?? []) {
      const j = byRoundId.get(a);
      if (j === undefined) out.push(`${r.name} must come after a round "${a}" that the loop does not have.`);
      else if (j === i) out.push(`${r.name} cannot come after itself.`);
    }
  }
  if (out.length) return out;
  const after = req.rounds.map((r) => (r.after ?? []).map((a) => byRoundId.get(a)!));
  const cycle = findCycle(after);
  if (cycle) {
    const [x, y] = cycle;
    return [`${name(x)} must come after ${name(y)}, but ${name(y)} must also come after ${name(x)} (directly or through other rounds); no order satisfies both.`];
  }
  if ((req.order ?? 'fixed') === 'fixed') {
    for (const [i, r] of req.rounds.entries()) {
      for (const j of after[i]!) {
        if (j > i) out.push(`${r.name} must come after ${name(j)}, but the fixed order puts ${r.name} first; reorder the rounds or set order to "any".`);
      }
    }
  }
  return out;
}

/** An edge [x, y] ("x after y") on a cycle of the `after` graph, or null. */
function findCycle(after: number[][]): [number, number] | null {
  const state = after.map(() => 0); // 0 new, 1 on the path, 2 done
  const visit = (x: number): [number, number] | null => {
    state[x] = 1;
    for (const y of after[x]!) {
      if (state[y] === 1) return [x, y];
      if (state[y] === 0) {
        const c = visit(y);
        if (c) return c;
      }
    }
    state[x] = 2;
    return null;
  };
  for (let x = 0; x < after.length; x++) {
    if (state[x] === 0) {
      const c = visit(x);
      if (c) return c;
    }
  }
  return null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the (structurally sound) request found no schedule. Never empty. */
export function explainFailure(e: Engine, truncated: boolean, probe: Probe): string[] {
  const req = e.req;
  if (e.candidate.length === 0) return ['The candidate has no availability inside the scheduling horizon.'];
  const note = truncated ? ['The search stopped at its work budget before finding a schedule; a narrower horizon or smaller pools may help.'] : [];
  const perRound = e.rounds.flatMap((r) => explainRound(e, r));
  if (perRound.length) return [...note, ...perRound];

  const out: string[] = [];
  const nameOf = new Map(e.rounds.map((r) => [r.input.id, r.input.name]));
  const orderText = (rounds: ScheduledRound[]) => rounds.map((sr) => nameOf.get(sr.roundId)).join(', ');
  const small = e.rounds.length <= MAX_ANY_ORDER_ROUNDS;

  // Order.
  if (e.order === 'fixed' && e.rounds.length > 1 && small) {
    const found = probe({ ...req, order: 'any' });
    if (found) out.push(`Every round fits somewhere, but not in the given order; in another order they do (e.g. ${orderText(found)}); set order to "any".`);
  }
  const edges = e.rounds.flatMap((r) => r.after.map((a) => [r, e.rounds[a]!] as const));
  if (out.length === 0 && edges.length && small) {
    const without = (skip: (r: Round, a: Round) => boolean): LoopRequest => ({
      ...req,
      order: 'any',
      rounds: e.rounds.map((r) => ({ ...r.input, after: r.after.map((a) => e.rounds[a]!).filter((a) => !skip(r, a)).map((a) => a.input.id) })),
    });
    if (probe(without(() => true))) {
      for (const [r, a] of edges) {
        const found = probe(without((x, y) => x === r && y === a));
        if (found) out.push(`${r.input.name} must come after ${a.input.name}, but no schedule fits with ${a.input.name} first; without that requirement one does (${orderText(found)}).`);
      }
      if (out.length === 0) out.push(`The required round order (${edges.map(([r, a]) => `${r.input.name} after ${a.input.name}`).join('; ')}) leaves no schedule; without it one exists.`);
    }
  }

  // Daily and weekly limits.
  const inLoop = [...new Set(e.rounds.flatMap((r) => [...r.required, ...r.pools.flatMap((p) => p.members)]))].sort(byId);
  const limited = inLoop.filter((id) => {
    const p = e.people.get(id)!;
    return p.maxPerDay !== Number.POSITIVE_INFINITY || p.maxPerWeek !== Number.POSITIVE_INFINITY;
  });
  const relaxLimits = (which: (id: string, kind: 'day' | 'week') => boolean): LoopRequest => ({
    ...req,
    interviewers: req.interviewers.map((i) => ({
      ...i,
      maxPerDay: which(i.id, 'day') ? undefined : i.maxPerDay,
      maxPerWeek: which(i.id, 'week') ? undefined : i.maxPerWeek,
    })),
  });
  if (limited.length && probe(relaxLimits((id) => limited.includes(id)))) {
    const before = out.length;
    for (const id of limited.slice(0, 12)) {
      const p = e.people.get(id)!;
      for (const kind of ['day', 'week'] as const) {
        const max = kind === 'day' ? p.maxPerDay : p.maxPerWeek;
        if (max === Number.POSITIVE_INFINITY || !probe(relaxLimits((x, k) => x === id && k === kind))) continue;
        const need = e.rounds.filter((r) => r.required.includes(id)).length;
        const input = req.interviewers.find((i) => i.id === id)!;
        const existing = Object.entries((kind === 'day' ? input.existingPerDay : input.existingPerWeek) ?? {})
          .filter(([, n]) => n > 0)
          .sort(([a], [b]) => byId(a, b))
          .map(([when, n]) => `${n} already booked in ${when}`);
        const needText = need ? `the loop needs them in ${plural(need, 'round')}` : "the loop's pools need them";
        out.push(`${id} has reached their ${kind === 'day' ? 'daily' : 'weekly'} limit of ${plural(max, 'interview')}: ${existing.length ? `${existing.join(', ')}, and ` : ''}${needText}.`);
      }
    }
    if (out.length === before) out.push("The interviewers' daily and weekly limits together leave no schedule; without them one exists.");
  }

  // Days and gaps.
  const gaps = `${req.minGapMinutes ?? 0}–${req.maxGapMinutes ?? 60} minutes`;
  if (e.sameDay) {
    if (e.rounds.length > 1 && (probe({ ...req, sameDay: false, maxDays: undefined }) || probe({ ...req, maxGapMinutes: 24 * 60 }))) {
      out.push(`Every round fits somewhere, but not all on one day with gaps of ${gaps}; allow several days or longer gaps.`);
    }
  } else {
    if (e.maxDays !== Number.POSITIVE_INFINITY && probe({ ...req, maxDays: undefined })) {
      out.push(`Every round fits somewhere, but not within ${plural(e.maxDays, 'day')} (maxDays); allow more days.`);
    }
    if (probe({ ...req, maxGapMinutes: 24 * 60 })) out.push(`Every round fits somewhere, but not with gaps of at most ${req.maxGapMinutes ?? 60} minutes within a day; allow longer gaps.`);
  }
  if ((req.minGapMinutes ?? 0) > 0 && probe({ ...req, minGapMinutes: 0 })) {
    out.push(`Every round fits somewhere, but only with gaps shorter than ${req.minGapMinutes} minutes (minGapMinutes).`);
  }

  if (out.length === 0) {
    out.push(
      e.sameDay
        ? `Every round fits somewhere, but not all on one day with gaps of ${gaps}; allow several days or longer gaps.`
        : `Every round fits somewhere, but not in order with gaps of ${gaps}${e.maxDays !== Number.POSITIVE_INFINITY ? ` within ${plural(e.maxDays, 'day')}` : ''}.`,
    );
  }
  return [...note, ...out];
}

/** Why one round cannot be staffed at any of the candidate's slots on its own; [] when it can. */
function explainRound(e: Engine, r: Round): string[] {
  const name = r.input.name;
  const grid = e.grid(r.dur);
  if (grid.length === 0) return [`${name} (${r.input.minutes} min) is longer than every candidate window.`];
  if (grid.some((t) => e.staff(r, t, []) !== null)) return [];
  const out: string[] = [];
  const freeAt = (id: string) => grid.filter((t) => e.isFree(id, t, t + r.dur));
  const withinLimits = (id: string, t: number) => e.limitHit(id, t, []) === null;
  for (const id of r.required) {
    const free = freeAt(id);
    if (free.length === 0) out.push(`${id} is never free for ${name} during the candidate's windows.`);
    else if (!free.some((t) => withinLimits(id, t))) out.push(...limitMessages(e, id, free));
  }
  const taken = new Set(r.required);
  for (const p of r.pools) {
    const members = p.members.filter((id) => !taken.has(id));
    const best = Math.max(0, ...grid.map((t) => members.filter((id) => e.isFree(id, t, t + r.dur)).length));
    if (best < p.count) {
      out.push(
        best === 0
          ? `No ${p.name} member is free for ${name} on the candidate's days.`
          : `At most ${best} of the ${p.count} ${p.name} members needed for ${name} are free at the same time.`,
      );
      continue;
    }
    const bestOk = Math.max(0, ...grid.map((t) => members.filter((id) => e.isFree(id, t, t + r.dur) && withinLimits(id, t)).length));
    if (bestOk < p.count) {
      for (const id of members) {
        const free = freeAt(id);
        if (free.length && !free.some((t) => withinLimits(id, t))) out.push(...limitMessages(e, id, free));
      }
      out.push(
        bestOk === 0
          ? `No ${p.name} member is free for ${name} within their interview limits.`
          : `At most ${bestOk} of the ${p.count} ${p.name} members needed for ${name} are free within their interview limits at the same time.`,
      );
    }
  }
  if (out.length === 0) out.push(`${name} cannot be staffed: its interviewers and pool members are never free, within their limits, at the same time during the candidate's windows.`);
  return out;
}

/** "x has reached their weekly limit of N interviews (2026-W11)" for the slots where x is free. */
function limitMessages(e: Engine, id: string, free: number[]): string[] {
  const p = e.people.get(id)!;
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const t of free) {
    const { day, week } = e.booking(id, t);
    if (p.existingWeek(week) >= p.maxPerWeek) weeks.add(week);
    else if ((p.existingDay[day] ?? 0) >= p.maxPerDay) days.add(day);
  }
  const out: string[] = [];
  if (weeks.size) out.push(`${id} has reached their weekly limit of ${plural(p.maxPerWeek, 'interview')} (${[...weeks].sort(byId).join(', ')}).`);
  if (days.size) out.push(`${id} has reached their daily limit of ${plural(p.maxPerDay, 'interview')} (${[...days].sort(byId).join(', ')}).`);
  return out;
}
