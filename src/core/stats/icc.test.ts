import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anovaFromMatrix, anovaFromSums, iccFromAnova, iccFromMatrix, iccFromSums, type IccResult } from './icc.ts';

// Shrout & Fleiss (1979), Table 1: 6 targets (rows) × 4 judges (columns).
const shroutFleiss = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

/** What SQL would compute with GROUP BY target / GROUP BY rater. */
function sqlSums(rows: number[][]) {
  const k = rows[0]!.length;
  const flat = rows.flat();
  const rowTotals = rows.map((r) => r.reduce((s, x) => s + x, 0));
  const colTotals = Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0));
  return {
    n: rows.length,
    k,
    sum: flat.reduce((s, x) => s + x, 0),
    sumSquares: flat.reduce((s, x) => s + x * x, 0),
    targetTotalsSquared: rowTotals.reduce((s, t) => s + t * t, 0),
    raterTotalsSquared: colTotals.reduce((s, c) => s + c * c, 0),
  };
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

describe('Shrout & Fleiss (1979) worked example', () => {
  const result = iccFromMatrix(shroutFleiss);

  it('reproduces the mean squares', () => {
    const a = result.anova!;
    expect(a.msr).toBeCloseTo(11.241667, 6);
    expect(a.msw).toBeCloseTo(6.263889, 6);
    expect(a.msc!).toBeCloseTo(32.486111, 6);
    expect(a.mse!).toBeCloseTo(1.019444, 6);
    expect(a.df).toEqual({ targets: 5, within: 18, raters: 3, residual: 15 });
  });

  it('reproduces the six ICCs to 1e-6', () => {
    expect(result.icc1.value!).toBeCloseTo(0.165742, 6);
    expect(result.icc2.value!).toBeCloseTo(0.289764, 6);
    expect(result.icc3.value!).toBeCloseTo(0.714841, 6);
    expect(result.icc1k.value!).toBeCloseTo(0.442797, 6);
    expect(result.icc2k.value!).toBeCloseTo(0.620051, 6);
    expect(result.icc3k.value!).toBeCloseTo(0.909316, 6);
    expect(result.nComplete).toBe(6);
    expect(result.notes).toEqual([]);
  });

  it('gives the F tests and McGraw & Wong intervals (psych::ICC prints these to two decimals)', () => {
    expect(result.icc1.test!.f).toBeCloseTo(11.241667 / 6.263889, 5);
    expect(result.icc1.test!.p).toBeCloseTo(0.16477, 5);
    expect(result.icc3.test!.f).toBeCloseTo(11.027248, 5);
    expect(result.icc3.test!.p).toBeCloseTo(0.000135, 6);
    const bounds = (e: IccResult['icc1']) => [e.lower!, e.upper!].map((x) => Math.round(x * 100) / 100);
    expect(bounds(result.icc1)).toEqual([-0.13, 0.72]);
    expect(bounds(result.icc2)).toEqual([0.02, 0.76]);
    expect(bounds(result.icc3)).toEqual([0.34, 0.95]);
    expect(bounds(result.icc1k)).toEqual([-0.88, 0.91]);
    expect(bounds(result.icc2k)).toEqual([0.07, 0.93]);
    expect(bounds(result.icc3k)).toEqual([0.68, 0.99]);
  });

  it('the one-way intervals follow the closed form with F quantiles', () => {
    // F_{0.975}(5, 18) = 3.382 and F_{0.975}(18, 5) = 6.362 (between the tabled 6.428 at 15 and 6.329 at 20 df).
    const f0 = 11.241667 / 6.263889;
    const fl = f0 / 3.382;
    expect(result.icc1.lower!).toBeCloseTo((fl - 1) / (fl + 3), 3);
    const fu = f0 * 6.362;
    expect(result.icc1.upper!).toBeCloseTo((fu - 1) / (fu + 3), 3);
  });

  it('gets the same answer from SQL-style sums and from mean squares', () => {
    const fromSums = iccFromSums(sqlSums(shroutFleiss));
    for (const form of ['icc1', 'icc2', 'icc3', 'icc1k', 'icc2k', 'icc3k'] as const) {
      expect(fromSums[form].value!).toBeCloseTo(result[form].value!, 10);
      expect(fromSums[form].lower!).toBeCloseTo(result[form].lower!, 10);
      expect(fromSums[form].upper!).toBeCloseTo(result[form].upper!, 10);
    }
    const direct = iccFromAnova({ n: 6, k: 4, msr: 11.241667, msw: 6.263889, msc: 32.486111, mse: 1.019444 });
    expect(direct.icc2.value!).toBeCloseTo(0.289764, 6);
  });
});

describe('complete targets only', () => {
  it('drops targets not rated by every rater and reports nComplete', () => {
    const rows = [...shroutFleiss, [5, null, 3, 4], [7, 7]];
    const r = iccFromMatrix(rows);
    expect(r.nComplete).toBe(6);
    expect(r.anova!.nTargets).toBe(8);
    expect(r.icc3.value!).toBeCloseTo(0.714841, 6);
    expect(r.notes.join(' ')).toMatch(/2 of 8 targets/);
    expect(anovaFromMatrix(rows)).toMatchObject({ nTargets: 8, nComplete: 6, k: 4 });
  });

  it('is null with a note when fewer than 2 targets are complete', () => {
    const r = iccFromMatrix([
      [1, 2, 3],
      [2, null, 3],
    ]);
    expect(r.nComplete).toBe(1);
    expect(r.icc1.value).toBeNull();
    expect(r.icc2k.reason).toMatch(/fewer than 2 complete targets/);
    expect(r.notes[0]).toMatch(/fewer than 2 complete targets/);
    expect(iccFromMatrix([]).icc3.value).toBeNull();
    expect(iccFromSums({ n: 1, k: 3, sum: 6, sumSquares: 14, targetTotalsSquared: 36 }).icc1.value).toBeNull();
  });

  it('needs at least two raters', () => {
    const r = iccFromMatrix([[1], [2], [3]]);
    expect(r.icc1.value).toBeNull();
    expect(r.notes[0]).toMatch(/fewer than 2 raters/);
  });
});

describe('one-way design (raters differ per target)', () => {
  it('computes ICC(1) and ICC(1,k) from target sums alone', () => {
    const { raterTotalsSquared: _, ...oneWay } = sqlSums(shroutFleiss);
    const r = iccFromSums(oneWay);
    expect(r.icc1.value!).toBeCloseTo(0.165742, 6);
    expect(r.icc1k.value!).toBeCloseTo(0.442797, 6);
    expect(r.icc2.value).toBeNull();
    expect(r.icc3k.reason).toMatch(/rater identity/);
  });
});

describe('degenerate inputs never give NaN or Infinity', () => {
  it('identical ratings: ICC undefined', () => {
    const r = iccFromMatrix([
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
    expect(r.icc1.value).toBeNull();
    expect(r.icc3.value).toBeNull();
    expect(allFinite(r)).toBe(true);
  });

  it('perfect agreement: ICC = 1 without an interval', () => {
    const r = iccFromMatrix([
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
    expect(r.icc1.value).toBe(1);
    expect(r.icc3.value).toBe(1);
    expect(r.icc2.value).toBe(1);
    expect(r.icc1.lower).toBeNull();
    expect(r.icc1.reason).toMatch(/infinite/);
    expect(allFinite(r)).toBe(true);
  });

  it('random small matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((k) =>
          fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(null)), { minLength: k, maxLength: k }), { maxLength: 8 }),
        ),
        (rows) => {
          const r = iccFromMatrix(rows);
          expect(allFinite(r)).toBe(true);
          for (const form of ['icc1', 'icc2', 'icc3', 'icc1k', 'icc2k', 'icc3k'] as const) {
            const e = r[form];
            if (e.value === null || e.lower === null) expect(e.reason).not.toBeNull();
            if (e.lower !== null && e.upper !== null) expect(e.lower).toBeLessThanOrEqual(e.upper + 1e-12);
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('rejects impossible mean squares', () => {
    expect(() => iccFromAnova({ n: 5, k: 2, msr: -1, msw: 1, msc: 1, mse: 1 })).toThrow(RangeError);
    expect(anovaFromSums({ n: 3, k: 2, sum: 6, sumSquares: 1, targetTotalsSquared: 12 }).anova).toBeNull();
  });
});
