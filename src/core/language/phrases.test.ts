import { describe, expect, it } from 'vitest';
import { phraseCategories, phraseData } from './data.ts';
import { compilePhrase, findPhrases, plainPhraseSource } from './phrases.ts';

const find = (input: string, senior = false) => findPhrases(input, { senior }).map((f) => ({ kind: f.kind, text: f.text, start: f.start, end: f.end }));
const ids = (input: string, senior = false) => {
  const byText = new Map(phraseData.phrases.map((p) => [p, compilePhrase(p)]));
  return [...byText].filter(([p, re]) => (!p.whenSenior || senior) && re.test(input)).map(([p]) => p.id);
};

describe('phrase data', () => {
  it('has at least 40 entries with unique ids, known categories, and patterns that compile', () => {
    expect(phraseData.phrases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(phraseData.phrases.map((p) => p.id)).size).toBe(phraseData.phrases.length);
    for (const p of phraseData.phrases) {
      expect(phraseCategories, p.id).toContain(p.category);
      expect(p.message.length, p.id).toBeGreaterThan(10);
      expect(p.suggestion.length, p.id).toBeGreaterThan(5);
      expect(() => compilePhrase(p), p.id).not.toThrow();
      if (!p.regex) expect(compilePhrase(p).test(p.pattern), p.id).toBe(true);
    }
    for (const c of phraseCategories) expect(phraseData.phrases.some((p) => p.category === c), c).toBe(true);
  });

  it('turns a plain phrase into a whitespace- and hyphen-tolerant pattern', () => {
    const re = new RegExp(plainPhraseSource("best-of the world's"), 'iu');
    expect(re.test('best of  the world’s')).toBe(true);
    expect(re.test('Best-of\nthe WORLD\'S')).toBe(true);
    expect(re.test('bestof the worlds')).toBe(false);
  });
});

describe('phrases the brief asks for', () => {
  it.each([
    ['Join us if you are a digital native.', 'digital-native'],
    ['We want someone young and energetic.', 'young-and-energetic'],
    ['You will join a young team.', 'young-team'],
    ['You must be able to stand for long periods.', 'must-be-able-to-stand'],
    ['Walk the floor daily.', 'walk-the-floor'],
    ['Able to lift 50 pounds.', 'lift-weight'],
    ['Must lift up to 25 kg.', 'lift-weight'],
    ['He will report to the CTO.', 'generic-he'],
    ['Describe his achievements.', 'generic-his'],
    ['We will give him a laptop.', 'generic-him'],
    ['Reports to the Chairman.', 'chairman'],
    ['We lack manpower.', 'manpower'],
    ['Our best salesman.', 'salesman'],
    ['Hey guys!', 'guys'],
    ['A rockstar engineer', 'rockstar'],
    ['A rock star engineer', 'rockstar'],
    ['Python ninja', 'ninja'],
    ['SEO guru', 'guru'],
    ['Work hard, play hard.', 'work-hard-play-hard'],
    ['A strong culture fit', 'culture-fit'],
    ['The best of the best', 'best-of-the-best'],
    ['Create synergy', 'synergy'],
    ['Projects that move the needle', 'move-the-needle'],
    ["Don't boil the ocean", 'boil-the-ocean'],
    ['Pick the low-hanging fruit', 'low-hanging-fruit'],
    ['Pick the low hanging fruit', 'low-hanging-fruit'],
    ["Let's circle back", 'circle-back'],
    ['You will wear many hats', 'wear-many-hats'],
    ['Native English speaker', 'native-speaker'],
  ])('%j → %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it('flags "recent graduate" only for senior roles', () => {
    expect(find('Recent graduates welcome.')).toEqual([]);
    expect(find('Recent graduates welcome.', true)).toEqual([{ kind: 'age', text: 'Recent graduates', start: 0, end: 16 }]);
  });

  it('marks physical requirements "unless essential"', () => {
    for (const f of findPhrases('must be able to stand; walk the floor; lift 50 lbs', { senior: false })) {
      expect(f.kind).toBe('ability');
      expect(f.message).toContain('unless essential');
    }
    expect(find('must be able to stand up to pressure')).toEqual([]);
  });

  it('matches whole words only, case-insensitively, in any script', () => {
    expect(find('the help theme')).toEqual([]); // no "he" inside words
    expect(find('ninjago gurukul')).toEqual([]);
    expect(find('théguru')).toEqual([]); // "é" is a letter, so "guru" is inside a word
    expect(find('ROCKSTARS')).toEqual([{ kind: 'cliche', text: 'ROCKSTARS', start: 0, end: 9 }]);
  });

  it('reports binary pronoun pairs once, not as generic pronouns', () => {
    expect(find('he or she will')).toEqual([{ kind: 'gendered-term', text: 'he or she', start: 0, end: 9 }]);
    expect(find('s/he will')).toEqual([{ kind: 'gendered-term', text: 's/he', start: 0, end: 4 }]);
    expect(find('his/her team').map((f) => f.text)).toEqual(['his/her']);
  });

  it('keeps offsets right after "café" and "👩‍💻"', () => {
    const cafe = 'café rockstar';
    expect(find(cafe)).toEqual([{ kind: 'cliche', text: 'rockstar', start: 5, end: 13 }]);
    const coder = '👩‍💻 ninja and guru'; // the emoji is 5 UTF-16 code units
    expect(find(coder)).toEqual([
      { kind: 'cliche', text: 'ninja', start: 6, end: 11 },
      { kind: 'cliche', text: 'guru', start: 16, end: 20 },
    ]);
    for (const f of findPhrases('Ünïcödé 🎉 synergy — café culture fit 👩‍💻 low‑hanging fruit', { senior: true })) {
      expect('Ünïcödé 🎉 synergy — café culture fit 👩‍💻 low‑hanging fruit'.slice(f.start, f.end)).toBe(f.text);
    }
  });
});
