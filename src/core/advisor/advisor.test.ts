import { describe, expect, it } from 'vitest';
import { type FitCompetency, type FitRole, type IndividualWeights, fitIndividual } from './individual.ts';
import { type OrgQuestionnaire, type OrgWeights, adviseOrganization, validateOrgAnswers } from './organization.ts';

const questionnaire: OrgQuestionnaire = {
  outcomes: [
    { id: 'a', label: 'A', roles: ['ra'] },
    { id: 'b', label: 'B', roles: ['rb'] },
  ],
  questions: [
    { id: 'size', label: 'Size?', kind: 'single', options: [{ id: 'small', label: 'Small' }, { id: 'large', label: 'Large' }] },
    { id: 'pains', label: 'Pains?', kind: 'multiple', options: [{ id: 'p1', label: 'P1' }, { id: 'p2', label: 'P2' }] },
  ],
};
const weights: OrgWeights = {
  base: { b: 1 },
  effects: {
    size: { small: { points: { a: 2 }, reason: 'small favours A' }, large: { points: { b: 3, a: -1 }, reason: 'large favours B' } },
    pains: { p1: { points: { a: 1 }, reason: 'p1 needs A' }, p2: { points: { b: 2 }, reason: 'p2 needs B' } },
  },
  nextSteps: { a: ['do a'], b: ['do b'] },
};

describe('organization advisor', () => {
  it('lists every invalid answer', () => {
    expect(validateOrgAnswers(questionnaire, { pains: ['p3', 'p1', 'p1'], extra: 'x' })).toEqual([
      { path: 'extra', message: 'Unknown question' },
      { path: 'size', message: 'Required' },
      { path: 'pains.0', message: 'Unknown option; choose from: p1, p2' },
      { path: 'pains', message: 'An option is listed twice' },
    ]);
    expect(validateOrgAnswers(questionnaire, 'x')).toEqual([{ path: '(root)', message: 'Answers must be an object' }]);
    expect(validateOrgAnswers(questionnaire, { size: 'small' })).toEqual([]);
  });

  it('adds base and effects, and traces every point to an answer', () => {
    const advice = adviseOrganization(questionnaire, weights, { size: 'large', pains: ['p1', 'p2'] });
    expect(advice.ranking.map((r) => [r.outcome, r.score])).toEqual([
      ['b', 6],
      ['a', 0],
    ]);
    for (const r of advice.ranking) {
      const traced = (weights.base[r.outcome] ?? 0) + r.contributions.reduce((s, c) => s + c.points, 0);
      expect(traced).toBe(r.score);
    }
    expect(advice.drivers.map((d) => [d.optionId, d.points])).toEqual([
      ['large', 3],
      ['p2', 2],
    ]);
    expect(advice.nextSteps).toEqual(['do b']);
  });

  it('breaks ties by the questionnaire order of outcomes', () => {
    const advice = adviseOrganization(questionnaire, { ...weights, base: {} }, { size: 'small', pains: [] });
    expect(advice.ranking[0]!.outcome).toBe('a');
    const tie = adviseOrganization(questionnaire, { base: {}, effects: {}, nextSteps: {} }, { size: 'small' });
    expect(tie.ranking.map((r) => r.outcome)).toEqual(['a', 'b']);
  });
});

describe('individual advisor', () => {
  const roles: FitRole[] = [
    { id: 'eng', title: 'Engineering lead', level: 'head', orientation: -0.6, yearsTypical: 10, yearsMinimum: 6, typicalSteps: ['lead a team'] },
    { id: 'prod', title: 'Product chief', level: 'c-suite', orientation: 0.8, yearsTypical: 15, yearsMinimum: 10, typicalSteps: ['run a product line'] },
  ];
  const competencies: FitCompetency[] = [
    { id: 'code', name: 'Engineering', roleWeights: { eng: 5, prod: 1 }, development: ['ship things'] },
    { id: 'market', name: 'Market insight', roleWeights: { prod: 5 }, development: ['talk to customers'] },
    { id: 'people', name: 'People', roleWeights: { eng: 3, prod: 4 }, development: ['manage'] },
  ];
  const w: IndividualWeights = {
    shares: { competencies: 0.6, orientation: 0.2, leadership: 0.1, experience: 0.05, path: 0.05 },
    ratingTarget: 4,
    gapWeight: 3,
    gapRating: 2,
    leadershipByLevel: { 'c-suite': 4, vp: 3.5, head: 2 },
    pathCloseness: { engineer: { eng: 1, prod: 0.2 } },
    steps: { engineer: { prod: ['move to product management first'] } },
  };

  it('computes each part and the weighted fit', () => {
    const fits = fitIndividual(roles, competencies, w, { currentRole: 'engineer', yearsOfExperience: 8, enjoys: -2, peopleLeadership: 2, ratings: { code: 4, people: 2 } });
    const eng = fits.find((f) => f.roleId === 'eng')!;
    // competencies: (5·4/4 + 3·2/4) / 8 = 6.5/8; orientation 1 − |−0.6 − (−1)|/2 = 0.8; leadership 1; experience 0.8; path 1
    expect(eng.parts).toEqual({ competencies: 0.813, orientation: 0.8, leadership: 1, experience: 0.8, path: 1 });
    expect(eng.fit).toBeCloseTo(100 * (0.6 * 0.8125 + 0.2 * 0.8 + 0.1 + 0.05 * 0.8 + 0.05), 1);
    expect(eng.gaps.map((g) => [g.competencyId, g.rating])).toEqual([['people', 2]]);
    expect(eng.steps).toEqual(['lead a team']);
    expect(fits[0]!.roleId).toBe('eng');
    const prod = fits.find((f) => f.roleId === 'prod')!;
    expect(prod.coverage).toBeCloseTo(0.5, 3); // rated 1 + 4 of 10
    expect(prod.gaps.map((g) => [g.competencyId, g.rating])).toEqual([['market', null], ['people', 2]]);
    expect(prod.gaps[0]!.suggestions).toEqual(['talk to customers']);
    expect(prod.steps).toEqual(['move to product management first']);
  });

  it('ranks the market-facing role first for a product person', () => {
    const fits = fitIndividual(roles, competencies, w, { currentRole: 'pm', yearsOfExperience: 16, enjoys: 2, peopleLeadership: 4, ratings: { market: 4, people: 4, code: 1 } });
    expect(fits.map((f) => f.roleId)).toEqual(['prod', 'eng']);
  });
});
