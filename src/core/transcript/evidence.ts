/**
 * Evidence (docs/transcripts.md, "Evidence and STAR"): passages of the candidate's answers that bear on a
 * competency of the round, with the reasons they were picked, and the STAR shape of each answer. Pure.
 *
 * Indicator phrases. Each competency of the round contributes its name (weight 0.6), each sentence of
 * its definition (0.8), its positive signals (1), its anchor behaviours (1, remembering the level) and
 * its red flags (1, negative). Anchor behaviours of level 1 count as negative too, and so do definition
 * sentences that say what the competency is not ("It is not producing dashboards…"); the rest is positive.
 *
 * Passages are windows of 1–3 consecutive sentences of one answer (a sentence over 40 words is cut
 * into pieces of at most 30, at a comma when there is one). A passage's unique content stems are the
 * query; every indicator phrase is a BM25 document (k1 = 1.2, b = 0.75, IDF over all phrases of the
 * round: ln(1 + (N − df + 0.5) / (df + 0.5))). The phrase's BM25 score is divided by the phrase's score
 * against itself, so `match(P, D)` is the weighted share (0–1) of the phrase's terms the passage has;
 * a phrase counts only when the passage shares at least 2 of its terms (1 for one-term phrases).
 *
 *   lexical(P, c) = max over the competency's phrases of weight × match(P, D)
 *
 * Rules, added when lexical ≥ `LEXICAL_MIN`: +0.10 when the exchange's planned question lists the
 * competency; for positive evidence +0.05 each for numbers/metrics, named systems/tools, and
 * ownership (at least one "I" and no more "we" than "I"). A passage in which the candidate says they
 * have no example ("I can't think of…", "I've never had to…") is negative evidence (score 0.5) for
 * the competencies of the exchange's planned question. The score (capped at 1) is multiplied by
 * 1 − 0.1 × (sentences − 1), so a longer window must add real evidence to beat a shorter one.
 *
 * A passage is kept when its score is at least `EVIDENCE_THRESHOLD`; per exchange and competency the
 * best non-overlapping passages are kept, at most `MAX_PER_EXCHANGE`. Strength: strong ≥ 0.6,
 * moderate ≥ 0.45, else weak. `negative` when the best negative phrase beats the best positive one.
 * `anchorLevel` is the level of the best-matching anchor behaviour when it matches at least
 * `ANCHOR_MIN` (0.3), for the draft rating.
 */
import type { RoundInput } from './analyze.ts';
import type { ExchangeDetail } from './exchanges.ts';
import { answerTimeAt } from './exchanges.ts';
import { contentStem, round, sentences, type Span, type Token, tokenize, truncate } from './text.ts';

export const EVIDENCE_THRESHOLD = 0.35;
export const LEXICAL_MIN = 0.2;
/** A passage takes an anchor's level (for the draft rating) when it matches the anchor at least this well. */
export const ANCHOR_MIN = 0.3;
export const STRENGTH = { strong: 0.6, moderate: 0.45 } as const;
export const BM25 = { k1: 1.2, b: 0.75 } as const;
export const PHRASE_WEIGHTS = { name: 0.6, definition: 0.8, signal: 1, anchor: 1, redFlag: 1 } as const;
export const RULE_BONUS = { targeted: 0.1, specificity: 0.05 } as const;
export const WINDOW_PENALTY = 0.1;
export const MAX_PER_EXCHANGE = 3;
export const NO_EXAMPLE_SCORE = 0.5;

export type Strength = 'strong' | 'moderate' | 'weak';
export type AnchorLevel = 1 | 2 | 3 | 4;

export interface Evidence {
  competencyId: string;
  exchange: number;
  /** Exactly `exchange.answer.slice(offset, offset + quote.length)`. */
  quote: string;
  /** Offset of the quote in the exchange's answer. */
  offset: number;
  startMs: number;
  strength: Strength;
  negative: boolean;
  /** 0–1 (see the module comment). */
  score: number;
  /** The anchor level whose behaviours the passage matches best, when one matches at least ANCHOR_MIN. */
  anchorLevel: AnchorLevel | null;
  reasons: string[];
}

export interface Star {
  exchange: number;
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
  /** Share of the four parts present: 0, 0.25, 0.5, 0.75 or 1. */
  completeness: number;
}

type PhraseKind = keyof typeof PHRASE_WEIGHTS;

interface Phrase {
  competency: number;
  kind: PhraseKind;
  level: AnchorLevel | null;
  text: string;
  weight: number;
  negative: boolean;
  /** BM25 contribution of each of its terms. */
  terms: Map<string, number>;
  self: number;
  needShared: number;
}

export interface CompetencyIndex {
  competencies: RoundInput['competencies'];
  phrases: Phrase[];
  postings: Map<string, { phrase: number; w: number }[]>;
}

const KIND_LABEL: Record<PhraseKind, string> = { name: 'name', definition: 'definition', signal: 'positive signal', anchor: 'anchor', redFlag: 'red flag' };

/** The BM25 index of a round's competency indicators (build once per round). */
export function buildCompetencyIndex(competencies: RoundInput['competencies']): CompetencyIndex {
  const raw: Omit<Phrase, 'terms' | 'self' | 'needShared'>[] = [];
  competencies.forEach((c, ci) => {
    const add = (kind: PhraseKind, text: string, level: AnchorLevel | null = null, negative = false): void => {
      if (text.trim()) raw.push({ competency: ci, kind, level, text, weight: PHRASE_WEIGHTS[kind], negative });
    };
    add('name', c.name);
    // "It is not producing dashboards…": a definition's exclusions are negative indicators.
    for (const s of sentences(c.definition ?? '')) add('definition', s.text, null, /^(?:it is not|it isn't|it's not|this is not|not)\b/i.test(s.text));
    for (const s of c.positiveSignals ?? []) add('signal', s);
    for (const level of [1, 2, 3, 4] as const) for (const b of c.anchors?.[String(level) as '1'] ?? []) add('anchor', b, level, level === 1);
    for (const s of c.redFlags ?? []) add('redFlag', s, null, true);
  });
  const tfs = raw.map((p) => {
    const tf = new Map<string, number>();
    for (const t of tokenize(p.text)) {
      const s = contentStem(t.lower);
      if (s !== null) tf.set(s, (tf.get(s) ?? 0) + 1);
    }
    return tf;
  });
  const n = raw.length;
  const lengths = tfs.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
  const avgdl = n ? lengths.reduce((a, b) => a + b, 0) / n || 1 : 1;
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const postings = new Map<string, { phrase: number; w: number }[]>();
  const phrases: Phrase[] = raw.map((p, i) => {
    const terms = new Map<string, number>();
    let self = 0;
    for (const [t, f] of tfs[i]!) {
      const d = df.get(t)!;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      const w = (idf * f * (BM25.k1 + 1)) / (f + BM25.k1 * (1 - BM25.b + (BM25.b * lengths[i]!) / avgdl));
      terms.set(t, w);
      self += w;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push({ phrase: i, w });
    }
    return { ...p, terms, self, needShared: Math.min(2, terms.size) };
  });
  return { competencies, phrases, postings };
}

// ---- specificity signals -------------------------------------------------------------------------

const NUMBER = /(?:[$€£]\s?)?\b\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent|x|k|m|bn|million|billion|thousand|hundred)\b|%)?(?:\s(?:people|engineers|developers|customers|users|clients|teams?|reports|weeks?|months?|years?|days?|hours?|minutes|times|products|markets|countries|offices|sites|stores|releases|deploys|deployments|services|accounts|deals|hires)\b)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a hundred|a thousand)\s(?:percent|people|engineers|developers|customers|users|teams|weeks|months|years|days|hours|times|products|markets|countries|releases|hires|reports)\b|\b(?:doubled|tripled|halved|quadrupled)\b/gi;
const YEAR_ONLY = /^(?:19|20)\d\d$/;

/** Numbers and metrics ("40%", "3 weeks", "$2m", "doubled"); a bare year does not count. */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const s = m[0].trim();
    if (!YEAR_ONLY.test(s) && !out.includes(s)) out.push(s);
  }
  return out;
}

const NOT_TOOLS: ReadonlySet<string> = new Set(
  ("I I'm I've I'd I'll OK Okay So And But Then Yes No Yeah Well Um Uh Oh Mr Mrs Ms Dr AM PM " +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December ' +
    'English German French Spanish Christmas Easter God Q1 Q2 Q3 Q4 H1 H2')
    .split(' ')
    .map((w) => w.toLowerCase()),
);

/**
 * Named systems and tools: acronyms ("AWS", "KPIs"), camel case ("PostgreSQL", "iOS"), letters with
 * digits ("EC2", "K8s") and capitalised words that do not start a sentence ("Snowflake"), minus
 * pronouns, months, days and the `exclude` words (the candidate's name).
 */
export function namedToolsIn(text: string, exclude: ReadonlySet<string> = new Set()): string[] {
  const starts = new Set(sentences(text).map((s) => s.start));
  return toolsOf(text, tokenize(text), starts, exclude);
}

function toolsOf(text: string, tokens: readonly Token[], sentenceStarts: ReadonlySet<number>, exclude: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (!/[A-Z0-9]/.test(t.text)) continue;
    const w = t.text.replace(/['’]s$/, '');
    const lower = w.toLowerCase();
    if (NOT_TOOLS.has(lower) || exclude.has(lower) || w.length < 2) continue;
    const acronym = /^[A-Z]{2,6}s?$/.test(w);
    const camel = /^[a-z]+[A-Z]\w*$|^[A-Z][a-z]+[A-Z]\w*$/.test(w);
    const alnum = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+$/.test(w) && /[A-Z]/.test(w);
    const capital = /^\p{Lu}\p{Ll}+$/u.test(w) && !sentenceStarts.has(t.start) && !/[:"“]\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start));
    if ((acronym || camel || alnum || capital) && !out.includes(w)) out.push(w);
  }
  return out;
}

/** First-person singular ("I", "I'm", "me", "my") and plural ("we", "our", "us") counts. */
export function ownershipIn(text: string): { i: number; we: number } {
  return ownershipOf(tokenize(text));
}

function ownershipOf(tokens: readonly Token[]): { i: number; we: number } {
  let i = 0;
  let we = 0;
  for (const t of tokens) {
    const w = t.lower;
    if (/^(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)$/.test(w)) i++;
    else if (/^(?:we|we're|we've|we'd|we'll|our|ours|us|ourselves)$/.test(w)) we++;
  }
  return { i, we };
}

// ---- STAR ---------------------------------------------------------------------------------------

const SITUATION = /\b(?:when i (?:joined|started|arrived|took over|came in|moved)|at the time|back (?:then|in (?:19|20)\d\d)|we had (?:a|an|no|about|around|roughly|some|this|these|those|two|three|four|five|several|many|over|only|just|\d+)|there (?:was|were) (?:a|an|no|this|some|several|many)|the (?:situation|context|background|company|team|business|product|organi[sz]ation) (?:was|had|were)|in my (?:last|previous|former|current|first) (?:role|job|company|position)|at my (?:last|previous|former|current) (?:company|job|role|employer)|a (?:few|couple of) years ago|(?:last|this) (?:year|quarter))\b/i;
const TASK = /\b(?:my (?:job|role|task|mandate|brief|responsibility|remit) was|i was (?:asked|hired|brought in|tasked|responsible|expected|supposed|charged) (?:to|for|with)|the (?:goal|aim|objective|challenge|problem|task|mandate|target|ask) (?:was|is)|our (?:goal|aim|objective|target|mandate) was|we (?:needed|had) to|i (?:needed|had) to|the goal|i wanted to)\b/i;
const ACTION = /\bI (?:then |first |also |personally |actually |quickly |eventually |immediately |finally |just |initially )?(?:built|led|decided|hired|proposed|created|designed|set up|introduced|ran|wrote|negotiated|convinced|organi[sz]ed|launched|restructured|changed|moved|drove|implemented|pushed|brought|asked|met|spoke|talked|reviewed|analy[sz]ed|defined|established|rolled out|fired|coached|mentored|delegated|escalated|prioriti[sz]ed|cut|replaced|migrated|automated|chose|made|sat down|pulled|put|took|gave|shipped|owned|championed|persuaded|aligned|reorgani[sz]ed|split|merged|killed|stopped|paused|challenged|presented|pitched|secured|recruited|trained|documented|measured|tested|worked with|partnered|redesigned|refactored|rewrote|scaled|funded|invested|reduced|increased|brokered|facilitated|mapped|interviewed|wrote|framed)\b/i;
const RESULT = /\b(?:as a result|which meant|that meant|this meant|the (?:result|outcome|impact) was|resulted in|in the end|ended up|by the end|(?:reduced|increased|grew|cut|improved|saved|dropped|doubled|tripled|halved|raised|lowered|boosted|decreased|went (?:up|down)|fell|rose|shortened|lifted)\b[^.?!]{0,60}?(?:\d|percent|half|double|twice)|\d+(?:\.\d+)?\s?(?:%|percent|per cent|x\b))|\b(?:doubled|tripled|halved)\b/i;

/**
 * STAR parts of an answer from cue words. Situation: "when I joined", "at the time", "we had…";
 * task: "my job was", "I was asked to", "the goal"; action: "I" + an action verb ("I built", "I led",
 * "I decided"), or "I" + any regular past tense other than a state or wish ("I postponed", not "I wanted"); result: "as a result", "which meant", a percentage or multiplier, or a change verb
 * followed by a number ("reduced churn by 3 points"). Plain numbers are specificity, not a result.
 */
const REGULAR_ACTION = /\bI (?:then |first |also |personally |actually |quickly |eventually |immediately |finally |just |initially )?([a-z]{3,}ed)\b/gi;
const NOT_ACTIONS: ReadonlySet<string> = new Set(
  'wanted needed liked loved hoped wondered guessed supposed used seemed learned learnt noticed realised realized assumed believed expected preferred enjoyed hated feared worried remembered imagined joined started'.split(' '),
);

function hasAction(answer: string): boolean {
  if (ACTION.test(answer)) return true;
  for (const m of answer.matchAll(REGULAR_ACTION)) if (!NOT_ACTIONS.has(m[1]!.toLowerCase())) return true;
  return false;
}

export function starOf(answer: string): Omit<Star, 'exchange'> {
  const situation = SITUATION.test(answer);
  const task = TASK.test(answer);
  const action = hasAction(answer);
  const result = RESULT.test(answer);
  return { situation, task, action, result, completeness: [situation, task, action, result].filter(Boolean).length / 4 };
}

// ---- passages -----------------------------------------------------------------------------------

const NO_EXAMPLE = /\b(?:i (?:can't|cannot|can not|don't|do not) (?:really )?(?:think of|remember|recall)(?:(?: an?| any| one)? (?:example|time|situation|case))?|i(?:'ve| have) (?:never|not) (?:really )?(?:had to|done|been in|dealt with|faced)|i haven't (?:really )?(?:had to|done|been in|dealt with|faced)|(?:that's|it's|it was) not (?:really )?(?:my area|something i (?:did|do|have done))|i(?:'m| am) not sure i have (?:an? )?(?:example|story))\b/i;

/** Sentences of an answer, with any over 40 words cut into pieces of at most 30 words. */
export function passageUnits(text: string): Span[] {
  const out: Span[] = [];
  for (const s of sentences(text)) {
    const toks = s.text.length < 160 ? [] : tokenize(s.text);
    if (toks.length <= 40) {
      out.push(s);
      continue;
    }
    let from = 0;
    while (from < toks.length) {
      let to = Math.min(toks.length, from + 30);
      if (to < toks.length) {
        for (let k = to - 1; k > from + 14; k--) {
          if (s.text.slice(toks[k]!.end, toks[k + 1]!.start).includes(',')) {
            to = k + 1;
            break;
          }
        }
      }
      if (toks.length - to < 8) to = toks.length;
      const a = s.start + toks[from]!.start;
      const b = to >= toks.length ? s.end : s.start + toks[to - 1]!.end + (/[,;:]/.test(s.text[toks[to - 1]!.end] ?? '') ? 1 : 0);
      out.push({ start: a, end: b, text: text.slice(a, b) });
      from = to;
    }
  }
  return out;
}

interface UnitInfo {
  span: Span;
  /** Content stem → the first word it came from. */
  stems: Map<string, string>;
  numbers: string[];
  tools: string[];
  i: number;
  we: number;
  noExample: string | null;
}

/** A window above the threshold; its reasons are written only if it is kept. */
interface Candidate {
  competency: number;
  first: number;
  last: number;
  score: number;
  negative: boolean;
  /** The phrase behind the lexical score, or -1 for a "no example" passage without one. */
  phrase: number;
  lexical: number;
  level: AnchorLevel | null;
  targeted: boolean;
  noExample: string | null;
}

function union(lists: readonly string[][]): string[] {
  const out: string[] = [];
  for (const l of lists) for (const x of l) if (!out.includes(x)) out.push(x);
  return out;
}

const NUMBER_HINT = /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|doubled|tripled|halved|quadrupled)\b/i;

function unitInfo(span: Span, exclude: ReadonlySet<string>): UnitInfo {
  const tokens = tokenize(span.text);
  const stems = new Map<string, string>();
  for (const t of tokens) {
    const s = contentStem(t.lower);
    if (s !== null && !stems.has(s)) stems.set(s, t.text);
  }
  const own = ownershipOf(tokens);
  return {
    span,
    stems,
    numbers: NUMBER_HINT.test(span.text) ? numbersIn(span.text) : [],
    tools: toolsOf(span.text, tokens, new Set([0]), exclude),
    i: own.i,
    we: own.we,
    noExample: NO_EXAMPLE.exec(span.text)?.[0] ?? null,
  };
}

function reasonsOf(index: CompetencyIndex, c: Candidate, units: readonly UnitInfo[]): string[] {
  const reasons: string[] = [];
  const us = units.slice(c.first, c.last + 1);
  if (c.noExample !== null && c.phrase < 0) reasons.push(`no example given: "${c.noExample}"`);
  if (c.phrase >= 0) {
    const ph = index.phrases[c.phrase]!;
    const words = new Map<string, string>();
    for (const u of us) for (const [s, w] of u.stems) if (!words.has(s)) words.set(s, w);
    const shared = [...ph.terms.keys()].filter((t) => words.has(t)).map((t) => words.get(t)!);
    const label = ph.kind === 'anchor' ? `anchor ${ph.level}` : KIND_LABEL[ph.kind];
    if (c.noExample !== null && c.negative) reasons.push(`no example given: "${c.noExample}"`);
    reasons.push(`${label}: "${truncate(ph.text)}" (${Math.round((c.lexical / ph.weight) * 100)}% of its terms; shared: ${shared.join(', ')})`);
    if (c.targeted) reasons.push('asked by a planned question for this competency');
    if (!c.negative) {
      const numbers = union(us.map((u) => u.numbers));
      const tools = union(us.map((u) => u.tools));
      if (numbers.length) reasons.push(`numbers/metrics: ${numbers.slice(0, 4).join(', ')}`);
      if (tools.length) reasons.push(`named systems/tools: ${tools.slice(0, 4).join(', ')}`);
    }
  }
  const i = us.reduce((a, u) => a + u.i, 0);
  const we = us.reduce((a, u) => a + u.we, 0);
  if (i + we > 0) reasons.push(`first person: ${i} "I" vs ${we} "we"`);
  return reasons;
}

/** Evidence of every exchange for every competency of the index. */
export function findEvidence(
  index: CompetencyIndex,
  exchanges: readonly ExchangeDetail[],
  /** Per exchange, the competency ids of the planned question it asked (or probed). */
  targeted: readonly (readonly string[])[],
  exclude: ReadonlySet<string> = new Set(),
): Evidence[] {
  const all: Evidence[] = [];
  const nc = index.competencies.length;
  if (nc === 0) return all;
  const np = index.phrases.length;
  const score = new Float64Array(np);
  const shared = new Int32Array(np);
  const touched: number[] = [];
  const pos = new Float64Array(nc);
  const neg = new Float64Array(nc);
  const posPhrase = new Int32Array(nc);
  const negPhrase = new Int32Array(nc);
  const levelScore = new Float64Array(nc);
  const level = new Int32Array(nc);
  const seen = new Set<string>();

  for (const ex of exchanges) {
    if (!ex.answer.trim()) continue;
    const units = passageUnits(ex.answer).map((span) => unitInfo(span, exclude));
    const targets = index.competencies.map((c) => (targeted[ex.index] ?? []).includes(c.id));
    const byCompetency: Candidate[][] = index.competencies.map(() => []);

    for (let first = 0; first < units.length; first++) {
      let noExample: string | null = null;
      let hasNumbers = false;
      let hasTools = false;
      let i = 0;
      let we = 0;
      seen.clear();
      for (const p of touched) {
        score[p] = 0;
        shared[p] = 0;
      }
      touched.length = 0;
      // Grow the window one unit at a time, adding only the stems it has not seen yet.
      for (let last = first; last < Math.min(units.length, first + 3); last++) {
        const u = units[last]!;
        noExample ??= u.noExample;
        hasNumbers ||= u.numbers.length > 0;
        hasTools ||= u.tools.length > 0;
        i += u.i;
        we += u.we;
        for (const s of u.stems.keys()) {
          if (seen.has(s)) continue;
          seen.add(s);
          const list = index.postings.get(s);
          if (!list) continue;
          for (const post of list) {
            if (shared[post.phrase] === 0) touched.push(post.phrase);
            score[post.phrase]! += post.w;
            shared[post.phrase]!++;
          }
        }
        pos.fill(0);
        neg.fill(0);
        posPhrase.fill(-1);
        negPhrase.fill(-1);
        levelScore.fill(0);
        level.fill(0);
        for (const p of touched) {
          const ph = index.phrases[p]!;
          if (shared[p]! < ph.needShared) continue;
          const m = (ph.weight * score[p]!) / ph.self;
          const ci = ph.competency;
          if (ph.negative) {
            if (m > neg[ci]!) [neg[ci], negPhrase[ci]] = [m, p];
          } else if (m > pos[ci]!) [pos[ci], posPhrase[ci]] = [m, p];
          if (ph.level !== null && m > levelScore[ci]!) [levelScore[ci], level[ci]] = [m, ph.level];
        }
        const k = last - first + 1;
        for (let ci = 0; ci < nc; ci++) {
          const lexical = Math.max(pos[ci]!, neg[ci]!);
          const isTarget = targets[ci]!;
          const noEx = noExample !== null && isTarget;
          if (lexical < LEXICAL_MIN && !noEx) continue;
          let negative = neg[ci]! > pos[ci]!;
          let s = 0;
          let phrase = -1;
          if (lexical >= LEXICAL_MIN) {
            s = lexical;
            phrase = negative ? negPhrase[ci]! : posPhrase[ci]!;
            if (isTarget) s += RULE_BONUS.targeted;
            if (!negative) {
              if (hasNumbers) s += RULE_BONUS.specificity;
              if (hasTools) s += RULE_BONUS.specificity;
              if (i > 0 && i >= we) s += RULE_BONUS.specificity;
            }
          }
          if (noEx && s < NO_EXAMPLE_SCORE) {
            s = NO_EXAMPLE_SCORE;
            negative = true;
          }
          s = Math.min(1, s) * (1 - WINDOW_PENALTY * (k - 1));
          if (s < EVIDENCE_THRESHOLD) continue;
          byCompetency[ci]!.push({
            competency: ci,
            first,
            last,
            score: round(s),
            negative,
            phrase,
            lexical,
            level: levelScore[ci]! >= ANCHOR_MIN ? (level[ci] as AnchorLevel) : null,
            targeted: isTarget,
            noExample: noEx ? noExample : null,
          });
        }
      }
    }
    for (const list of byCompetency) {
      list.sort((a, b) => b.score - a.score || a.last - a.first - (b.last - b.first) || a.first - b.first);
      const kept: Candidate[] = [];
      for (const c of list) {
        if (kept.length >= MAX_PER_EXCHANGE) break;
        if (kept.some((k) => c.first <= k.last && k.first <= c.last)) continue;
        kept.push(c);
      }
      for (const c of kept) {
        const offset = units[c.first]!.span.start;
        all.push({
          competencyId: index.competencies[c.competency]!.id,
          exchange: ex.index,
          quote: ex.answer.slice(offset, units[c.last]!.span.end),
          offset,
          startMs: answerTimeAt(ex, offset),
          strength: c.score >= STRENGTH.strong ? 'strong' : c.score >= STRENGTH.moderate ? 'moderate' : 'weak',
          negative: c.negative,
          score: c.score,
          anchorLevel: c.level,
          reasons: reasonsOf(index, c, units),
        });
      }
    }
  }
  const order = new Map(index.competencies.map((c, i) => [c.id, i]));
  return all.sort((a, b) => a.exchange - b.exchange || a.offset - b.offset || order.get(a.competencyId)! - order.get(b.competencyId)!);
}
