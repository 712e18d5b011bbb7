import type { Question } from '../../../modules/questions/questions.contract.ts';
import { type Plan, type PlanQuestion, type PlanRound, roundKinds } from '../../../modules/plans/plans.format.ts';
import { lintRisk, type RiskFinding } from '../../../core/risk/risk-lint.ts';

/**
 * The plan editor's model: a reducer over the unsaved draft (a `rubric.plan/v1` document) and the
 * pure helpers around it. Indexes are positions in the arrays as shown.
 */

export type RoundPatch = Partial<Pick<PlanRound, 'name' | 'kind' | 'minutes' | 'interviewers' | 'interviewerDirections' | 'candidateDirections'>>;
export type OutcomeList = 'ninetyDays' | 'oneYear';

export type PlanAction =
  | { type: 'replace'; plan: Plan }
  | { type: 'setTitle'; title: string }
  | { type: 'setOutcome'; list: OutcomeList; index: number; value: string }
  | { type: 'addOutcome'; list: OutcomeList }
  | { type: 'removeOutcome'; list: OutcomeList; index: number }
  | { type: 'setWeight'; competencyId: string; weight: number }
  | { type: 'updateRound'; round: number; patch: RoundPatch }
  | { type: 'toggleFocus'; round: number; competencyId: string; on: boolean }
  | { type: 'addRound' }
  | { type: 'moveRound'; round: number; by: -1 | 1 }
  | { type: 'removeRound'; round: number }
  | { type: 'addQuestion'; round: number; question: PlanQuestion }
  | { type: 'updateQuestion'; round: number; question: number; patch: Partial<Pick<PlanQuestion, 'text' | 'minutes'>> }
  | { type: 'setProbe'; round: number; question: number; probe: number; value: string }
  | { type: 'addProbe'; round: number; question: number }
  | { type: 'removeProbe'; round: number; question: number; probe: number }
  | { type: 'moveQuestion'; round: number; question: number; by: -1 | 1 }
  | { type: 'removeQuestion'; round: number; question: number }
  | { type: 'toggleRated'; roundId: string; competencyId: string; on: boolean }
  | { type: 'setEvidenceRequired'; value: boolean };

function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

function setAt<T>(items: readonly T[], index: number, update: (item: T) => T): T[] {
  return items.map((item, i) => (i === index ? update(item) : item));
}

/** A round id not used yet in the plan: round-2, round-3… */
export function newRoundId(plan: Pick<Plan, 'rounds'>): string {
  const used = new Set(plan.rounds.map((r) => r.id));
  let n = plan.rounds.length + 1;
  while (used.has(`round-${n}`)) n++;
  return `round-${n}`;
}

/** The competencies a round rates: its scorecard entry, or its focus when it has none. */
export function ratedBy(plan: Pick<Plan, 'rounds' | 'scorecard'>, roundId: string): string[] {
  const entry = plan.scorecard.rounds.find((s) => s.roundId === roundId);
  if (entry) return entry.competencies;
  return plan.rounds.find((r) => r.id === roundId)?.focus ?? [];
}

function updateQuestion(plan: Plan, round: number, question: number, update: (q: PlanQuestion) => PlanQuestion): Plan {
  return { ...plan, rounds: setAt(plan.rounds, round, (r) => ({ ...r, questions: setAt(r.questions, question, update) })) };
}

export function planReducer(plan: Plan, action: PlanAction): Plan {
  switch (action.type) {
    case 'replace':
      return action.plan;
    case 'setTitle':
      return { ...plan, title: action.title };
    case 'setOutcome':
      return { ...plan, outcomes: { ...plan.outcomes, [action.list]: setAt(plan.outcomes[action.list], action.index, () => action.value) } };
    case 'addOutcome':
      return { ...plan, outcomes: { ...plan.outcomes, [action.list]: [...plan.outcomes[action.list], ''] } };
    case 'removeOutcome':
      return { ...plan, outcomes: { ...plan.outcomes, [action.list]: plan.outcomes[action.list].filter((_, i) => i !== action.index) } };
    case 'setWeight':
      return { ...plan, competencies: plan.competencies.map((c) => (c.id === action.competencyId ? { ...c, weight: action.weight } : c)) };
    case 'updateRound':
      return { ...plan, rounds: setAt(plan.rounds, action.round, (r) => ({ ...r, ...action.patch })) };
    case 'toggleFocus': {
      const order = plan.competencies.map((c) => c.id);
      return {
        ...plan,
        rounds: setAt(plan.rounds, action.round, (r) => {
          const next = new Set(r.focus);
          if (action.on) next.add(action.competencyId);
          else next.delete(action.competencyId);
          return { ...r, focus: order.filter((id) => next.has(id)) };
        }),
      };
    }
    case 'addRound': {
      const id = newRoundId(plan);
      const round: PlanRound = {
        id,
        name: `Round ${plan.rounds.length + 1}`,
        kind: 'competency-interview',
        minutes: 45,
        interviewers: 2,
        focus: [],
        questions: [],
        interviewerDirections: '',
        candidateDirections: '',
      };
      return { ...plan, rounds: [...plan.rounds, round] };
    }
    case 'moveRound':
      return { ...plan, rounds: move(plan.rounds, action.round, action.by) };
    case 'removeRound': {
      const removed = plan.rounds[action.round];
      if (!removed) return plan;
      return {
        ...plan,
        rounds: plan.rounds.filter((_, i) => i !== action.round),
        scorecard: { ...plan.scorecard, rounds: plan.scorecard.rounds.filter((s) => s.roundId !== removed.id) },
      };
    }
    case 'addQuestion':
      return { ...plan, rounds: setAt(plan.rounds, action.round, (r) => ({ ...r, questions: [...r.questions, action.question] })) };
    case 'updateQuestion':
      return updateQuestion(plan, action.round, action.question, (q) => ({ ...q, ...action.patch }));
    case 'setProbe':
      return updateQuestion(plan, action.round, action.question, (q) => ({ ...q, probes: setAt(q.probes, action.probe, () => action.value) }));
    case 'addProbe':
      return updateQuestion(plan, action.round, action.question, (q) => ({ ...q, probes: [...q.probes, ''] }));
    case 'removeProbe':
      return updateQuestion(plan, action.round, action.question, (q) => ({ ...q, probes: q.probes.filter((_, i) => i !== action.probe) }));
    case 'moveQuestion':
      return { ...plan, rounds: setAt(plan.rounds, action.round, (r) => ({ ...r, questions: move(r.questions, action.question, action.by) })) };
    case 'removeQuestion':
      return { ...plan, rounds: setAt(plan.rounds, action.round, (r) => ({ ...r, questions: r.questions.filter((_, i) => i !== action.question) })) };
    case 'toggleRated': {
      // The first change turns the default (the round's focus) into an explicit scorecard entry.
      const current = new Set(ratedBy(plan, action.roundId));
      if (action.on) current.add(action.competencyId);
      else current.delete(action.competencyId);
      const competencies = plan.competencies.map((c) => c.id).filter((id) => current.has(id));
      const exists = plan.scorecard.rounds.some((s) => s.roundId === action.roundId);
      const rounds = exists
        ? plan.scorecard.rounds.map((s) => (s.roundId === action.roundId ? { ...s, competencies } : s))
        : [...plan.scorecard.rounds, { roundId: action.roundId, competencies }];
      return { ...plan, scorecard: { ...plan.scorecard, rounds } };
    }
    case 'setEvidenceRequired':
      return { ...plan, scorecard: { ...plan.scorecard, evidenceRequired: action.value } };
  }
}

export function weightSum(plan: Pick<Plan, 'competencies'>): number {
  return plan.competencies.reduce((s, c) => s + (Number.isFinite(c.weight) ? c.weight : 0), 0);
}

/**
 * A bank question as a question of `round`: its competencies kept where the plan has them; when
 * none is in the plan, the round's first focus competency (or the plan's first competency).
 */
export function bankQuestionToPlanQuestion(question: Pick<Question, 'ref' | 'text' | 'type' | 'competencies' | 'probes' | 'minutes'>, plan: Pick<Plan, 'competencies'>, round: Pick<PlanRound, 'focus'>): PlanQuestion {
  const inPlan = new Set(plan.competencies.map((c) => c.id));
  const kept = question.competencies.filter((c) => inPlan.has(c));
  const fallback = round.focus[0] ?? plan.competencies[0]?.id;
  return {
    questionRef: question.ref,
    text: question.text,
    type: question.type,
    competencies: kept.length ? kept : fallback ? [fallback] : [],
    probes: [...question.probes],
    minutes: question.minutes,
  };
}

/** A JSON path of the plan in words: rounds.1.questions.0.text → "Round 2 (Deep dive), question 1, text". */
export function describePath(plan: Plan, path: readonly PropertyKey[]): string {
  const [head, i, sub, j, ...rest] = path;
  if (head === 'rounds' && typeof i === 'number') {
    const round = plan.rounds[i];
    const name = `Round ${i + 1}${round ? ` (${round.name})` : ''}`;
    if (sub === 'questions' && typeof j === 'number') return [name, `question ${j + 1}`, ...rest.map(String)].join(', ');
    return [name, ...[sub, j, ...rest].filter((x) => x !== undefined).map(String)].join(', ');
  }
  if (head === 'competencies' && typeof i === 'number') return [`Competency ${plan.competencies[i]?.name ?? i + 1}`, ...[sub, j, ...rest].filter((x) => x !== undefined).map(String)].join(', ');
  return path.map(String).join('.') || 'The plan';
}

export interface LocatedRisk {
  location: string;
  path: string;
  finding: RiskFinding;
}

/** Risk findings over every question text and probe of the draft, each with where it is. */
export function planRisks(plan: Pick<Plan, 'rounds'>): LocatedRisk[] {
  const out: LocatedRisk[] = [];
  plan.rounds.forEach((r, i) =>
    r.questions.forEach((q, j) => {
      for (const finding of lintRisk(q.text)) out.push({ location: `${r.name}, question ${j + 1}`, path: `rounds.${i}.questions.${j}.text`, finding });
      q.probes.forEach((p, k) => {
        for (const finding of lintRisk(p)) out.push({ location: `${r.name}, question ${j + 1}, probe ${k + 1}`, path: `rounds.${i}.questions.${j}.probes.${k}`, finding });
      });
    }),
  );
  return out;
}

export const roundKindLabels: Record<(typeof roundKinds)[number], string> = {
  'recruiter-screen': 'Recruiter screen',
  'hiring-manager-deep-dive': 'Hiring-manager deep dive',
  'competency-interview': 'Competency interview',
  'case-presentation': 'Case presentation',
  'executive-panel': 'Executive panel',
  'reference-check': 'Reference check',
};

export const recommendationLabels: Record<string, string> = { strong_no: 'Strong no', no: 'No', yes: 'Yes', strong_yes: 'Strong yes' };

export { roundKinds };
