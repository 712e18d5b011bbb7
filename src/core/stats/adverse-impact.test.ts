import { describe, expect, it } from 'vitest';
import { adverseImpact, belowFourFifths, pooledTwoProportionZ, scoringRate } from './adverse-impact.ts';
import { fisherExact } from './fisher.ts';

describe('adverseImpact', () => {
  it('Uniform Guidelines Q&A 11: rates 60/45/48/51% give ratios 0.75, 0.80, 0.85 and only 0.75 is adverse impact', () => {
    const r = adverseImpact([
      { group: 'B', n: 100, selected: 45 },
      { group: 'A', n: 100, selected: 60 },
      { group: 'C', n: 100, selected: 48 },
      { group: 'D', n: 100, selected: 51 },
    ]);
    expect(r.referenceGroup).toBe('A');
    expect(r.groups.map((g) => g.group)).toEqual(['B', 'A', 'C', 'D']); // input order kept
    const byGroup = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(byGroup.B!.impactRatio).toBeCloseTo(0.75, 12);
    expect(byGroup.C!.impactRatio).toBe(0.8);
    expect(byGroup.D!.impactRatio).toBeCloseTo(0.85, 12);
    expect(r.groups.map((g) => g.fourFifthsFlag)).toEqual([true, false, false, false]);
    expect(byGroup.A).toEqual({ group: 'A', n: 100, selected: 60, rate: 0.6, impactRatio: null, fourFifthsFlag: false, fisherP: null, zP: null });
    expect(byGroup.B!.rate).toBe(0.45);
    expect(byGroup.B!.fisherP).toBeCloseTo(fisherExact({ a: 45, b: 55, c: 60, d: 40 }), 14);
    // 0.45 vs 0.60 with n = 100 each: pooled 0.525, z = −0.15/√(0.525·0.475·0.02) ≈ −2.1239.
    expect(byGroup.B!.zP).toBeCloseTo(0.033676, 5);
    expect(r.notes).toEqual([]);
  });

  it('decides the four-fifths flag with integers: 32/50 against 40/50 is exactly 0.8, not flagged', () => {
    expect((32 / 50) / (40 / 50)).toBeLessThan(0.8); // the trap: 0.7999999999999999 in doubles
    const r = adverseImpact([
      { group: 'ref', n: 50, selected: 40 },
      { group: 'g', n: 50, selected: 32 },
    ]);
    expect(r.groups[1]!.impactRatio).toBe(0.8);
    expect(r.groups[1]!.fourFifthsFlag).toBe(false);
    expect(belowFourFifths(32, 50, 40, 50)).toBe(false);
    expect(belowFourFifths(31, 50, 40, 50)).toBe(true);
    // Products beyond 2^53 stay exact.
    expect(belowFourFifths(4e9, 5e9, 5e9, 5e9)).toBe(false);
    expect(belowFourFifths(4e9 - 1, 5e9, 5e9, 5e9)).toBe(true);
  });

  it('breaks ties for the reference by larger n, then by name', () => {
    expect(adverseImpact([
      { group: 'small', n: 10, selected: 5 },
      { group: 'large', n: 40, selected: 20 },
    ]).referenceGroup).toBe('large');
    expect(adverseImpact([
      { group: 'zeta', n: 10, selected: 5 },
      { group: 'alpha', n: 10, selected: 5 },
    ]).referenceGroup).toBe('alpha');
  });

  it('gives nulls, never NaN, for a zero reference rate, empty groups and no groups', () => {
    const zero = adverseImpact([
      { group: 'a', n: 10, selected: 0 },
      { group: 'b', n: 12, selected: 0 },
    ]);
    expect(zero.referenceGroup).toBe('b');
    for (const g of zero.groups) expect(g).toMatchObject({ rate: 0, impactRatio: null, fourFifthsFlag: false, fisherP: null, zP: null });
    expect(zero.notes[0]).toMatch(/Nobody was selected/);
    const withEmpty = adverseImpact([
      { group: 'a', n: 10, selected: 4 },
      { group: 'none', n: 0, selected: 0 },
    ]);
    expect(withEmpty.groups[1]).toMatchObject({ rate: null, impactRatio: null, fisherP: null, zP: null });
    expect(adverseImpact([])).toEqual({ referenceGroup: null, groups: [], notes: ['No groups.'] });
    expect(JSON.stringify(zero)).not.toContain('NaN');
  });

  it('returns a null z p-value when both groups are at 100 % (no variation), and 0 ratio for a group with none selected', () => {
    const r = adverseImpact([
      { group: 'a', n: 5, selected: 5 },
      { group: 'b', n: 7, selected: 7 },
      { group: 'c', n: 6, selected: 0 },
    ]);
    expect(r.referenceGroup).toBe('b');
    expect(r.groups[0]).toMatchObject({ impactRatio: 1, fourFifthsFlag: false, fisherP: 1, zP: null });
    expect(r.groups[2]).toMatchObject({ impactRatio: 0, fourFifthsFlag: true });
    expect(r.groups[2]!.fisherP).toBeCloseTo(fisherExact({ a: 0, b: 6, c: 7, d: 0 }), 14);
  });

  it('rejects impossible counts and duplicate groups', () => {
    expect(() => adverseImpact([{ group: 'a', n: 3, selected: 4 }])).toThrow(/between 0 and n/);
    expect(() => adverseImpact([{ group: 'a', n: 2.5, selected: 1 }])).toThrow(/non-negative integer/);
    expect(() => adverseImpact([{ group: 'a', n: 3, selected: 1 }, { group: 'a', n: 3, selected: 1 }])).toThrow(/twice/);
  });
});

describe('pooledTwoProportionZ', () => {
  it('matches the textbook statistic (prop.test without continuity correction gives X² = z²)', () => {
    // prop.test(c(15, 25), c(50, 50), correct = FALSE): X-squared = 4.1667, p-value = 0.04123
    const r = pooledTwoProportionZ(15, 50, 25, 50)!;
    expect(r.z * r.z).toBeCloseTo(4.166667, 5);
    expect(r.p).toBeCloseTo(0.04122683, 6);
    expect(pooledTwoProportionZ(0, 5, 0, 9)).toBeNull();
  });
});

describe('scoringRate (NYC Local Law 144)', () => {
  it('counts scores strictly above the pooled median; ties at the median do not count', () => {
    const r = scoringRate([
      { group: 'x', scores: [1, 2, 3, 4, 5, 6] },
      { group: 'y', scores: [1, 1, 2, 3] },
    ]);
    // Pooled: 1 1 1 2 2 3 3 4 5 6 → median (2 + 3) / 2 = 2.5.
    expect(r.median).toBe(2.5);
    expect(r.referenceGroup).toBe('x');
    expect(r.groups[0]).toMatchObject({ group: 'x', n: 6, selected: 4, impactRatio: null });
    expect(r.groups[1]).toMatchObject({ group: 'y', n: 4, selected: 1, rate: 0.25 });
    expect(r.groups[1]!.impactRatio).toBeCloseTo(0.25 / (4 / 6), 12);
    expect(r.groups[1]!.fourFifthsFlag).toBe(true);

    const tied = scoringRate([
      { group: 'a', scores: [3, 3, 3, 4] },
      { group: 'b', scores: [2, 3, 3] },
    ]);
    expect(tied.median).toBe(3);
    expect(tied.groups.map((g) => g.selected)).toEqual([1, 0]);
    expect(tied.notes.some((n) => n.includes('equal the median'))).toBe(true);
  });

  it('handles no scores without NaN and rejects non-finite scores', () => {
    const r = scoringRate([{ group: 'a', scores: [] }]);
    expect(r.median).toBeNull();
    expect(r.referenceGroup).toBeNull();
    expect(() => scoringRate([{ group: 'a', scores: [1, Number.NaN] }])).toThrow(/finite/);
  });
});
