import { describe, expect, it } from 'vitest';
import { aliasSampler, mulberry32, randomInt } from './random.ts';

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(124)()).not.toBe(xs[0]);
  });

  it('is roughly uniform', () => {
    const r = mulberry32(9);
    let sum = 0;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      sum += x;
      bins[Math.floor(x * 10)]!++;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('draws integers and weighted indices', () => {
    const r = mulberry32(1);
    for (let i = 0; i < 100; i++) expect(randomInt(r, 6)).toBeLessThan(6);
    const draw = aliasSampler([1, 0, 3], mulberry32(2));
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[draw()]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
    expect(() => aliasSampler([0, 0], r)).toThrow(RangeError);
  });
});
