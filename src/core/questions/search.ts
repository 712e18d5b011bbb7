/**
 * Offline search over the question library (the CLI has no database): token matching with light
 * English stemming, the question text weighing more than its probes. The app uses PostgreSQL
 * full-text search instead.
 */

export interface SearchableQuestion {
  id: string;
  text: string;
  type: string;
  competencies: string[];
  probes: string[];
  roles?: string[];
  seniority: string[];
}

/** Lower-case word stems: drops a plural or -ing/-ed ending so "roadmaps" finds "roadmap". */
export function stems(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => w.length > 2)
    .map((w) => w.replace(/(?:ies)$/, 'y').replace(/(?:ing|ed|es|s)$/, ''))
    .filter((w) => w.length > 1);
}

export interface SearchHit<Q> {
  question: Q;
  score: number;
}

/** Scores 3 per query stem found in the text and 1 per stem found only in the probes; filters first. */
export function searchBank<Q extends SearchableQuestion>(
  bank: Q[],
  query: string,
  filters: { competency?: string; type?: string; role?: string; seniority?: string } = {},
): SearchHit<Q>[] {
  const wanted = [...new Set(stems(query))];
  const hits: SearchHit<Q>[] = [];
  for (const q of bank) {
    if (filters.competency && !q.competencies.includes(filters.competency)) continue;
    if (filters.type && q.type !== filters.type) continue;
    if (filters.role && !(q.roles ?? []).includes(filters.role)) continue;
    if (filters.seniority && !q.seniority.includes(filters.seniority)) continue;
    if (wanted.length === 0) {
      hits.push({ question: q, score: 0 });
      continue;
    }
    const inText = new Set(stems(q.text));
    const inProbes = new Set(stems(q.probes.join(' ')));
    const score = wanted.reduce((s, w) => s + (inText.has(w) ? 3 : inProbes.has(w) ? 1 : 0), 0);
    if (score > 0) hits.push({ question: q, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.question.id.localeCompare(b.question.id));
}
