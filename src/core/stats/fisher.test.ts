import { describe, expect, it } from 'vitest';
import { fisherExact, logChoose, logFactorial } from './fisher.ts';

// An independent oracle: exact hypergeometric probabilities in integer arithmetic (BigInt), no
// logarithms and no tolerance, summed over every table with the same margins.
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}
/** num / den as a double without overflowing. */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = bitLength(den) - bitLength(num) + 64;
  const scaled = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}
function bruteForce(a: number, b: number, c: number, d: number, alternative: 'two-sided' | 'less' | 'greater' = 'two-sided'): number {
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const weight = (x: number) => choose(m, x) * choose(n, k - x);
  const observed = weight(a);
  let num = 0n;
  for (let x = Math.max(0, k - n); x <= Math.min(k, m); x++) {
    const w = weight(x);
    if (alternative === 'less' ? x <= a : alternative === 'greater' ? x >= a : w <= observed) num += w;
  }
  return ratio(num, choose(m + n, k));
}

describe('logFactorial', () => {
  it('matches exact values and stays accurate past the table', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(Math.exp(logFactorial(10))).toBeCloseTo(3628800, 6);
    let sum = 0;
    for (let k = 1; k <= 5000; k++) sum += Math.log(k);
    expect(logFactorial(5000)).toBeCloseTo(sum, 7);
    // Continuity across the switch to Stirling's series.
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 10);
    expect(logChoose(10, 3)).toBeCloseTo(Math.log(120), 12);
    expect(logChoose(3, 4)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(1.5)).toThrow(RangeError);
  });
});

describe('fisherExact', () => {
  it("reproduces R's tea-tasting example: matrix(c(3,1,1,3)) → p = 0.4857143 (greater: 0.2428571)", () => {
    expect(fisherExact({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(0.4857143, 7);
    expect(fisherExact({ a: 3, b: 1, c: 1, d: 3 }, 'greater')).toBeCloseTo(0.2428571, 7);
    expect(fisherExact({ a: 3, b: 1, c: 1, d: 3 }, 'less')).toBeCloseTo(0.9857143, 7);
  });

  it("reproduces R's Convictions example (one-sided 'less' p = 0.0004652) and its two-sided value", () => {
    // matrix(c(2, 10, 15, 3), nrow = 2): first row 2, 15; second row 10, 3.
    const t = { a: 2, b: 15, c: 10, d: 3 };
    expect(fisherExact(t, 'less')).toBeCloseTo(0.0004652, 7);
    expect(fisherExact(t)).toBeCloseTo(bruteForce(2, 15, 10, 3), 14);
    expect(fisherExact(t)).toBeCloseTo(0.0005367, 7);
  });

  it('matrix(c(10,2,3,15)) agrees with exhaustive enumeration', () => {
    // Column-major as in R: first row 10, 3; second row 2, 15.
    const p = fisherExact({ a: 10, b: 3, c: 2, d: 15 });
    expect(p).toBeCloseTo(bruteForce(10, 3, 2, 15), 14);
    expect(p).toBeGreaterThan(0.0004);
    expect(p).toBeLessThan(0.0006);
  });

  it('agrees with enumeration on large tables, where the normal approximation does not', () => {
    const cases: [number, number, number, number][] = [
      [3, 997, 15, 985],
      [120, 880, 160, 840],
      [0, 250, 9, 241],
      [41, 59, 22, 78],
    ];
    for (const [a, b, c, d] of cases) {
      const exact = bruteForce(a, b, c, d);
      expect(Math.abs(fisherExact({ a, b, c, d }) - exact) / exact).toBeLessThan(1e-9);
      expect(Math.abs(fisherExact({ a, b, c, d }, 'less') - bruteForce(a, b, c, d, 'less')) / bruteForce(a, b, c, d, 'less')).toBeLessThan(1e-9);
      expect(Math.abs(fisherExact({ a, b, c, d }, 'greater') - bruteForce(a, b, c, d, 'greater')) / bruteForce(a, b, c, d, 'greater')).toBeLessThan(1e-9);
    }
    // 3/1000 vs 15/1000: the pooled z test gives p ≈ 0.0047, the exact test about twice that.
    const exact = fisherExact({ a: 3, b: 997, c: 15, d: 985 });
    expect(exact).toBeGreaterThan(0.007);
    expect(exact).toBeLessThan(0.0075);
  });

  it('agrees with enumeration on many small tables, including ties in probability', () => {
    for (let a = 0; a <= 6; a++)
      for (let b = 0; b <= 6; b++)
        for (let c = 0; c <= 6; c++)
          for (const d of [0, 2, 5]) expect(fisherExact({ a, b, c, d })).toBeCloseTo(bruteForce(a, b, c, d), 12);
  });

  it('is symmetric in rows and columns, 1 for degenerate margins, and rejects non-counts', () => {
    const p = fisherExact({ a: 7, b: 2, c: 3, d: 9 });
    expect(fisherExact({ a: 7, b: 3, c: 2, d: 9 })).toBeCloseTo(p, 14);
    expect(fisherExact({ a: 3, b: 9, c: 7, d: 2 })).toBeCloseTo(p, 14);
    expect(fisherExact({ a: 0, b: 0, c: 4, d: 6 })).toBe(1);
    expect(fisherExact({ a: 5, b: 0, c: 5, d: 0 })).toBe(1);
    expect(() => fisherExact({ a: -1, b: 0, c: 1, d: 1 })).toThrow(RangeError);
    expect(() => fisherExact({ a: 1.5, b: 0, c: 1, d: 1 })).toThrow(RangeError);
  });
});
