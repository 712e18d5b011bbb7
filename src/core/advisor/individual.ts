/**
 * The individual advisor ("which path fits me?"): fit per role from self-ratings against the role's
 * competency weights, the person's orientation and appetite for leading leaders, and experience.
 * Every part of the fit is returned, so each point can be traced to an answer.
 */

export interface FitRole {
  id: string;
  title: string;
  level: 'c-suite' | 'vp' | 'head';
  orientation: number;
  yearsTypical: number;
  yearsMinimum: number;
  typicalSteps: string[];
}

export interface FitCompetency {
  id: string;
  name: string;
  roleWeights: Record<string, number>;
  development: string[];
}

export interface IndividualWeights {
  /** Shares of the fit; they sum to 1. */
  shares: { competencies: number; orientation: number; leadership: number; experience: number; path: number };
  /** currentRole option → role id → how usual a move it is (0 unusual … 1 the natural next step). */
  pathCloseness: Record<string, Record<string, number>>;
  /** A self-rating at or above this counts as fully meeting a competency (1–4 scale). */
  ratingTarget: number;
  /** Role weight from which a low rating is reported as a gap. */
  gapWeight: number;
  /** Ratings at or below this are gaps. */
  gapRating: number;
  /** Appetite for leading leaders (1–4) that each level asks for. */
  leadershipByLevel: Record<'c-suite' | 'vp' | 'head', number>;
  /** currentRole option → role id → steps, where they differ from the role's typical steps. */
  steps: Record<string, Record<string, string[]>>;
}

export interface IndividualAnswers {
  currentRole: string;
  yearsOfExperience: number;
  /** −2 systems and engineering … +2 markets and customers. */
  enjoys: number;
  /** 1 stay close to the work … 4 lead a large organization. */
  peopleLeadership: number;
  ratings: Record<string, number>;
}

export interface CompetencyContribution {
  competencyId: string;
  name: string;
  weight: number;
  rating: number | null;
  /** weight × min(rating, target) / target; 0 when unrated. */
  earned: number;
}

export interface Gap {
  competencyId: string;
  name: string;
  weight: number;
  rating: number | null;
  suggestions: string[];
}

export interface RoleFit {
  roleId: string;
  title: string;
  /** 0–100. */
  fit: number;
  parts: { competencies: number; orientation: number; leadership: number; experience: number; path: number };
  /** Share of the role's competency weight the person rated (unrated competencies earn nothing). */
  coverage: number;
  contributions: CompetencyContribution[];
  gaps: Gap[];
  steps: string[];
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Fit of one person for every role, best first (ties by role order). */
export function fitIndividual(roles: FitRole[], competencies: FitCompetency[], w: IndividualWeights, a: IndividualAnswers): RoleFit[] {
  const fits = roles.map((role): RoleFit => {
    const weighted = competencies.filter((c) => (c.roleWeights[role.id] ?? 0) > 0);
    const totalWeight = weighted.reduce((s, c) => s + c.roleWeights[role.id]!, 0);
    const contributions = weighted
      .map((c) => {
        const weight = c.roleWeights[role.id]!;
        const rating = a.ratings[c.id] ?? null;
        return { competencyId: c.id, name: c.name, weight, rating, earned: rating === null ? 0 : round3((weight * Math.min(rating, w.ratingTarget)) / w.ratingTarget) };
      })
      .sort((x, y) => y.weight - x.weight || x.name.localeCompare(y.name));
    const ratedWeight = contributions.filter((c) => c.rating !== null).reduce((s, c) => s + c.weight, 0);
    const competencyPart = totalWeight === 0 ? 0 : contributions.reduce((s, c) => s + c.earned, 0) / totalWeight;
    const orientationPart = 1 - Math.abs(role.orientation - a.enjoys / 2) / 2;
    const leadershipPart = 1 - Math.abs(w.leadershipByLevel[role.level] - a.peopleLeadership) / 3;
    const experiencePart = role.yearsTypical > 0 ? clamp01(a.yearsOfExperience / role.yearsTypical) : 1;
    const pathPart = clamp01(w.pathCloseness[a.currentRole]?.[role.id] ?? 0);
    const parts = {
      competencies: round3(competencyPart),
      orientation: round3(orientationPart),
      leadership: round3(leadershipPart),
      experience: round3(experiencePart),
      path: round3(pathPart),
    };
    const fit =
      100 *
      (w.shares.competencies * competencyPart +
        w.shares.orientation * orientationPart +
        w.shares.leadership * leadershipPart +
        w.shares.experience * experiencePart +
        w.shares.path * pathPart);
    const gaps = contributions
      .filter((c) => c.weight >= w.gapWeight && (c.rating === null || c.rating <= w.gapRating))
      .map((c) => ({
        competencyId: c.competencyId,
        name: c.name,
        weight: c.weight,
        rating: c.rating,
        suggestions: competencies.find((x) => x.id === c.competencyId)!.development,
      }));
    return {
      roleId: role.id,
      title: role.title,
      fit: round1(fit),
      parts,
      coverage: totalWeight === 0 ? 0 : round3(ratedWeight / totalWeight),
      contributions,
      gaps,
      steps: w.steps[a.currentRole]?.[role.id] ?? role.typicalSteps,
    };
  });
  const order = new Map(roles.map((r, i) => [r.id, i]));
  return fits.sort((x, y) => y.fit - x.fit || order.get(x.roleId)! - order.get(y.roleId)!);
}
