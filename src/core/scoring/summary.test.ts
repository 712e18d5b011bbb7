import { describe, expect, it } from 'vitest';
import { aggregateDebrief } from './scoring.ts';
import { debriefSummary, quoteOf } from './summary.ts';

describe('quoteOf', () => {
  it('takes the first sentence, cut at a word boundary', () => {
    expect(quoteOf('  Led the migration.  Then more. ')).toBe('Led the migration.');
    expect(quoteOf('')).toBeNull();
    expect(quoteOf('word '.repeat(60), 20)).toBe('word word word word…');
  });
});

describe('debriefSummary', () => {
  const comps = [
    { id: 'a', name: 'Architecture' },
    { id: 'b', name: 'Budgeting' },
  ];
  it('names the strongest and weakest competencies with quotes, the disagreement with both sides, and what is missing', () => {
    const agg = aggregateDebrief(
      [
        { id: 'a', weight: 60 },
        { id: 'b', weight: 40 },
      ],
      [
        { interviewerId: 's1', ratings: { a: 4, b: 1 }, recommendation: 'yes' },
        { interviewerId: 's2', ratings: { a: 4, b: 3 }, recommendation: 'no' },
      ],
    );
    const cards = [
      { key: 's1', interviewerName: 'Ann', evidence: { a: 'Designed the event bus. It scaled.', b: 'No budget owned.' }, redFlags: ['Blamed the previous team.'] },
      { key: 's2', interviewerName: 'Ben', evidence: { a: 'Clear trade-offs.', b: 'Ran a 4M budget.' }, redFlags: [] },
    ];
    expect(debriefSummary(comps, cards, agg, ['Cleo (Panel)'])).toEqual([
      "2 scorecards submitted; weighted score 3.2 of 4 over 100% of the plan's weight.",
      'Strongest: Architecture (mean 4.0 from 2 ratings) — Ann: “Designed the event bus.”.',
      'Weakest: Budgeting (mean 2.0) — Ann: “No budget owned.”.',
      'Disagreement on Budgeting: Ann rated 1 (“No budget owned.”); Ben rated 3 (“Ran a 4M budget.”). Discuss the evidence before deciding.',
      'Recommendations: 1 no, 1 yes — the panel is split across the hire line.',
      'Red flags raised: Ann: “Blamed the previous team.”.',
      'Still missing: Cleo (Panel).',
    ]);
  });
  it('says plainly when nothing is submitted', () => {
    const agg = aggregateDebrief([{ id: 'a', weight: 100 }], []);
    expect(debriefSummary(comps, [], agg, [])).toEqual(['No submitted ratings yet: the debrief fills in as interviewers submit their scorecards.']);
  });
});
