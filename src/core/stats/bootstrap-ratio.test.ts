import { describe, expect, it } from 'vitest';
import { alphaBootstrapFromProfiles } from './alpha.ts';
import { binomialDraw, logRatioDeltaInterval, ratioBootstrap } from './bootstrap-ratio.ts';
import { multinomialDraw, mulberry32 } from './random.ts';

describe('ratioBootstrap', () => {
  it('is reproducible for a seed and brackets the observed ratio', () => {
    const a = ratioBootstrap(30, 100, 60, 100, { seed: 7 });
    const b = ratioBootstrap(30, 100, 60, 100, { seed: 7 });
    expect(a).toEqual(b);
    expect(a.lower!).toBeLessThan(0.5);
    expect(a.upper!).toBeGreaterThan(0.5);
  });
  it('agrees with the delta-method interval on log scale for large counts', () => {
    const boot = ratioBootstrap(400, 2000, 900, 3000, { samples: 4000, seed: 3 });
    const delta = logRatioDeltaInterval(400, 2000, 900, 3000)!;
    expect(boot.lower!).toBeCloseTo(delta.lower, 1);
    expect(boot.upper!).toBeCloseTo(delta.upper, 1);
    expect(Math.abs(boot.lower! - delta.lower)).toBeLessThan(0.02);
    expect(Math.abs(boot.upper! - delta.upper)).toBeLessThan(0.02);
  });
  it('gives no interval without a reference rate', () => {
    expect(ratioBootstrap(3, 10, 0, 10)).toMatchObject({ lower: null, upper: null, validSamples: 0 });
  });
});

describe('binomialDraw', () => {
  it('has the binomial mean and variance in both regimes', () => {
    for (const [n, p] of [
      [20, 0.3],
      [5000, 0.2],
    ] as const) {
      const random = mulberry32(11);
      const draws = Array.from({ length: 4000 }, () => binomialDraw(n, p, random));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      expect(Math.abs(mean - n * p) / Math.sqrt((n * p * (1 - p)) / draws.length)).toBeLessThan(4);
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.9);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.1);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(n);
    }
  });
});

describe('multinomialDraw and the multinomial alpha bootstrap', () => {
  it('draws exactly n items with the expected shares', () => {
    const random = mulberry32(5);
    const totals = [0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      const d = multinomialDraw(1000, [1, 2, 7], random);
      expect(d.reduce((a, b) => a + b, 0)).toBe(1000);
      d.forEach((k, j) => (totals[j]! += k));
    }
    expect(totals.map((t) => t / 2_000_000)).toEqual([expect.closeTo(0.1, 2), expect.closeTo(0.2, 2), expect.closeTo(0.7, 2)]);
  });

  it('gives the same interval as resampling unit by unit, to two decimals', () => {
    const profiles = [
      { values: [1, 1], count: 300 },
      { values: [1, 2], count: 120 },
      { values: [2, 2], count: 500 },
      { values: [2, 3], count: 260 },
      { values: [3, 3], count: 420 },
      { values: [3, 4], count: 150 },
      { values: [4, 4], count: 200 },
      { values: [1, 3], count: 40 },
    ];
    const unit = alphaBootstrapFromProfiles(profiles, 'ordinal', { samples: 2000, seed: 9 });
    const fast = alphaBootstrapFromProfiles(profiles, 'ordinal', { samples: 2000, seed: 9, multinomial: true });
    expect(fast.alpha).toBe(unit.alpha);
    expect(Math.abs(fast.lower! - unit.lower!)).toBeLessThan(0.01);
    expect(Math.abs(fast.upper! - unit.upper!)).toBeLessThan(0.01);
  });
});
