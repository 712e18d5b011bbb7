import { describe, expect, it } from 'vitest';
import { evaluateFixtures, loadFixtures } from './fixtures.eval.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe('interview intelligence on the labelled fixtures (DECISIONS 28)', () => {
  it('has nine labelled transcripts in four formats, a third held out', () => {
    const fx = loadFixtures();
    expect(fx).toHaveLength(9);
    expect(new Set(fx.map((f) => f.labels.format))).toEqual(new Set(['vtt', 'srt', 'text', 'json']));
    expect(fx.filter((f) => f.labels.split === 'holdout')).toHaveLength(3);
  });

  it('finds risk flags and question coverage with precision and recall ≥ 0.9 on the tuning split, and reports the held-out split', () => {
    const r = evaluateFixtures();
    for (const [name, s] of [
      ['tune', r.tune],
      ['holdout', r.holdout],
    ] as const) {
      console.log(
        `[intelligence ${name}] ${s.transcripts} transcripts · flags P ${pct(s.flags.precision)} R ${pct(s.flags.recall)} (tp ${s.flags.tp}, fp ${s.flags.fp}, fn ${s.flags.fn})` +
          ` · coverage P ${pct(s.coverage.precision)} R ${pct(s.coverage.recall)} (tp ${s.coverage.tp}, fp ${s.coverage.fp}, fn ${s.coverage.fn}) · exchanges MAE ${s.exchangeMeanAbsError.toFixed(2)}`,
      );
    }
    expect(r.tune.flags.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.tune.flags.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.tune.coverage.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.tune.coverage.recall).toBeGreaterThanOrEqual(0.9);
    // The held-out third is reported, not tuned on; these floors only catch regressions
    // (measured at the time of writing: flags P 0.75 R 0.60, coverage P 0.83 R 0.83).
    expect(r.holdout.flags.precision).toBeGreaterThanOrEqual(0.7);
    expect(r.holdout.flags.recall).toBeGreaterThanOrEqual(0.6);
    expect(r.holdout.coverage.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.holdout.coverage.recall).toBeGreaterThanOrEqual(0.8);
    // Candidates volunteering information is never a flag; lawful neighbours are not flagged on the tuning split.
    expect(r.scores.map((s) => [s.name, s.candidateFlags])).toEqual(r.scores.map((s) => [s.name, 0]));
    expect(r.scores.filter((s) => s.split === 'tune').reduce((n, s) => n + s.notFlagHits, 0)).toBe(0);
  });
});
