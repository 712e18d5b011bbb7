/**
 * The extractive summary (docs/transcripts.md, "Summary"): the strongest positive quote per
 * competency, and what to probe next — competencies of the round with no evidence or only weak
 * evidence, and planned questions that were skipped. Pure.
 */
import type { RoundInput } from './analyze.ts';
import type { CoverageResult } from './coverage.ts';
import type { Evidence } from './evidence.ts';
import { truncate } from './text.ts';

export interface Summary {
  strongest: { competencyId: string; quote: string; startMs: number }[];
  probeNext: string[];
}

export function summarize(round: RoundInput | null, evidence: readonly Evidence[], coverage: CoverageResult): Summary {
  const strongest: Summary['strongest'] = [];
  const probeNext: string[] = [];
  for (const c of round?.competencies ?? []) {
    const items = evidence.filter((e) => e.competencyId === c.id);
    const best = items
      .filter((e) => !e.negative)
      .reduce<Evidence | null>((a, e) => (a === null || e.score > a.score ? e : a), null);
    if (best) strongest.push({ competencyId: c.id, quote: best.quote, startMs: best.startMs });
    if (items.length === 0) probeNext.push(`${c.name}: no evidence yet — ask for a specific example.`);
    else if (items.every((e) => e.strength === 'weak')) probeNext.push(`${c.name}: only weak evidence — probe for what they did themselves and the result.`);
    else if (!best) probeNext.push(`${c.name}: only negative evidence — give another chance with a different example.`);
  }
  for (const q of coverage.skipped) probeNext.push(`Planned question not asked: "${truncate(q.text, 120)}"`);
  return { strongest, probeNext };
}
