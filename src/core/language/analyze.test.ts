import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORING, analyzeJobDescription, inferSeniority } from './analyze.ts';
import type { JobDescriptionAnalysis } from './types.ts';

const masculineText = `Senior Engineering Manager
Location: Denver, CO

We want a competitive, driven leader who is a rockstar and will lead our dominant platform team.
He will own decisions and champion the roadmap.

Requirements:
- 10+ years of experience
- Bachelor's degree in Computer Science
`;

const sum = (b: JobDescriptionAnalysis['breakdown']) => Object.values(b).reduce((a, x) => a + x, 0);

function checkFindings(input: string, r: JobDescriptionAnalysis): void {
  for (const f of r.findings) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(input.length);
    expect(input.slice(f.start, f.end)).toBe(f.text);
    expect(f.replacement === null || (typeof f.replacement === 'string' && f.replacement.length > 0)).toBe(true);
    if (f.kind === 'feminine-coded') expect(f.replacement).toBeNull();
  }
}

describe('analyzeJobDescription', () => {
  it('returns exactly the documented JSON shape', () => {
    const r = analyzeJobDescription(masculineText);
    expect(Object.keys(r)).toEqual(['score', 'findings', 'gender', 'readability', 'requirements', 'breakdown']);
    expect(Object.keys(r.gender)).toEqual(['verdict', 'masculine', 'feminine']);
    expect(Object.keys(r.readability)).toEqual(['fleschReadingEase', 'gradeLevel', 'averageSentenceLength', 'words', 'sentences']);
    expect(Object.keys(r.requirements)).toEqual(['mustHaves', 'yearsDemanded', 'degreeRequired']);
    expect(Object.keys(r.breakdown)).toEqual(['gender', 'exclusionary', 'cliches', 'jargon', 'requirements', 'readability', 'payTransparency']);
    for (const f of r.findings) expect(Object.keys(f)).toEqual(['kind', 'text', 'start', 'end', 'message', 'suggestion', 'replacement']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('analyzes a masculine-coded posting', () => {
    const r = analyzeJobDescription(masculineText);
    expect(r.gender.verdict).toBe('strongly masculine-coded');
    expect(r.gender.masculine).toEqual([
      { word: 'competitive', count: 1 },
      { word: 'driven', count: 1 },
      { word: 'leader', count: 1 },
      { word: 'lead', count: 1 },
      { word: 'dominant', count: 2 },
      { word: 'decisions', count: 1 },
      { word: 'champion', count: 1 },
    ]);
    expect(r.gender.feminine).toEqual([]);
    expect(r.requirements).toEqual({ mustHaves: 2, yearsDemanded: 10, degreeRequired: true });
    const kinds = r.findings.map((f) => f.kind);
    expect(kinds).toContain('cliche');
    expect(kinds).toContain('gendered-term');
    expect(kinds).toContain('years-of-experience');
    expect(kinds).toContain('degree-requirement');
    expect(kinds[0]).toBe('missing-pay-range'); // Denver, CO from the "Location:" line; anchored on the title
    expect(r.breakdown).toEqual({
      gender: 12,
      exclusionary: 4, // "He"
      cliches: 2, // "rockstar"
      jargon: 0,
      requirements: 6 + 4, // 10+ years, degree
      readability: r.breakdown.readability,
      payTransparency: 15,
    });
    expect(r.score).toBe(100 - sum(r.breakdown));
    checkFindings(masculineText, r);
  });

  it('sorts findings by start offset', () => {
    const r = analyzeJobDescription(masculineText);
    const starts = r.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('gives a clean posting a perfect score', () => {
    const text = 'Product Designer\nLocation: Boston, MA\n\nYou will design and test ideas with the team. We share what we learn.\nPay: $110,000 – $130,000 per year.';
    const r = analyzeJobDescription(text);
    expect(r.gender.verdict).toBe('feminine-coded');
    expect(r.breakdown).toEqual({ gender: 0, exclusionary: 0, cliches: 0, jargon: 0, requirements: 0, readability: 0, payTransparency: 0 });
    expect(r.score).toBe(100);
  });

  it('handles the empty string', () => {
    expect(analyzeJobDescription('')).toEqual({
      score: 100,
      findings: [],
      gender: { verdict: 'empty', masculine: [], feminine: [] },
      readability: { fleschReadingEase: null, gradeLevel: null, averageSentenceLength: 0, words: 0, sentences: 0 },
      requirements: { mustHaves: 0, yearsDemanded: null, degreeRequired: false },
      breakdown: { gender: 0, exclusionary: 0, cliches: 0, jargon: 0, requirements: 0, readability: 0, payTransparency: 0 },
    });
  });

  it('uses the location option over the text, and an empty location turns the check off', () => {
    const text = 'CTO\nLocation: Denver, CO';
    expect(analyzeJobDescription(text).breakdown.payTransparency).toBe(SCORING.payTransparency);
    expect(analyzeJobDescription(text, { location: 'Austin, TX' }).breakdown.payTransparency).toBe(0);
    expect(analyzeJobDescription(text, { location: '' }).breakdown.payTransparency).toBe(0);
    expect(analyzeJobDescription('CTO', { location: 'Lisbon, Portugal' }).findings.map((f) => f.kind)).toEqual(['missing-pay-range']);
  });

  it('infers seniority from the title line unless given', () => {
    expect(inferSeniority('Senior Data Engineer\n...')).toBe('senior');
    expect(inferSeniority('Head of Design')).toBe('senior');
    expect(inferSeniority('CTO')).toBe('senior');
    expect(inferSeniority('Data Analyst')).toBe('other');
    const text = 'VP Sales\nRecent graduates welcome.';
    expect(analyzeJobDescription(text).findings.some((f) => f.kind === 'age')).toBe(true);
    expect(analyzeJobDescription(text, { seniority: 'other' }).findings.some((f) => f.kind === 'age')).toBe(false);
    expect(analyzeJobDescription('Analyst\nRecent graduates welcome.', { seniority: 'senior' }).findings.some((f) => f.kind === 'age')).toBe(true);
  });

  it('caps each category as documented', () => {
    const r = analyzeJobDescription('Engineer\n' + 'Our guru ninja rockstar wizard superstar jedi. '.repeat(3) + 'synergy '.repeat(20) + 'guys '.repeat(20));
    expect(r.breakdown.cliches).toBe(SCORING.cliches.max);
    expect(r.breakdown.jargon).toBe(SCORING.jargon.max);
    expect(r.breakdown.exclusionary).toBe(SCORING.exclusionary.max);
  });

  it('is deterministic', () => {
    expect(analyzeJobDescription(masculineText, { location: 'NYC' })).toEqual(analyzeJobDescription(masculineText, { location: 'NYC' }));
  });
});

describe('analyzeJobDescription on arbitrary strings (property)', () => {
  const words = [
    'leader',
    'Self-confident',
    'co-operative',
    'sharepoint',
    'rockstar',
    'he',
    'young and energetic',
    'Requirements:',
    '\n- ',
    '10+ years of experience',
    "Bachelor's degree",
    '$120,000 – $150,000',
    '€90k–110k',
    'café',
    'naïve',
    '👩‍💻',
    '\uD800',
    '\uDC00',
    'Location: New York, NY',
    '.',
    '\r\n',
  ];
  const piece = fc.oneof(fc.constantFrom(...words), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }));
  const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(' '));
  const opts = fc.record({ location: fc.option(fc.oneof(fc.constantFrom('New York, NY', 'Berlin', 'Denver, CO', ''), fc.string()), { nil: undefined }), seniority: fc.option(fc.constantFrom('senior' as const, 'other' as const), { nil: undefined }) }, { requiredKeys: [] });

  it('every finding is a non-empty span of the input with text === input.slice(start, end)', () => {
    fc.assert(
      fc.property(text, opts, (input, o) => {
        const r = analyzeJobDescription(input, o);
        checkFindings(input, r);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.score).toBe(Math.max(0, 100 - sum(r.breakdown)));
        const starts = r.findings.map((f) => f.start);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (input) => {
        checkFindings(input, analyzeJobDescription(input));
      }),
      { numRuns: 300 },
    );
  });
});
