/**
 * Intraclass correlation coefficients (ICC) — the six forms of Shrout & Fleiss (1979) — with F-based
 * confidence intervals and F tests, computed from ANOVA sufficient statistics so a report never has to
 * load individual ratings (DECISIONS 34).
 *
 * Layout: n targets (candidates) each rated by the same k raters (complete targets only). Mean squares
 *   MSR  between targets              SSR / (n − 1)
 *   MSW  within targets               (SSC + SSE) / (n(k − 1))         (one-way model)
 *   MSC  between raters ("judges")    SSC / (k − 1)
 *   MSE  residual                     SSE / ((n − 1)(k − 1))           (two-way model)
 *
 * Point estimates (Shrout & Fleiss 1979, Table 2; McGraw & Wong's names in brackets):
 *   ICC(1,1) [ICC(1)]    = (MSR − MSW) / (MSR + (k − 1)·MSW)           raters differ per target
 *   ICC(2,1) [ICC(A,1)]  = (MSR − MSE) / (MSR + (k − 1)·MSE + k(MSC − MSE)/n)   random raters, absolute agreement
 *   ICC(3,1) [ICC(C,1)]  = (MSR − MSE) / (MSR + (k − 1)·MSE)           fixed raters, consistency
 *   ICC(1,k)             = (MSR − MSW) / MSR
 *   ICC(2,k) [ICC(A,k)]  = (MSR − MSE) / (MSR + (MSC − MSE)/n)
 *   ICC(3,k) [ICC(C,k)]  = (MSR − MSE) / MSR
 * The ",k" forms are the reliability of the mean of the k raters.
 *
 * Intervals (level 1 − α, default 95 %) follow McGraw & Wong (1996), Tables 7 and 8 — the same
 * formulas as R's psych::ICC:
 *   One-way (1,1)/(1,k): F₀ = MSR/MSW on (n − 1, n(k − 1)) df. F_L = F₀ / F_{1−α/2}(n − 1, n(k − 1)),
 *     F_U = F₀ · F_{1−α/2}(n(k − 1), n − 1). ICC(1,1) ∈ [(F_L − 1)/(F_L + k − 1), (F_U − 1)/(F_U + k − 1)],
 *     ICC(1,k) ∈ [1 − 1/F_L, 1 − 1/F_U].
 *   Consistency (3,1)/(3,k): the same with F₀ = MSR/MSE on (n − 1, (n − 1)(k − 1)) df.
 *   Absolute agreement (2,1): Satterthwaite's approximate df for the denominator,
 *     a = kρ/(n(1 − ρ)), b = 1 + kρ(n − 1)/(n(1 − ρ)) with ρ = ICC(2,1),
 *     v = (a·MSC + b·MSE)² / ((a·MSC)²/(k − 1) + (b·MSE)²/((n − 1)(k − 1))),
 *     F* = F_{1−α/2}(n − 1, v), F** = F_{1−α/2}(v, n − 1),
 *     lower = n(MSR − F*·MSE) / (F*(k·MSC + (kn − k − n)·MSE) + n·MSR),
 *     upper = n(F**·MSR − MSE) / (k·MSC + (kn − k − n)·MSE + n·F**·MSR).
 *   (2,k): the (2,1) bounds stepped up with Spearman–Brown, L·k/(1 + (k − 1)L); algebraically this is
 *     McGraw & Wong's ICC(A,k) interval n(MSR − F*·MSE)/(F*(MSC − MSE) + n·MSR) with the same v.
 * The F tests of H₀: ICC = 0 are F₀ = MSR/MSW (one-way forms) and MSR/MSE (two-way forms), upper tail.
 *
 * Sufficient statistics for SQL (`anovaFromSums`). Over the complete targets only, with x the rating
 * of target i by rater j, T_i = Σ_j x (target totals) and C_j = Σ_i x (rater totals):
 *   n, k                  counts of complete targets and of raters
 *   sum                   Σ x                  SELECT SUM(x)
 *   sumSquares            Σ x²                 SELECT SUM(x*x)
 *   targetTotalsSquared   Σ_i T_i²             SELECT SUM(t*t) FROM (SELECT SUM(x) AS t … GROUP BY target)
 *   raterTotalsSquared    Σ_j C_j²             SELECT SUM(c*c) FROM (SELECT SUM(x) AS c … GROUP BY rater)
 * and then, with the correction term CF = sum²/(nk):
 *   SST = sumSquares − CF,  SSR = targetTotalsSquared/k − CF,  SSC = raterTotalsSquared/n − CF,
 *   SSW = SST − SSR,        SSE = SST − SSR − SSC.
 * `raterTotalsSquared` is optional: when raters differ per candidate (the usual case in the app,
 * DECISIONS 33) there is no rater identity to group by, and only the one-way forms ICC(1,·) are
 * computed. Complete targets are those with exactly k ratings; selecting them is a
 * `HAVING COUNT(*) = k` in the same query.
 *
 * Anything undefined (fewer than 2 complete targets or raters, a zero denominator, an infinite F ratio
 * because there is no within/residual variance) comes back as null with a reason — never NaN.
 *
 * References: P. E. Shrout & J. L. Fleiss (1979), "Intraclass correlations: uses in assessing rater
 * reliability", Psychological Bulletin 86:420–428; K. O. McGraw & S. P. Wong (1996), "Forming inferences
 * about some intraclass correlation coefficients", Psychological Methods 1:30–46 (and the 1996 erratum).
 */
import { fQuantile, fSf } from './distributions.ts';

/** Mean squares of the targets × raters layout. `msc`/`mse` are null in a one-way design. */
export interface AnovaMeanSquares {
  /** Number of (complete) targets. */
  n: number;
  /** Number of raters per target. */
  k: number;
  /** Between targets. */
  msr: number;
  /** Within targets (one-way residual). */
  msw: number;
  /** Between raters; null when rater identity is unknown. */
  msc: number | null;
  /** Two-way residual; null when rater identity is unknown. */
  mse: number | null;
}

/** ANOVA sums computable in SQL with GROUP BY; see the file comment for the exact queries. */
export interface AnovaSums {
  /** Complete targets (each rated by all k raters). */
  n: number;
  /** Raters per target. */
  k: number;
  /** Σ x over all n·k ratings. */
  sum: number;
  /** Σ x². */
  sumSquares: number;
  /** Σ over targets of (target total)². */
  targetTotalsSquared: number;
  /** Σ over raters of (rater total)²; omit when raters differ per target (one-way design). */
  raterTotalsSquared?: number | null;
}

export interface AnovaTable extends AnovaMeanSquares {
  /** Targets in the input (complete or not); equals n when the input was already sums. */
  nTargets: number;
  /** Targets rated by every rater — the ones used. */
  nComplete: number;
  ss: { total: number; targets: number; within: number; raters: number | null; residual: number | null };
  df: { targets: number; within: number; raters: number; residual: number };
}

export interface IccTest {
  f: number;
  df1: number;
  df2: number;
  /** Upper-tail p-value for H₀: ICC = 0. */
  p: number;
}

export interface IccEstimate {
  value: number | null;
  /** Confidence bounds at `level`; null when the interval is undefined (see `reason`). */
  lower: number | null;
  upper: number | null;
  test: IccTest | null;
  /** Why `value` or the interval is null; null when everything is defined. */
  reason: string | null;
}

export interface IccResult {
  n: number;
  k: number;
  /** Targets rated by every rater (only these enter the ANOVA). */
  nComplete: number;
  level: number;
  anova: AnovaTable | null;
  icc1: IccEstimate;
  icc2: IccEstimate;
  icc3: IccEstimate;
  icc1k: IccEstimate;
  icc2k: IccEstimate;
  icc3k: IccEstimate;
  /** Notes on the whole result (e.g. too few complete targets). */
  notes: string[];
}

function missing(reason: string): IccEstimate {
  return { value: null, lower: null, upper: null, test: null, reason };
}

function emptyResult(n: number, k: number, nComplete: number, level: number, note: string, anova: AnovaTable | null = null): IccResult {
  return {
    n,
    k,
    nComplete,
    level,
    anova,
    icc1: missing(note),
    icc2: missing(note),
    icc3: missing(note),
    icc1k: missing(note),
    icc2k: missing(note),
    icc3k: missing(note),
    notes: [note],
  };
}

/** Clamp a sum of squares that should be ≥ 0 but came out slightly negative from rounding. */
function nonNegative(ss: number, scale: number): number {
  if (ss < 0 && ss > -1e-9 * Math.max(1, Math.abs(scale))) return 0;
  return ss;
}

/**
 * One-way / two-way ANOVA table from sums (see `AnovaSums`). Returns null with a reason when
 * n < 2 or k < 2, or the sums are inconsistent (negative sums of squares).
 */
export function anovaFromSums(sums: AnovaSums): { anova: AnovaTable | null; reason: string | null } {
  const { n, k, sum, sumSquares, targetTotalsSquared } = sums;
  const raterTotalsSquared = sums.raterTotalsSquared ?? null;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0) {
    throw new RangeError(`n and k must be non-negative integers, got n = ${n}, k = ${k}`);
  }
  for (const [name, v] of [
    ['sum', sum],
    ['sumSquares', sumSquares],
    ['targetTotalsSquared', targetTotalsSquared],
    ['raterTotalsSquared', raterTotalsSquared ?? 0],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${String(v)}`);
  }
  if (n < 2) return { anova: null, reason: `fewer than 2 complete targets (n = ${n})` };
  if (k < 2) return { anova: null, reason: `fewer than 2 raters per target (k = ${k})` };
  const cf = (sum * sum) / (n * k);
  const scale = Math.abs(sumSquares) + cf;
  const total = nonNegative(sumSquares - cf, scale);
  const targets = nonNegative(targetTotalsSquared / k - cf, scale);
  const within = nonNegative(total - targets, scale);
  const raters = raterTotalsSquared === null ? null : nonNegative(raterTotalsSquared / n - cf, scale);
  const residual = raters === null ? null : nonNegative(within - raters, scale);
  if (total < 0 || targets < 0 || within < 0 || (raters !== null && raters < 0) || (residual !== null && residual < 0)) {
    return { anova: null, reason: 'inconsistent sums: a sum of squares came out negative' };
  }
  const df = { targets: n - 1, within: n * (k - 1), raters: k - 1, residual: (n - 1) * (k - 1) };
  return {
    anova: {
      n,
      k,
      nTargets: n,
      nComplete: n,
      msr: targets / df.targets,
      msw: within / df.within,
      msc: raters === null ? null : raters / df.raters,
      mse: residual === null ? null : residual / df.residual,
      ss: { total, targets, within, raters, residual },
      df,
    },
    reason: null,
  };
}

/**
 * ANOVA table from a targets × raters matrix (rows are targets, columns raters; null = not rated).
 * Only targets rated by every rater are used; k is the widest row. Values are centred on their mean
 * before summing, which keeps the sums of squares accurate for large offsets.
 */
export function anovaFromMatrix(rows: readonly (readonly (number | null)[])[]): {
  anova: AnovaTable | null;
  nTargets: number;
  nComplete: number;
  k: number;
  reason: string | null;
} {
  const k = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const complete = rows.filter((r) => r.length === k && r.every((x) => typeof x === 'number' && Number.isFinite(x))) as number[][];
  const nTargets = rows.length;
  const nComplete = complete.length;
  let shift = 0;
  for (const r of complete) for (const x of r) shift += x;
  shift = nComplete * k > 0 ? shift / (nComplete * k) : 0;
  let sum = 0;
  let sumSquares = 0;
  let targetTotalsSquared = 0;
  const raterTotals = new Array<number>(k).fill(0);
  for (const r of complete) {
    let t = 0;
    r.forEach((x, j) => {
      const y = x - shift;
      sum += y;
      sumSquares += y * y;
      t += y;
      raterTotals[j] = raterTotals[j]! + y;
    });
    targetTotalsSquared += t * t;
  }
  const raterTotalsSquared = raterTotals.reduce((s, c) => s + c * c, 0);
  const { anova, reason } = anovaFromSums({ n: nComplete, k, sum, sumSquares, targetTotalsSquared, raterTotalsSquared });
  if (anova) anova.nTargets = nTargets;
  return { anova, nTargets, nComplete, k, reason };
}

/** Bounds of an F-based interval from an observed F and its df (McGraw & Wong, Table 8). */
function fBounds(f0: number, df1: number, df2: number, alpha: number): { fl: number; fu: number } {
  return { fl: f0 / fQuantile(1 - alpha / 2, df1, df2), fu: f0 * fQuantile(1 - alpha / 2, df2, df1) };
}

function estimate(value: number | null, lower: number | null, upper: number | null, test: IccTest | null, reason: string | null): IccEstimate {
  return { value, lower, upper, test, reason };
}

/** The six ICCs with F-based intervals and F tests from mean squares. */
export function iccFromAnova(input: AnovaMeanSquares & { nComplete?: number; nTargets?: number }, options: { level?: number } = {}): IccResult {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, got ${level}`);
  const alpha = 1 - level;
  const { n, k, msr, msw } = input;
  const msc = input.msc ?? null;
  const mse = input.mse ?? null;
  const nComplete = input.nComplete ?? n;
  for (const [name, v] of [
    ['msr', msr],
    ['msw', msw],
    ['msc', msc ?? 0],
    ['mse', mse ?? 0],
  ] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite non-negative number, got ${String(v)}`);
  }
  if (!Number.isInteger(n) || !Number.isInteger(k)) throw new RangeError(`n and k must be integers, got n = ${n}, k = ${k}`);
  if (n < 2) return emptyResult(n, k, nComplete, level, `fewer than 2 complete targets (n = ${n}); ICC is undefined`);
  if (k < 2) return emptyResult(n, k, nComplete, level, `fewer than 2 raters per target (k = ${k}); ICC is undefined`);

  const notes: string[] = [];
  const dfR = n - 1;
  const dfW = n * (k - 1);
  const dfE = (n - 1) * (k - 1);

  // ---- One-way: ICC(1,1) and ICC(1,k) ----
  let icc1: IccEstimate;
  let icc1k: IccEstimate;
  if (msr === 0 && msw === 0) {
    const why = 'all ratings are identical (no variance); ICC(1) is undefined';
    icc1 = missing(why);
    icc1k = missing(why);
  } else {
    const v1 = (msr - msw) / (msr + (k - 1) * msw);
    const v1k = msr > 0 ? (msr - msw) / msr : null;
    if (msw === 0) {
      const why = 'no within-target variance: the F ratio is infinite, so there is no interval';
      icc1 = estimate(v1, null, null, null, why);
      icc1k = estimate(v1k, null, null, null, why);
    } else {
      const f0 = msr / msw;
      const test = { f: f0, df1: dfR, df2: dfW, p: fSf(f0, dfR, dfW) };
      const { fl, fu } = fBounds(f0, dfR, dfW, alpha);
      icc1 = estimate(v1, (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1), test, null);
      icc1k =
        v1k === null || fl === 0
          ? estimate(v1k, null, null, test, 'no between-target variance (MSR = 0); ICC(1,k) is undefined')
          : estimate(v1k, 1 - 1 / fl, 1 - 1 / fu, test, null);
    }
  }

  // ---- Two-way: ICC(2,·) and ICC(3,·) ----
  let icc2: IccEstimate;
  let icc3: IccEstimate;
  let icc2k: IccEstimate;
  let icc3k: IccEstimate;
  if (msc === null || mse === null) {
    const why = 'rater identity not supplied (one-way design): ICC(2) and ICC(3) need the same raters for every target';
    [icc2, icc3, icc2k, icc3k] = [missing(why), missing(why), missing(why), missing(why)];
    notes.push(why);
  } else if (msr === 0 && mse === 0) {
    const why = 'no between-target or residual variance; ICC(2) and ICC(3) are undefined';
    [icc2, icc3, icc2k, icc3k] = [missing(why), missing(why), missing(why), missing(why)];
  } else {
    const d3 = msr + (k - 1) * mse;
    const v3 = (msr - mse) / d3;
    const v3k = msr > 0 ? (msr - mse) / msr : null;
    const d2 = msr + (k - 1) * mse + (k * (msc - mse)) / n;
    const v2 = d2 > 0 ? (msr - mse) / d2 : null;
    const d2k = msr + (msc - mse) / n;
    const v2k = d2k > 0 ? (msr - mse) / d2k : null;
    const undef2 = 'the ICC(2) denominator is not positive; ICC(2) is undefined';
    if (mse === 0) {
      const why = 'no residual variance: the F ratio is infinite, so there is no interval';
      icc3 = estimate(v3, null, null, null, why);
      icc3k = estimate(v3k, null, null, null, v3k === null ? 'MSR = 0; ICC(3,k) is undefined' : why);
      icc2 = estimate(v2, null, null, null, v2 === null ? undef2 : why);
      icc2k = estimate(v2k, null, null, null, v2k === null ? undef2 : why);
    } else {
      const f0 = msr / mse;
      const test = { f: f0, df1: dfR, df2: dfE, p: fSf(f0, dfR, dfE) };
      const { fl, fu } = fBounds(f0, dfR, dfE, alpha);
      icc3 = estimate(v3, (fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1), test, null);
      icc3k =
        v3k === null || fl === 0
          ? estimate(v3k, null, null, test, 'no between-target variance (MSR = 0); ICC(3,k) is undefined')
          : estimate(v3k, 1 - 1 / fl, 1 - 1 / fu, test, null);

      if (v2 === null) {
        icc2 = estimate(null, null, null, test, undef2);
        icc2k = estimate(v2k, null, null, test, v2k === null ? undef2 : 'no interval: ICC(2,1) is undefined');
      } else {
        const ci = absoluteAgreementInterval(v2, { n, k, msr, msc, mse }, alpha);
        if (ci.reason !== null) {
          icc2 = estimate(v2, null, null, test, ci.reason);
          icc2k = estimate(v2k, null, null, test, v2k === null ? undef2 : ci.reason);
        } else {
          icc2 = estimate(v2, ci.lower, ci.upper, test, null);
          const stepUp = (x: number): number | null => {
            const d = 1 + (k - 1) * x;
            return d > 0 ? (k * x) / d : null;
          };
          const lk = stepUp(ci.lower);
          const uk = stepUp(ci.upper);
          icc2k =
            v2k === null
              ? estimate(null, null, null, test, undef2)
              : lk === null || uk === null
                ? estimate(v2k, null, null, test, 'the ICC(2,k) interval is undefined (Spearman–Brown denominator not positive)')
                : estimate(v2k, lk, uk, test, null);
        }
      }
    }
  }

  return { n, k, nComplete, level, anova: null, icc1, icc2, icc3, icc1k, icc2k, icc3k, notes };
}

/** McGraw & Wong's interval for ICC(A,1) with Satterthwaite's df. */
function absoluteAgreementInterval(
  rho: number,
  ms: { n: number; k: number; msr: number; msc: number; mse: number },
  alpha: number,
): { lower: number; upper: number; reason: null } | { reason: string } {
  const { n, k, msr, msc, mse } = ms;
  if (!(rho < 1)) return { reason: 'ICC(2,1) = 1: the Satterthwaite degrees of freedom are undefined, so there is no interval' };
  const a = (k * rho) / (n * (1 - rho));
  const b = 1 + (k * rho * (n - 1)) / (n * (1 - rho));
  const num = (a * msc + b * mse) ** 2;
  const den = (a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1));
  const v = num / den;
  if (!(v > 0) || !Number.isFinite(v)) return { reason: 'the Satterthwaite degrees of freedom are not positive; no interval' };
  const fStar = fQuantile(1 - alpha / 2, n - 1, v);
  const fStar2 = fQuantile(1 - alpha / 2, v, n - 1);
  const c = k * msc + (k * n - k - n) * mse;
  const lower = (n * (msr - fStar * mse)) / (fStar * c + n * msr);
  const upper = (n * (fStar2 * msr - mse)) / (c + n * fStar2 * msr);
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return { reason: 'the ICC(2,1) interval is undefined for these mean squares' };
  return { lower, upper, reason: null };
}

/** ICCs straight from a targets × raters matrix (complete targets only). */
export function iccFromMatrix(rows: readonly (readonly (number | null)[])[], options: { level?: number } = {}): IccResult {
  const { anova, nTargets, nComplete, k, reason } = anovaFromMatrix(rows);
  return withAnova(anova, reason, nTargets, nComplete, k, options);
}

/** ICCs from SQL-computed sums (see `AnovaSums`). */
export function iccFromSums(sums: AnovaSums & { nTargets?: number }, options: { level?: number } = {}): IccResult {
  const { anova, reason } = anovaFromSums(sums);
  if (anova && sums.nTargets !== undefined) anova.nTargets = sums.nTargets;
  return withAnova(anova, reason, sums.nTargets ?? sums.n, sums.n, sums.k, options);
}

function withAnova(
  anova: AnovaTable | null,
  reason: string | null,
  nTargets: number,
  nComplete: number,
  k: number,
  options: { level?: number },
): IccResult {
  const level = options.level ?? 0.95;
  if (!anova) {
    return emptyResult(nComplete, k, nComplete, level, `${reason ?? 'ANOVA undefined'}; ICC is null (${nTargets} target(s) in the input)`);
  }
  const result = iccFromAnova({ ...anova, nComplete }, options);
  result.anova = anova;
  if (nTargets > nComplete) result.notes.push(`${nTargets - nComplete} of ${nTargets} targets were not rated by every rater and were left out`);
  return result;
}
