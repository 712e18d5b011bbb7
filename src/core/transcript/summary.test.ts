import { describe, expect, it } from 'vitest';
import type { RoundInput } from './analyze.ts';
import type { Evidence } from './evidence.ts';
import { summarize } from './summary.ts';

const competency = (id: string, name: string): RoundInput['competencies'][number] => ({ id, name, definition: '', positiveSignals: [], redFlags: [], anchors: { '1': [], '2': [], '3': [], '4': [] } });
const round: RoundInput = {
  questions: [],
  competencies: [competency('a', 'Strategy'), competency('b', 'Hiring'), competency('c', 'Delivery'), competency('d', 'Budgets')],
};
const ev = (p: Partial<Evidence>): Evidence => ({ competencyId: 'a', exchange: 0, quote: 'q', offset: 0, startMs: 0, strength: 'moderate', negative: false, score: 0.5, anchorLevel: null, reasons: [], ...p });

describe('summarize', () => {
  it('quotes the strongest positive passage per competency and says what to probe next', () => {
    const evidence = [
      ev({ competencyId: 'a', quote: 'good', score: 0.5, startMs: 100 }),
      ev({ competencyId: 'a', quote: 'better', score: 0.7, strength: 'strong', startMs: 200 }),
      ev({ competencyId: 'a', quote: 'red flag', score: 0.9, strength: 'strong', negative: true }),
      ev({ competencyId: 'b', quote: 'weak one', score: 0.36, strength: 'weak', startMs: 300 }),
      ev({ competencyId: 'c', quote: 'only bad', score: 0.6, strength: 'strong', negative: true }),
    ];
    const coverage = { asked: [], skipped: [{ index: 4, text: 'How do you set the engineering budget?' }], unplanned: [], threshold: 0.3 };
    expect(summarize(round, evidence, coverage)).toEqual({
      strongest: [
        { competencyId: 'a', quote: 'better', startMs: 200 },
        { competencyId: 'b', quote: 'weak one', startMs: 300 },
      ],
      probeNext: [
        'Hiring: only weak evidence — probe for what they did themselves and the result.',
        'Delivery: only negative evidence — give another chance with a different example.',
        'Budgets: no evidence yet — ask for a specific example.',
        'Planned question not asked: "How do you set the engineering budget?"',
      ],
    });
  });
});
