/**
 * Seeded pseudo-random numbers for resampling (bootstrap intervals). Pure: a generator is a closure
 * over its own 32-bit state, so the same seed always yields the same stream; nothing reads the clock
 * or `Math.random`.
 *
 * `mulberry32` is Tommy Ettinger's small 32-bit generator (public domain): a Weyl sequence (the state
 * advances by the odd constant 0x6D2B79F5) passed through an xorshift-multiply output mix. Its period
 * is 2³², plenty for bootstrap resampling, and it is not suitable for anything security-related.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Seeded generator of uniform doubles in [0, 1) with 32 bits of resolution. */
export function mulberry32(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n) from a generator; n must be a positive integer below 2³². */
export function randomInt(random: Random, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive integer, got ${n}`);
  return Math.floor(random() * n);
}

/**
 * Walker's alias table for drawing indices with given non-negative weights in O(1) per draw
 * (Vose's stable construction). Used to resample groups of identical units by their counts.
 */
export function aliasSampler(weights: readonly number[], random: Random): () => number {
  const n = weights.length;
  const total = weights.reduce((s, w) => s + w, 0);
  if (n === 0 || !(total > 0) || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new RangeError('weights must be finite, non-negative and not all zero');
  }
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((w, i) => (w < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1; // only rounding leftovers end up here
  return () => {
    const u = random() * n;
    const i = Math.min(n - 1, Math.floor(u));
    return u - i < prob[i]! ? i : alias[i]!;
  };
}

function gaussian(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * One Binomial(n, p) draw: exact (n Bernoulli trials) for small variance, else the normal
 * approximation rounded and clamped to [0, n] (n·p·(1−p) ≥ 25), so the cost does not grow with n.
 */
export function binomialDraw(n: number, p: number, random: Random): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const variance = n * p * (1 - p);
  if (variance >= 25) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * gaussian(random))));
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}


/**
 * One multinomial draw of `n` items over categories with the given weights, by conditional
 * binomials (category i gets Binomial(remaining, w_i / remaining weight)). Cost O(categories).
 */
export function multinomialDraw(n: number, weights: readonly number[], random: Random): number[] {
  const out = new Array<number>(weights.length).fill(0);
  let left = n;
  let rest = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length && left > 0; i++) {
    const w = weights[i]!;
    const k = i === weights.length - 1 || rest <= w ? left : binomialDraw(left, w / rest, random);
    out[i] = k;
    left -= k;
    rest -= w;
  }
  return out;
}
