/**
 * Exclusionary and biased phrases (content/language/phrases.json): case-insensitive, whole-word
 * matches (a letter, digit or underscore on either side blocks a match, in any script), offsets in
 * UTF-16 code units of the original input. A plain pattern matches any run of whitespace where it
 * has a space, a hyphen or whitespace (or nothing) where it has a hyphen, and either apostrophe.
 */
import { phraseData, type PhraseData, type PhraseEntry } from './data.ts';
import type { Finding } from './types.ts';

interface CompiledPhrase {
  entry: PhraseEntry;
  re: RegExp;
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
    compiled = data.phrases.map((entry) => ({ entry, re: compilePhrase(entry) }));
    compiledCache.set(data, compiled);
  }
  return compiled;
}

export function findPhrases(input: string, opts: { senior: boolean }, data: PhraseData = phraseData): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, re } of compileAll(data)) {
    if (entry.whenSenior && !opts.senior) continue;
    re.lastIndex = 0;
    for (let m = re.exec(input); m !== null; m = re.exec(input)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      findings.push({ kind: entry.category, text: m[0], start: m.index, end: m.index + m[0].length, message: entry.message, suggestion: entry.suggestion });
    }
  }
  return findings;
}
