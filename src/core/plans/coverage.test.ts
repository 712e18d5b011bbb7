import { describe, expect, it } from 'vitest';
import { type CoveragePlan, analyzeCoverage } from './coverage.ts';

function plan(): CoveragePlan {
  return {
    competencies: [
      { id: 'a', name: 'Alpha', weight: 50 },
      { id: 'b', name: 'Beta', weight: 40 },
      { id: 'c', name: 'Gamma', weight: 10 },
    ],
    rounds: [
      { id: 'r1', name: 'Round one', minutes: 60, interviewers: 1, focus: ['a', 'b'], questions: [{ type: 'behavioural', minutes: 20, competencies: ['a'] }, { type: 'situational', minutes: 20, competencies: ['b'] }] },
      { id: 'r2', name: 'Round two', minutes: 45, interviewers: 2, focus: ['a', 'b', 'c'], questions: [{ type: 'behavioural', minutes: 20, competencies: ['b'] }] },
    ],
    scorecard: { rounds: [{ roundId: 'r1', competencies: ['a', 'b'] }, { roundId: 'r2', competencies: ['a', 'b', 'c'] }] },
  };
}

describe('analyzeCoverage', () => {
  it('builds the competency × round matrix', () => {
    const c = analyzeCoverage(plan());
    expect(c.rows.map((r) => [r.competencyId, r.assessments, r.interviewers, r.behaviouralQuestions])).toEqual([
      ['a', 2, 3, 1],
      ['b', 2, 3, 1],
      ['c', 1, 2, 0],
    ]);
    expect(c.rows[0]!.cells).toEqual({ r1: { assessed: true, questions: 1 }, r2: { assessed: true, questions: 0 } });
    expect(c.warnings.map((w) => [w.code, w.competencyId ?? w.roundId])).toEqual([['under_assessed', 'c']]);
  });

  it('warns about one interviewer, overloaded and overtime rounds, and high weights without behavioural questions', () => {
    const p = plan();
    p.rounds[1]!.interviewers = 1;
    p.scorecard.rounds = [{ roundId: 'r1', competencies: ['a', 'b'] }];
    p.rounds[1]!.focus = ['a'];
    p.rounds[0]!.focus = ['a', 'b', 'c', 'd', 'e'];
    p.rounds[0]!.questions[0]!.type = 'situational';
    p.rounds[0]!.questions.push({ type: 'technical', minutes: 30, competencies: ['c'] });
    const codes = analyzeCoverage(p).warnings.map((w) => `${w.code}:${w.competencyId ?? w.roundId}`);
    expect(codes).toEqual([
      'no_behavioural:a',
      'under_assessed:b',
      'single_interviewer:b',
      'under_assessed:c',
      'round_overloaded:r1',
      'round_overtime:r1',
    ]);
  });

  it('treats a round without a scorecard entry as assessing its focus', () => {
    const p = plan();
    p.scorecard.rounds = [];
    const c = analyzeCoverage(p);
    expect(c.rows.find((r) => r.competencyId === 'c')!.assessments).toBe(1);
  });
});
