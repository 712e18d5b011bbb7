/**
 * Wilson score interval for a binomial proportion — the interval used for every rate Rubric shows
 * (pass-through rates, offer-accept rates, selection rates).
 *
 * For x successes out of n trials, p̂ = x/n and z = Φ⁻¹(1 − (1 − level)/2), the interval is the set of
 * p whose score test |p̂ − p| / √(p(1 − p)/n) ≤ z accepts, which solves to
 *
 *   centre    = (p̂ + z²/(2n)) / (1 + z²/n)
 *   halfWidth = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))
 *
 * without continuity correction (R's `prop.test(x, n, correct = FALSE)$conf.int`). Unlike the Wald
 * interval p̂ ± z·√(p̂(1 − p̂)/n) it never leaves [0, 1] and does not collapse to a point at 0 % or
 * 100 %, which matters for the small counts typical of a single role. With n = 0 nothing is known:
 * the proportion and the interval are null.
 *
 * Reference: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 * inference", JASA 22:209–212; Newcombe (1998), Statistics in Medicine 17:857–872 (method 3).
 */
import { normalQuantile } from './distributions.ts';

export interface ProportionInterval {
  successes: number;
  n: number;
  /** x / n; null when n = 0. */
  proportion: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  /** Why the values are null, when they are. */
  reason: string | null;
}

/** Wilson score interval (no continuity correction) for `successes` out of `n`; level defaults to 0.95. */
export function wilsonInterval(successes: number, n: number, level = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer between 0 and n (${n}), got ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, got ${level}`);
  if (n === 0) {
    return { successes, n, proportion: null, lower: null, upper: null, level, reason: 'no trials (n = 0)' };
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At 0 and n the bounds are exactly 0 and 1; set them so rounding cannot push them outside.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return { successes, n, proportion: p, lower, upper, level, reason: null };
}
