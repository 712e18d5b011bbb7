import { describe, expect, it } from 'vitest';
import { generateForJobSchema, type JdDefaults } from '../../../modules/jd/jd.contract.ts';
import { diffRows, fieldErrors, firstLocation, formFromSettings, issuesByPath, settingsFromForm } from './jd-format.ts';

const defaults: JdDefaults = {
  company: {
    name: 'Lumen Harbor',
    mission: 'Make harbours run on clean power.',
    industry: 'Energy',
    stage: 'series-a',
    headcount: 40,
    headquarters: 'Rotterdam',
    locations: ['Rotterdam', 'Remote (EU)'],
    remotePolicy: 'hybrid',
    reportsTo: 'CEO',
    teamSize: 6,
    benefits: ['Pension'],
    emphasis: ['technology-strategy-architecture', 'unknown-competency'],
  },
  tone: 'warm',
  length: 'standard',
  language: 'en',
};

describe('the company-context form', () => {
  it('round-trips the defaults into valid generator settings, without a salary when both figures are empty', () => {
    const form = formFromSettings(defaults, ['technology-strategy-architecture']);
    expect(form.emphasis).toEqual(['technology-strategy-architecture']);
    expect(form.locations).toBe('Rotterdam\nRemote (EU)');
    const parsed = generateForJobSchema.safeParse({ settings: settingsFromForm(form), baseVersionId: null });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.settings.company).not.toHaveProperty('salary');
    expect(parsed.data?.settings.company).not.toHaveProperty('equity');
    expect(firstLocation(form, defaults)).toBe('Rotterdam');
    expect(firstLocation({ locations: '\n  Berlin \n' }, defaults)).toBe('Berlin');
    expect(firstLocation({ locations: '' }, defaults)).toBe('Rotterdam');
  });

  it('sends a salary when one is typed and reports issues under the fields by server path', () => {
    const form = { ...formFromSettings({ ...defaults, company: { name: '' } }, []), salaryMin: '90000', salaryMax: '', currency: 'eur', locations: 'Berlin\n' + 'x'.repeat(130) };
    const settings = settingsFromForm(form) as { company: { salary?: unknown } };
    expect(settings.company.salary).toEqual({ min: 90000, max: undefined, currency: 'EUR', period: 'year' });
    const parsed = generateForJobSchema.safeParse({ settings, baseVersionId: null });
    expect(parsed.success).toBe(false);
    const { fields, other } = fieldErrors(issuesByPath(parsed.error!.issues));
    expect(fields.name).toBe('Enter a value');
    expect(fields.salaryMax).toBe('Enter a number');
    expect(fields.stage).toBe('Choose one of the options');
    expect(fields.headcount).toBe('Enter a number');
    expect(fields.locations).toBe('Line 2: Use at most 120 characters');
    expect(other).toEqual([]);
  });

  it('maps server issues the same way, and keeps unknown paths for the form’s alert', () => {
    const { fields, other } = fieldErrors({ 'settings.company.name': 'Required', 'settings.company.salary': 'min must not exceed max', baseVersionId: 'Invalid' });
    expect(fields).toEqual({ name: 'Required', salaryMin: 'min must not exceed max' });
    expect(other).toEqual(['baseVersionId: Invalid']);
  });
});

describe('diffRows', () => {
  it('puts unchanged lines on both sides and pairs removed with added lines', () => {
    expect(
      diffRows([
        { kind: 'same', text: '# Title' },
        { kind: 'removed', text: 'old 1' },
        { kind: 'removed', text: 'old 2' },
        { kind: 'added', text: 'new 1' },
        { kind: 'same', text: 'end' },
        { kind: 'added', text: 'tail' },
      ]),
    ).toEqual([
      { left: { kind: 'same', text: '# Title' }, right: { kind: 'same', text: '# Title' } },
      { left: { kind: 'removed', text: 'old 1' }, right: { kind: 'added', text: 'new 1' } },
      { left: { kind: 'removed', text: 'old 2' }, right: null },
      { left: { kind: 'same', text: 'end' }, right: { kind: 'same', text: 'end' } },
      { left: null, right: { kind: 'added', text: 'tail' } },
    ]);
  });
});
