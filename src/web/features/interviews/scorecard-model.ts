import { type Recommendation, weightedScore, type WeightedScore } from '../../../core/scoring/scoring.ts';
import type { Scorecard, ScorecardBody } from '../../../modules/feedback/feedback.contract.ts';

/**
 * The scorecard form's state and its mapping to and from the contract's body: pure, so the page
 * only wires it to inputs, autosave and the server's field issues.
 */

export type ScorecardForm = Scorecard['form'];

/** A competency's choice: a rating, "not assessed", or nothing chosen yet. */
export type RatingChoice = 1 | 2 | 3 | 4 | 'na' | null;

export interface CompetencyDraft {
  choice: RatingChoice;
  evidence: string;
}

export interface ScorecardDraft {
  /** Competency id → choice and evidence, for every competency of the form. */
  ratings: Record<string, CompetencyDraft>;
  /** Question index → 1–4; unrated questions are absent. */
  questionRatings: Record<number, number>;
  recommendation: Recommendation | null;
  notes: string;
  /** Lines as typed (blank lines are dropped when saving). */
  redFlags: string[];
}

export const ratingLevels = [1, 2, 3, 4] as const;

function isLevel(v: unknown): v is 1 | 2 | 3 | 4 {
  return v === 1 || v === 2 || v === 3 || v === 4;
}

/** The form's state from a saved body (or an empty one for a new draft). */
export function draftFromBody(form: ScorecardForm, body: ScorecardBody | null | undefined): ScorecardDraft {
  const ratings: Record<string, CompetencyDraft> = {};
  for (const c of form.competencies) {
    const saved = body?.ratings[c.id];
    const evidence = saved?.evidence ?? '';
    // A saved entry without a rating is "not assessed"; a competency without an entry is still open.
    const choice: RatingChoice = saved ? (isLevel(saved.rating) ? saved.rating : 'na') : null;
    ratings[c.id] = { choice, evidence };
  }
  const questionRatings: Record<number, number> = {};
  for (const q of body?.questionRatings ?? []) {
    if (form.questions.some((fq) => fq.index === q.index) && isLevel(q.rating)) questionRatings[q.index] = q.rating;
  }
  return {
    ratings,
    questionRatings,
    recommendation: body?.recommendation ?? null,
    notes: body?.notes ?? '',
    redFlags: body?.redFlags.length ? [...body.redFlags] : [],
  };
}

/**
 * The body to save: competencies with nothing chosen and no evidence are left out (the server
 * reports them on submit); "not assessed" is a null rating; blank red-flag lines are dropped.
 */
export function bodyFromDraft(form: ScorecardForm, draft: ScorecardDraft): ScorecardBody {
  const ratings: ScorecardBody['ratings'] = {};
  for (const c of form.competencies) {
    const entry = draft.ratings[c.id];
    if (!entry) continue;
    if (entry.choice === null && entry.evidence.trim() === '') continue;
    ratings[c.id] = { rating: isLevel(entry.choice) ? entry.choice : null, evidence: entry.evidence };
  }
  const questionRatings = form.questions
    .filter((q) => isLevel(draft.questionRatings[q.index]))
    .map((q) => ({ index: q.index, questionRef: q.questionRef, rating: draft.questionRatings[q.index]! }));
  return {
    ratings,
    questionRatings,
    recommendation: draft.recommendation,
    notes: draft.notes,
    redFlags: draft.redFlags.map((f) => f.trim()).filter(Boolean),
  };
}

/** The live weighted total, with the same function the debrief uses on the server. */
export function liveScore(form: ScorecardForm, draft: ScorecardDraft): WeightedScore {
  const values: Record<string, number | null> = {};
  for (const c of form.competencies) {
    const choice = draft.ratings[c.id]?.choice;
    values[c.id] = isLevel(choice) ? choice : null;
  }
  return weightedScore(
    form.competencies.map((c) => ({ id: c.id, weight: c.weight })),
    values,
  );
}

/** "Weighted total: 3.25 / 4", or "Weighted total: —" while nothing is rated. */
export function formatWeightedTotal(score: number | null): string {
  return score === null ? 'Weighted total: —' : `Weighted total: ${score.toFixed(2)} / 4`;
}

/** Where each server issue of a failed save belongs on the form. */
export interface ScorecardIssues {
  rating: Record<string, string>;
  evidence: Record<string, string>;
  /** Question index → message. */
  questions: Record<number, string>;
  recommendation?: string;
  notes?: string;
  /** Index in the draft's red-flag lines → message. */
  redFlags: Record<number, string>;
  /** Issues about no field of the form (shown in the alert), as "path: message". */
  other: string[];
}

export function emptyIssues(): ScorecardIssues {
  return { rating: {}, evidence: {}, questions: {}, redFlags: {}, other: [] };
}

export function hasIssues(i: ScorecardIssues): boolean {
  return (
    Object.keys(i.rating).length + Object.keys(i.evidence).length + Object.keys(i.questions).length + Object.keys(i.redFlags).length + i.other.length > 0 ||
    !!i.recommendation ||
    !!i.notes
  );
}

/**
 * Maps `details.issues` paths (`ratings.<competencyId>.evidence`, `recommendation`,
 * `redFlags.2`, optionally under `body.`) to the form's fields. Red-flag and question-rating
 * indexes in the body are mapped back to the lines and questions on screen.
 */
export function mapScorecardIssues(form: ScorecardForm, draft: ScorecardDraft, issues: Record<string, string>): ScorecardIssues {
  const out = emptyIssues();
  const flagLines = draft.redFlags.flatMap((f, i) => (f.trim() ? [i] : []));
  const ratedQuestions = form.questions.filter((q) => isLevel(draft.questionRatings[q.index])).map((q) => q.index);
  // Longest ids first, so "lead" does not capture "ratings.leadership.evidence".
  const competencyIds = form.competencies.map((c) => c.id).sort((a, b) => b.length - a.length);

  for (const [rawPath, message] of Object.entries(issues)) {
    const path = rawPath.replace(/^body\./, '');
    if (path === 'recommendation') {
      out.recommendation ??= message;
      continue;
    }
    if (path === 'notes') {
      out.notes ??= message;
      continue;
    }
    if (path.startsWith('ratings.')) {
      const rest = path.slice('ratings.'.length);
      const id = competencyIds.find((c) => rest === c || rest.startsWith(`${c}.`));
      if (id) {
        const field = rest.slice(id.length + 1);
        if (field === 'evidence') out.evidence[id] ??= message;
        else out.rating[id] ??= message;
        continue;
      }
    }
    const flag = /^redFlags\.(\d+)(?:\.|$)/.exec(path);
    if (flag) {
      const line = flagLines[Number(flag[1])];
      if (line !== undefined) {
        out.redFlags[line] ??= message;
        continue;
      }
    }
    if (path === 'redFlags' && draft.redFlags.length) {
      out.redFlags[0] ??= message;
      continue;
    }
    const question = /^questionRatings\.(\d+)(?:\.|$)/.exec(path);
    if (question) {
      const index = ratedQuestions[Number(question[1])];
      if (index !== undefined) {
        out.questions[index] ??= message;
        continue;
      }
    }
    out.other.push(path && path !== '(root)' ? `${path}: ${message}` : message);
  }
  return out;
}

/** Whether two drafts would save the same body (autosave skips no-op saves). */
export function sameBody(form: ScorecardForm, a: ScorecardDraft, b: ScorecardDraft): boolean {
  return JSON.stringify(bodyFromDraft(form, a)) === JSON.stringify(bodyFromDraft(form, b));
}
