import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, pearsonFromSums, pointBiserial, spearman } from './correlation.ts';

// R's ?cor.test example (Hollander & Wolfe).
const x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
const y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];

function sums(a: number[], b: number[]) {
  return {
    n: a.length,
    sx: a.reduce((s, v) => s + v, 0),
    sy: b.reduce((s, v) => s + v, 0),
    sxx: a.reduce((s, v) => s + v * v, 0),
    syy: b.reduce((s, v) => s + v * v, 0),
    sxy: a.reduce((s, v, i) => s + v * b[i]!, 0),
  };
}

describe('Pearson', () => {
  it('matches cor.test on the Hollander & Wolfe data', () => {
    const r = pearson(x, y);
    expect(r.r!).toBeCloseTo(0.5711816, 7);
    expect(r.t!).toBeCloseTo(1.8411, 4);
    expect(r.df).toBe(7);
    expect(r.p!).toBeCloseTo(0.1081731, 7);
    expect(r.lower!).toBeCloseTo(-0.1497426, 7);
    expect(r.upper!).toBeCloseTo(0.8955795, 7);
    expect(r.reason).toBeNull();
  });

  it('agrees with a textbook computation done here', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, 1, 4, 3, 7, 5];
    // Means 3.5 and 11/3; Sxx = 17.5, Syy = 23.333…, Sxy = 16.
    const r = 16 / Math.sqrt(17.5 * (70 / 3));
    const z = 0.5 * Math.log((1 + r) / (1 - r));
    const se = 1 / Math.sqrt(3);
    const res = pearson(a, b);
    expect(res.r!).toBeCloseTo(r, 12);
    expect(res.t!).toBeCloseTo(r * Math.sqrt(4 / (1 - r * r)), 12);
    expect(res.lower!).toBeCloseTo(Math.tanh(z - 1.959963984540054 * se), 12);
    expect(res.upper!).toBeCloseTo(Math.tanh(z + 1.959963984540054 * se), 12);
  });

  it('gets the same result from SQL moment sums', () => {
    const a = pearson(x, y);
    const b = pearsonFromSums(sums(x, y));
    expect(b.r!).toBeCloseTo(a.r!, 12);
    expect(b.p!).toBeCloseTo(a.p!, 12);
    expect(b.lower!).toBeCloseTo(a.lower!, 12);
  });

  it('drops incomplete pairs', () => {
    const r = pearson([...x, null, 3], [...y, 4, Number.NaN]);
    expect(r.n).toBe(9);
    expect(r.r!).toBeCloseTo(0.5711816, 7);
  });

  it('returns null with a reason at the edges, never NaN', () => {
    expect(pearson([1, 2], [3, 4])).toMatchObject({ r: null, p: null, reason: expect.stringMatching(/fewer than 3/) });
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toMatchObject({ r: null, reason: expect.stringMatching(/first variable has no variance/) });
    expect(pearsonFromSums(sums([0.1, 0.1, 0.1], [1, 2, 3]))).toMatchObject({ r: null, reason: expect.stringMatching(/no variance/) });
    expect(pearsonFromSums({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 }).r).toBeNull();
    const perfect = pearson([1, 2, 3, 4], [2, 4, 6, 8]);
    expect(perfect).toMatchObject({ r: 1, t: null, p: 0, lower: null, upper: null });
    expect(perfect.notes.join(' ')).toMatch(/\|r\| = 1/);
    const three = pearson([1, 2, 3], [1, 3, 2]);
    expect(three.r!).toBeCloseTo(0.5, 12);
    expect(three.lower).toBeNull();
    expect(three.notes.join(' ')).toMatch(/at least 4 pairs/);
    expect(() => pearson([1], [1, 2])).toThrow(RangeError);
  });
});

describe('point-biserial', () => {
  it('is Pearson with a 0/1 variable and matches the pooled two-sample t test', () => {
    const scores = [3.1, 2.4, 3.8, 2.9, 3.5, 1.9, 2.2, 2.8];
    const hired = [true, false, true, true, true, false, false, false];
    const r = pointBiserial(scores, hired);
    expect(r.method).toBe('point-biserial');
    expect(r.r!).toBeCloseTo(pearson(scores, hired.map(Number)).r!, 14);
    const g1 = scores.filter((_, i) => hired[i]);
    const g0 = scores.filter((_, i) => !hired[i]);
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    const ss = (v: number[]) => v.reduce((s, a) => s + (a - mean(v)) ** 2, 0);
    const sp = Math.sqrt((ss(g1) + ss(g0)) / (scores.length - 2));
    const t = (mean(g1) - mean(g0)) / (sp * Math.sqrt(1 / g1.length + 1 / g0.length));
    expect(r.t!).toBeCloseTo(t, 12);
  });

  it('is undefined when only one group is present', () => {
    expect(pointBiserial([1, 2, 3], [1, 1, 1]).reason).toMatch(/second variable has no variance/);
    expect(() => pointBiserial([1], [2 as 1])).toThrow(RangeError);
  });
});

describe('Spearman', () => {
  it('matches cor.test: rho = 0.6', () => {
    const r = spearman(x, y);
    expect(r.r!).toBeCloseTo(0.6, 12);
    // t approximation: t = 0.6·√(7/0.64) on 7 df.
    expect(r.t!).toBeCloseTo(0.6 * Math.sqrt(7 / 0.64), 12);
    expect(r.lower).toBeNull();
  });

  it('gives tied values their average rank', () => {
    expect(averageRanks([10, 20, 20, 5, 20])).toEqual([2, 4, 4, 1, 4]);
    // Without ties, rho = 1 − 6Σd²/(n(n² − 1)).
    const a = [3, 1, 4, 1.5, 5, 9, 2.6];
    const b = [2, 7, 1, 8, 2.8, 18, 28];
    const ra = averageRanks(a);
    const rb = averageRanks(b);
    const d2 = ra.reduce((s, v, i) => s + (v - rb[i]!) ** 2, 0);
    expect(spearman(a, b).r!).toBeCloseTo(1 - (6 * d2) / (7 * 48), 12);
  });
});
