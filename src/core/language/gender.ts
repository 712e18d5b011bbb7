/**
 * Gender-coded wording (Gaucher, Friesen & Kay 2011) with the word stems of the Gender Decoder tool,
 * scored as DECISIONS 24 says: every word occurrence scores 1 for each coded stem it starts with (no
 * de-duplication), and `masculine`/`feminine` list each distinct word with its hit count.
 *
 * Tokenizing follows Gender Decoder: every non-ASCII character is a separator (so offsets into the
 * original string stay exact — a separator is never part of a token), as are ASCII whitespace (what
 * Python's `\s` matches below 128: tab, LF, VT, FF, CR, 0x1C–0x1F, space) and
 * `. , < > * ? ! " [ ] @ ' : ; ( ) / &`; `+` is not one. A word with hyphens is split at them unless
 * it starts with one of the hyphenated stems; empty pieces are dropped. Words starting with a
 * `neverCount` prefix ("sharepoint") never count.
 *
 * A masculine-coded finding gets a drop-in `replacement` from gender-replacements.json when its whole
 * word is listed there, the span is not part of a longer word ("data-driven"), the neighbouring
 * words do not override it and an "a"/"an" before it still agrees; feminine-coded findings never do.
 */
import { genderCodedData, genderReplacementData, type GenderCodedData, type GenderReplacementData } from './data.ts';
import { articleAgrees, matchCase, nextWord, prevWord, touchesWord } from './replacement.ts';
import type { Finding, GenderResult, GenderVerdict, WordCount } from './types.ts';

const SEPARATOR = new Uint8Array(128);
for (const c of ' \t\n\v\f\r\x1c\x1d\x1e\x1f.,<>*?!"[]@\':;()/&') SEPARATOR[c.charCodeAt(0)] = 1;

const HYPHEN = 45; // '-'

export interface GenderToken {
  start: number;
  end: number;
  /** Lower-cased; `input.slice(start, end).toLowerCase() === word`. */
  word: string;
}

interface CompiledStems {
  hyphenated: string[];
  neverCount: string[];
  /** First letter → stems starting with it, in list order. */
  masculine: Map<string, string[]>;
  feminine: Map<string, string[]>;
}

const compiledCache = new WeakMap<GenderCodedData, CompiledStems>();

function byFirstLetter(stems: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const stem of stems) {
    const key = stem.charAt(0);
    const list = map.get(key);
    if (list) list.push(stem);
    else map.set(key, [stem]);
  }
  return map;
}

function compile(data: GenderCodedData): CompiledStems {
  let compiled = compiledCache.get(data);
  if (!compiled) {
    compiled = {
      hyphenated: data.hyphenated.map((s) => s.toLowerCase()),
      neverCount: data.neverCount.map((s) => s.toLowerCase()),
      masculine: byFirstLetter(data.masculine.map((s) => s.toLowerCase())),
      feminine: byFirstLetter(data.feminine.map((s) => s.toLowerCase())),
    };
    compiledCache.set(data, compiled);
  }
  return compiled;
}

interface CompiledReplacement {
  word: string;
  next: Map<string, string | null> | null;
  prev: Map<string, string | null> | null;
}

const replacementCache = new WeakMap<GenderReplacementData, Map<string, CompiledReplacement>>();

function compileReplacements(data: GenderReplacementData): Map<string, CompiledReplacement> {
  let compiled = replacementCache.get(data);
  if (!compiled) {
    const toMap = (o: Record<string, string | null> | undefined) => (o ? new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v])) : null);
    compiled = new Map(
      Object.entries(data.replacements).map(([key, word]) => {
        const context = data.context[key];
        return [key.toLowerCase(), { word, next: toMap(context?.next), prev: toMap(context?.prev) }];
      }),
    );
    replacementCache.set(data, compiled);
  }
  return compiled;
}

// Compiled at module load, so the first analysis is as fast as the rest.
compile(genderCodedData);
compileReplacements(genderReplacementData);

/** The drop-in replacement for a masculine-coded token, recased to `text`; null when there is none. */
export function genderReplacement(input: string, token: GenderToken, data: GenderReplacementData = genderReplacementData): string | null {
  const entry = compileReplacements(data).get(token.word);
  if (!entry || touchesWord(input, token.start, token.end)) return null;
  let word: string | null = entry.word;
  const next = entry.next && nextWord(input, token.end);
  const prev = entry.prev && prevWord(input, token.start);
  if (next && entry.next!.has(next)) word = entry.next!.get(next)!;
  else if (prev && entry.prev!.has(prev)) word = entry.prev!.get(prev)!;
  if (word === null || !articleAgrees(input, token.start, word)) return null;
  return matchCase(input.slice(token.start, token.end), word);
}

function isSeparator(code: number): boolean {
  return code >= 128 || SEPARATOR[code] === 1;
}

/** The words Gender Decoder would see, with their offsets in the original input. */
export function genderTokens(input: string, data: GenderCodedData = genderCodedData): GenderToken[] {
  const { hyphenated } = compile(data);
  const tokens: GenderToken[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    if (isSeparator(input.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSeparator(input.charCodeAt(j))) j++;
    // Tokens are pure ASCII, so lower-casing keeps their length and offsets.
    const word = input.slice(i, j).toLowerCase();
    if (!word.includes('-') || hyphenated.some((stem) => word.startsWith(stem))) {
      tokens.push({ start: i, end: j, word });
    } else {
      let pieceStart = i;
      for (let k = i; k <= j; k++) {
        if (k === j || input.charCodeAt(k) === HYPHEN) {
          if (k > pieceStart) tokens.push({ start: pieceStart, end: k, word: word.slice(pieceStart - i, k - i) });
          pieceStart = k + 1;
        }
      }
    }
    i = j;
  }
  return tokens;
}

/** Feminine minus masculine hits: 0 neutral ("empty" without coded words), ±1..3 coded, beyond ±3 strongly coded. */
export function genderVerdict(feminineHits: number, masculineHits: number): GenderVerdict {
  const score = feminineHits - masculineHits;
  if (score === 0) return feminineHits === 0 ? 'empty' : 'neutral';
  if (score > 3) return 'strongly feminine-coded';
  if (score > 0) return 'feminine-coded';
  if (score < -3) return 'strongly masculine-coded';
  return 'masculine-coded';
}

function stemsOf(word: string, table: Map<string, string[]>): string[] {
  const candidates = table.get(word.charAt(0));
  if (!candidates) return [];
  return candidates.filter((stem) => word.startsWith(stem));
}

function quoteList(stems: string[]): string {
  return stems.map((s) => `"${s}"`).join(' and ');
}

export interface GenderAnalysis extends GenderResult {
  masculineHits: number;
  feminineHits: number;
  findings: Finding[];
}

export function analyzeGender(input: string, data: GenderCodedData = genderCodedData, replacements: GenderReplacementData = genderReplacementData): GenderAnalysis {
  const stems = compile(data);
  const masculine = new Map<string, number>();
  const feminine = new Map<string, number>();
  let masculineHits = 0;
  let feminineHits = 0;
  const findings: Finding[] = [];
  for (const token of genderTokens(input, data)) {
    const { word } = token;
    if (stems.neverCount.some((prefix) => word.startsWith(prefix))) continue;
    const text = input.slice(token.start, token.end);
    const m = stemsOf(word, stems.masculine);
    if (m.length > 0) {
      masculineHits += m.length;
      masculine.set(word, (masculine.get(word) ?? 0) + m.length);
      findings.push({
        kind: 'masculine-coded',
        text,
        start: token.start,
        end: token.end,
        message:
          `"${text}" is masculine-coded (stem ${quoteList(m)}${m.length > 1 ? `, so it counts ${m.length} times` : ''}). ` +
          'In Gaucher, Friesen & Kay (2011), ads heavy in such words were less appealing to women, who expected to belong less.',
        suggestion: 'Describe the behaviour the job needs in plain terms, or balance it with words about working with others.',
        replacement: genderReplacement(input, token, replacements),
      });
    }
    const f = stemsOf(word, stems.feminine);
    if (f.length > 0) {
      feminineHits += f.length;
      feminine.set(word, (feminine.get(word) ?? 0) + f.length);
      findings.push({
        kind: 'feminine-coded',
        text,
        start: token.start,
        end: token.end,
        message:
          `"${text}" is feminine-coded (stem ${quoteList(f)}${f.length > 1 ? `, so it counts ${f.length} times` : ''}). ` +
          'The same study found such wording did not make ads less appealing to men, so nothing needs to change.',
        suggestion: null,
        replacement: null,
      });
    }
  }
  const list = (counts: Map<string, number>): WordCount[] => [...counts].map(([word, count]) => ({ word, count }));
  return {
    verdict: genderVerdict(feminineHits, masculineHits),
    masculine: list(masculine),
    feminine: list(feminine),
    masculineHits,
    feminineHits,
    findings,
  };
}
