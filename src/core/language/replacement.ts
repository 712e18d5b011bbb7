/**
 * Drop-in replacements for findings (docs/language.md, "Replacements"): the shared rules that keep a
 * one-click swap grammatical. A replacement is written in lower case in the data and recased to the
 * flagged text; it is withheld (null) when the words around the span would make it read wrongly.
 */

const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}\-\u2010\u2011]/u;
const PREV_ARTICLE = /(?:^|[^\p{L}\p{N}_])(an?)[ \t]+$/iu;
const NEXT_WORD = /^[ \t]+([A-Za-z]+)(?![A-Za-z])/;
const PREV_WORD = /(?:^|[^A-Za-z])([A-Za-z]+)[ \t]+$/;
/** Enough characters around a span for the context checks; keeps every check O(1). */
const WINDOW = 40;

/** "Chairman" → "Chair", "CHAIRMAN" → "CHAIR" (at least two letters, none lower-case), otherwise as written. */
export function matchCase(original: string, replacement: string): string {
  let letters = 0;
  for (const ch of original) if (LETTER.test(ch)) letters++;
  if (letters >= 2 && original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  const first = original.codePointAt(0);
  if (first !== undefined) {
    const ch = String.fromCodePoint(first);
    if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/** The code point just before `index`, as a string ('' at the start). */
function charBefore(input: string, index: number): string {
  if (index <= 0) return '';
  const low = input.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = input.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return input.slice(index - 2, index);
  }
  return input.charAt(index - 1);
}

/** The code point at `index`, as a string ('' at the end). */
function charAt(input: string, index: number): string {
  const cp = input.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * True when the span sits inside a longer word: a letter, digit, mark or hyphen touches it. The
 * Gender Decoder tokenizer splits "data-driven" and "Ücompetitive", but replacing the coded piece
 * alone would give "data-motivated" or "Ümotivated".
 */
export function touchesWord(input: string, start: number, end: number): boolean {
  const before = charBefore(input, start);
  const after = charAt(input, end);
  return (before !== '' && WORD_CHAR.test(before)) || (after !== '' && WORD_CHAR.test(after));
}

/** The ASCII word right after the span, separated by spaces or tabs only, lower-cased; null otherwise. */
export function nextWord(input: string, end: number): string | null {
  const m = NEXT_WORD.exec(input.slice(end, end + WINDOW));
  return m ? m[1]!.toLowerCase() : null;
}

/** The ASCII word right before the span, separated by spaces or tabs only, lower-cased; null otherwise. */
export function prevWord(input: string, start: number): string | null {
  const m = PREV_WORD.exec(input.slice(Math.max(0, start - WINDOW), start));
  return m ? m[1]!.toLowerCase() : null;
}

const startsWithVowel = (s: string) => /^[aeiou]/i.test(s);

/**
 * False when the article right before the span ("a" / "an") would no longer agree with the
 * replacement's first letter ("a rockstar" → "a expert"). Replacements never start with a letter
 * whose sound disagrees with its spelling (a test checks it), so the first letter decides.
 */
export function articleAgrees(input: string, start: number, replacement: string): boolean {
  const m = PREV_ARTICLE.exec(input.slice(Math.max(0, start - 8), start));
  if (!m) return true;
  const an = m[1]!.length === 2;
  return an === startsWithVowel(replacement);
}

const SINGULAR_VERBS = new Set(['is', 'was', 'has', 'does', "isn't", "wasn't", "hasn't", "doesn't"]);
const NEXT_RAW_WORD = /^\s+([\p{L}'’]+)/u;

/**
 * Pronoun agreement. "they" is withheld when what follows needs a singular subject: an apostrophe
 * ("he or she's"), is/was/has/does (and their negations) or any word ending in "s" ("he or she
 * reports") — conservative, so "he or she always" loses it too. "their" is a determiner and is
 * withheld unless a word follows ("the choice is his.").
 */
export function pronounAgrees(input: string, end: number, replacement: string): boolean {
  const lower = replacement.toLowerCase();
  if (lower !== 'they' && lower !== 'their') return true;
  const after = input.slice(end, end + WINDOW);
  if (lower === 'their') return /^\s+\p{L}/u.test(after);
  if (/^['’]/.test(after)) return false;
  const m = NEXT_RAW_WORD.exec(after);
  if (!m) return true;
  const word = m[1]!.toLowerCase().replace(/’/g, "'");
  return !SINGULAR_VERBS.has(word) && !word.endsWith('s');
}
