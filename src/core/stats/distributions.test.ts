import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareSf,
  fCdf,
  fQuantile,
  fSf,
  inverseRegularizedBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSidedP,
  twoSidedNormalP,
} from './distributions.ts';

const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('normal distribution', () => {
  it('matches reference values of Φ and its upper tail', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    // Far tails keep relative accuracy (R: pnorm(10, lower.tail = FALSE), pnorm(-20)).
    relClose(normalSf(10), 7.619853024160527e-24, 1e-12);
    relClose(normalCdf(-20), 2.7536241186062337e-89, 1e-11);
    expect(normalSf(40)).toBe(0);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it('the two tails add to one', () => {
    for (const x of [-7, -2.5, -0.3, 0, 0.3, 1, 4, 8.5]) expect(normalCdf(x) + normalSf(x)).toBeCloseTo(1, 15);
  });

  it('computes the quantile to about 1e-15', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
  });

  it('inverts Φ across the whole range, including the Acklam breakpoints', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-5, 0.02425, 0.0243, 0.1, 0.3, 0.5 - 1e-9, 0.6, 0.97575, 0.99, 1 - 1e-12]) {
      const x = normalQuantile(p);
      if (p < 0.5) relClose(normalCdf(x), p, 1e-12);
      else relClose(normalSf(x), 1 - p, 1e-9);
    }
  });

  it('gives two-sided p-values', () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(0)).toBe(1);
  });

  it('rejects arguments outside the domain', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('gamma and beta functions', () => {
  it('log-gamma matches factorials and Γ(1/2)', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 15);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9); // ln(170!)
  });

  it('incomplete gamma has the exponential as a special case', () => {
    for (const x of [0.1, 1, 3, 12, 40]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      relClose(regularizedGammaQ(1, x), Math.exp(-x), 1e-13);
    }
    expect(regularizedGammaP(3, 0)).toBe(0);
  });

  it('incomplete beta has closed forms for b = 1 and a = b = 1', () => {
    for (const x of [0.01, 0.2, 0.5, 0.93]) {
      expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
      expect(regularizedBeta(x, 1, 2)).toBeCloseTo(1 - (1 - x) ** 2, 14);
    }
    expect(regularizedBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 12);
  });

  it('inverts the incomplete beta', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [2, 5],
      [30, 1.5],
      [0.7, 40],
    ] as const) {
      for (const p of [1e-8, 0.01, 0.5, 0.9, 0.999]) expect(regularizedBeta(inverseRegularizedBeta(p, a, b), a, b)).toBeCloseTo(p, 12);
    }
  });
});

describe('Student t', () => {
  it('t(10) = 2.228 is the two-sided 5 % point', () => {
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 11);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 11);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [-3, -0.5, 0, 0.7, 4]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
      expect(studentTCdf(t, 7) + studentTSf(t, 7)).toBeCloseTo(1, 15);
    }
  });

  it('approaches the normal for large df', () => {
    expect(studentTTwoSidedP(1.959963984540054, 1e7)).toBeCloseTo(0.05, 7);
  });
});

describe('F distribution', () => {
  it('F(3, 15) has its 95 % point at 3.287', () => {
    expect(fQuantile(0.95, 3, 15)).toBeCloseTo(3.287382, 5);
    expect(fCdf(3.287382, 3, 15)).toBeCloseTo(0.95, 6);
    expect(fSf(3.287382, 3, 15)).toBeCloseTo(0.05, 6);
  });

  it('F(1, ν) is the square of t(ν)', () => {
    for (const t of [0.5, 1.3, 2.9]) expect(fSf(t * t, 1, 9)).toBeCloseTo(studentTTwoSidedP(t, 9), 13);
  });

  it('quantile and CDF are inverse, for fractional df too', () => {
    for (const [d1, d2] of [
      [5, 18],
      [18, 5],
      [1, 1],
      [2.5, 37.3],
      [200, 3],
    ] as const) {
      for (const p of [1e-6, 0.025, 0.5, 0.975, 1 - 1e-9]) {
        const f = fQuantile(p, d1, d2);
        if (p <= 0.5) relClose(fCdf(f, d1, d2), p, 1e-10);
        else relClose(fSf(f, d1, d2), 1 - p, 1e-6);
      }
    }
  });

  it('swapping df inverts the quantile: F_p(a, b) = 1 / F_{1−p}(b, a)', () => {
    expect(fQuantile(0.025, 5, 18)).toBeCloseTo(1 / fQuantile(0.975, 18, 5), 12);
  });
});

describe('chi-square', () => {
  it('matches reference points and the df = 2 closed form', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareCdf(18.307038053275146, 10)).toBeCloseTo(0.95, 13);
    for (const x of [0.2, 3, 15]) expect(chiSquareCdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 14);
    expect(chiSquareCdf(0, 3)).toBe(0);
  });
});
