import { describe, expect, it } from 'vitest';
import { analyzeCoverage } from '../../../core/plans/coverage.ts';
import { type Plan, type PlanQuestion, planSchema } from '../../../modules/plans/plans.format.ts';
import { bankQuestionToPlanQuestion, describePath, newRoundId, planReducer, planRisks, ratedBy, weightSum } from './plan-model.ts';

const anchors = { '1': 'Weak evidence', '2': 'Mixed evidence', '3': 'Good evidence', '4': 'Strong evidence' };
const q = (text: string, competencies: string[], type: PlanQuestion['type'] = 'behavioural'): PlanQuestion => ({
  questionRef: null,
  text,
  type,
  competencies,
  probes: ['What did you do?'],
  minutes: 10,
});

function samplePlan(): Plan {
  return {
    format: 'rubric.plan/v1',
    title: 'CTO plan',
    roleId: 'cto',
    outcomes: { ninetyDays: ['Risk list'], oneYear: ['Strategy'] },
    competencies: [
      { id: 'arch', name: 'Architecture', weight: 60, anchors },
      { id: 'people', name: 'People leadership', weight: 40, anchors },
    ],
    rounds: [
      { id: 'screen', name: 'Screen', kind: 'recruiter-screen', minutes: 30, interviewers: 1, focus: ['people'], questions: [q('Tell me about your team.', ['people'])], interviewerDirections: '', candidateDirections: '' },
      {
        id: 'deep-dive',
        name: 'Hiring-manager deep dive',
        kind: 'hiring-manager-deep-dive',
        minutes: 60,
        interviewers: 2,
        focus: ['arch', 'people'],
        questions: [q('First question about architecture.', ['arch']), q('Second question about people.', ['people'])],
        interviewerDirections: '',
        candidateDirections: '',
      },
    ],
    scorecard: { rounds: [{ roundId: 'deep-dive', competencies: ['arch'] }], evidenceRequired: true, recommendationScale: ['strong_no', 'no', 'yes', 'strong_yes'] },
    debrief: { agenda: ['Review'] },
    references: { questions: ['How did you work together?'] },
  };
}

describe('plan editor reducer', () => {
  it('adds a round with a fresh id, moves it up and removes it with its scorecard entry', () => {
    let plan = planReducer(samplePlan(), { type: 'addRound' });
    expect(plan.rounds.map((r) => r.id)).toEqual(['screen', 'deep-dive', 'round-3']);
    expect(plan.rounds[2]).toMatchObject({ name: 'Round 3', kind: 'competency-interview', minutes: 45, interviewers: 2, focus: [], questions: [] });
    plan = planReducer(plan, { type: 'moveRound', round: 2, by: -1 });
    expect(plan.rounds.map((r) => r.id)).toEqual(['screen', 'round-3', 'deep-dive']);
    plan = planReducer(plan, { type: 'moveRound', round: 0, by: -1 });
    expect(plan.rounds.map((r) => r.id)).toEqual(['screen', 'round-3', 'deep-dive']);
    plan = planReducer(plan, { type: 'removeRound', round: 2 });
    expect(plan.rounds.map((r) => r.id)).toEqual(['screen', 'round-3']);
    expect(plan.scorecard.rounds).toEqual([]);
  });

  it('never reuses a round id', () => {
    const plan = samplePlan();
    plan.rounds[0]!.id = 'round-3';
    expect(newRoundId(plan)).toBe('round-4');
  });

  it('moves and removes questions inside one round without touching the others', () => {
    const start = samplePlan();
    let plan = planReducer(start, { type: 'moveQuestion', round: 1, question: 0, by: 1 });
    expect(plan.rounds[1]!.questions.map((x) => x.text)).toEqual(['Second question about people.', 'First question about architecture.']);
    plan = planReducer(plan, { type: 'moveQuestion', round: 1, question: 1, by: 1 });
    expect(plan.rounds[1]!.questions.map((x) => x.text)).toEqual(['Second question about people.', 'First question about architecture.']);
    plan = planReducer(plan, { type: 'removeQuestion', round: 1, question: 0 });
    expect(plan.rounds[1]!.questions.map((x) => x.text)).toEqual(['First question about architecture.']);
    expect(plan.rounds[0]).toBe(start.rounds[0]);
    expect(start.rounds[1]!.questions).toHaveLength(2);
  });

  it('edits probes, weights, focus in competency order, and rated competencies from the focus default', () => {
    let plan = planReducer(samplePlan(), { type: 'setProbe', round: 0, question: 0, probe: 0, value: 'Who reported to you?' });
    plan = planReducer(plan, { type: 'addProbe', round: 0, question: 0 });
    expect(plan.rounds[0]!.questions[0]!.probes).toEqual(['Who reported to you?', '']);
    plan = planReducer(plan, { type: 'setWeight', competencyId: 'arch', weight: 55 });
    expect(weightSum(plan)).toBe(95);
    plan = planReducer(plan, { type: 'toggleFocus', round: 0, competencyId: 'arch', on: true });
    expect(plan.rounds[0]!.focus).toEqual(['arch', 'people']);
    // The screen has no scorecard entry: it rates its focus until changed.
    expect(ratedBy(plan, 'screen')).toEqual(['arch', 'people']);
    plan = planReducer(plan, { type: 'toggleRated', roundId: 'screen', competencyId: 'arch', on: false });
    expect(plan.scorecard.rounds).toEqual([
      { roundId: 'deep-dive', competencies: ['arch'] },
      { roundId: 'screen', competencies: ['people'] },
    ]);
  });

  it('sums weights ignoring an emptied field, and the schema reports a sum other than 100', () => {
    const plan = planReducer(samplePlan(), { type: 'setWeight', competencyId: 'people', weight: Number.NaN });
    expect(weightSum(plan)).toBe(60);
    const ok = planSchema.safeParse(samplePlan());
    expect(ok.success).toBe(true);
    const bad = planSchema.safeParse(planReducer(samplePlan(), { type: 'setWeight', competencyId: 'people', weight: 30 }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain('Competency weights must sum to 100 (they sum to 90)');
  });

  it('updates live coverage when a question is removed', () => {
    const before = analyzeCoverage(samplePlan());
    expect(before.rows.find((r) => r.competencyId === 'arch')).toMatchObject({ assessments: 1, behaviouralQuestions: 1 });
    expect(before.warnings.map((w) => w.message)).toContain('Architecture is assessed in 1 round; assess it at least 2 times');
    const after = analyzeCoverage(planReducer(samplePlan(), { type: 'removeQuestion', round: 1, question: 0 }));
    expect(after.warnings.map((w) => w.message)).toContain('Architecture weighs 60 but no behavioural question asks for evidence of it');
  });
});

describe('adding a bank question', () => {
  const hit = {
    ref: 'library:arch-01',
    text: 'Tell me about an architecture you changed.',
    type: 'behavioural' as const,
    competencies: ['budgeting', 'arch'],
    probes: ['Why then?', 'What did it cost?'],
    minutes: 12,
  };

  it('keeps only the competencies the plan has and copies the rest', () => {
    const plan = samplePlan();
    expect(bankQuestionToPlanQuestion(hit, plan, plan.rounds[0]!)).toEqual({
      questionRef: 'library:arch-01',
      text: 'Tell me about an architecture you changed.',
      type: 'behavioural',
      competencies: ['arch'],
      probes: ['Why then?', 'What did it cost?'],
      minutes: 12,
    });
  });

  it("uses the round's first focus competency when none of the question's is in the plan", () => {
    const plan = samplePlan();
    const added = bankQuestionToPlanQuestion({ ...hit, ref: 'org:0b8f0c1e-9a53-4a57-b0a3-2f0d7c1a9e11', competencies: ['budgeting'] }, plan, plan.rounds[1]!);
    expect(added.competencies).toEqual(['arch']);
    expect(added.questionRef).toBe('org:0b8f0c1e-9a53-4a57-b0a3-2f0d7c1a9e11');
    const noFocus = bankQuestionToPlanQuestion({ ...hit, competencies: [] }, plan, { focus: [] });
    expect(noFocus.competencies).toEqual(['arch']);
  });

  it('appends to the end of the round and the result still validates', () => {
    const plan = samplePlan();
    const next = planReducer(plan, { type: 'addQuestion', round: 0, question: bankQuestionToPlanQuestion(hit, plan, plan.rounds[0]!) });
    expect(next.rounds[0]!.questions.map((x) => x.questionRef)).toEqual([null, 'library:arch-01']);
    expect(planSchema.safeParse(next).success).toBe(true);
  });
});

describe('plan paths and risks', () => {
  it('describes issue paths in words', () => {
    const plan = samplePlan();
    expect(describePath(plan, ['rounds', 1, 'questions', 0, 'text'])).toBe('Round 2 (Hiring-manager deep dive), question 1, text');
    expect(describePath(plan, ['competencies'])).toBe('competencies');
    expect(describePath(plan, ['rounds', 0, 'minutes'])).toBe('Round 1 (Screen), minutes');
  });

  it('locates risky wording in question texts and probes', () => {
    const plan = samplePlan();
    plan.rounds[1]!.questions[1]!.probes = ['How old are you?'];
    const risks = planRisks(plan);
    expect(risks.map((r) => [r.location, r.path, r.finding.category])).toEqual([['Hiring-manager deep dive, question 2, probe 1', 'rounds.1.questions.1.probes.0', 'age']]);
  });
});
