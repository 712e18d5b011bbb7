/**
 * Shared text helpers of the interview-intelligence engine: sentence spans, word tokens with offsets,
 * stop words and a light suffix-stripping stemmer. Pure; offsets are UTF-16 code units into the input,
 * end-exclusive, with `text.slice(start, end) === span.text`.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Token extends Span {
  /** Lower-cased, typographic apostrophes straightened. */
  lower: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Word tokens (letters and digits, inner apostrophes kept) with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase().replace(/’/g, "'") });
  }
  return out;
}

export function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'approx', 'no', 'nos', 'dept', 'est', 'fig', 'u.s', 'u.k', 'a.m', 'p.m', 'ca', 'cf', 'al',
]);

/**
 * Sentence spans, trimmed. A sentence ends at `.`, `?`, `!` or `…` (runs of them, plus closing quotes
 * and brackets) followed by white space or the end, or at a line break; a full stop after a known
 * abbreviation ("e.g.", "Mr.") or a single-letter initial does not end one, nor does one inside a
 * number ("3.5").
 */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (s: number, e: number): void => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(start, i);
      start = i + 1;
      i++;
      continue;
    }
    if (ch === '.' || ch === '?' || ch === '!' || ch === '…') {
      let j = i;
      while (j < text.length && /[.?!…]/.test(text[j]!)) j++;
      while (j < text.length && /["'”’)\]]/.test(text[j]!)) j++;
      const atEnd = j >= text.length || /\s/.test(text[j]!);
      if (atEnd && ch === '.' && j === i + 1) {
        // A lone full stop: not after an abbreviation or an initial.
        let w = i;
        while (w > 0 && /[\p{L}.]/u.test(text[w - 1]!)) w--;
        const word = text.slice(w, i).toLowerCase();
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) {
          i = j;
          continue;
        }
      }
      if (atEnd) {
        push(start, j);
        start = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  push(start, text.length);
  return out;
}

/** Function words and conversational fillers, ignored by the similarity measures. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each either else ever every few for from further get gets getting got ' +
    'had has have having he her here hers herself him himself his how however i if in into is it its itself just let me ' +
    'more most much must my myself no nor not now of off on once one only or other our ours ourselves out over own per ' +
    'quite rather really same she should so some such than that the their theirs them themselves then there these they ' +
    'this those through to too under until up upon us very was we were what when where which while who whom whose why ' +
    'will with within without would you your yours yourself yourselves ' +
    // conversational fillers
    'um umm uh uhm er erm hmm mm mhm yeah yep yes ok okay oh ah well like kind sort basically actually literally ' +
    'gonna wanna gotta thing things stuff lot lots bit pretty maybe probably sure right mean guess anyway ' +
    // number words (numbers are a specificity signal, not a topic)
    'two three four five six seven eight nine ten first second third'
  ).split(' '),
);

/** Words that frame a question rather than say what it is about ("Tell me about a time…"). */
export const FRAME_WORDS: ReadonlySet<string> = new Set(
  'tell describe walk talk explain example examples time times question questions hear curious'.split(' '),
);

const CONTRACTION = /'(?:m|re|ve|ll|d|t|s)$/;

/**
 * A light suffix-stripping stemmer (consistency matters more than linguistics: both sides of every
 * comparison go through it): -ise/-yse become -ize/-yze, plurals fold, -ies and a final -y go ("delivery" ≈ "delivered"), then one of
 * -ational/-ation/-ment/-ness/-tion/-ive/-ingly/-edly/-ing/-ed/-ly/-er (-er only leaving five letters, so
 * "career" stays apart from "cared"), a final -e and a doubled final consonant
 * are dropped, keeping at least three letters; a few irregular past forms map to the base verb ("led" → "lead"). "measured", "measures", "measurement" → "measur".
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const result = stemUncached(word);
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

/** A memo of `stem` (a pure function, so the cache is invisible); cleared when full. */
const stemCache = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

function stemUncached(word: string): string {
  let w = word.toLowerCase();
  w = IRREGULAR[w] ?? w;
  if (w.length <= 3 || /\d/.test(w)) return w;
  w = w.replace(/([iy])s(e|es|ed|ing|ation|ations|er|ers)$/, '$1z$2');
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3);
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length + replacement.length >= (suffix.startsWith('er') ? 5 : 3)) {
      if (suffix.startsWith('er') && w.endsWith(`e${suffix}`)) break;
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (/([b-df-hj-np-rtv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Irregular past forms of verbs common in interview answers, to their base form. */
const IRREGULAR: Readonly<Record<string, string>> = {
  led: 'lead', built: 'build', ran: 'run', made: 'make', grew: 'grow', grown: 'grow', chose: 'choose', chosen: 'choose',
  drove: 'drive', driven: 'drive', wrote: 'write', written: 'write', brought: 'bring', thought: 'think', taught: 'teach',
  sold: 'sell', told: 'tell', took: 'take', taken: 'take', gave: 'give', given: 'give', began: 'begin', begun: 'begin',
  spent: 'spend', knew: 'know', known: 'know', met: 'meet', kept: 'keep', won: 'win', lost: 'lose', paid: 'pay',
  found: 'find', felt: 'feel', held: 'hold', meant: 'mean', saw: 'see', seen: 'see', went: 'go', gone: 'go',
  people: 'person', bought: 'buy', spoke: 'speak', spoken: 'speak', understood: 'understand', shipped: 'ship',
};

const SUFFIXES: [string, string][] = [
  ['izations', 'ize'],
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ments', ''],
  ['ment', ''],
  ['ness', ''],
  ['tions', 't'],
  ['tion', 't'],
  ['ives', ''],
  ['ive', ''],
  ['ingly', ''],
  ['edly', ''],
  ['ings', ''],
  ['ing', ''],
  ['ers', ''],
  ['er', ''],
  ['ed', ''],
  ['ly', ''],
];

/** Is this lower-cased token a stop word, a contraction or a single character? */
export function isStop(lower: string): boolean {
  return lower.length < 2 || STOP_WORDS.has(lower) || CONTRACTION.test(lower);
}

/** Stem of a lower-cased token, with a possessive 's removed; null for stop words. */
export function contentStem(lower: string): string | null {
  const w = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
  if (isStop(w)) return null;
  return stem(w);
}

export interface StemToken {
  stem: string;
  /** The word as written. */
  word: string;
  start: number;
  end: number;
}

/** Content-word stems of `text` in order, with the words they came from. */
export function stemTokens(text: string, exclude?: ReadonlySet<string>): StemToken[] {
  const out: StemToken[] = [];
  for (const t of tokenize(text)) {
    if (exclude?.has(t.lower)) continue;
    const s = contentStem(t.lower);
    if (s !== null && !exclude?.has(s)) out.push({ stem: s, word: t.text, start: t.start, end: t.end });
  }
  return out;
}

/** Content-word stems of `text` in order. */
export function contentStems(text: string, exclude?: ReadonlySet<string>): string[] {
  return stemTokens(text, exclude).map((t) => t.stem);
}

/**
 * Lower case, diacritics folded ("Grün" → "grun", "ß" → "ss", "Ø" → "o") and the German
 * transliterations ae/oe/ue folded the same way ("Gruen" → "grun"), for comparing names.
 */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([aou])e/g, '$1');
}

/** Rounds to `digits` decimals (for stable, readable output). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A time proportional to `offset` within a text of `length` spoken from `startMs` to `endMs`. */
export function timeAt(startMs: number, endMs: number, offset: number, length: number): number {
  if (length <= 0 || endMs <= startMs) return startMs;
  return Math.round(startMs + ((endMs - startMs) * Math.min(Math.max(offset, 0), length)) / length);
}

/** Shortens `text` to at most `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
