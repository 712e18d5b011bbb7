import { describe, expect, it } from 'vitest';
import { roundTo100, shrunkWeights } from './weights.ts';

describe('roundTo100', () => {
  it('rounds shares to whole numbers summing to 100 by largest remainder', () => {
    expect(roundTo100({ a: 1, b: 1, c: 1 })).toEqual({ a: 34, b: 33, c: 33 });
    expect(roundTo100({ a: 0.5, b: 0.25, c: 0.25 })).toEqual({ a: 50, b: 25, c: 25 });
    const r = roundTo100({ x: 0.123, y: 0.456, z: 0.421 });
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBe(100);
    expect(r).toEqual({ x: 12, y: 46, z: 42 });
  });
  it('gives zeros when nothing is positive', () => {
    expect(roundTo100({ a: 0, b: -1 })).toEqual({ a: 0, b: 0 });
  });
});

describe('shrunkWeights', () => {
  const current = { a: 50, b: 30, c: 20 };
  it('moves halfway toward the validities when n equals the prior', () => {
    // target: a 0, b 0.6, c 0.4 (negative r counts as 0); λ = 200 / 400 = 0.5 → 0.25, 0.45, 0.30.
    const out = shrunkWeights(current, { a: { r: -0.1, n: 200 }, b: { r: 0.3, n: 200 }, c: { r: 0.2, n: 250 } })!;
    expect(out.lambda).toBeCloseTo(0.5, 12);
    expect(out.weights).toEqual({ a: 25, b: 45, c: 30 });
  });
  it('barely moves with few hires', () => {
    const out = shrunkWeights(current, { a: { r: 0, n: 10 }, b: { r: 0.5, n: 10 }, c: { r: 0, n: 10 } }, { prior: 200 })!;
    expect(out.lambda).toBeCloseTo(10 / 210, 12);
    expect(out.weights.a).toBe(48);
    expect(out.weights.b).toBe(33);
  });
  it('proposes nothing when no competency predicts', () => {
    expect(shrunkWeights(current, { a: { r: -0.2, n: 500 }, b: { r: null, n: 0 }, c: { r: 0, n: 500 } })).toBeNull();
  });
});
