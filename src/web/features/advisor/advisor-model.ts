import type { IndividualQuestionnaireContent, OrgQuestionnaireContent } from '../../../modules/roles/roles.content.ts';

/**
 * The advisors' step models, pure: which question each step asks, whether a step may be left,
 * the request built from the answers, and where the server's issues belong.
 */

export function progressLabel(stepIndex: number, total: number): string {
  return `Step ${stepIndex + 1} of ${total}`;
}

/** The question id a server issue is about: `answers.painPoints.2` → `painPoints`; `(root)` → null. */
export function questionOfIssue(path: string): string | null {
  const p = path.replace(/^body\./, '').replace(/^answers\.?/, '');
  const first = p.split('.')[0] ?? '';
  return first && first !== '(root)' ? first : null;
}

// ---- Organization advisor ----

export type OrgQuestion = OrgQuestionnaireContent['questions'][number];
export type OrgDraft = Record<string, string | string[]>;

/** A step may be left when its single-choice question has an answer; multiple choice may stay empty. */
export function orgStepError(question: OrgQuestion, draft: OrgDraft): string | null {
  if (question.kind === 'multiple') return null;
  const v = draft[question.id];
  return typeof v === 'string' && question.options.some((o) => o.id === v) ? null : 'Choose one answer to continue.';
}

/** The request body: every question of the questionnaire that has an answer, known options only. */
export function toOrgRequest(questionnaire: Pick<OrgQuestionnaireContent, 'questions'>, draft: OrgDraft): { answers: Record<string, string | string[]> } {
  const answers: Record<string, string | string[]> = {};
  for (const q of questionnaire.questions) {
    const v = draft[q.id];
    const known = new Set(q.options.map((o) => o.id));
    if (q.kind === 'single') {
      if (typeof v === 'string' && known.has(v)) answers[q.id] = v;
    } else {
      answers[q.id] = Array.isArray(v) ? q.options.map((o) => o.id).filter((id) => v.includes(id)) : [];
    }
  }
  return { answers };
}

/** Server issues grouped by question id (first message wins), and the rest. */
export function issuesByQuestion(issues: Record<string, string>, questionIds: readonly string[]): { byQuestion: Record<string, string>; other: string[] } {
  const byQuestion: Record<string, string> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(issues)) {
    const q = questionOfIssue(path);
    if (q && questionIds.includes(q)) {
      if (!(q in byQuestion)) byQuestion[q] = message;
    } else {
      other.push(message);
    }
  }
  return { byQuestion, other };
}

/** Bar length per outcome score: the best positive score fills the bar, zero and below show none. */
export function scoreBarPercents(scores: readonly number[]): number[] {
  const top = Math.max(0, ...scores);
  return scores.map((s) => (top <= 0 || s <= 0 ? 0 : Math.round((s / top) * 1000) / 10));
}

export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0';
}

// ---- Individual advisor ----

export type IndividualQuestion = IndividualQuestionnaireContent['questions'][number];
export interface RatedCompetency {
  id: string;
  name: string;
  category: string;
  definition: string;
}

export type IndividualStep =
  | { kind: 'currentRole'; question: Extract<IndividualQuestion, { id: 'currentRole' }> }
  | { kind: 'years'; question: Extract<IndividualQuestion, { kind: 'number' }> }
  | { kind: 'scale'; question: Extract<IndividualQuestion, { kind: 'scale' }> }
  | { kind: 'ratings'; category: string; competencies: RatedCompetency[] };

export interface IndividualDraft {
  currentRole?: string;
  /** The input's text, so a half-typed value stays as typed. */
  yearsOfExperience: string;
  enjoys?: number;
  peopleLeadership?: number;
  /** Competency id → 1–4; absent or null when skipped. */
  ratings: Record<string, number | null>;
}

export const emptyIndividualDraft: IndividualDraft = { yearsOfExperience: '', ratings: {} };

const categoryOrder = ['product', 'technology', 'leadership', 'business'];

/**
 * One step per question in the questionnaire's order; the ratings question becomes one step per
 * competency category (product, technology, leadership, business, then any other), empty ones left out.
 */
export function buildIndividualSteps(questions: readonly IndividualQuestion[], competencies: readonly RatedCompetency[]): IndividualStep[] {
  const steps: IndividualStep[] = [];
  for (const q of questions) {
    if (q.kind === 'single') steps.push({ kind: 'currentRole', question: q });
    else if (q.kind === 'number') steps.push({ kind: 'years', question: q });
    else if (q.kind === 'scale') steps.push({ kind: 'scale', question: q });
    else {
      const categories = [...categoryOrder, ...new Set(competencies.map((c) => c.category).filter((c) => !categoryOrder.includes(c)))];
      for (const category of categories) {
        const list = competencies.filter((c) => c.category === category);
        if (list.length) steps.push({ kind: 'ratings', category, competencies: list });
      }
    }
  }
  return steps;
}

/** Parses the years input: a number within [min, max], or null. */
export function parseYears(text: string, min = 0, max = 60): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

export function individualStepError(step: IndividualStep, draft: IndividualDraft): string | null {
  switch (step.kind) {
    case 'currentRole':
      return draft.currentRole && step.question.options.some((o) => o.id === draft.currentRole) ? null : 'Choose your current role to continue.';
    case 'years':
      return parseYears(draft.yearsOfExperience, step.question.min, step.question.max) === null
        ? `Enter a number of years from ${step.question.min} to ${step.question.max}.`
        : null;
    case 'scale': {
      const v = step.question.id === 'enjoys' ? draft.enjoys : step.question.id === 'peopleLeadership' ? draft.peopleLeadership : undefined;
      return typeof v === 'number' && v >= step.question.min && v <= step.question.max ? null : 'Choose a point on the scale to continue.';
    }
    case 'ratings':
      return null;
  }
}

/** The request body from a complete draft (call after every step passed `individualStepError`). */
export function toIndividualRequest(draft: IndividualDraft): {
  answers: { currentRole: string; yearsOfExperience: number; enjoys: number; peopleLeadership: number; ratings: Record<string, number> };
} {
  const ratings: Record<string, number> = {};
  for (const [id, r] of Object.entries(draft.ratings)) if (typeof r === 'number' && r >= 1 && r <= 4) ratings[id] = r;
  return {
    answers: {
      currentRole: draft.currentRole ?? '',
      yearsOfExperience: parseYears(draft.yearsOfExperience) ?? Number.NaN,
      enjoys: draft.enjoys ?? 0,
      peopleLeadership: draft.peopleLeadership ?? 1,
      ratings,
    },
  };
}

/** The step a server issue belongs to: `answers.ratings.x` → the ratings step holding x. */
export function stepOfIssue(steps: readonly IndividualStep[], path: string): number | null {
  const p = path.replace(/^body\./, '').replace(/^answers\.?/, '');
  const [head, rest] = [p.split('.')[0], p.split('.').slice(1).join('.')];
  const i = steps.findIndex((s) => {
    if (s.kind === 'ratings') return head === 'ratings' && s.competencies.some((c) => c.id === rest);
    if (s.kind === 'currentRole') return head === 'currentRole';
    if (s.kind === 'years') return head === 'yearsOfExperience';
    return head === s.question.id;
  });
  return i === -1 ? null : i;
}

/** Radio options of a scale question: every integer from min to max, the ends named. */
export function scaleOptions(q: { min: number; max: number; minLabel: string; maxLabel: string }): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let v = q.min; v <= q.max; v++) {
    const name = v === q.min ? ` — ${q.minLabel}` : v === q.max ? ` — ${q.maxLabel}` : '';
    out.push({ value: String(v), label: `${v}${name}` });
  }
  return out;
}

/** Radio options of a self-rating: "1 — …" to "4 — …", then "Skip". */
export function ratingOptions(scale: Record<'1' | '2' | '3' | '4', string>): { value: string; label: string }[] {
  return [...(['1', '2', '3', '4'] as const).map((k) => ({ value: k, label: `${k} — ${scale[k]}` })), { value: 'skip', label: 'Skip — I cannot judge this' }];
}

/** "You rated only N% of what this role weighs" when coverage is below 0.8, else null. */
export function coverageNote(coverage: number): string | null {
  if (coverage >= 0.8) return null;
  return `You rated only ${Math.round(coverage * 100)}% of what this role weighs; competencies you skipped earn nothing, so this fit may understate you.`;
}

/** The fit's parts as points of the 0–100 fit: part (0–1) × share × 100. */
export function fitParts(
  parts: { competencies: number; orientation: number; leadership: number; experience: number },
  shares: { competencies: number; orientation: number; leadership: number; experience: number },
): { key: 'competencies' | 'orientation' | 'leadership' | 'experience'; label: string; match: number; share: number; points: number }[] {
  const labels = { competencies: 'Competencies', orientation: 'Orientation', leadership: 'Leading leaders', experience: 'Experience' } as const;
  return (['competencies', 'orientation', 'leadership', 'experience'] as const).map((key) => ({
    key,
    label: labels[key],
    match: parts[key],
    share: shares[key],
    points: Math.round(parts[key] * shares[key] * 1000) / 10,
  }));
}
