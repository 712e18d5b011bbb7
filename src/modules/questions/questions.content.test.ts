import { describe, expect, it } from 'vitest';
import { lintRisk } from '../../core/risk/risk-lint.ts';
import { library } from '../roles/roles.library.ts';
import { loadQuestionBank } from './questions.library.ts';

describe('the question bank in content/questions/', () => {
  const { questions, problems } = loadQuestionBank();

  it('validates, with at least 8 questions per competency and 120 in all', () => {
    expect(problems).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(120);
    for (const c of library().competencies) {
      expect(questions.filter((q) => q.competencies[0] === c.id).length, c.id).toBeGreaterThanOrEqual(8);
    }
  });

  it('covers every question type and has a behavioural question for every competency', () => {
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['behavioural', 'situational', 'technical', 'product-case', 'motivational']));
    for (const c of library().competencies) {
      expect(questions.some((q) => q.competencies[0] === c.id && q.type === 'behavioural'), c.id).toBe(true);
    }
  });

  it('passes the risk lint: no question or probe touches a protected characteristic', () => {
    const flagged = questions.flatMap((q) => [q.text, ...q.probes].flatMap((t) => lintRisk(t).map((f) => `${q.id}: ${f.category} "${f.match}"`)));
    expect(flagged).toEqual([]);
  });
});
