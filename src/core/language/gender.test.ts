import { describe, expect, it } from 'vitest';
import { genderCodedData } from './data.ts';
import { analyzeGender, genderTokens, genderVerdict } from './gender.ts';

const spans = (input: string) => analyzeGender(input).findings.map((f) => ({ kind: f.kind, text: f.text, start: f.start, end: f.end }));

describe('gender-coded wording: data', () => {
  it('keeps the Gender Decoder stems exactly, with a citation', () => {
    expect(genderCodedData.source).toContain('Gaucher');
    expect(genderCodedData.masculine).toHaveLength(52);
    expect(genderCodedData.feminine).toHaveLength(50);
    expect(genderCodedData.masculine.slice(0, 5)).toEqual(['active', 'adventurous', 'aggress', 'ambitio', 'analy']);
    expect(genderCodedData.masculine.at(-1)).toBe('unreasonab');
    expect(genderCodedData.feminine.slice(0, 4)).toEqual(['agree', 'affectionate', 'child', 'cheer']);
    expect(genderCodedData.feminine.slice(-3)).toEqual(['yield', 'share', 'sharin']);
    // DECISIONS 24: exactly these hyphenated stems keep a word whole ("head-strong" is not one of them).
    expect(genderCodedData.hyphenated).toEqual(['co-operat', 'inter-personal', 'inter-dependen', 'inter-persona', 'self-confiden', 'self-relian', 'self-sufficien']);
    const all = new Set([...genderCodedData.masculine, ...genderCodedData.feminine]);
    for (const stem of genderCodedData.hyphenated) expect(all.has(stem)).toBe(true);
    expect(genderCodedData.neverCount).toEqual(['sharepoint']);
  });
});

describe('gender-coded wording: tokenizing as Gender Decoder does', () => {
  it('splits "Ambition:competition" into two masculine words', () => {
    const r = analyzeGender('Ambition:competition');
    expect(r.masculine).toEqual([
      { word: 'ambition', count: 1 },
      { word: 'competition', count: 1 },
    ]);
    expect(r.masculineHits).toBe(2);
    expect(spans('Ambition:competition')).toEqual([
      { kind: 'masculine-coded', text: 'Ambition', start: 0, end: 8 },
      { kind: 'masculine-coded', text: 'competition', start: 9, end: 20 },
    ]);
  });

  it('splits on every listed separator, but not on "+"', () => {
    for (const sep of [' ', '\t', '\n', '\r', '\v', '\f', '.', ',', '<', '>', '*', '?', '!', '"', '[', ']', '@', "'", ':', ';', '(', ')', '/', '&']) {
      expect(analyzeGender(`lead${sep}lead`).masculineHits, JSON.stringify(sep)).toBe(2);
    }
    expect(genderTokens('team+leadership').map((t) => t.word)).toEqual(['team+leadership']);
    expect(analyzeGender('team+leadership').masculineHits).toBe(0);
    expect(analyzeGender('leader+').masculine).toEqual([{ word: 'leader+', count: 1 }]);
  });

  it('keeps "self-confident" whole (self-confiden stem) but splits "team-player"', () => {
    expect(genderTokens('self-confident team-player').map((t) => [t.word, t.start, t.end])).toEqual([
      ['self-confident', 0, 14],
      ['team', 15, 19],
      ['player', 20, 26],
    ]);
    const r = analyzeGender('Self-confident team-player');
    expect(r.masculine).toEqual([{ word: 'self-confident', count: 1 }]);
    expect(r.findings[0]!.message).toContain('"self-confiden"');
  });

  it('splits other hyphenated words, and counts the pieces', () => {
    expect(analyzeGender('fast-paced, data-driven').masculine).toEqual([{ word: 'driven', count: 1 }]);
    expect(spans('data-driven')).toEqual([{ kind: 'masculine-coded', text: 'driven', start: 5, end: 11 }]);
    // "head-strong" is in the masculine list but not among the hyphenated stems, so it splits and never matches.
    expect(analyzeGender('head-strong').masculineHits).toBe(0);
    expect(analyzeGender('headstrong').masculineHits).toBe(1);
    expect(analyzeGender('co-operative').feminine).toEqual([{ word: 'co-operative', count: 1 }]);
    expect(genderTokens('a--b-').map((t) => t.word)).toEqual(['a', 'b']);
  });

  it('never counts "sharepoint"', () => {
    expect(analyzeGender('SharePoint sharepoint sharepoints').feminineHits).toBe(0);
    expect(analyzeGender('We share our SharePoint').feminine).toEqual([{ word: 'share', count: 1 }]);
    expect(analyzeGender('share-point').feminine).toEqual([{ word: 'share', count: 1 }]);
  });

  it('counts every occurrence: "leader leading leadership" is lead ×3', () => {
    const r = analyzeGender('leader leading leadership');
    expect(r.masculine).toEqual([
      { word: 'leader', count: 1 },
      { word: 'leading', count: 1 },
      { word: 'leadership', count: 1 },
    ]);
    expect(r.masculineHits).toBe(3);
    expect(r.verdict).toBe('masculine-coded');
    expect(analyzeGender('Leader leader LEADER').masculine).toEqual([{ word: 'leader', count: 3 }]);
  });

  it('scores a word once per stem it starts with', () => {
    // "dominant" starts with both "domina" and "dominant".
    const dominant = analyzeGender('dominant');
    expect(dominant.masculine).toEqual([{ word: 'dominant', count: 2 }]);
    expect(dominant.findings).toHaveLength(1);
    expect(dominant.findings[0]!.message).toContain('counts 2 times');
    expect(analyzeGender('dominant dominant').masculine).toEqual([{ word: 'dominant', count: 4 }]);
    expect(analyzeGender('dominant dominant').verdict).toBe('strongly masculine-coded');
    // "decisive" starts with "decisive" only ("decision" is not a prefix of it); "decisions" with "decision" only.
    expect(analyzeGender('decisive').masculine).toEqual([{ word: 'decisive', count: 1 }]);
    expect(analyzeGender('decisions').masculine).toEqual([{ word: 'decisions', count: 1 }]);
    expect(analyzeGender('competitive').masculine).toEqual([{ word: 'competitive', count: 1 }]);
    // "interpersonal" starts with "interpersonal" and "interpersona"; "inter-personal" with both hyphenated forms.
    expect(analyzeGender('interpersonal').feminine).toEqual([{ word: 'interpersonal', count: 2 }]);
    expect(analyzeGender('inter-personal').feminine).toEqual([{ word: 'inter-personal', count: 2 }]);
    expect(analyzeGender('interpersonal').verdict).toBe('feminine-coded');
  });

  it('treats non-ASCII characters as separators and keeps offsets into the original string', () => {
    const naive = 'naïve leader';
    expect(spans(naive)).toEqual([{ kind: 'masculine-coded', text: 'leader', start: 6, end: 12 }]);
    const emoji = '👩‍💻 leader'; // 👩 (2 code units) + ZWJ (1) + 💻 (2) + space
    expect(spans(emoji)).toEqual([{ kind: 'masculine-coded', text: 'leader', start: 6, end: 12 }]);
    expect(emoji.slice(6, 12)).toBe('leader');
    // A non-ASCII character splits a word, as in Gender Decoder: "Ücollaborate" is "collaborate".
    expect(spans('Ücollaborate')).toEqual([{ kind: 'feminine-coded', text: 'collaborate', start: 1, end: 12 }]);
    expect(spans('café—support')).toEqual([{ kind: 'feminine-coded', text: 'support', start: 5, end: 12 }]);
    for (const f of analyzeGender('🚀🚀 Ambitious naïve “driven” leader…support').findings) {
      expect('🚀🚀 Ambitious naïve “driven” leader…support'.slice(f.start, f.end)).toBe(f.text);
    }
  });

  it('gives feminine-coded findings no suggestion and masculine-coded ones a rewrite hint', () => {
    const r = analyzeGender('collaborative and competitive');
    expect(r.findings.map((f) => [f.kind, f.suggestion === null])).toEqual([
      ['feminine-coded', true],
      ['masculine-coded', false],
    ]);
  });
});

describe('gender verdict thresholds (feminine minus masculine)', () => {
  it.each([
    [0, 0, 'empty'],
    [2, 2, 'neutral'],
    [1, 0, 'feminine-coded'],
    [3, 0, 'feminine-coded'],
    [4, 0, 'strongly feminine-coded'],
    [0, 1, 'masculine-coded'],
    [0, 3, 'masculine-coded'],
    [0, 4, 'strongly masculine-coded'],
    [5, 2, 'feminine-coded'],
    [5, 1, 'strongly feminine-coded'],
    [2, 5, 'masculine-coded'],
    [1, 5, 'strongly masculine-coded'],
  ] as const)('feminine %i, masculine %i → %s', (f, m, verdict) => {
    expect(genderVerdict(f, m)).toBe(verdict);
  });

  it.each([
    ['We write software.', 'empty'],
    ['support and lead', 'neutral'],
    ['supportive', 'feminine-coded'],
    ['support, trust, warm', 'feminine-coded'],
    ['support, trust, warm, kind', 'strongly feminine-coded'],
    ['ambitious', 'masculine-coded'],
    ['ambitious, driven, fearless', 'masculine-coded'],
    ['ambitious, driven, fearless, logical', 'strongly masculine-coded'],
  ] as const)('%j → %s', (text, verdict) => {
    expect(analyzeGender(text).verdict).toBe(verdict);
  });
});
