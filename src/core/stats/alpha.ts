/**
 * Krippendorff's alpha for nominal, ordinal, interval and ratio data with missing values, computed from
 * a coincidence matrix — the sufficient statistic — so the aggregation can happen in SQL (DECISIONS 34).
 *
 * Data. A unit (a candidate × competency, say) carries the values its raters gave; missing ratings are
 * simply absent (null, undefined, NaN and '' count as missing). A unit with m_u ≥ 2 values is
 * "pairable"; units with fewer are dropped because they say nothing about agreement.
 *
 * Coincidences. Within each pairable unit, every ordered pair of values from different raters is one
 * coincidence, weighted 1/(m_u − 1) so a unit contributes exactly m_u in total. With n_uc the number of
 * values c in unit u:
 *   o_ck = Σ_u n_uc · (n_uk − [c = k]) / (m_u − 1),     n_c = Σ_k o_ck,     n = Σ_c n_c.
 * The matrix is symmetric and n is the number of pairable values.
 *
 * Alpha. With a difference function δ²(c, k):
 *   D_o = Σ_c Σ_k o_ck δ²_ck / n,   D_e = Σ_c Σ_k n_c n_k δ²_ck / (n(n − 1)),   α = 1 − D_o / D_e.
 * Metrics (Krippendorff 2011, section E):
 *   nominal   δ² = 0 if c = k, else 1
 *   ordinal   δ²_ck = (Σ_{g from c to k} n_g − (n_c + n_k)/2)²  — ranks from the marginal frequencies
 *             of the coincidence matrix, so only the order of the values matters, not their spacing
 *   interval  δ² = (c − k)²
 *   ratio     δ² = ((c − k)/(c + k))²  (values must be ≥ 0; two zeros differ by 0)
 * α is undefined — null with a reason — when there are fewer than 2 pairable values or D_e = 0 (every
 * pairable value is the same, so there is no variation to agree about).
 *
 * SQL. The coincidence matrix aggregates with GROUP BY; one way, for a table ratings(unit, value):
 *   WITH per AS (SELECT unit, value, COUNT(*) AS nuv FROM ratings WHERE value IS NOT NULL GROUP BY unit, value),
 *        mu  AS (SELECT unit, SUM(nuv) AS m FROM per GROUP BY unit HAVING SUM(nuv) >= 2)
 *   SELECT a.value AS a, b.value AS b,
 *          SUM(a.nuv * (b.nuv - CASE WHEN a.value = b.value THEN 1 ELSE 0 END)::float8 / (mu.m - 1)) AS weight
 *   FROM per a JOIN per b USING (unit) JOIN mu USING (unit) GROUP BY a.value, b.value;
 * and `coincidenceMatrixFromPairs` turns those rows into the matrix. For the bootstrap, units with the
 * same multiset of values are interchangeable, so SQL can group units by their sorted value list
 * (a "profile") and count them; `alphaBootstrapFromProfiles` resamples those counts.
 *
 * Bootstrap. `alphaBootstrap` draws the pairable units with replacement (a cluster bootstrap over units,
 * using the seeded `mulberry32` generator, so a seed always gives the same interval), recomputes α
 * for each replicate and reports the percentile interval. Replicates where α is undefined (all values
 * equal) are skipped and counted. This is not Krippendorff's own bootstrap, which resamples pairable
 * values; resampling units respects the dependence between the values within a unit.
 *
 * Reference: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania; Hayes & Krippendorff (2007), Communication Methods and
 * Measures 1:77–89.
 */
import { aliasSampler, multinomialDraw, mulberry32 } from './random.ts';

export type AlphaValue = number | string;
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const alphaMetrics: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A coincidence matrix over sorted distinct values: matrix[i][j] = o for (values[i], values[j]). */
export interface CoincidenceMatrix {
  values: readonly AlphaValue[];
  matrix: readonly (readonly number[])[];
}

export interface Coincidences extends CoincidenceMatrix {
  values: AlphaValue[];
  matrix: number[][];
  /** Units with at least 2 values (used). */
  pairableUnits: number;
  /** Units with 0 or 1 values (dropped). */
  droppedUnits: number;
  /** n: values in pairable units. */
  pairableValues: number;
}

export interface AlphaResult {
  metric: AlphaMetric;
  alpha: number | null;
  /** n, the number of pairable values (the total of the coincidence matrix). */
  pairableValues: number;
  /** Units that entered (≥ 2 values); null when the input was a pre-aggregated matrix. */
  pairableUnits: number | null;
  droppedUnits: number | null;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  /** Why alpha is null; null when it is defined. */
  reason: string | null;
}

export interface AlphaBootstrapResult extends AlphaResult {
  level: number;
  lower: number | null;
  upper: number | null;
  samples: number;
  /** Replicates where alpha was defined (the interval uses only these). */
  validSamples: number;
  seed: number;
  /** Why the interval is null, when alpha itself is defined. */
  intervalReason: string | null;
}

/** Units resampled together: `count` units each carrying exactly `values` (order irrelevant). */
export interface UnitProfile {
  values: readonly (AlphaValue | null | undefined)[];
  count: number;
}

function isPresent(v: AlphaValue | null | undefined): v is AlphaValue {
  if (v === null || v === undefined || v === '') return false;
  return typeof v === 'string' || Number.isFinite(v);
}

/** Numbers ascending first, then strings in code-unit order: a total order with 1 ≠ '1'. */
function compareValues(a: AlphaValue, b: AlphaValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per-unit value counts over the indexes of `values`, for units with ≥ 2 present values. */
interface UnitCounts {
  /** Sparse: distinct value indexes and their counts. */
  index: number[];
  count: number[];
  m: number;
}

function distinctSorted(valuesSeen: Iterable<AlphaValue>): { values: AlphaValue[]; position: Map<AlphaValue, number> } {
  const values = [...new Set(valuesSeen)].sort(compareValues);
  return { values, position: new Map(values.map((v, i) => [v, i])) };
}

function countUnit(unit: readonly (AlphaValue | null | undefined)[], position: Map<AlphaValue, number>): UnitCounts | null {
  const counts = new Map<number, number>();
  let m = 0;
  for (const v of unit) {
    if (!isPresent(v)) continue;
    const i = position.get(v)!;
    counts.set(i, (counts.get(i) ?? 0) + 1);
    m++;
  }
  if (m < 2) return null;
  const index = [...counts.keys()].sort((a, b) => a - b);
  return { index, count: index.map((i) => counts.get(i)!), m };
}

/** Add `weight` times a unit's coincidences into `matrix`. */
function addUnit(matrix: number[][], u: UnitCounts, weight: number): void {
  const scale = weight / (u.m - 1);
  for (let a = 0; a < u.index.length; a++) {
    const row = matrix[u.index[a]!]!;
    const na = u.count[a]!;
    for (let b = 0; b < u.index.length; b++) {
      const nb = u.count[b]! - (a === b ? 1 : 0);
      if (nb > 0) row[u.index[b]!] = row[u.index[b]!]! + na * nb * scale;
    }
  }
}

function zeroMatrix(size: number): number[][] {
  return Array.from({ length: size }, () => new Array<number>(size).fill(0));
}

/** The coincidence matrix of a set of units (each the list of values its raters gave). */
export function coincidences(units: readonly (readonly (AlphaValue | null | undefined)[])[]): Coincidences {
  const seen: AlphaValue[] = [];
  for (const unit of units) {
    const present = unit.filter(isPresent);
    if (present.length >= 2) seen.push(...present);
  }
  const { values, position } = distinctSorted(seen);
  const matrix = zeroMatrix(values.length);
  let pairableUnits = 0;
  let pairableValues = 0;
  for (const unit of units) {
    const u = countUnit(unit, position);
    if (!u) continue;
    pairableUnits++;
    pairableValues += u.m;
    addUnit(matrix, u, 1);
  }
  return { values, matrix, pairableUnits, droppedUnits: units.length - pairableUnits, pairableValues };
}

/**
 * Build a coincidence matrix from SQL rows (a, b, weight) — one row per ordered value pair, as the query
 * in the file comment produces. Rows for the same pair are added; missing pairs are 0.
 */
export function coincidenceMatrixFromPairs(rows: readonly { a: AlphaValue; b: AlphaValue; weight: number }[]): CoincidenceMatrix {
  for (const r of rows) {
    if (!isPresent(r.a) || !isPresent(r.b)) throw new RangeError('coincidence rows need both values');
    if (!Number.isFinite(r.weight) || r.weight < 0) throw new RangeError(`coincidence weights must be finite and ≥ 0, got ${r.weight}`);
  }
  const { values, position } = distinctSorted(rows.flatMap((r) => [r.a, r.b]));
  const matrix = zeroMatrix(values.length);
  for (const r of rows) {
    const row = matrix[position.get(r.a)!]!;
    const j = position.get(r.b)!;
    row[j] = row[j]! + r.weight;
  }
  return { values, matrix };
}

function validateMatrix(c: CoincidenceMatrix): void {
  const size = c.values.length;
  if (c.matrix.length !== size || c.matrix.some((row) => row.length !== size)) {
    throw new RangeError(`the coincidence matrix must be ${size} × ${size} to match its values`);
  }
  for (const row of c.matrix) {
    for (const o of row) if (!Number.isFinite(o) || o < 0) throw new RangeError(`coincidences must be finite and ≥ 0, got ${o}`);
  }
  for (let i = 1; i < size; i++) {
    if (compareValues(c.values[i - 1]!, c.values[i]!) >= 0) throw new RangeError('coincidence values must be sorted and distinct');
  }
}

/** δ²(c, k) for every pair, or a reason the metric does not apply to these values. */
function differenceMatrix(values: readonly AlphaValue[], marginals: readonly number[], metric: AlphaMetric): number[][] | string {
  const size = values.length;
  const d = zeroMatrix(size);
  if (metric === 'nominal') {
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) d[i]![j] = i === j ? 0 : 1;
    return d;
  }
  if (values.some((v) => typeof v !== 'number')) return `the ${metric} metric needs numeric values`;
  const x = values as readonly number[];
  if (metric === 'ordinal') {
    // Cumulative marginals give Σ_{g=i..j} n_g in O(1).
    const cumulative = [0];
    for (const n of marginals) cumulative.push(cumulative[cumulative.length - 1]! + n);
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) {
        const between = cumulative[j + 1]! - cumulative[i]! - (marginals[i]! + marginals[j]!) / 2;
        d[i]![j] = d[j]![i] = between * between;
      }
    }
    return d;
  }
  if (metric === 'ratio' && x.some((v) => v < 0)) return 'the ratio metric needs non-negative values';
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const diff = x[i]! - x[j]!;
      const delta = metric === 'interval' ? diff * diff : (diff / (x[i]! + x[j]!)) ** 2;
      d[i]![j] = d[j]![i] = delta;
    }
  }
  return d;
}

/** Krippendorff's alpha from a coincidence matrix (e.g. aggregated in SQL). */
export function alphaFromCoincidences(c: CoincidenceMatrix, metric: AlphaMetric): AlphaResult {
  validateMatrix(c);
  return alphaCore(c.values, c.matrix, metric, null, null);
}

function alphaCore(
  values: readonly AlphaValue[],
  matrix: readonly (readonly number[])[],
  metric: AlphaMetric,
  pairableUnits: number | null,
  droppedUnits: number | null,
): AlphaResult {
  const marginals = matrix.map((row) => row.reduce((s, o) => s + o, 0));
  const n = marginals.reduce((s, m) => s + m, 0);
  const base = { metric, pairableValues: n, pairableUnits, droppedUnits };
  const none = (reason: string): AlphaResult => ({ ...base, alpha: null, observedDisagreement: null, expectedDisagreement: null, reason });
  if (!(n >= 2)) return none(`fewer than 2 pairable values (n = ${n}); alpha is undefined`);
  const delta = differenceMatrix(values, marginals, metric);
  if (typeof delta === 'string') return none(delta);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      const d = delta[i]![j]!;
      if (d === 0) continue;
      observed += matrix[i]![j]! * d;
      expected += marginals[i]! * marginals[j]! * d;
    }
  }
  const dObserved = observed / n;
  const dExpected = expected / (n * (n - 1));
  if (!(dExpected > 0)) {
    return { ...none('no variation: every pairable value is the same, so expected disagreement is 0 and alpha is undefined'), observedDisagreement: dObserved, expectedDisagreement: dExpected };
  }
  return { ...base, alpha: 1 - dObserved / dExpected, observedDisagreement: dObserved, expectedDisagreement: dExpected, reason: null };
}

/** Krippendorff's alpha of a set of units (each the list of values its raters gave, null = missing). */
export function krippendorffAlpha(units: readonly (readonly (AlphaValue | null | undefined)[])[], metric: AlphaMetric): AlphaResult {
  const c = coincidences(units);
  return alphaCore(c.values, c.matrix, metric, c.pairableUnits, c.droppedUnits);
}

export interface AlphaBootstrapOptions {
  /** Bootstrap replicates; default 1000. */
  samples?: number;
  /** PRNG seed; default 1. The same seed always gives the same interval. */
  seed?: number;
  /** Confidence level; default 0.95. */
  level?: number;
  /**
   * Profiles only: draw each replicate's profile counts as one multinomial (conditional binomials,
   * normal approximation for large counts) instead of unit by unit — O(profiles) per replicate
   * instead of O(units), for the in-app reports over hundreds of thousands of units.
   */
  multinomial?: boolean;
}

/** Percentile bootstrap interval for alpha, resampling units with replacement. */
export function alphaBootstrap(
  units: readonly (readonly (AlphaValue | null | undefined)[])[],
  metric: AlphaMetric,
  options: AlphaBootstrapOptions = {},
): AlphaBootstrapResult {
  // Units with the same multiset of values are interchangeable: group them (in order of first
  // appearance) so each replicate costs O(profiles), not O(units), to tabulate.
  const profiles = new Map<string, { values: AlphaValue[]; count: number }>();
  for (const unit of units) {
    const values = unit.filter(isPresent).sort(compareValues);
    const key = JSON.stringify(values);
    const existing = profiles.get(key);
    if (existing) existing.count++;
    else profiles.set(key, { values, count: 1 });
  }
  return alphaBootstrapFromProfiles([...profiles.values()], metric, options);
}

/**
 * The same bootstrap from unit profiles with counts (units sharing a multiset of values grouped, e.g.
 * by SQL). Each replicate draws as many units as there are pairable units, each profile with
 * probability proportional to its count. Cost: one O(1) alias draw per unit per replicate plus
 * O(profiles · values²) to tabulate — about 5 s for 250 000 units × 1000 replicates; pass fewer
 * `samples` for interactive use.
 */
export function alphaBootstrapFromProfiles(profiles: readonly UnitProfile[], metric: AlphaMetric, options: AlphaBootstrapOptions = {}): AlphaBootstrapResult {
  const samples = options.samples ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, got ${level}`);
  for (const p of profiles) {
    if (!Number.isInteger(p.count) || p.count < 0) throw new RangeError(`profile counts must be non-negative integers, got ${p.count}`);
  }

  // Point estimate and the pairable profiles.
  const seen: AlphaValue[] = [];
  for (const p of profiles) {
    const present = p.values.filter(isPresent);
    if (present.length >= 2 && p.count > 0) seen.push(...present);
  }
  const { values, position } = distinctSorted(seen);
  const pairable: UnitCounts[] = [];
  const weights: number[] = [];
  let dropped = 0;
  for (const p of profiles) {
    if (p.count === 0) continue;
    const u = countUnit(p.values, position);
    if (!u) {
      dropped += p.count;
      continue;
    }
    pairable.push(u);
    weights.push(p.count);
  }
  const totalUnits = weights.reduce((s, w) => s + w, 0);
  const matrix = zeroMatrix(values.length);
  pairable.forEach((u, i) => addUnit(matrix, u, weights[i]!));
  const point = alphaCore(values, matrix, metric, totalUnits, dropped);
  const base = { ...point, level, samples, seed };
  if (point.alpha === null) {
    return { ...base, lower: null, upper: null, validSamples: 0, intervalReason: point.reason };
  }
  if (totalUnits < 2) {
    return { ...base, lower: null, upper: null, validSamples: 0, intervalReason: 'fewer than 2 pairable units; nothing to resample' };
  }

  const random = mulberry32(seed);
  const draw = aliasSampler(weights, random);
  const replicateCounts = new Array<number>(pairable.length);
  const estimates: number[] = [];
  for (let s = 0; s < samples; s++) {
    replicateCounts.fill(0);
    if (options.multinomial) multinomialDraw(totalUnits, weights, random).forEach((k, i) => (replicateCounts[i] = k));
    else
      for (let d = 0; d < totalUnits; d++) {
        const i = draw();
        replicateCounts[i] = replicateCounts[i]! + 1;
      }
    const m = zeroMatrix(values.length);
    pairable.forEach((u, i) => {
      if (replicateCounts[i]! > 0) addUnit(m, u, replicateCounts[i]!);
    });
    const a = alphaCore(values, m, metric, null, null).alpha;
    if (a !== null) estimates.push(a);
  }
  if (estimates.length < 2) {
    return { ...base, lower: null, upper: null, validSamples: estimates.length, intervalReason: 'alpha was undefined in almost every bootstrap replicate' };
  }
  estimates.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return {
    ...base,
    lower: quantileSorted(estimates, tail),
    upper: quantileSorted(estimates, 1 - tail),
    validSamples: estimates.length,
    intervalReason: null,
  };
}

/** Linear-interpolation quantile of sorted data (Hyndman & Fan type 7, R's default). */
function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
