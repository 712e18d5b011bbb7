import { describe, expect, it } from 'vitest';
import { MUST_HAVE_LIMIT, analyzeRequirements } from './requirements.ts';

const posting = [
  'Head of Data', // heading (short, no full stop): an ordinary section
  'We are building a data team that will serve the whole company, from finance to product.',
  '',
  'Requirements:',
  '- SQL',
  '* Python',
  '• Statistics',
  '  ', // blank lines keep the section
  '- Stakeholder management across',
  '  finance and product', // continuation of the bullet above, not prose
  '',
  '## Preferred qualifications', // nice to have: bullets are not must-haves
  '- dbt',
  '- Airflow',
  '',
  'What you will bring',
  '- Curiosity',
  '- Clear writing',
  'We offer a hybrid setup and a learning budget of two thousand euros a year.', // prose after bullets ends the section
  '- Health insurance',
  '',
  '**Minimum qualifications**',
  '- A portfolio of dashboards',
  '',
  'Benefits',
  '- Pension',
].join('\n');

describe('must-have bullets', () => {
  it('counts bullets under must-have headings only (see the rule in requirements.ts)', () => {
    expect(analyzeRequirements(posting).mustHaves).toBe(4 + 2 + 1);
  });

  it.each([
    ['Requirements:\n- a\n- b', 2],
    ['What you must have\n- a\n- b\n- c', 3],
    ["What you'll bring:\n- a", 1],
    ['Qualifications\r\n- a\r\n- b\r\n', 2],
    ['Nice to have (not required):\n- a', 0],
    ['Requirements:\n-a\n*b', 0], // no space after the marker: not a bullet
    ['- a\n- b', 0], // no heading at all
    ['', 0],
  ])('%j → %i', (text, count) => {
    expect(analyzeRequirements(text).mustHaves).toBe(count);
  });

  it(`reports more than ${MUST_HAVE_LIMIT} must-haves on the heading`, () => {
    const text = 'Intro\n\nMust haves:\n' + Array.from({ length: 7 }, (_, i) => `- item ${i}`).join('\n');
    const r = analyzeRequirements(text);
    expect(r.mustHaves).toBe(7);
    const f = r.findings.find((x) => x.kind === 'must-have-count')!;
    expect(f).toMatchObject({ text: 'Must haves:', start: 7, end: 18 });
    expect(analyzeRequirements('Requirements:\n' + '- x\n'.repeat(6)).findings).toEqual([]);
  });
});

describe('years of experience', () => {
  it.each([
    ['10+ years in product management', 10, '10+ years'],
    ['At least 8 years managing teams', 8, 'At least 8 years'],
    ['15 years of experience', 15, '15 years of experience'],
    ['5-7 years of relevant industry experience', 5, '5-7 years of relevant industry experience'],
    ['3 to 5 years experience', 3, '3 to 5 years experience'],
    ["Five years' experience", 5, "Five years' experience"],
    ['Minimum of 12 yrs', 12, 'Minimum of 12 yrs'],
    ['over 6 years of hands-on experience', 6, 'over 6 years of hands-on experience'],
  ])('%j demands %i', (text, years, span) => {
    const r = analyzeRequirements(text);
    expect(r.yearsDemanded).toBe(years);
    const f = r.findings.find((x) => x.kind === 'years-of-experience')!;
    expect(f.text).toBe(span);
    expect(text.slice(f.start, f.end)).toBe(span);
  });

  it.each([
    'Founded 20 years ago, we serve 300 customers.',
    'A 2-year fixed-term contract.',
    'No more than 5 years of experience.',
    'Up to 3 years of experience.',
    'Nice to have:\n- 15 years of experience with Kubernetes',
    '2.5 years',
    'years of experience',
  ])('%j demands nothing', (text) => {
    expect(analyzeRequirements(text).yearsDemanded).toBeNull();
  });

  it('reports the largest demand, each with offsets after non-ASCII text', () => {
    const text = 'Café 👩‍💻: 5+ years of Go; résumé: at least 10 years leading teams.';
    const r = analyzeRequirements(text);
    expect(r.yearsDemanded).toBe(10);
    expect(r.findings.map((f) => [f.text, f.start])).toEqual([
      ['5+ years', text.indexOf('5+')], // "of Go" is not "experience", so the span ends at "years"
      ['at least 10 years', text.indexOf('at least')],
    ]);
  });
});

describe('degree requirements', () => {
  it.each([
    ["Bachelor's degree in Computer Science", true, "Bachelor's degree"],
    ['Degree required.', true, 'Degree required'],
    ["Master's in Statistics", true, "Master's"],
    ['PhD in machine learning', true, 'PhD'],
    ['Ph.D. in physics', true, 'Ph.D.'],
    ['BS/MS in Computer Science', true, 'BS/MS in'],
    ["Bachelor's degree or equivalent experience", false, null],
    ["Bachelor's degree or relevant work experience", false, null],
    ['PhD preferred', false, null],
    ['An MBA is a plus', false, null],
    ['Scrum Master certification', false, null],
    ['Nice to have:\n- PhD in economics', false, null],
  ])('%j → %s', (text, required, span) => {
    const r = analyzeRequirements(text);
    expect(r.degreeRequired).toBe(required);
    const f = r.findings.find((x) => x.kind === 'degree-requirement');
    expect(f?.text ?? null).toBe(span);
    if (f) expect(f.suggestion).toContain('or equivalent experience');
  });
});
