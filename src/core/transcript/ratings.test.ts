import { describe, expect, it } from 'vitest';
import type { RoundInput } from './analyze.ts';
import type { Evidence } from './evidence.ts';
import { draftRatings, levelOf, RATING_MIN_WEIGHT } from './ratings.ts';

const competency = (id: string): RoundInput['competencies'][number] => ({
  id,
  name: id.toUpperCase(),
  definition: '',
  positiveSignals: [],
  redFlags: [],
  anchors: { '1': [], '2': [], '3': [], '4': [] },
});

function ev(partial: Partial<Evidence>): Evidence {
  return { competencyId: 'a', exchange: 0, quote: 'q', offset: 0, startMs: 0, strength: 'moderate', negative: false, score: 0.5, anchorLevel: null, reasons: [], ...partial };
}

describe('draftRatings', () => {
  it('is null with no evidence or too little of it', () => {
    const out = draftRatings([competency('a'), competency('b')], [ev({ competencyId: 'b', strength: 'moderate', quote: 'only one' })]);
    expect(out).toEqual([
      { competencyId: 'a', name: 'A', rating: null, confidence: 0, evidence: 0, quotes: [], rationale: 'No evidence in the transcript.' },
      {
        competencyId: 'b',
        name: 'B',
        rating: null,
        confidence: 0,
        evidence: 1,
        quotes: [{ quote: 'only one', exchange: 0, startMs: 0, negative: false, strength: 'moderate' }],
        rationale: 'Too little evidence (0 strong, 1 moderate, 0 weak).',
      },
    ]);
    expect(RATING_MIN_WEIGHT).toBe(3);
  });

  it('levels passages by anchor or strength', () => {
    expect(levelOf(ev({ anchorLevel: 4 }))).toBe(4);
    expect(levelOf(ev({ anchorLevel: 1 }))).toBe(2.5); // a positive passage that best matches level 1 falls back to its strength
    expect(levelOf(ev({ strength: 'strong' }))).toBe(3);
    expect(levelOf(ev({ strength: 'weak' }))).toBe(2);
    expect(levelOf(ev({ negative: true, strength: 'strong' }))).toBe(1);
    expect(levelOf(ev({ negative: true, anchorLevel: 3, strength: 'moderate' }))).toBe(1.5);
  });

  it('rates the weighted mean level with a confidence from amount and agreement', () => {
    // strong at level 3 (weight 3) + moderate anchored at 4 (weight 2): W = 5, mean 3.4, sd = √0.24.
    const [r] = draftRatings(
      [competency('a')],
      [ev({ strength: 'strong', score: 0.7, anchorLevel: 3, quote: 'best', exchange: 2 }), ev({ strength: 'moderate', score: 0.5, anchorLevel: 4, quote: 'second' })],
    );
    const confidence = Math.round((5 / 11) * (1 - Math.sqrt(0.24) / 1.5) * 100) / 100;
    expect(r).toEqual({
      competencyId: 'a',
      name: 'A',
      rating: 3,
      confidence,
      evidence: 2,
      quotes: [
        { quote: 'best', exchange: 2, startMs: 0, negative: false, strength: 'strong' },
        { quote: 'second', exchange: 0, startMs: 0, negative: false, strength: 'moderate' },
      ],
      rationale: '2 passages (1 strong, 1 moderate, 0 weak); mean level 3.4.',
    });
    expect(confidence).toBe(0.31);
  });

  it('lets negative evidence pull the rating down and agreement raise confidence', () => {
    const negative = draftRatings([competency('a')], [ev({ negative: true, strength: 'strong', score: 0.8 }), ev({ negative: true, strength: 'strong', score: 0.7, exchange: 1 })]);
    expect(negative[0]).toMatchObject({ rating: 1, confidence: 0.5, rationale: '2 passages (2 strong, 0 moderate, 0 weak; 2 negative); mean level 1.' });
  });
});
