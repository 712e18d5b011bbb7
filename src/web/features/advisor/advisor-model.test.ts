import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndividualQuestionnaireContent, OrgQuestionnaireContent } from '../../../modules/roles/roles.content.ts';
import {
  buildIndividualSteps,
  coverageNote,
  fitParts,
  individualStepError,
  issuesByQuestion,
  orgStepError,
  parseYears,
  progressLabel,
  questionOfIssue,
  ratingOptions,
  scaleOptions,
  scoreBarPercents,
  stepOfIssue,
  toIndividualRequest,
  toOrgRequest,
} from './advisor-model.ts';

const contentDir = path.resolve(import.meta.dirname, '../../../../content');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(contentDir, file), 'utf8')) as T;
const org = readJson<OrgQuestionnaireContent>('advisor/organization.json');
const individual = readJson<IndividualQuestionnaireContent>('advisor/individual.json');
const competencies = fs
  .readdirSync(path.join(contentDir, 'competencies'))
  .map((f) => readJson<{ id: string; name: string; category: string; definition: string }>(`competencies/${f}`))
  .map(({ id, name, category, definition }) => ({ id, name, category, definition }));

describe('organization advisor model', () => {
  it('asks one question per step', () => {
    expect(org.questions).toHaveLength(9);
    expect(progressLabel(2, org.questions.length)).toBe('Step 3 of 9');
  });

  it('requires an answer to single-choice questions only', () => {
    const stage = org.questions.find((q) => q.id === 'stage')!;
    const pains = org.questions.find((q) => q.id === 'painPoints')!;
    expect(orgStepError(stage, {})).toBe('Choose one answer to continue.');
    expect(orgStepError(stage, { stage: 'not-an-option' })).toBe('Choose one answer to continue.');
    expect(orgStepError(stage, { stage: 'seed' })).toBeNull();
    expect(orgStepError(pains, {})).toBeNull();
  });

  it('maps answers to the request: known options only, multiple choices in the questionnaire’s order', () => {
    const request = toOrgRequest(org, {
      stage: 'seed',
      headcount: 'under-20',
      currentLeaders: ['product-founder-ceo', 'technical-founder-ceo'],
      painPoints: ['weak-customer-insight', 'nonsense', 'unclear-fit'],
      unknownQuestion: 'x',
    });
    expect(request).toEqual({
      answers: {
        stage: 'seed',
        headcount: 'under-20',
        currentLeaders: ['technical-founder-ceo', 'product-founder-ceo'],
        painPoints: ['unclear-fit', 'weak-customer-insight'],
      },
    });
  });

  it('places server issues on their questions', () => {
    expect(questionOfIssue('answers.painPoints.2')).toBe('painPoints');
    expect(questionOfIssue('answers.stage')).toBe('stage');
    expect(questionOfIssue('(root)')).toBeNull();
    const ids = org.questions.map((q) => q.id);
    expect(issuesByQuestion({ 'answers.stage': 'Choose one of: seed', 'answers.budget': 'Required', 'answers.stage.0': 'later', answers: 'Bad' }, ids)).toEqual({
      byQuestion: { stage: 'Choose one of: seed', budget: 'Required' },
      other: ['Bad'],
    });
  });

  it('scales score bars to the best positive score', () => {
    expect(scoreBarPercents([12, 6, 0, -3])).toEqual([100, 50, 0, 0]);
    expect(scoreBarPercents([-1, -2])).toEqual([0, 0]);
  });
});

describe('individual advisor model', () => {
  const steps = buildIndividualSteps(individual.questions, competencies);

  it('asks the four questions, then the ratings by category', () => {
    expect(steps.map((s) => (s.kind === 'ratings' ? `ratings:${s.category}` : s.kind === 'scale' ? `scale:${s.question.id}` : s.kind))).toEqual([
      'currentRole',
      'years',
      'scale:enjoys',
      'scale:peopleLeadership',
      'ratings:product',
      'ratings:technology',
      'ratings:leadership',
      'ratings:business',
    ]);
    const rated = steps.flatMap((s) => (s.kind === 'ratings' ? s.competencies.map((c) => c.id) : []));
    expect(rated.sort()).toEqual(competencies.map((c) => c.id).sort());
    expect(rated).toHaveLength(17);
  });

  it('validates each step', () => {
    const draft = { yearsOfExperience: '', ratings: {} };
    expect(individualStepError(steps[0]!, draft)).toBe('Choose your current role to continue.');
    expect(individualStepError(steps[0]!, { ...draft, currentRole: 'founder' })).toBeNull();
    expect(individualStepError(steps[1]!, draft)).toBe('Enter a number of years from 0 to 50.');
    expect(individualStepError(steps[1]!, { ...draft, yearsOfExperience: '51' })).toBe('Enter a number of years from 0 to 50.');
    expect(individualStepError(steps[1]!, { ...draft, yearsOfExperience: '9.5' })).toBeNull();
    expect(individualStepError(steps[2]!, draft)).toBe('Choose a point on the scale to continue.');
    expect(individualStepError(steps[2]!, { ...draft, enjoys: -2 })).toBeNull();
    expect(individualStepError(steps[3]!, { ...draft, peopleLeadership: 0 })).toBe('Choose a point on the scale to continue.');
    expect(individualStepError(steps[4]!, draft)).toBeNull();
  });

  it('parses years', () => {
    expect(parseYears('12')).toBe(12);
    expect(parseYears(' 7,5 ')).toBe(7.5);
    expect(parseYears('-1')).toBeNull();
    expect(parseYears('ten')).toBeNull();
    expect(parseYears('')).toBeNull();
  });

  it('maps the draft to the request, leaving skipped ratings out', () => {
    expect(
      toIndividualRequest({
        currentRole: 'product-manager',
        yearsOfExperience: '9',
        enjoys: 2,
        peopleLeadership: 2,
        ratings: { 'product-vision-strategy': 3, 'security-risk-management': null, 'market-customer-insight': 4 },
      }),
    ).toEqual({
      answers: {
        currentRole: 'product-manager',
        yearsOfExperience: 9,
        enjoys: 2,
        peopleLeadership: 2,
        ratings: { 'product-vision-strategy': 3, 'market-customer-insight': 4 },
      },
    });
  });

  it('finds the step of a server issue', () => {
    const productStep = steps.findIndex((s) => s.kind === 'ratings' && s.category === 'product');
    const productCompetency = competencies.find((c) => c.category === 'product')!.id;
    expect(stepOfIssue(steps, `answers.ratings.${productCompetency}`)).toBe(productStep);
    expect(stepOfIssue(steps, 'answers.yearsOfExperience')).toBe(1);
    expect(stepOfIssue(steps, 'answers.peopleLeadership')).toBe(3);
    expect(stepOfIssue(steps, 'answers.unknown')).toBeNull();
  });

  it('labels scale and rating options', () => {
    const enjoys = individual.questions.find((q) => q.id === 'enjoys') as Extract<(typeof individual.questions)[number], { kind: 'scale' }>;
    expect(scaleOptions(enjoys).map((o) => o.label)).toEqual([
      '-2 — Systems, architecture and engineering craft',
      '-1',
      '0',
      '1',
      '2 — Markets, customers and product choices',
    ]);
    const ratings = ratingOptions(individual.ratingScale);
    expect(ratings.map((o) => o.value)).toEqual(['1', '2', '3', '4', 'skip']);
    expect(ratings[0]!.label).toBe('1 — I have little experience of this');
  });

  it('explains coverage and the parts of a fit', () => {
    expect(coverageNote(0.8)).toBeNull();
    expect(coverageNote(0.456)).toBe(
      'You rated only 46% of what this role weighs; competencies you skipped earn nothing, so this fit may understate you.',
    );
    const parts = fitParts({ competencies: 0.75, orientation: 1, leadership: 0.5, experience: 0.6 }, { competencies: 0.6, orientation: 0.2, leadership: 0.1, experience: 0.1 });
    expect(parts.map((p) => [p.key, p.points])).toEqual([
      ['competencies', 45],
      ['orientation', 20],
      ['leadership', 5],
      ['experience', 6],
    ]);
  });
});
