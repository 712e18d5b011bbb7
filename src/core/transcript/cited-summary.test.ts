import { describe, expect, it } from 'vitest';
import { checkCitedSummary, citedSummaryPrompt } from './cited-summary.ts';

describe('cited summary', () => {
  it('numbers the turns with roles for the prompt', () => {
    const turns = [
      { index: 0, speaker: 'Marta', startMs: 0, endMs: 1, text: 'Tell me about a cost initiative.', interrupts: false },
      { index: 1, speaker: 'Dan', startMs: 1, endMs: 2, text: 'We cut cost per order by 40%.', interrupts: false },
    ];
    expect(citedSummaryPrompt(turns, (s) => (s === 'Dan' ? 'candidate' : 'interviewer'))).toBe('[T0] Interviewer (Marta): Tell me about a cost initiative.\n[T1] Candidate: We cut cost per order by 40%.');
  });

  it('keeps a summary whose every sentence cites existing turns', () => {
    const r = checkCitedSummary('The candidate cut cost per order by 40% (from 4.1 to 2.5 cents) [T1]. They protected reliability with error budgets [T3, T5].\nThey would repeat the approach. [T7]', 8);
    expect(r).toEqual({
      ok: true,
      problems: [],
      sentences: [
        { text: 'The candidate cut cost per order by 40% (from 4.1 to 2.5 cents).', turns: [1] },
        { text: 'They protected reliability with error budgets.', turns: [3, 5] },
        { text: 'They would repeat the approach.', turns: [7] },
      ],
    });
  });

  it('rejects uncited sentences and citations of turns that do not exist', () => {
    const r = checkCitedSummary('Strong on cost [T1]. Seems like a great culture fit. Handled the outage well [T12].', 5);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['No citation: "Seems like a great culture fit."', 'Cites turns that do not exist (T12): "Handled the outage well."']);
    expect(checkCitedSummary('   ', 3)).toMatchObject({ ok: false, problems: ['The summary is empty'] });
    expect(checkCitedSummary('- Led the migration [T2].\n- Hired two managers [T4].', 5).ok).toBe(true);
  });
});
