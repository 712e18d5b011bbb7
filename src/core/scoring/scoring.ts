/**
 * Scorecard arithmetic shared by the scorecard form (live totals) and the debrief: weighted scores on
 * the 1–4 anchor scale, per-competency aggregation across interviewers and disagreement flags.
 * Pure; structural inputs.
 */

export type Rating = 1 | 2 | 3 | 4;
export const recommendations = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof recommendations)[number];

export interface WeightedCompetency {
  id: string;
  /** Share of the plan (the plan's weights sum to 100; any positive scale works). */
  weight: number;
}

export interface WeightedScore {
  /** Weighted mean on the 1–4 scale over the rated competencies; null when none is rated. */
  score: number | null;
  /** The same mapped to 0–100 (1 → 0, 4 → 100); null when none is rated. */
  percent: number | null;
  /** Share of the total weight that was rated (0–1): a score on half the plan says less. */
  coverage: number;
  rated: number;
}

/**
 * Weighted score of one set of ratings. "Not assessed" (null or missing) competencies are left out
 * of the mean and lower the coverage; competencies outside `weights` are ignored.
 */
export function weightedScore(weights: WeightedCompetency[], ratings: Record<string, number | null | undefined>): WeightedScore {
  for (const w of weights) {
    const r = ratings[w.id];
    if (r !== null && r !== undefined && (!Number.isInteger(r) || r < 1 || r > 4)) throw new RangeError(`rating of ${w.id} must be an integer from 1 to 4`);
  }
  return weightedMean(weights, ratings);
}

/** Weighted mean of values on the 1–4 scale (single ratings or per-competency means). */
export function weightedMean(weights: WeightedCompetency[], values: Record<string, number | null | undefined>): WeightedScore {
  const total = weights.reduce((s, w) => s + Math.max(0, w.weight), 0);
  let sum = 0;
  let ratedWeight = 0;
  let rated = 0;
  for (const w of weights) {
    const v = values[w.id];
    if (v === null || v === undefined || w.weight <= 0) continue;
    sum += w.weight * v;
    ratedWeight += w.weight;
    rated++;
  }
  if (ratedWeight === 0) return { score: null, percent: null, coverage: 0, rated: 0 };
  const score = sum / ratedWeight;
  return { score, percent: ((score - 1) / 3) * 100, coverage: total === 0 ? 0 : ratedWeight / total, rated };
}

export interface ScorecardInput {
  interviewerId: string;
  ratings: Record<string, number | null | undefined>;
  recommendation: Recommendation | null;
}

export interface CompetencyAggregate {
  competencyId: string;
  weight: number;
  ratings: { interviewerId: string; rating: number }[];
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Ratings span two points or more (e.g. a 2 and a 4). */
  disagreement: boolean;
}

export interface DebriefAggregate {
  competencies: CompetencyAggregate[];
  /** Weighted score of the per-competency means. */
  overall: WeightedScore;
  recommendations: Record<Recommendation, number>;
  /** Recommendations fall on both sides of the hire line (a no or strong no and a yes or strong yes). */
  splitRecommendation: boolean;
  /** Expected interviewers without a submitted scorecard. */
  missing: string[];
}

/** Rating spread (max − min) from which a competency is flagged as a disagreement. */
export const DISAGREEMENT_SPREAD = 2;

/**
 * Aggregates the submitted scorecards of one application: ratings per competency with mean and
 * spread, disagreement flags, the recommendation mix, and who has not submitted yet.
 */
export function aggregateDebrief(weights: WeightedCompetency[], scorecards: ScorecardInput[], expectedInterviewers: string[] = []): DebriefAggregate {
  const competencies = weights.map((w): CompetencyAggregate => {
    const ratings = scorecards
      .map((s) => ({ interviewerId: s.interviewerId, rating: s.ratings[w.id] }))
      .filter((r): r is { interviewerId: string; rating: number } => typeof r.rating === 'number');
    if (ratings.length === 0) return { competencyId: w.id, weight: w.weight, ratings, mean: null, min: null, max: null, disagreement: false };
    const values = ratings.map((r) => r.rating);
    const min = Math.min(...values);
    const max = Math.max(...values);
    return {
      competencyId: w.id,
      weight: w.weight,
      ratings,
      mean: values.reduce((s, v) => s + v, 0) / values.length,
      min,
      max,
      disagreement: max - min >= DISAGREEMENT_SPREAD,
    };
  });
  // The overall score weighs the competency means (not integers, unlike one scorecard's ratings).
  const overall = weightedMean(weights, Object.fromEntries(competencies.map((c) => [c.competencyId, c.mean])));
  const mix: Record<Recommendation, number> = { strong_no: 0, no: 0, yes: 0, strong_yes: 0 };
  for (const s of scorecards) if (s.recommendation) mix[s.recommendation]++;
  const submitted = new Set(scorecards.map((s) => s.interviewerId));
  return {
    competencies,
    overall,
    recommendations: mix,
    splitRecommendation: mix.strong_no + mix.no > 0 && mix.yes + mix.strong_yes > 0,
    missing: expectedInterviewers.filter((i) => !submitted.has(i)),
  };
}
