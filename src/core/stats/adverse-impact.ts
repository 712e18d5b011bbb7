/**
 * Adverse impact of a selection procedure across groups (Uniform Guidelines on Employee Selection
 * Procedures, 29 CFR 1607.4(D), and NYC Local Law 144's bias audits).
 *
 * The input is counts per group — `n` considered and `selected` — which SQL can produce with one
 * GROUP BY, so no individual decisions are loaded (DECISIONS 34). Every group is compared with the
 * reference group, the one with the highest selection rate:
 *
 * - impact ratio: rate_g / rate_ref, computed as (selected_g · n_ref) / (selected_ref · n_g) so that
 *   only one rounding happens (32/50 against 40/50 gives exactly 0.8);
 * - four-fifths flag: decided with integers, never with the rounded ratio —
 *   flagged when 5 · selected_g · n_ref < 4 · selected_ref · n_g, so a ratio of exactly 0.8 is not
 *   adverse impact (Q&A 11);
 * - Fisher's exact test (two-sided, as R's fisher.test) on the 2×2 table group/reference ×
 *   selected/not selected;
 * - the pooled two-proportion z test on the same table.
 *
 * The reference row has no ratio or p-values (null), and when the highest rate is 0 (nobody
 * selected anywhere) every ratio and p-value is null: there is nothing to compare (DECISIONS 30).
 * Nothing here is ever NaN.
 */
import { fisherExact } from './fisher.ts';
import { twoSidedNormalP } from './distributions.ts';

export interface GroupCounts {
  group: string;
  /** How many people of the group were considered. */
  n: number;
  /** How many of them were selected (or, for scoring rates, scored above the median). */
  selected: number;
}

export interface ImpactRow {
  group: string;
  n: number;
  selected: number;
  /** selected / n; null when n = 0. */
  rate: number | null;
  /** rate / reference rate; null for the reference row, an empty group, or a zero reference rate. */
  impactRatio: number | null;
  /** True when the impact ratio is below four-fifths (decided with integer arithmetic). */
  fourFifthsFlag: boolean;
  /** Fisher's exact test, two-sided, of this group against the reference group. */
  fisherP: number | null;
  /** Pooled two-proportion z test, two-sided, of this group against the reference group. */
  zP: number | null;
}

export interface AdverseImpactResult {
  /** The group with the highest selection rate (ties: larger n, then name); null without data. */
  referenceGroup: string | null;
  /** One row per input group, in input order. */
  groups: ImpactRow[];
  /** Why values are null, when a whole comparison is impossible. */
  notes: string[];
}

function checkCounts(g: GroupCounts): void {
  if (typeof g.group !== 'string') throw new RangeError('adverseImpact: every group needs a name');
  if (!Number.isInteger(g.n) || g.n < 0) throw new RangeError(`adverseImpact: group "${g.group}": n must be a non-negative integer (got ${g.n})`);
  if (!Number.isInteger(g.selected) || g.selected < 0 || g.selected > g.n) {
    throw new RangeError(`adverseImpact: group "${g.group}": selected must be an integer between 0 and n = ${g.n} (got ${g.selected})`);
  }
}

/**
 * Compares the rates a/b and c/d exactly (b, d > 0): negative, zero or positive as a/b is below,
 * equal to or above c/d. BigInt keeps the products exact beyond 2^53.
 */
function compareRates(a: number, b: number, c: number, d: number): number {
  const left = BigInt(a) * BigInt(d);
  const right = BigInt(c) * BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The four-fifths rule with integers: true when selected_g / n_g < 4/5 · selected_ref / n_ref, i.e.
 * 5 · selected_g · n_ref < 4 · selected_ref · n_g. Both n must be positive.
 */
export function belowFourFifths(selectedGroup: number, nGroup: number, selectedRef: number, nRef: number): boolean {
  return 5n * BigInt(selectedGroup) * BigInt(nRef) < 4n * BigInt(selectedRef) * BigInt(nGroup);
}

/**
 * Pooled two-proportion z test of x1/n1 against x2/n2 (both n positive); the statistic uses the
 * pooled rate (x1 + x2)/(n1 + n2) for the standard error. Null when that rate is 0 or 1 — no
 * variation, so no test — rather than 0/0.
 */
export function pooledTwoProportionZ(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } | null {
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { z, p: twoSidedNormalP(z) };
}

/** Picks the reference group: highest rate, then larger n, then the name that sorts first. */
function pickReference(groups: readonly GroupCounts[]): GroupCounts | null {
  let best: GroupCounts | null = null;
  for (const g of groups) {
    if (g.n === 0) continue;
    if (best === null) {
      best = g;
      continue;
    }
    const byRate = compareRates(g.selected, g.n, best.selected, best.n);
    if (byRate > 0 || (byRate === 0 && (g.n > best.n || (g.n === best.n && g.group < best.group)))) best = g;
  }
  return best;
}

/** Adverse-impact table for selection counts per group (see the module comment). */
export function adverseImpact(groups: readonly GroupCounts[]): AdverseImpactResult {
  const seen = new Set<string>();
  for (const g of groups) {
    checkCounts(g);
    if (seen.has(g.group)) throw new RangeError(`adverseImpact: group "${g.group}" appears twice`);
    seen.add(g.group);
  }
  const ref = pickReference(groups);
  const notes: string[] = [];
  if (ref === null) notes.push(groups.length === 0 ? 'No groups.' : 'Every group is empty (n = 0).');
  else if (ref.selected === 0) notes.push('Nobody was selected in any group: impact ratios and tests are undefined.');
  const empty = groups.filter((g) => g.n === 0).map((g) => g.group);
  if (empty.length > 0 && ref !== null) notes.push(`Empty groups (n = 0) have no rate: ${empty.join(', ')}.`);

  const rows = groups.map((g): ImpactRow => {
    const rate = g.n > 0 ? g.selected / g.n : null;
    const base = { group: g.group, n: g.n, selected: g.selected, rate };
    if (ref === null || g === ref || g.n === 0 || ref.selected === 0) {
      return { ...base, impactRatio: null, fourFifthsFlag: false, fisherP: null, zP: null };
    }
    const table = { a: g.selected, b: g.n - g.selected, c: ref.selected, d: ref.n - ref.selected };
    return {
      ...base,
      impactRatio: (g.selected * ref.n) / (ref.selected * g.n),
      fourFifthsFlag: belowFourFifths(g.selected, g.n, ref.selected, ref.n),
      fisherP: fisherExact(table),
      zP: pooledTwoProportionZ(g.selected, g.n, ref.selected, ref.n)?.p ?? null,
    };
  });
  return { referenceGroup: ref?.group ?? null, groups: rows, notes };
}

export interface GroupScores {
  group: string;
  scores: readonly number[];
}

export interface ScoringRateResult extends AdverseImpactResult {
  /** Median of all scores pooled across groups (mean of the two middle values for an even count). */
  median: number | null;
}

/** Median of a non-empty list (sorted copy). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * NYC Local Law 144 "scoring rate" analysis for a tool that scores rather than selects: the scoring
 * rate of a group is the share of its members whose score is strictly ABOVE the median of the whole
 * sample (all groups pooled). A score equal to the median does not count as above it, so with
 * coarse scores (a 1–4 scale, say) many people can sit exactly on the median and every group's rate
 * drops; that is the rule as written, and the pooled median is returned so readers can see it. The
 * rates then go through the same comparison as selection rates (`adverseImpact`).
 *
 * Scaling: SQL can compute the pooled median (percentile_cont(0.5)) and then the per-group counts
 * above it, and pass those counts to `adverseImpact` directly; this function is the in-memory
 * equivalent for files and tests.
 */
export function scoringRate(groups: readonly GroupScores[]): ScoringRateResult {
  const all: number[] = [];
  for (const g of groups) {
    for (const s of g.scores) {
      if (!Number.isFinite(s)) throw new RangeError(`scoringRate: group "${g.group}" has a score that is not a finite number`);
      all.push(s);
    }
  }
  const med = all.length > 0 ? median(all) : null;
  const counts = groups.map((g) => ({
    group: g.group,
    n: g.scores.length,
    selected: med === null ? 0 : g.scores.filter((s) => s > med).length,
  }));
  const result = adverseImpact(counts);
  if (med !== null && all.filter((s) => s === med).length > 0) {
    result.notes.push(`${all.filter((s) => s === med).length} score(s) equal the median (${med}) and do not count as above it.`);
  }
  return { median: med, ...result };
}
