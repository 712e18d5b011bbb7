import { describe, expect, it } from 'vitest';
import {
  alphaBootstrap,
  alphaBootstrapFromProfiles,
  alphaFromCoincidences,
  coincidenceMatrixFromPairs,
  coincidences,
  krippendorffAlpha,
  type AlphaValue,
} from './alpha.ts';

/** Krippendorff's tables list observers as rows; our units are the columns. */
function unitsOf<T>(observers: T[][]): T[][] {
  return observers[0]!.map((_, j) => observers.map((o) => o[j]!));
}
const parse = (s: string): (number | null)[] => s.split(' ').map((x) => (x === '.' ? null : Number(x)));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
const binary = unitsOf([parse('0 1 0 0 0 0 0 0 1 0'), parse('1 1 1 0 0 1 0 0 0 0')]);
const nominal12 = unitsOf(['a a b b d c c c e d d a'.split(' '), 'b a b b b c c c e d d d'.split(' ')]);
const fourObservers = unitsOf([
  parse('1 2 3 3 2 1 4 1 2 . . .'),
  parse('1 2 3 3 2 2 4 1 2 5 . 3'),
  parse('. 3 3 3 2 3 4 2 2 5 1 .'),
  parse('1 2 3 3 2 4 4 1 2 5 1 .'),
]);

describe('Krippendorff (2011) worked examples', () => {
  it('section A: binary data, two observers', () => {
    const c = coincidences(binary);
    expect(c.values).toEqual([0, 1]);
    expect(c.matrix).toEqual([
      [10, 4],
      [4, 2],
    ]);
    expect(krippendorffAlpha(binary, 'nominal').alpha!).toBeCloseTo(0.095238, 6);
  });

  it('section B: nominal data, two observers', () => {
    expect(krippendorffAlpha(nominal12, 'nominal').alpha!).toBeCloseTo(0.691964, 6);
  });

  it('section C: four observers with missing values, all four metrics', () => {
    expect(krippendorffAlpha(fourObservers, 'nominal').alpha!).toBeCloseTo(0.743421, 6);
    expect(krippendorffAlpha(fourObservers, 'ordinal').alpha!).toBeCloseTo(0.815388, 6);
    expect(krippendorffAlpha(fourObservers, 'interval').alpha!).toBeCloseTo(0.849107, 6);
    expect(krippendorffAlpha(fourObservers, 'ratio').alpha!).toBeCloseTo(0.797403, 6);
  });

  it('section C: drops the unit with a single value and counts 40 pairable values', () => {
    const c = coincidences(fourObservers);
    expect(c).toMatchObject({ pairableUnits: 11, droppedUnits: 1, pairableValues: 40 });
    // Marginals n_c from the published coincidence matrix: 9, 13, 10, 5, 3.
    expect(c.matrix.map((row) => row.reduce((s, o) => s + o, 0))).toEqual([9, 13, 10, 5, 3].map((x) => expect.closeTo(x, 12)));
    const r = krippendorffAlpha(fourObservers, 'nominal');
    expect(r).toMatchObject({ pairableValues: 40, pairableUnits: 11, droppedUnits: 1, reason: null });
  });
});

describe('pre-aggregated coincidences (SQL)', () => {
  it('gives the same alpha from the matrix alone', () => {
    const c = coincidences(fourObservers);
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const fromMatrix = alphaFromCoincidences({ values: c.values, matrix: c.matrix }, metric);
      expect(fromMatrix.alpha!).toBeCloseTo(krippendorffAlpha(fourObservers, metric).alpha!, 12);
      expect(fromMatrix.pairableUnits).toBeNull();
    }
  });

  it('builds the matrix from (a, b, weight) rows in any order', () => {
    const c = coincidences(fourObservers);
    const rows: { a: AlphaValue; b: AlphaValue; weight: number }[] = [];
    c.values.forEach((a, i) => c.values.forEach((b, j) => c.matrix[i]![j]! > 0 && rows.push({ a, b, weight: c.matrix[i]![j]! })));
    rows.reverse();
    const m = coincidenceMatrixFromPairs(rows);
    expect(m.values).toEqual(c.values);
    expect(alphaFromCoincidences(m, 'ordinal').alpha!).toBeCloseTo(0.815388, 6);
  });

  it('validates the matrix', () => {
    expect(() => alphaFromCoincidences({ values: [1, 2], matrix: [[1]] }, 'nominal')).toThrow(RangeError);
    expect(() => alphaFromCoincidences({ values: [2, 1], matrix: [[1, 0], [0, 1]] }, 'nominal')).toThrow(RangeError);
    expect(() => alphaFromCoincidences({ values: [1, 2], matrix: [[1, -1], [0, 1]] }, 'nominal')).toThrow(RangeError);
  });
});

describe('undefined alpha is null with a reason', () => {
  it('no pairable values', () => {
    const r = krippendorffAlpha([[1], [null, 2], []], 'nominal');
    expect(r.alpha).toBeNull();
    expect(r.reason).toMatch(/fewer than 2 pairable values/);
    expect(r.droppedUnits).toBe(3);
  });

  it('no variation', () => {
    const r = krippendorffAlpha([[3, 3], [3, 3, 3]], 'interval');
    expect(r.alpha).toBeNull();
    expect(r.reason).toMatch(/no variation/);
  });

  it('metric does not fit the values', () => {
    expect(krippendorffAlpha(nominal12, 'ordinal').reason).toMatch(/numeric/);
    expect(krippendorffAlpha([[-1, 2], [3, 3]], 'ratio').reason).toMatch(/non-negative/);
  });

  it('treats null, undefined, NaN and empty strings as missing', () => {
    const a = krippendorffAlpha([[1, 2, null], [2, 2, Number.NaN], [3, '', 3], [1, undefined, 1]], 'interval');
    const b = krippendorffAlpha([[1, 2], [2, 2], [3, 3], [1, 1]], 'interval');
    expect(a.alpha).toBe(b.alpha);
  });

  it('perfect agreement gives 1', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [4, 4, 4]], 'ordinal').alpha).toBe(1);
  });
});

describe('bootstrap interval', () => {
  it('is deterministic for a seed and brackets the estimate', () => {
    const a = alphaBootstrap(fourObservers, 'ordinal', { samples: 500, seed: 42 });
    const b = alphaBootstrap(fourObservers, 'ordinal', { samples: 500, seed: 42 });
    expect(a).toEqual(b);
    expect(a.alpha!).toBeCloseTo(0.815388, 6);
    expect(a.lower!).toBeLessThan(a.alpha!);
    expect(a.upper!).toBeGreaterThanOrEqual(a.alpha!);
    expect(a.upper!).toBeLessThanOrEqual(1);
    expect(a.validSamples).toBeLessThanOrEqual(500);
    const c = alphaBootstrap(fourObservers, 'ordinal', { samples: 500, seed: 43 });
    expect(c.lower).not.toBe(a.lower);
  });

  it('resampling grouped profiles is the same distribution as resampling units', () => {
    // 40 units of each of three profiles, given once as units and once as counted profiles.
    const profiles = [
      { values: [1, 1], count: 40 },
      { values: [1, 2], count: 40 },
      { values: [3, 3, 2], count: 40 },
    ];
    const units = profiles.flatMap((p) => Array.from({ length: p.count }, () => p.values));
    const fromUnits = alphaBootstrap(units, 'interval', { samples: 300, seed: 5 });
    const fromProfiles = alphaBootstrapFromProfiles(profiles, 'interval', { samples: 300, seed: 5 });
    expect(fromProfiles.alpha).toBeCloseTo(fromUnits.alpha!, 12);
    expect(fromProfiles.lower).toBe(fromUnits.lower);
    expect(fromProfiles.upper).toBe(fromUnits.upper);
    // Shuffling the unit order changes nothing either.
    const shuffled = alphaBootstrap([...units].reverse(), 'interval', { samples: 300, seed: 5 });
    expect(shuffled.validSamples).toBe(fromUnits.validSamples);
    expect(shuffled.lower!).toBeCloseTo(fromUnits.lower!, 1);
  });

  it('has no interval when alpha is undefined or there is nothing to resample', () => {
    const none = alphaBootstrap([[2, 2]], 'nominal', { samples: 10, seed: 1 });
    expect(none.alpha).toBeNull();
    expect(none.lower).toBeNull();
    expect(none.intervalReason).toMatch(/no variation/);
    const single = alphaBootstrap([[1, 2, 2]], 'nominal', { samples: 10, seed: 1 });
    expect(single.lower).toBeNull();
    expect(single.intervalReason).toMatch(/fewer than 2 pairable units/);
  });
});
