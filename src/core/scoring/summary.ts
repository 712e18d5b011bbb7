/**
 * The debrief's generated summary: a few plain sentences built only from the submitted evidence —
 * strongest and weakest competencies with a quote each, disagreements with both sides quoted, the
 * recommendation mix, red flags and what is missing. Deterministic; pure.
 */
import type { DebriefAggregate, Recommendation } from './scoring.ts';

export interface SummaryCompetency {
  id: string;
  name: string;
}
export interface SummaryScorecard {
  key: string;
  interviewerName: string;
  evidence: Record<string, string>;
  redFlags: string[];
}

const recLabel: Record<Recommendation, string> = { strong_no: 'strong no', no: 'no', yes: 'yes', strong_yes: 'strong yes' };

/** The first sentence of a note, at most `max` characters, cut at a word boundary. */
export function quoteOf(text: string, max = 140): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return null;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(t)?.[1] ?? t;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

function fmt(n: number): string {
  return n.toFixed(1);
}

export function debriefSummary(competencies: SummaryCompetency[], cards: SummaryScorecard[], agg: DebriefAggregate, missingNames: string[]): string[] {
  const out: string[] = [];
  const nameOf = new Map(competencies.map((c) => [c.id, c.name]));
  const cardOf = new Map(cards.map((c) => [c.key, c]));
  const quoteFor = (competencyId: string, key: string) => {
    const card = cardOf.get(key);
    const q = card ? quoteOf(card.evidence[competencyId] ?? '') : null;
    return q && card ? `${card.interviewerName}: “${q}”` : null;
  };
  const rated = agg.competencies.filter((c) => c.mean !== null);
  if (cards.length === 0 || rated.length === 0) {
    out.push('No submitted ratings yet: the debrief fills in as interviewers submit their scorecards.');
  } else {
    const n = cards.length;
    out.push(
      `${n} scorecard${n === 1 ? '' : 's'} submitted; weighted score ${fmt(agg.overall.score!)} of 4 over ${Math.round(agg.overall.coverage * 100)}% of the plan's weight.`,
    );
    const sorted = [...rated].sort((a, b) => b.mean! - a.mean! || a.competencyId.localeCompare(b.competencyId));
    const best = sorted[0]!;
    const bestRating = [...best.ratings].sort((a, b) => b.rating - a.rating)[0]!;
    const bq = quoteFor(best.competencyId, bestRating.interviewerId);
    out.push(`Strongest: ${nameOf.get(best.competencyId) ?? best.competencyId} (mean ${fmt(best.mean!)} from ${best.ratings.length} rating${best.ratings.length === 1 ? '' : 's'})${bq ? ` — ${bq}` : ''}.`);
    if (sorted.length > 1) {
      const worst = sorted[sorted.length - 1]!;
      const worstRating = [...worst.ratings].sort((a, b) => a.rating - b.rating)[0]!;
      const wq = quoteFor(worst.competencyId, worstRating.interviewerId);
      out.push(`Weakest: ${nameOf.get(worst.competencyId) ?? worst.competencyId} (mean ${fmt(worst.mean!)})${wq ? ` — ${wq}` : ''}.`);
    }
    for (const c of agg.competencies.filter((x) => x.disagreement)) {
      const lo = [...c.ratings].sort((a, b) => a.rating - b.rating)[0]!;
      const hi = [...c.ratings].sort((a, b) => b.rating - a.rating)[0]!;
      const side = (r: { interviewerId: string; rating: number }) => {
        const card = cardOf.get(r.interviewerId);
        const q = card ? quoteOf(card.evidence[c.competencyId] ?? '', 100) : null;
        return `${card?.interviewerName ?? 'an interviewer'} rated ${r.rating}${q ? ` (“${q}”)` : ''}`;
      };
      out.push(`Disagreement on ${nameOf.get(c.competencyId) ?? c.competencyId}: ${side(lo)}; ${side(hi)}. Discuss the evidence before deciding.`);
    }
  }
  const mix = (Object.keys(recLabel) as Recommendation[]).filter((k) => agg.recommendations[k] > 0).map((k) => `${agg.recommendations[k]} ${recLabel[k]}`);
  if (mix.length) out.push(`Recommendations: ${mix.join(', ')}${agg.splitRecommendation ? ' — the panel is split across the hire line' : ''}.`);
  const flags = cards.flatMap((c) => c.redFlags.map((f) => `${c.interviewerName}: “${quoteOf(f) ?? f}”`));
  if (flags.length) out.push(`Red flags raised: ${flags.join('; ')}.`);
  if (missingNames.length) out.push(`Still missing: ${missingNames.join(', ')}.`);
  return out;
}
