/**
 * Question coverage (docs/transcripts.md, "Coverage"): which planned questions of the round were asked,
 * which were skipped, and which job questions were not in the plan. Pure.
 *
 * Words are normalised the same way on both sides: lower case, stop words and question-framing words
 * ("tell", "describe", "walk", "example", "time"…) removed, then the light stemmer of `text.ts`. Each
 * planned question's text and each of its probes is a document; the IDF comes from those documents of
 * the round (N of them):
 *
 *   idf(t) = ln((1 + N) / (1 + df(t))) + 1          (a word no planned document has gets ln(1 + N) + 1)
 *   w(t, d) = tf(t, d) × idf(t)
 *   sim(q, d) = min(1, cos(w(q), w(d)) + BIGRAM_BONUS × min(MAX_BIGRAMS, |bigrams(q) ∩ bigrams(d)|))
 *
 * where bigrams are pairs of consecutive normalised words ("metric framework"); sim is 0 when q and d
 * share fewer than `MIN_SHARED_WORDS` (2) normalised words, so one shared word between two short
 * questions ("How do you handle hiring?" / "How did you handle it?") is no match. A planned question's
 * similarity to an asked question is the best over its text and its probes (a probe counts for its
 * question). Each exchange goes to its most similar planned question when that similarity is at least
 * `COVERAGE_THRESHOLD`; a planned question asked several times reports the most similar exchange that
 * is not a follow-up (a follow-up only when no main exchange matched it). Job
 * questions that match nothing are `unplanned`, except follow-up probes (they probe the exchange
 * before them). Without a round every question is unplanned.
 */
import type { ExchangeDetail } from './exchanges.ts';
import { FRAME_WORDS, round, stemTokens } from './text.ts';

/** Minimum similarity for an asked question to count as a planned one. */
export const COVERAGE_THRESHOLD = 0.3;
export const BIGRAM_BONUS = 0.1;
export const MAX_BIGRAMS = 2;
/** A match also needs this many shared normalised words ("And then what happened?" matches nothing). */
export const MIN_SHARED_WORDS = 2;

export interface PlannedQuestion {
  index: number;
  text: string;
  probes: string[];
  competencies: string[];
}

export interface CoverageResult {
  asked: { index: number; text: string; exchange: number; similarity: number; startMs: number }[];
  skipped: { index: number; text: string }[];
  unplanned: { exchange: number; text: string; startMs: number }[];
  threshold: number;
}

interface Terms {
  tf: Map<string, number>;
  bigrams: Set<string>;
}

interface Doc extends Terms {
  /** Position in `questions`. */
  question: number;
  weights: Map<string, number>;
  norm: number;
}

export interface CoverageIndex {
  questions: PlannedQuestion[];
  idf: Map<string, number>;
  unseenIdf: number;
  docs: Doc[];
  /** word → the documents that have it, with its weight there. */
  postings: Map<string, { doc: number; w: number }[]>;
}

const FRAME_STEMS: ReadonlySet<string> = FRAME_WORDS;

function terms(text: string): Terms {
  const stems = stemTokens(text, FRAME_STEMS).map((t) => t.stem);
  const tf = new Map<string, number>();
  for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + 1);
  const bigrams = new Set<string>();
  for (let i = 1; i < stems.length; i++) bigrams.add(`${stems[i - 1]} ${stems[i]}`);
  return { tf, bigrams };
}

function weigh(index: Pick<CoverageIndex, 'idf' | 'unseenIdf'>, tf: Map<string, number>): { weights: Map<string, number>; norm: number } {
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [t, n] of tf) {
    const w = n * (index.idf.get(t) ?? index.unseenIdf);
    weights.set(t, w);
    sq += w * w;
  }
  return { weights, norm: Math.sqrt(sq) };
}

/** The TF-IDF index of a round's planned questions (build once per round). */
export function buildCoverageIndex(questions: readonly PlannedQuestion[]): CoverageIndex {
  const raw: (Terms & { question: number })[] = [];
  questions.forEach((q, i) => {
    for (const text of [q.text, ...q.probes]) raw.push({ question: i, ...terms(text) });
  });
  const n = raw.length;
  const df = new Map<string, number>();
  for (const d of raw) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log((1 + n) / (1 + f)) + 1);
  const base = { idf, unseenIdf: Math.log(1 + n) + 1 };
  const docs = raw.map((d) => ({ ...d, ...weigh(base, d.tf) }));
  const postings = new Map<string, { doc: number; w: number }[]>();
  docs.forEach((d, i) => {
    for (const [t, w] of d.weights) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push({ doc: i, w });
    }
  });
  return { questions: [...questions], ...base, docs, postings };
}

/** Similarity of an asked question to every planned question (position in `index.questions` → 0–1). */
export function scoreQuestion(index: CoverageIndex, text: string): number[] {
  const q = terms(text);
  const { weights, norm } = weigh(index, q.tf);
  const best = index.questions.map(() => 0);
  if (norm === 0) return best;
  const dot = new Map<number, number>();
  const common = new Map<number, number>();
  for (const [t, w] of weights) {
    for (const p of index.postings.get(t) ?? []) {
      dot.set(p.doc, (dot.get(p.doc) ?? 0) + w * p.w);
      common.set(p.doc, (common.get(p.doc) ?? 0) + 1);
    }
  }
  for (const [i, n] of common) {
    if (n < MIN_SHARED_WORDS) continue;
    const d = index.docs[i]!;
    let shared = 0;
    for (const b of q.bigrams) if (d.bigrams.has(b)) shared++;
    const sim = Math.min(1, dot.get(i)! / (norm * d.norm) + BIGRAM_BONUS * Math.min(MAX_BIGRAMS, shared));
    if (sim > best[d.question]!) best[d.question] = sim;
  }
  return best;
}

/** The planned question (position in `index.questions`) an asked question matches, or null. */
export function matchQuestion(index: CoverageIndex, text: string): { position: number; similarity: number } | null {
  const scores = scoreQuestion(index, text);
  let position = -1;
  let similarity = 0;
  scores.forEach((s, i) => {
    if (s > similarity) {
      similarity = s;
      position = i;
    }
  });
  return position >= 0 && similarity >= COVERAGE_THRESHOLD ? { position, similarity } : null;
}

/**
 * Coverage of the exchanges, and for each exchange the planned question (position) it asked; a
 * follow-up that matches nothing inherits the question of the exchange it probes.
 */
export function analyzeCoverage(index: CoverageIndex | null, exchanges: readonly ExchangeDetail[]): { coverage: CoverageResult; planned: (number | null)[] } {
  const planned: (number | null)[] = [];
  const sims: number[] = [];
  for (const ex of exchanges) {
    const m = index ? matchQuestion(index, ex.question) : null;
    planned.push(m ? m.position : ex.followUpOf !== null ? (planned[ex.followUpOf] ?? null) : null);
    sims.push(m ? m.similarity : 0);
  }
  const asked: CoverageResult['asked'] = [];
  const skipped: CoverageResult['skipped'] = [];
  (index?.questions ?? []).forEach((q, pos) => {
    let best = -1;
    exchanges.forEach((ex, i) => {
      if (planned[i] !== pos || sims[i]! === 0) return;
      const better = best < 0 || (exchanges[best]!.followUp && !ex.followUp) || (exchanges[best]!.followUp === ex.followUp && sims[i]! > sims[best]!);
      if (better) best = i;
    });
    if (best < 0) skipped.push({ index: q.index, text: q.text });
    else asked.push({ index: q.index, text: q.text, exchange: exchanges[best]!.index, similarity: round(sims[best]!), startMs: exchanges[best]!.questionStartMs });
  });
  const unplanned = exchanges
    .filter((ex, i) => !ex.followUp && sims[i] === 0)
    .map((ex) => ({ exchange: ex.index, text: ex.question, startMs: ex.questionStartMs }));
  return { coverage: { asked, skipped, unplanned, threshold: COVERAGE_THRESHOLD }, planned };
}
