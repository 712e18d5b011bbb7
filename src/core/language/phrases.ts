/**
 * Exclusionary and biased phrases (content/language/phrases.json): case-insensitive, whole-word
 * matches (a letter, digit or underscore on either side blocks a match, in any script), offsets in
 * UTF-16 code units of the original input. A plain pattern matches any run of whitespace where it
 * has a space, a hyphen or whitespace (or nothing) where it has a hyphen, and either apostrophe.
 *
 * An entry's `replacement` (a string for every match, or a map keyed by `phraseReplacementKey` of the
 * match) becomes the finding's drop-in `replacement`, recased to the match, unless an "a"/"an" before
 * the match or the verb after a "they" would no longer agree (replacement.ts).
 */
import { phraseData, type PhraseData, type PhraseEntry } from './data.ts';
import { articleAgrees, matchCase, pronounAgrees } from './replacement.ts';
import type { Finding } from './types.ts';

interface CompiledPhrase {
  entry: PhraseEntry;
  re: RegExp;
  /** One replacement for every match, or one per normalised match; null when the entry has none. */
  replacement: string | Map<string, string> | null;
}

/**
 * The key a match is looked up by in a replacement map: lower-cased, ’ as ', whitespace around "/"
 * removed, and every run of whitespace and hyphens (-, U+2010, U+2011) as one space. So "Rock-Star",
 * "rock  star" and "rock star" share the key "rock star", and "He / She" is "he/she".
 */
export function phraseReplacementKey(match: string): string {
  return match
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\s*\/\s*/g, '/')
    .replace(/[\s\-\u2010\u2011]+/g, ' ');
}

const compiledCache = new WeakMap<PhraseData, CompiledPhrase[]>();

/** The regular-expression source of a plain phrase. */
export function plainPhraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((word) =>
      word
        .split('-')
        .map((piece) => piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]"))
        .join('(?:[-\\u2010\\u2011]|\\s+)?'),
    )
    .join('\\s+');
}

export function compilePhrase(entry: PhraseEntry): RegExp {
  const body = entry.regex ? entry.pattern : plainPhraseSource(entry.pattern);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'giu');
}

function compileAll(data: PhraseData): CompiledPhrase[] {
  let compiled = compiledCache.get(data);
  if (!compiled) {
    compiled = data.phrases.map((entry) => ({
      entry,
      re: compilePhrase(entry),
      replacement:
        entry.replacement === undefined
          ? null
          : typeof entry.replacement === 'string'
            ? entry.replacement
            : new Map(Object.entries(entry.replacement).map(([k, v]) => [phraseReplacementKey(k), v])),
    }));
    compiledCache.set(data, compiled);
  }
  return compiled;
}

// Compiled at module load, so the first analysis is as fast as the rest.
compileAll(phraseData);

function replacementFor(input: string, start: number, end: number, text: string, replacement: CompiledPhrase['replacement']): string | null {
  if (replacement === null) return null;
  const word = typeof replacement === 'string' ? replacement : replacement.get(phraseReplacementKey(text));
  if (word === undefined || !articleAgrees(input, start, word) || !pronounAgrees(input, end, word)) return null;
  return matchCase(text, word);
}

export function findPhrases(input: string, opts: { senior: boolean }, data: PhraseData = phraseData): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, re, replacement } of compileAll(data)) {
    if (entry.whenSenior && !opts.senior) continue;
    re.lastIndex = 0;
    for (let m = re.exec(input); m !== null; m = re.exec(input)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const end = m.index + m[0].length;
      findings.push({
        kind: entry.category,
        text: m[0],
        start: m.index,
        end,
        message: entry.message,
        suggestion: entry.suggestion,
        replacement: replacementFor(input, m.index, end, m[0], replacement),
      });
    }
  }
  return findings;
}
