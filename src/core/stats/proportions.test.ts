import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './proportions.ts';

describe('Wilson score interval', () => {
  it("matches R's prop.test(5, 10, correct = FALSE)", () => {
    const w = wilsonInterval(5, 10);
    expect(w.proportion).toBe(0.5);
    expect(w.lower!).toBeCloseTo(0.2365931, 7);
    expect(w.upper!).toBeCloseTo(0.7634069, 7);
  });

  it('bounds solve the score-test quadratic', () => {
    // |p̂ − p| = z·√(p(1 − p)/n) at both bounds.
    const z = 1.959963984540054;
    for (const [x, n] of [
      [3, 17],
      [40, 41],
      [1, 200],
    ] as const) {
      const w = wilsonInterval(x, n);
      for (const p of [w.lower!, w.upper!]) expect(Math.abs(x / n - p)).toBeCloseTo(z * Math.sqrt((p * (1 - p)) / n), 12);
    }
  });

  it('stays inside [0, 1] at 0 % and 100 %', () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.lower).toBe(0);
    const z2 = 1.959963984540054 ** 2;
    expect(zero.upper!).toBeCloseTo(z2 / (10 + z2), 12);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });

  it('honours the level and returns null for n = 0', () => {
    expect(wilsonInterval(5, 10, 0.9).upper!).toBeLessThan(wilsonInterval(5, 10).upper!);
    expect(wilsonInterval(0, 0)).toMatchObject({ proportion: null, lower: null, upper: null, reason: 'no trials (n = 0)' });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});
