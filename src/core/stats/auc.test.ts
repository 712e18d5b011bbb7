import { describe, expect, it } from 'vitest';
import { auc } from './auc.ts';

/** Direct pair counting, the definition the rank formula must agree with. */
function pairwise(scores: number[], y: number[]): number | null {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return pairs === 0 ? null : wins / pairs;
}

describe('auc', () => {
  it('is 1 for perfect ranking, 0 for reversed, 0.5 when everything ties', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([3, 3, 3, 3], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts a tied positive/negative pair as one half', () => {
    // Pairs (pos, neg): (2,1) win, (2,2) tie, (3,1) win, (3,2) win → 3.5 / 4.
    expect(auc([1, 2, 2, 3], [0, 0, 1, 1])).toBe(0.875);
    expect(auc([1, 2, 2, 3], [false, false, true, true])).toBe(0.875);
  });

  it('agrees with pair counting on data full of ties', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(next() * 60);
      const scores = Array.from({ length: n }, () => Math.floor(next() * 6));
      const y = Array.from({ length: n }, () => (next() < 0.4 ? 1 : 0));
      const expected = pairwise(scores, y);
      const got = auc(scores, y);
      if (expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(expected, 12);
    }
  });

  it('is null when one class is empty, and rejects bad input', () => {
    expect(auc([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(auc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(auc([], [])).toBeNull();
    expect(() => auc([1, 2], [1])).toThrow(RangeError);
    expect(() => auc([1, Number.NaN], [1, 0])).toThrow(/finite/);
    expect(() => auc([1, 2], [1, 2])).toThrow(/0 or 1/);
  });
});
