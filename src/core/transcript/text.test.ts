import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentStems, foldName, sentences, stem, timeAt, tokenize, truncate, wordCount } from './text.ts';

describe('stem', () => {
  it.each([
    ['measured', 'measur'],
    ['measurement', 'measur'],
    ['measuring', 'measur'],
    ['hiring', 'hir'],
    ['hired', 'hir'],
    ['companies', 'compan'],
    ['company', 'compan'],
    ['delivery', 'deliver'],
    ['delivered', 'deliver'],
    ['prioritise', 'prioritiz'],
    ['prioritization', 'prioritiz'],
    ['planned', 'plan'],
    ['led', 'lead'],
    ['built', 'build'],
    ['stakeholders', 'stakehold'],
    ['career', 'career'],
    ['cared', 'car'],
    ['KPI', 'kpi'],
    ['2019', '2019'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('drops stop words, fillers and possessives', () => {
    expect(contentStems("Um, so I basically led the company's hiring for two years")).toEqual(['lead', 'compan', 'hir', 'year']);
  });
});

describe('sentences', () => {
  it('splits at terminators, keeps abbreviations, initials and decimals', () => {
    const text = 'I joined Acme Inc. in 2019, e.g. as a lead. We grew 3.5x! Really?! J. Smith agreed… ok\nnext';
    expect(sentences(text).map((s) => s.text)).toEqual(['I joined Acme Inc. in 2019, e.g. as a lead.', 'We grew 3.5x!', 'Really?!', 'J. Smith agreed…', 'ok', 'next']);
  });

  it('gives spans that are exact, trimmed substrings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'Bb', ' ', '.', '?', '!', '\n', 'e.g.', '3.5', '"', '…', 'é'), { maxLength: 40 }).map((a) => a.join('')), (text) => {
        let prev = 0;
        for (const s of sentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.start).toBeGreaterThanOrEqual(prev);
          prev = s.end;
        }
      }),
    );
  });
});

describe('helpers', () => {
  it('tokenizes with offsets and counts words', () => {
    expect(tokenize("We've shipped it’s 3 K8s")).toEqual([
      { start: 0, end: 5, text: "We've", lower: "we've" },
      { start: 6, end: 13, text: 'shipped', lower: 'shipped' },
      { start: 14, end: 18, text: 'it’s', lower: "it's" },
      { start: 19, end: 20, text: '3', lower: '3' },
      { start: 21, end: 24, text: 'K8s', lower: 'k8s' },
    ]);
    expect(wordCount('  one, two three… ')).toBe(3);
  });

  it('folds names', () => {
    expect(foldName('Tobias Grün')).toBe('tobias grun');
    expect(foldName('tobias gruen')).toBe('tobias grun');
    expect(foldName('Straße Øre José')).toBe('strasse ore jose');
  });

  it('times proportionally and truncates at words', () => {
    expect(timeAt(1000, 3000, 5, 10)).toBe(2000);
    expect(timeAt(1000, 1000, 5, 10)).toBe(1000);
    expect(truncate('Describes a metric framework they set up, linking a top-level outcome', 30)).toBe('Describes a metric framework…');
  });
});
