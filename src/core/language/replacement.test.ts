import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeJobDescription } from './analyze.ts';
import { genderReplacementData, phraseData } from './data.ts';
import { analyzeGender, genderTokens } from './gender.ts';
import { compilePhrase, findPhrases, phraseReplacementKey } from './phrases.ts';
import { articleAgrees, matchCase, nextWord, prevWord, pronounAgrees, touchesWord } from './replacement.ts';
import type { Finding } from './types.ts';

/** Applies every non-null replacement, from the end backwards, skipping one that overlaps a later one already applied. */
function applyAll(input: string, findings: Finding[]): string {
  let out = input;
  let limit = Infinity;
  for (const f of [...findings].sort((a, b) => b.start - a.start || b.end - a.end)) {
    if (f.replacement === null || f.end > limit) continue;
    out = out.slice(0, f.start) + f.replacement + out.slice(f.end);
    limit = f.start;
  }
  return out;
}

const replacementOf = (input: string, text: string) => analyzeJobDescription(input, { location: '' }).findings.find((f) => f.text === text)?.replacement;

/** Every replacement text the data can produce. */
const genderValues = [
  ...Object.values(genderReplacementData.replacements),
  ...Object.values(genderReplacementData.context).flatMap((c) => [...Object.values(c.next ?? {}), ...Object.values(c.prev ?? {})]),
].filter((v): v is string => v !== null);
const phraseValues = phraseData.phrases.flatMap((p) => (p.replacement === undefined ? [] : typeof p.replacement === 'string' ? [p.replacement] : Object.values(p.replacement)));

describe('replacement data', () => {
  it('lists masculine-coded whole words, each replaced by a word with no coded stem', () => {
    const keys = Object.keys(genderReplacementData.replacements);
    expect(keys.length).toBeGreaterThanOrEqual(40);
    for (const required of ['competitive', 'aggressive', 'ambitious', 'dominant', 'decisive', 'fearless', 'headstrong', 'assertive', 'forceful', 'outspoken', 'self-reliant', 'stubborn', 'superior', 'hierarchical']) {
      expect(keys, required).toContain(required);
    }
    for (const key of keys) {
      expect(key, key).toBe(key.toLowerCase());
      // One token as the Gender Decoder tokenizer sees it, and masculine-coded.
      expect(genderTokens(key).map((t) => t.word), key).toEqual([key]);
      expect(analyzeGender(key).masculineHits, key).toBeGreaterThan(0);
    }
    for (const value of genderValues) {
      const r = analyzeGender(value);
      expect([r.masculineHits, r.feminineHits], value).toEqual([0, 0]);
      expect(findPhrases(value, { senior: true }), value).toEqual([]);
    }
    for (const [key, context] of Object.entries(genderReplacementData.context)) {
      expect(keys, key).toContain(key);
      for (const word of [...Object.keys(context.next ?? {}), ...Object.keys(context.prev ?? {})]) expect(word, key).toMatch(/^[a-z]+$/);
    }
  });

  it('gives phrase replacements only as strings or maps of normalised matches the pattern really matches', () => {
    expect(phraseData.phrases.filter((p) => p.replacement !== undefined).length).toBeGreaterThanOrEqual(20);
    for (const p of phraseData.phrases) {
      if (p.replacement === undefined || typeof p.replacement === 'string') continue;
      const re = compilePhrase(p);
      for (const key of Object.keys(p.replacement)) {
        expect(phraseReplacementKey(key), `${p.id}: ${key}`).toBe(key);
        re.lastIndex = 0;
        const m = re.exec(key);
        expect(m?.[0], `${p.id}: ${key}`).toBe(key);
      }
    }
    for (const value of phraseValues) {
      expect(value.length).toBeGreaterThan(0);
      expect(findPhrases(value, { senior: true }), value).toEqual([]);
      expect(analyzeGender(value).masculineHits, value).toBe(0);
    }
    // A bare "he" → "they" would break verb agreement ("he reports" → "they reports").
    expect(phraseData.phrases.find((p) => p.id === 'generic-he')!.replacement).toBeUndefined();
  });

  it('never starts a replacement with a letter whose sound disagrees with a/an', () => {
    for (const value of [...genderValues, ...phraseValues]) expect(value, value).not.toMatch(/^(?:u|eu|one|hour|hon|heir)/i);
  });
});

describe('drop-in replacements for findings', () => {
  it('replaces "Competitive" with a capitalised neutral word, and "chairman" with "chair"', () => {
    const input = 'We want a Competitive, aggressive leader';
    const findings = analyzeJobDescription(input).findings;
    expect(findings.map((f) => [f.text, f.replacement])).toEqual([
      ['Competitive', 'Motivated'],
      ['aggressive', 'bold'],
      ['leader', null], // "lead" words have no swap that reads right in most sentences
    ]);
    expect(replacementOf('Reports to the chairman.', 'chairman')).toBe('chair');
    expect(replacementOf('Reports to the Chairman.', 'Chairman')).toBe('Chair');
    expect(replacementOf('Two CHAIRMEN.', 'CHAIRMEN')).toBe('CHAIRS');
  });

  it('keeps capitalisation: lower case, a capital first letter, all caps', () => {
    expect(replacementOf('be stubborn', 'stubborn')).toBe('tenacious');
    expect(replacementOf('Stubborn people', 'Stubborn')).toBe('Tenacious');
    expect(replacementOf('STUBBORN PEOPLE', 'STUBBORN')).toBe('TENACIOUS');
    expect(replacementOf('HEADSTRONG.', 'HEADSTRONG')).toBe('STRONG-WILLED');
    expect(replacementOf('Self-Reliant engineer', 'Self-Reliant')).toBe('Self-directed');
    expect(matchCase('x', 'chair')).toBe('chair');
    expect(matchCase('X', 'chair')).toBe('Chair');
    expect(matchCase('É', 'chair')).toBe('Chair');
    expect(matchCase('ÉT', 'chair')).toBe('CHAIR');
  });

  it('gives feminine-coded words, unlisted words and every other finding kind no replacement', () => {
    const r = analyzeJobDescription('Senior Engineer\nLocation: Denver, CO\n\nA supportive, collaborative, logical lead.\n\nRequirements:\n- 10+ years of experience\n- Bachelor\'s degree in Physics\n');
    const byKind = new Map(r.findings.map((f) => [f.kind, f]));
    for (const kind of ['feminine-coded', 'years-of-experience', 'degree-requirement', 'missing-pay-range'] as const) {
      expect(byKind.get(kind), kind).toBeDefined();
      expect(byKind.get(kind)!.replacement, kind).toBeNull();
    }
    expect(r.findings.filter((f) => f.kind === 'masculine-coded').map((f) => [f.text, f.replacement])).toEqual([
      ['logical', null],
      ['lead', null],
    ]);
    const many = analyzeJobDescription('Requirements:\n' + '- something\n'.repeat(8)).findings;
    expect(many.map((f) => [f.kind, f.replacement])).toEqual([['must-have-count', null]]);
  });

  it('finds phrase replacements by the normalised match, and a string for every match', () => {
    expect(findPhrases('Our rock-stars, ROCK STAR, rockstar', { senior: false }).map((f) => [f.text, f.replacement])).toEqual([
      ['rock-stars', 'experts'],
      ['ROCK STAR', 'EXPERT'],
      ['rockstar', 'expert'],
    ]);
    expect(findPhrases('We need manpower and man hours; low hanging fruits', { senior: false }).map((f) => [f.text, f.replacement])).toEqual([
      ['manpower', 'workforce'],
      ['man hours', 'person-hours'],
      ['low hanging fruits', 'quick wins'],
    ]);
    expect(findPhrases('Describe his / her goals and He/She will', { senior: false }).map((f) => [f.text, f.replacement])).toEqual([
      ['his / her', 'their'],
      ['He/She', 'They'],
    ]);
    // A match that is not a key of the map gets none: "native language speaker" has no good swap.
    expect(findPhrases('native language speaker', { senior: false }).map((f) => f.replacement)).toEqual([null]);
    expect(findPhrases('A native German speaker', { senior: false }).map((f) => f.replacement)).toEqual(['fluent German speaker']);
  });

  it('withholds a replacement the surrounding words would make ungrammatical', () => {
    // "a" / "an" must still agree.
    expect(replacementOf('A rockstar engineer', 'rockstar')).toBeNull();
    expect(replacementOf('Our rockstar engineer', 'rockstar')).toBe('expert');
    expect(replacementOf('an aggressive plan', 'aggressive')).toBeNull();
    expect(replacementOf('a helicopter view', 'helicopter view')).toBe('big-picture view');
    // Verb agreement after "they", and "their" needs a noun.
    expect(replacementOf('He or she will lead.', 'He or she')).toBe('They');
    expect(replacementOf('He or she reports to me.', 'He or she')).toBeNull();
    expect(replacementOf('he or she is new', 'he or she')).toBeNull();
    expect(replacementOf("he or she's new", 'he or she')).toBeNull();
    expect(replacementOf('Describe his achievements.', 'his')).toBe('their');
    expect(replacementOf('The choice is his.', 'his')).toBeNull();
    expect(replacementOf('We will give him a laptop.', 'him')).toBe('them');
    expect(replacementOf('He will report to the CTO.', 'He')).toBeNull();
    // A coded piece of a longer word: "data-driven", "Ücompetitive".
    expect(replacementOf('data-driven', 'driven')).toBeNull();
    expect(replacementOf('Ücompetitive', 'competitive')).toBeNull();
    expect(replacementOf('highly driven', 'driven')).toBe('motivated');
  });

  it('uses the context overrides: pay is not a person, "your superior" is a boss', () => {
    expect(replacementOf('We offer a competitive salary.', 'competitive')).toBe('market-rate');
    expect(replacementOf('Competitive pay and equity', 'Competitive')).toBe('Market-rate');
    expect(replacementOf('in a competitive market', 'competitive')).toBeNull();
    expect(replacementOf('Report to your superior.', 'superior')).toBeNull();
    expect(replacementOf('Superior skills', 'Superior')).toBe('Excellent');
    expect(replacementOf('We have driven growth', 'driven')).toBeNull();
    expect(replacementOf('data driven', 'driven')).toBeNull();
    expect(replacementOf('make decisions quickly', 'decisions')).toBe('choices');
    expect(replacementOf('decision making', 'decision')).toBeNull();
  });

  it('applying every replacement leaves fewer findings of the replaced kinds', () => {
    const input = [
      'We want a Competitive, aggressive leader who is ambitious, decisive and fearless.',
      'You are outspoken, assertive, self-reliant and never stubborn; our chairman and the salesmen agree.',
      'Our Python ninja and SEO gurus think outside the box, move the needle and circle back.',
      'Join a young team of digital natives. He or she will need manpower and man-hours.',
      'We offer a competitive salary in a hierarchical, dominant company.',
    ].join('\n');
    const before = analyzeJobDescription(input, { location: '' });
    const replaced = before.findings.filter((f) => f.replacement !== null);
    expect(replaced.length).toBeGreaterThanOrEqual(20);
    const output = applyAll(input, before.findings);
    const after = analyzeJobDescription(output, { location: '' });
    for (const kind of new Set(replaced.map((f) => f.kind))) {
      const count = (r: typeof before) => r.findings.filter((f) => f.kind === kind).length;
      expect(count(after), kind).toBeLessThan(count(before));
    }
    expect(after.score).toBeGreaterThan(before.score);
    expect(output).toContain('We want a Motivated, bold leader who is bold, clear-minded and bold.');
    expect(output).toContain('our chair and the salespeople agree');
    expect(output).toContain('a market-rate salary in a structured, strong company');
  });

  it('each replacement, applied alone, removes its own finding', () => {
    const input = 'A Competitive, aggressive, HEADSTRONG chairman; rockstars; man-hours; a paradigm shift; He/she will touch base.';
    const findings = analyzeJobDescription(input, { location: '' }).findings.filter((f) => f.replacement !== null);
    expect(findings.length).toBeGreaterThanOrEqual(7);
    for (const f of findings) {
      const output = input.slice(0, f.start) + f.replacement + input.slice(f.end);
      const again = analyzeJobDescription(output, { location: '' }).findings;
      expect(again.some((g) => g.kind === f.kind && g.start === f.start), f.text).toBe(false);
    }
  });

  it('gender replacements never add coded hits (property)', () => {
    const words = Object.keys(genderReplacementData.replacements);
    const seps = [', ', ' and ', ' ', '. ', '\n', ' the ', ' our ', ' a '];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...seps)), { minLength: 1, maxLength: 12 }), (parts) => {
        const input = parts.map(([w, s]) => w + s).join('');
        const before = analyzeGender(input);
        const output = applyAll(input, before.findings);
        const after = analyzeGender(output);
        const replaced = before.findings.filter((f) => f.replacement !== null).length;
        expect(after.masculineHits).toBeLessThanOrEqual(before.masculineHits);
        expect(after.feminineHits).toBe(before.feminineHits);
        expect(after.findings.filter((f) => f.kind === 'masculine-coded').length).toBe(before.findings.filter((f) => f.kind === 'masculine-coded').length - replaced);
      }),
      { numRuns: 300 },
    );
  });
});

describe('replacement helpers', () => {
  it('reads the neighbouring words', () => {
    expect(nextWord('competitive  salary', 11)).toBe('salary');
    expect(nextWord('competitive, salary', 11)).toBeNull();
    expect(nextWord('competitive\nsalary', 11)).toBeNull();
    expect(prevWord('your superior', 5)).toBe('your');
    expect(prevWord('your. superior', 6)).toBeNull();
    expect(prevWord('superior', 0)).toBeNull();
  });

  it('checks articles, pronouns and word edges', () => {
    expect(articleAgrees('a x', 2, 'expert')).toBe(false);
    expect(articleAgrees('An x', 3, 'expert')).toBe(true);
    expect(articleAgrees('an x', 3, 'bold')).toBe(false);
    expect(articleAgrees('Banana x', 7, 'expert')).toBe(true); // "a" inside a word is not an article
    expect(pronounAgrees('x will', 1, 'they')).toBe(true);
    expect(pronounAgrees('x has', 1, 'they')).toBe(false);
    expect(pronounAgrees('x', 1, 'they')).toBe(true);
    expect(pronounAgrees('x.', 1, 'their')).toBe(false);
    expect(pronounAgrees('x team', 1, 'their')).toBe(true);
    expect(touchesWord('data-driven', 5, 11)).toBe(true);
    expect(touchesWord('"driven"', 1, 7)).toBe(false);
    expect(touchesWord('𝐀driven', 2, 8)).toBe(true); // an astral letter before the span
  });
});
