/**
 * Readability: Flesch reading ease and Flesch–Kincaid grade level.
 *
 *   reading ease = 206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words)
 *   grade level  = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
 *
 * Words are runs of letters and digits, joined by internal apostrophes or hyphens ("don't",
 * "cross-functional" are one word each; a hyphenated word's syllables are those of its parts) and
 * numbers keep their separators ("120,000" and "3.5" are one word). A sentence ends at `.`, `!` or `?` followed by whitespace,
 * a closing quote or bracket, or the end of the text — except the full stop of "e.g.", "i.e.", "vs.",
 * "Mr.", "Mrs.", "Ms.", "Dr.", "approx.", "incl." and "Ph.D." — and at every line break, because
 * bullet items rarely end with a full stop. Only sentences with at least one word count. Values are
 * rounded to two decimals; reading ease and grade are null for a text without words.
 */
import type { ReadabilityResult } from './types.ts';

const TOKEN_RE = /([\p{L}\p{N}]+(?:(?:['’-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*)|([.!?]+)(?=[\s"')\]’”]|$)|(\n)/gu;
const NON_ASCII = /[^ -~]/; // anything outside printable ASCII (letters a–z need no accent folding)
const ABBREVIATION_BEFORE = /(?:^|[^\p{L}])(?:e\.g|i\.e|vs|mr|mrs|ms|dr|approx|incl|ph\.d)$/iu;

/**
 * Syllables in an English word, by heuristic:
 * 1. lower-case, drop accents, keep the letters a–z; a word without any (a number) has 1;
 * 2. words of up to three letters have 1;
 * 3. count groups of consecutive vowels (a, e, i, o, u, y);
 * 4. a final "e" after a consonant is silent ("make") — except in a consonant + "le" ending
 *    ("table", "little"), where it is its own syllable;
 * 5. a final "ed" is silent except after "t" or "d" ("jumped" 1, "wanted" 2), and a final "es" is
 *    silent except after s, x, z, c, g, h or in a consonant + "les" ending ("makes" 1, "boxes" 2,
 *    "tables" 2);
 * 6. at least 1.
 * Known misses: vowel pairs spoken apart ("idea", "create", "experience") and silent "e" inside a
 * word ("management").
 */
export function countSyllables(word: string): number {
  const lower = word.toLowerCase();
  const w = (NON_ASCII.test(lower) ? lower.normalize('NFD') : lower).replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  let count = w.match(/[aeiouy]+/g)?.length ?? 0;
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) count--;
  else if (/[^aeiouytd]ed$/.test(w)) count--;
  else if (/[^aeiouysxzcgh]es$/.test(w) && !/[^aeiouy]les$/.test(w)) count--;
  return Math.max(1, count);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface ReadabilityCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export function readabilityCounts(input: string): ReadabilityCounts {
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  let open = false; // the current sentence has words
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(input); m !== null; m = TOKEN_RE.exec(input)) {
    if (m[1] !== undefined) {
      words++;
      syllables += syllablesOfWord(m[1]);
      open = true;
    } else if (m[2] !== undefined) {
      if (!open) continue;
      if (m[2] === '.' && ABBREVIATION_BEFORE.test(input.slice(Math.max(0, m.index - 8), m.index))) continue;
      sentences++;
      open = false;
    } else if (open) {
      sentences++;
      open = false;
    }
  }
  if (open) sentences++;
  return { words, sentences, syllables };
}

/** Syllables of a word as matched by the tokenizer; hyphenated parts are counted separately. */
function syllablesOfWord(word: string): number {
  if (!word.includes('-')) return countSyllables(word);
  let total = 0;
  for (const part of word.split('-')) total += countSyllables(part);
  return total;
}

export function fleschReadingEase(c: ReadabilityCounts): number | null {
  if (c.words === 0 || c.sentences === 0) return null;
  return 206.835 - 1.015 * (c.words / c.sentences) - 84.6 * (c.syllables / c.words);
}

export function fleschKincaidGrade(c: ReadabilityCounts): number | null {
  if (c.words === 0 || c.sentences === 0) return null;
  return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59;
}

export function readability(input: string): ReadabilityResult {
  const c = readabilityCounts(input);
  const ease = fleschReadingEase(c);
  const grade = fleschKincaidGrade(c);
  return {
    fleschReadingEase: ease === null ? null : round2(ease),
    gradeLevel: grade === null ? null : round2(grade),
    averageSentenceLength: c.sentences === 0 ? 0 : round2(c.words / c.sentences),
    words: c.words,
    sentences: c.sentences,
  };
}
