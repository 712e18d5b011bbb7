import { describe, expect, it } from 'vitest';
import { aggregateDebrief, weightedScore } from './scoring.ts';

const weights = [
  { id: 'strategy', weight: 50 },
  { id: 'delivery', weight: 30 },
  { id: 'people', weight: 20 },
];

describe('weightedScore', () => {
  it('computes the weighted mean on the 1–4 scale, its percentage and coverage', () => {
    // (50·4 + 30·2 + 20·3) / 100 = 3.2 → (3.2 − 1) / 3 = 73.3 %
    const s = weightedScore(weights, { strategy: 4, delivery: 2, people: 3 });
    expect(s.score).toBeCloseTo(3.2, 12);
    expect(s.percent).toBeCloseTo(73.333333, 5);
    expect(s).toMatchObject({ coverage: 1, rated: 3 });
  });

  it('leaves "not assessed" out of the mean and lowers coverage', () => {
    // (50·4 + 20·1) / 70 = 3.142857
    const s = weightedScore(weights, { strategy: 4, delivery: null, people: 1 });
    expect(s.score).toBeCloseTo(220 / 70, 12);
    expect(s.coverage).toBeCloseTo(0.7, 12);
    expect(weightedScore(weights, {})).toEqual({ score: null, percent: null, coverage: 0, rated: 0 });
  });

  it('rejects ratings off the scale', () => {
    expect(() => weightedScore(weights, { strategy: 5 })).toThrow(RangeError);
    expect(() => weightedScore(weights, { strategy: 2.5 })).toThrow(RangeError);
  });
});

describe('aggregateDebrief', () => {
  it('aggregates ratings, flags a two-point spread and a split recommendation, lists missing scorecards', () => {
    const d = aggregateDebrief(
      weights,
      [
        { interviewerId: 'ana', ratings: { strategy: 4, delivery: 3, people: null }, recommendation: 'strong_yes' },
        { interviewerId: 'ben', ratings: { strategy: 2, delivery: 3, people: 3 }, recommendation: 'no' },
      ],
      ['ana', 'ben', 'cho'],
    );
    expect(d.competencies.map((c) => [c.competencyId, c.mean, c.min, c.max, c.disagreement])).toEqual([
      ['strategy', 3, 2, 4, true],
      ['delivery', 3, 3, 3, false],
      ['people', 3, 3, 3, false],
    ]);
    expect(d.overall.score).toBeCloseTo(3, 12);
    expect(d.recommendations).toEqual({ strong_no: 0, no: 1, yes: 0, strong_yes: 1 });
    expect(d.splitRecommendation).toBe(true);
    expect(d.missing).toEqual(['cho']);
  });

  it('does not flag one-point spreads or one-sided recommendations', () => {
    const d = aggregateDebrief(weights, [
      { interviewerId: 'a', ratings: { strategy: 3 }, recommendation: 'yes' },
      { interviewerId: 'b', ratings: { strategy: 4 }, recommendation: 'strong_yes' },
    ]);
    expect(d.competencies[0]!.disagreement).toBe(false);
    expect(d.splitRecommendation).toBe(false);
    expect(d.competencies[1]).toMatchObject({ mean: null, ratings: [] });
    expect(d.overall.coverage).toBeCloseTo(0.5, 12);
  });
});
