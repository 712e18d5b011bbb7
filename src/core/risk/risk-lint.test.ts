import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LabelledItem, scoreRisk } from './evaluate.ts';
import { lintRisk } from './risk-lint.ts';

describe('lintRisk', () => {
  it.each([
    ['How old are you?', 'age'],
    ['What year did you graduate from college?', 'age'],
    ['Where are you originally from?', 'national_origin'],
    ['What is your native tongue?', 'national_origin'],
    ['Are you a US citizen?', 'citizenship'],
    ['Which church do you attend?', 'religion'],
    ['Who looks after your kids while you work?', 'family_status'],
    ['Are you planning to start a family soon?', 'pregnancy'],
    ['Do you have any medical conditions we should know about?', 'disability_health'],
    ['Does cancer run in your family?', 'genetic_information'],
    ['Have you ever been arrested?', 'arrest_record'],
    ['What is your current salary?', 'salary_history'],
    ['Are you gay?', 'sexual_orientation_gender_identity'],
    ['Were you honorably discharged?', 'military_discharge'],
    ['Are you a member of a union?', 'union_membership'],
  ])('flags %j as %s', (text, category) => {
    expect(lintRisk(text).map((f) => f.category)).toContain(category);
  });

  it.each([
    'Tell me about a time you worked across time zones.',
    'Are you legally authorized to work in this country?',
    'Will you now or in the future require visa sponsorship?',
    'Can you perform the essential functions of this job, with or without reasonable accommodation?',
    'What salary range are you looking for?',
    'What leadership skills did you build during your military service?',
    'How many years of experience do you have leading platform teams?',
    'Tell me about a product you built for older adults.',
    'How do you make your product accessible to users with disabilities?',
    'This role requires travel 30% of the time; is that workable?',
    'Where do you see yourself in five years?',
  ])('leaves the lawful neighbour %j alone', (text) => {
    expect(lintRisk(text)).toEqual([]);
  });

  it('gives offsets into the text, a message and a lawful alternative', () => {
    const text = 'Great. Before we wrap up, when did you graduate? And do you have kids?';
    const findings = lintRisk(text);
    expect(findings.map((f) => f.category)).toEqual(['age', 'family_status']);
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.match);
      expect(f.alternative.length).toBeGreaterThan(10);
    }
    expect(findings[0]!.match).toBe('when did you graduate');
  });

  it('counts UTF-16 offsets past astral characters', () => {
    const text = '👋 Nice to meet you! How old are you?';
    const [f] = lintRisk(text);
    expect(text.slice(f!.start, f!.end)).toBe('How old');
  });
});

describe('agreement with the labelled table (written without seeing the rules)', () => {
  const items = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../content/risk/fixtures.json'), 'utf8')) as LabelledItem[];
  // Measured when the rules were committed (see README); floors catch regressions.
  it('tuning part: precision and recall ≥ 0.95', () => {
    const s = scoreRisk(items.filter((i) => i.split === 'tuning'));
    expect(s.n).toBe(138);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
  });
  it('held-out part: precision ≥ 0.9, recall ≥ 0.45', () => {
    const s = scoreRisk(items.filter((i) => i.split === 'holdout'));
    expect(s.n).toBe(71);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.45);
  });
});
