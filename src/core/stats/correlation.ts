/**
 * Correlation with honest uncertainty: Pearson's r (and its special case, the point-biserial r) with a
 * Fisher-z confidence interval and a t-test p-value; Spearman's rho with a t-approximation p-value.
 *
 * Pearson. From centred moments Sxx = Σ(x − x̄)², Syy = Σ(y − ȳ)², Sxy = Σ(x − x̄)(y − ȳ):
 *   r = Sxy / √(Sxx·Syy).
 * `pearsonFromSums` takes raw moment sums that SQL computes in one pass (COUNT, SUM(x), SUM(y),
 * SUM(x*x), SUM(y*y), SUM(x*y), grouped however the report needs) and centres them:
 *   Sxx = sxx − sx²/n,  Syy = syy − sy²/n,  Sxy = sxy − sx·sy/n.
 * (That subtraction loses digits when the mean is huge relative to the spread; ratings on a 1–4 or
 * 0–100 scale are far from that regime. The array versions centre on the mean first.)
 *
 * Test of ρ = 0: t = r·√((n − 2)/(1 − r²)) on n − 2 df, two-sided p from Student's t.
 * Interval (Fisher 1915): z = atanh(r) is close to normal with standard error 1/√(n − 3), so
 *   r ∈ [tanh(z − q/√(n − 3)), tanh(z + q/√(n − 3))],  q = Φ⁻¹(1 − (1 − level)/2).
 * This matches R's `cor.test`.
 *
 * Point-biserial. The correlation between a measurement and a 0/1 group indicator is just Pearson's r
 * with the indicator as the second variable (it equals (ȳ₁ − ȳ₀)/s·√(p(1 − p)) with population-style s),
 * so `pointBiserial` codes the groups as 0/1 and calls Pearson; its t test is the equal-variance
 * two-sample t test. From SQL, feed the indicator's sums (sy = SUM(g), syy = SUM(g) as g² = g,
 * sxy = SUM(x*g)) to `pearsonFromSums`.
 *
 * Spearman. rho is Pearson's r computed on ranks, with tied values given the average of the ranks they
 * span (so rho stays exact under ties). Its p-value uses the same t statistic on n − 2 df — an
 * approximation (R's `cor.test(..., method = "spearman", exact = FALSE)`), reasonable for moderate n
 * and rough for very small samples; no interval is given for rho. SQL can produce average ranks with window
 * functions ((RANK() + RANK() + COUNT(*) − 1)/2 over ties) and feed their sums to `pearsonFromSums`.
 *
 * Undefined cases return null with a reason, never NaN: fewer than 3 pairs (no df for the test), a
 * variable with no variance, and for the interval n = 3 or |r| = 1 (the Fisher transform is infinite).
 *
 * References: R. A. Fisher (1915), "Frequency distribution of the values of the correlation coefficient
 * in samples from an indefinitely large population", Biometrika 10:507–521; Fisher (1921); C. Spearman
 * (1904); Hollander & Wolfe, Nonparametric Statistical Methods (the `?cor.test` example data).
 */
import { normalQuantile, studentTTwoSidedP } from './distributions.ts';

export interface MomentSums {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

export interface CorrelationResult {
  method: 'pearson' | 'point-biserial' | 'spearman';
  /** Complete pairs used. */
  n: number;
  r: number | null;
  /** Degrees of freedom of the t test (n − 2); null when n < 3. */
  df: number | null;
  /** t statistic; null when undefined (including |r| = 1, where it is infinite). */
  t: number | null;
  /** Two-sided p-value for ρ = 0. */
  p: number | null;
  level: number;
  /** Fisher-z interval bounds; null for Spearman and when undefined. */
  lower: number | null;
  upper: number | null;
  /** Why r is null; null when r is defined. */
  reason: string | null;
  /** Anything else a reader should know (e.g. why the interval is missing). */
  notes: string[];
}

interface Options {
  /** Confidence level for the Fisher-z interval; default 0.95. */
  level?: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, got ${level}`);
}

/** Shared core on centred moments; `zeroX`/`zeroY` say whether a variable has no variance. */
function fromCentred(
  method: CorrelationResult['method'],
  n: number,
  sxx: number,
  syy: number,
  sxy: number,
  zeroX: boolean,
  zeroY: boolean,
  level: number,
  withInterval: boolean,
): CorrelationResult {
  const base = { method, n, level };
  const none = (reason: string): CorrelationResult => ({ ...base, r: null, df: null, t: null, p: null, lower: null, upper: null, reason, notes: [] });
  if (n < 3) return none(`fewer than 3 complete pairs (n = ${n}); the correlation is not tested`);
  if (zeroX || zeroY) {
    const which = zeroX && zeroY ? 'both variables have' : zeroX ? 'the first variable has' : 'the second variable has';
    return none(`${which} no variance; the correlation is undefined`);
  }
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const df = n - 2;
  const notes: string[] = [];
  let t: number | null;
  let p: number;
  if (Math.abs(r) === 1) {
    t = null;
    p = 0;
    notes.push('perfect correlation: the t statistic is infinite and p is 0');
  } else {
    t = r * Math.sqrt(df / (1 - r * r));
    p = studentTTwoSidedP(t, df);
  }
  let lower: number | null = null;
  let upper: number | null = null;
  if (!withInterval) {
    notes.push('no confidence interval is given for Spearman rho; the p-value uses the t approximation');
  } else if (n < 4) {
    notes.push('the Fisher-z interval needs at least 4 pairs');
  } else if (Math.abs(r) === 1) {
    notes.push('the Fisher-z interval is undefined when |r| = 1');
  } else {
    const z = Math.atanh(r);
    const half = normalQuantile(1 - (1 - level) / 2) / Math.sqrt(n - 3);
    lower = Math.tanh(z - half);
    upper = Math.tanh(z + half);
  }
  return { ...base, r, df, t, p, lower, upper, reason: null, notes };
}

/** Pearson r from raw moment sums (SQL-friendly), with Fisher-z interval and t-test p-value. */
export function pearsonFromSums(sums: MomentSums, options: Options = {}): CorrelationResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const { n, sx, sy, sxx, syy, sxy } = sums;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  for (const [name, v] of Object.entries({ sx, sy, sxx, syy, sxy })) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${String(v)}`);
  }
  if (n === 0) return fromCentred('pearson', 0, 0, 0, 0, true, true, level, true);
  const cxx = sxx - (sx * sx) / n;
  const cyy = syy - (sy * sy) / n;
  const cxy = sxy - (sx * sy) / n;
  // Relative to the raw sum of squares, anything this small is rounding residue of a constant variable.
  const zeroX = !(cxx > 1e-12 * Math.max(sxx, Number.MIN_VALUE));
  const zeroY = !(cyy > 1e-12 * Math.max(syy, Number.MIN_VALUE));
  return fromCentred('pearson', n, cxx, cyy, cxy, zeroX, zeroY, level, true);
}

/** Keep pairs where both values are finite numbers (null, undefined and NaN are missing). */
function completePairs(x: readonly (number | null | undefined)[], y: readonly (number | null | undefined)[]): { xs: number[]; ys: number[] } {
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length (${x.length} vs ${y.length})`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (typeof a === 'number' && Number.isFinite(a) && typeof b === 'number' && Number.isFinite(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  return { xs, ys };
}

function fromArrays(method: CorrelationResult['method'], xs: readonly number[], ys: readonly number[], level: number, withInterval: boolean): CorrelationResult {
  const n = xs.length;
  if (n === 0) return fromCentred(method, 0, 0, 0, 0, true, true, level, withInterval);
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const constant = (v: readonly number[]): boolean => v.every((a) => a === v[0]);
  return fromCentred(method, n, sxx, syy, sxy, constant(xs), constant(ys), level, withInterval);
}

/** Pearson r of paired arrays (pairs with a missing value are dropped). */
export function pearson(x: readonly (number | null | undefined)[], y: readonly (number | null | undefined)[], options: Options = {}): CorrelationResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const { xs, ys } = completePairs(x, y);
  return fromArrays('pearson', xs, ys, level, true);
}

/**
 * Point-biserial correlation of a measurement with a binary group (true/1 vs false/0): Pearson's r with
 * the group coded 0/1. Positive r means group 1 scores higher.
 */
export function pointBiserial(
  values: readonly (number | null | undefined)[],
  groups: readonly (boolean | 0 | 1 | null | undefined)[],
  options: Options = {},
): CorrelationResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const coded = groups.map((g) => {
    if (g === null || g === undefined) return null;
    if (g === true || g === 1) return 1;
    if (g === false || g === 0) return 0;
    throw new RangeError(`groups must be 0/1 or boolean, got ${String(g)}`);
  });
  const { xs, ys } = completePairs(values, coded);
  return fromArrays('point-biserial', xs, ys, level, true);
}

/** Ranks 1…n with ties given the mean of the ranks they occupy. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1; // mean of ranks i+1 … j+1
    for (let t = i; t <= j; t++) ranks[order[t]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho (Pearson on average ranks) with a t-approximation p-value; pairs with a missing value are dropped. */
export function spearman(x: readonly (number | null | undefined)[], y: readonly (number | null | undefined)[], options: Options = {}): CorrelationResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const { xs, ys } = completePairs(x, y);
  return fromArrays('spearman', averageRanks(xs), averageRanks(ys), level, false);
}
