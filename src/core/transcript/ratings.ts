/**
 * Draft ratings (docs/transcripts.md, "Draft ratings"): a suggested 1–4 per competency of the round
 * from its evidence. Suggestions only — the interviewer rates. Pure.
 *
 * Each passage has a level: the anchor level it matches best (when it matches one and agrees with its
 * polarity: levels 2–4 for positive passages, 1 for negative ones), otherwise by strength — positive
 * strong 3, moderate 2.5, weak 2; negative strong 1, moderate 1.5, weak 2. Passages weigh 3 (strong),
 * 2 (moderate) or 1 (weak); the rating is the weighted mean level rounded to the nearest integer.
 * The rating is null (too little evidence) when the total weight W is below `RATING_MIN_WEIGHT`: one
 * strong passage, a moderate and a weak one, or three weak ones are enough.
 *
 *   confidence = W / (W + 6) × max(0, 1 − sd / 1.5)       (sd: weighted standard deviation of the levels)
 *
 * so it grows with the amount and strength of evidence and falls when the passages disagree.
 */
import type { RoundInput } from './analyze.ts';
import type { Evidence, Strength } from './evidence.ts';
import { round } from './text.ts';

export const RATING_MIN_WEIGHT = 3;
export const STRENGTH_WEIGHT: Record<Strength, number> = { strong: 3, moderate: 2, weak: 1 };
const POSITIVE_LEVEL: Record<Strength, number> = { strong: 3, moderate: 2.5, weak: 2 };
const NEGATIVE_LEVEL: Record<Strength, number> = { strong: 1, moderate: 1.5, weak: 2 };
export const QUOTES_PER_RATING = 3;

export interface DraftRating {
  competencyId: string;
  name: string;
  /** Null when there is too little evidence. */
  rating: 1 | 2 | 3 | 4 | null;
  /** 0–1; 0 when the rating is null. */
  confidence: number;
  /** Number of evidence passages. */
  evidence: number;
  /** The strongest passages behind the suggestion. */
  quotes: { quote: string; exchange: number; startMs: number; negative: boolean; strength: Strength }[];
  rationale: string;
}

export function levelOf(e: Evidence): number {
  if (e.negative) return e.anchorLevel === 1 ? 1 : NEGATIVE_LEVEL[e.strength];
  return e.anchorLevel !== null && e.anchorLevel >= 2 ? e.anchorLevel : POSITIVE_LEVEL[e.strength];
}

export function draftRatings(competencies: RoundInput['competencies'], evidence: readonly Evidence[]): DraftRating[] {
  return competencies.map((c) => {
    const items = evidence.filter((e) => e.competencyId === c.id);
    const w = items.reduce((a, e) => a + STRENGTH_WEIGHT[e.strength], 0);
    const quotes = [...items]
      .sort((a, b) => b.score - a.score || a.exchange - b.exchange || a.offset - b.offset)
      .slice(0, QUOTES_PER_RATING)
      .map((e) => ({ quote: e.quote, exchange: e.exchange, startMs: e.startMs, negative: e.negative, strength: e.strength }));
    const counts = (['strong', 'moderate', 'weak'] as const).map((s) => `${items.filter((e) => e.strength === s).length} ${s}`).join(', ');
    const negatives = items.filter((e) => e.negative).length;
    if (w < RATING_MIN_WEIGHT) {
      return {
        competencyId: c.id,
        name: c.name,
        rating: null,
        confidence: 0,
        evidence: items.length,
        quotes,
        rationale: items.length === 0 ? 'No evidence in the transcript.' : `Too little evidence (${counts}).`,
      };
    }
    const mean = items.reduce((a, e) => a + STRENGTH_WEIGHT[e.strength] * levelOf(e), 0) / w;
    const variance = items.reduce((a, e) => a + STRENGTH_WEIGHT[e.strength] * (levelOf(e) - mean) ** 2, 0) / w;
    const consistency = Math.max(0, 1 - Math.sqrt(variance) / 1.5);
    const rating = Math.min(4, Math.max(1, Math.round(mean))) as 1 | 2 | 3 | 4;
    return {
      competencyId: c.id,
      name: c.name,
      rating,
      confidence: round((w / (w + 6)) * consistency, 2),
      evidence: items.length,
      quotes,
      rationale: `${items.length} passage${items.length === 1 ? '' : 's'} (${counts}${negatives ? `; ${negatives} negative` : ''}); mean level ${round(mean, 1)}.`,
    };
  });
}
