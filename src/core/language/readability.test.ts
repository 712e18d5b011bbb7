import { describe, expect, it } from 'vitest';
import { countSyllables, readability, readabilityCounts } from './readability.ts';

describe('syllable heuristic', () => {
  // Dictionary syllable counts.
  it.each([
    ['the', 1],
    ['cat', 1],
    ['make', 1], // silent final e
    ['whole', 1], // silent e after a vowel + l ("-ole" is not a consonant + "le")
    ['smile', 1],
    ['here', 1],
    ['table', 2], // consonant + "le" is a syllable of its own
    ['little', 2],
    ['simple', 2],
    ['able', 2],
    ['apple', 2],
    ['people', 2],
    ['jumped', 1], // silent "-ed"
    ['hoped', 1],
    ['learned', 1],
    ['played', 1],
    ['required', 2],
    ['wanted', 2], // "-ed" after t/d is spoken
    ['needed', 2],
    ['makes', 1], // silent "-es"
    ['roles', 1],
    ['boxes', 2], // "-es" after a sibilant is spoken
    ['changes', 2],
    ['tables', 2],
    ['titles', 2],
    ['agree', 2],
    ['value', 2],
    ['queue', 1],
    ['tools', 1],
    ["you'll", 1],
    ['happy', 2],
    ['yellow', 2],
    ['system', 2],
    ['product', 2],
    ['software', 2],
    ['engineer', 3],
    ['strategy', 3],
    ['leadership', 3],
    ['beautiful', 3],
    ['education', 4],
    ['collaborate', 4],
    ['readability', 5],
    ['communication', 5],
    ['organization', 5],
    ['university', 5],
    ['2026', 1], // no letters: the minimum
    ['', 1],
  ])('%s has %i', (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables);
  });

  it('has known misses (vowels spoken apart, silent e inside a word)', () => {
    expect(countSyllables('idea')).toBe(2); // really 3
    expect(countSyllables('create')).toBe(1); // really 2
    expect(countSyllables('management')).toBe(4); // really 3
  });
});

describe('readability', () => {
  it('scores a one-sentence text', () => {
    // "The cat sat on the mat." — 6 words, 1 sentence, 6 syllables (all one-syllable words).
    // words/sentence = 6, syllables/word = 1
    // ease  = 206.835 − 1.015 × 6 − 84.6 × 1 = 206.835 − 6.09 − 84.6 = 116.145
    // grade = 0.39 × 6 + 11.8 × 1 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45
    const r = readability('The cat sat on the mat.');
    expect(r).toMatchObject({ words: 6, sentences: 1, averageSentenceLength: 6 });
    expect(r.fleschReadingEase).toBeCloseTo(116.145, 1);
    expect(r.gradeLevel).toBeCloseTo(-1.45, 2);
  });

  it('scores two sentences', () => {
    // "Our team builds software. We value simple tools."
    // syllables: our 1, team 1, builds 1, software 2 | we 1, value 2, simple 2, tools 1 → 11
    // 8 words, 2 sentences: words/sentence = 4, syllables/word = 11 / 8 = 1.375
    // ease  = 206.835 − 1.015 × 4 − 84.6 × 1.375 = 206.835 − 4.06 − 116.325 = 86.45
    // grade = 0.39 × 4 + 11.8 × 1.375 − 15.59 = 1.56 + 16.225 − 15.59 = 2.195
    const text = 'Our team builds software. We value simple tools.';
    expect(readabilityCounts(text)).toEqual({ words: 8, sentences: 2, syllables: 11 });
    const r = readability(text);
    expect(r.fleschReadingEase).toBeCloseTo(86.45, 2);
    expect(r.gradeLevel).toBeCloseTo(2.195, 1);
    expect(r.averageSentenceLength).toBe(4);
  });

  it('ends a sentence at each line break (bullets)', () => {
    // "Skills:\n- Python\n- Cloud hosting" — 3 sentences (one per line), 4 words,
    // syllables: skills 1, python 2, cloud 1, hosting 2 → 6
    // words/sentence = 4/3 = 1.3333, syllables/word = 6/4 = 1.5
    // ease  = 206.835 − 1.015 × 1.3333 − 84.6 × 1.5 = 206.835 − 1.3533 − 126.9 = 78.5817
    // grade = 0.39 × 1.3333 + 11.8 × 1.5 − 15.59 = 0.52 + 17.7 − 15.59 = 2.63
    const r = readability('Skills:\n- Python\n- Cloud hosting');
    expect(r).toMatchObject({ words: 4, sentences: 3, averageSentenceLength: 1.33 });
    expect(r.fleschReadingEase).toBeCloseTo(78.58, 2);
    expect(r.gradeLevel).toBeCloseTo(2.63, 2);
  });

  it('counts sentences and words as documented', () => {
    expect(readabilityCounts('Wait!! Really?! Yes.').sentences).toBe(3);
    expect(readabilityCounts('Use tools, e.g. Git. Ship daily.').sentences).toBe(2);
    expect(readabilityCounts('A Ph.D. helps. Or not.').sentences).toBe(2);
    expect(readabilityCounts('Pay: $120,000 to 3.5 million.')).toMatchObject({ words: 5, sentences: 1 });
    expect(readabilityCounts("Don't over-think cross-functional work")).toMatchObject({ words: 4, syllables: 1 + 3 + 4 + 1 });
    expect(readabilityCounts('no full stop at the end')).toMatchObject({ words: 6, sentences: 1 });
  });

  it('returns null scores for a text without words', () => {
    for (const text of ['', '   ', '...', '— 👩‍💻 —']) {
      expect(readability(text)).toEqual({ fleschReadingEase: null, gradeLevel: null, averageSentenceLength: 0, words: 0, sentences: 0 });
    }
  });
});
