/**
 * The organization advisor ("which leader do we need?"): additive, explainable scoring. Every point
 * of an outcome's score comes from one answer (or the base), and is listed with the answer's reason.
 */

export interface Option {
  id: string;
  label: string;
}
export interface Question {
  id: string;
  label: string;
  kind: 'single' | 'multiple';
  options: Option[];
}
export interface OrgQuestionnaire {
  outcomes: { id: string; label: string; roles: string[] }[];
  questions: Question[];
}
export interface OrgWeights {
  /** Starting points per outcome (may be empty). */
  base: Record<string, number>;
  /** questionId → optionId → points per outcome and the reason shown to the user. */
  effects: Record<string, Record<string, { points: Record<string, number>; reason: string }>>;
  nextSteps: Record<string, string[]>;
}

export type OrgAnswers = Record<string, string | string[]>;

export interface AnswerIssue {
  path: string;
  message: string;
}

export interface Contribution {
  questionId: string;
  questionLabel: string;
  optionId: string;
  optionLabel: string;
  points: number;
  reason: string;
}

export interface RankedOutcome {
  outcome: string;
  label: string;
  roles: string[];
  score: number;
  contributions: Contribution[];
}

export interface OrgAdvice {
  ranking: RankedOutcome[];
  /** The answers that moved the top outcome most, strongest first. */
  drivers: Contribution[];
  nextSteps: string[];
}

/** Checks answers against the questionnaire; returns every problem (unknown question, option, type). */
export function validateOrgAnswers(q: OrgQuestionnaire, answers: unknown): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return [{ path: '(root)', message: 'Answers must be an object' }];
  const a = answers as Record<string, unknown>;
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  for (const key of Object.keys(a)) if (!byId.has(key)) issues.push({ path: key, message: 'Unknown question' });
  for (const question of q.questions) {
    const value = a[question.id];
    const ids = new Set(question.options.map((o) => o.id));
    if (question.kind === 'single') {
      if (value === undefined) issues.push({ path: question.id, message: 'Required' });
      else if (typeof value !== 'string' || !ids.has(value)) issues.push({ path: question.id, message: `Choose one of: ${[...ids].join(', ')}` });
    } else {
      if (value === undefined) continue;
      if (!Array.isArray(value)) {
        issues.push({ path: question.id, message: 'Give a list of option ids' });
        continue;
      }
      value.forEach((v, i) => {
        if (typeof v !== 'string' || !ids.has(v)) issues.push({ path: `${question.id}.${i}`, message: `Unknown option; choose from: ${[...ids].join(', ')}` });
      });
      if (new Set(value).size !== value.length) issues.push({ path: question.id, message: 'An option is listed twice' });
    }
  }
  return issues;
}

/**
 * Scores every outcome: base points plus, for each chosen option, the points its effect gives the
 * outcome. Ties keep the questionnaire's outcome order. Call validateOrgAnswers first.
 */
export function adviseOrganization(q: OrgQuestionnaire, w: OrgWeights, answers: OrgAnswers): OrgAdvice {
  const ranking: RankedOutcome[] = q.outcomes.map((o) => ({ outcome: o.id, label: o.label, roles: o.roles, score: w.base[o.id] ?? 0, contributions: [] }));
  const byOutcome = new Map(ranking.map((r) => [r.outcome, r]));
  for (const question of q.questions) {
    const value = answers[question.id];
    const chosen = value === undefined ? [] : Array.isArray(value) ? value : [value];
    for (const optionId of chosen) {
      const effect = w.effects[question.id]?.[optionId];
      if (!effect) continue;
      const option = question.options.find((o) => o.id === optionId)!;
      for (const [outcome, points] of Object.entries(effect.points)) {
        const r = byOutcome.get(outcome);
        if (!r || points === 0) continue;
        r.score += points;
        r.contributions.push({ questionId: question.id, questionLabel: question.label, optionId, optionLabel: option.label, points, reason: effect.reason });
      }
    }
  }
  const order = new Map(q.outcomes.map((o, i) => [o.id, i]));
  ranking.sort((x, y) => y.score - x.score || order.get(x.outcome)! - order.get(y.outcome)!);
  for (const r of ranking) r.contributions.sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
  const top = ranking[0]!;
  return {
    ranking,
    drivers: top.contributions.filter((c) => c.points > 0).slice(0, 5),
    nextSteps: w.nextSteps[top.outcome] ?? [],
  };
}
