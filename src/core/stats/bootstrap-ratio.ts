/**
 * Parametric bootstrap interval for a ratio of two proportions (an impact ratio x/n ÷ xr/nr): each
 * replicate redraws both counts from binomials at the observed rates, and the interval is the
 * percentile interval of the replicated ratios (replicates with a zero reference rate are
 * skipped). Seeded, so the same counts always give the same interval. Large binomials (n·p·(1−p)
 * ≥ 25) are drawn from the normal approximation, rounded and clamped, which keeps the cost
 * independent of n.
 */
import { normalQuantile } from './distributions.ts';
import { binomialDraw, mulberry32 } from './random.ts';

export { binomialDraw };

export interface RatioInterval {
  lower: number | null;
  upper: number | null;
  samples: number;
  validSamples: number;
}

function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function ratioBootstrap(
  x: number,
  n: number,
  xRef: number,
  nRef: number,
  options: { samples?: number; seed?: number; level?: number } = {},
): RatioInterval {
  const samples = options.samples ?? 2000;
  const level = options.level ?? 0.95;
  if (n <= 0 || nRef <= 0 || xRef <= 0) return { lower: null, upper: null, samples, validSamples: 0 };
  const random = mulberry32(options.seed ?? 1);
  const p = x / n;
  const pRef = xRef / nRef;
  const ratios: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = binomialDraw(nRef, pRef, random);
    const g = binomialDraw(n, p, random);
    if (r > 0) ratios.push(g / n / (r / nRef));
  }
  if (ratios.length < samples / 2) return { lower: null, upper: null, samples, validSamples: ratios.length };
  ratios.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { lower: quantileSorted(ratios, alpha), upper: quantileSorted(ratios, 1 - alpha), samples, validSamples: ratios.length };
}

/** Normal-approximation check used by tests: the delta-method interval of log(ratio). */
export function logRatioDeltaInterval(x: number, n: number, xRef: number, nRef: number, level = 0.95): { lower: number; upper: number } | null {
  if (x <= 0 || xRef <= 0) return null;
  const ratio = x / n / (xRef / nRef);
  const se = Math.sqrt(1 / x - 1 / n + 1 / xRef - 1 / nRef);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se) };
}
