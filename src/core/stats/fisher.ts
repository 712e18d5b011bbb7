/**
 * Fisher's exact test for a 2×2 table.
 *
 * Table layout (rows are, for example, two groups; columns selected / not selected):
 *
 *     | a  b |   row 1 total  k = a + b
 *     | c  d |   row 2 total      c + d
 *     column totals m = a + c, n = b + d
 *
 * With all margins fixed, the top-left cell follows a hypergeometric distribution on
 * max(0, k − n) … min(k, m). The two-sided p-value is the one R's `fisher.test` reports: the total
 * probability of every table no more likely than the observed one, where "no more likely" allows a
 * relative slack of 1e-7 so that tables whose probability equals the observed one up to rounding are
 * counted. Probabilities are computed on the log scale from log-factorials, so margins in the
 * millions are fine (the cost grows with the width of the support).
 */

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export type Alternative = 'two-sided' | 'less' | 'greater';

/** R's tolerance for "as or less likely than the observed table". */
const RELATIVE_SLACK = 1 + 1e-7;

// ln(k!) for small k, built by summing logarithms; larger k use Stirling's series, whose truncation
// error at k ≥ 256 is far below double precision.
const TABLE_SIZE = 256;
const logFactTable: number[] = [0];
for (let k = 1; k < TABLE_SIZE; k++) logFactTable.push(logFactTable[k - 1]! + Math.log(k));

/** ln(k!) for a non-negative integer k. */
export function logFactorial(k: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`logFactorial: ${k} is not a non-negative integer`);
  if (k < TABLE_SIZE) return logFactTable[k]!;
  const inv = 1 / k;
  const inv2 = inv * inv;
  // k ln k − k + ½ ln(2πk) + 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷)
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + series;
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: cell ${name} must be a non-negative integer (got ${v})`);
}

/**
 * p-value of Fisher's exact test for a 2×2 table of counts. `less` and `greater` are the one-sided
 * tests on the top-left cell (odds ratio below / above 1), as in R.
 */
export function fisherExact(table: TwoByTwo, alternative: Alternative = 'two-sided'): number {
  const { a, b, c, d } = table;
  checkCount('a', a);
  checkCount('b', b);
  checkCount('c', c);
  checkCount('d', d);
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  if (lo === hi) return 1; // only one table has these margins

  // Log-probabilities up to a constant: ln C(m, x) + ln C(n, k − x). The shared denominator
  // ln C(m + n, k) cancels once the values are normalised.
  const width = hi - lo + 1;
  const logP = new Float64Array(width);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < width; i++) {
    const x = lo + i;
    const v = logChoose(m, x) + logChoose(n, k - x);
    logP[i] = v;
    if (v > max) max = v;
  }
  const p = new Float64Array(width);
  let total = 0;
  for (let i = 0; i < width; i++) {
    p[i] = Math.exp(logP[i]! - max);
    total += p[i]!;
  }
  const observed = a - lo;
  let sum = 0;
  if (alternative === 'less') {
    for (let i = 0; i <= observed; i++) sum += p[i]!;
  } else if (alternative === 'greater') {
    for (let i = observed; i < width; i++) sum += p[i]!;
  } else {
    const cutoff = p[observed]! * RELATIVE_SLACK;
    for (let i = 0; i < width; i++) if (p[i]! <= cutoff) sum += p[i]!;
  }
  return Math.min(1, sum / total);
}
