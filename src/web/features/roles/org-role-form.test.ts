import { describe, expect, it } from 'vitest';
import type { OrgRoleBody } from '../../../modules/roles/roles.contract.ts';
import { changedFields, formatDiffValue, formFieldOfIssue, mergeOntoLatest, toFormValues, toSaveBody } from './org-role-form.ts';

const body = (title: string, summary: string, competencyWeights: Record<string, number>) =>
  ({ profile: { id: 'cpo', title, summary, family: 'product' }, competencyWeights }) as unknown as OrgRoleBody;

describe('organization role form', () => {
  const base = body('Chief Product Officer', 'Owns what the company builds and why.', { vision: 5, ux: 4 });

  it('gives every framework competency a field, 0 where the role does not weigh it', () => {
    expect(toFormValues(base, ['vision', 'ux', 'infra'])).toEqual({
      title: 'Chief Product Officer',
      summary: 'Owns what the company builds and why.',
      weights: { vision: 5, ux: 4, infra: 0 },
      note: '',
    });
  });

  it('saves the edits onto the base body, dropping new zero weights but keeping removed ones as 0', () => {
    const saved = toSaveBody(base, { title: '  CPO (Lumen) ', summary: 'A new summary for our company.', weights: { vision: 3, ux: 0, infra: 0, data: 2 } });
    expect(saved.profile.title).toBe('CPO (Lumen)');
    expect(saved.profile.summary).toBe('A new summary for our company.');
    expect((saved.profile as unknown as { family: string }).family).toBe('product');
    expect(saved.competencyWeights).toEqual({ vision: 3, ux: 0, data: 2 });
    // The base is not changed.
    expect(base.competencyWeights).toEqual({ vision: 5, ux: 4 });
  });

  it('saves an unchanged form as an identical body', () => {
    const values = toFormValues(base, ['vision', 'ux', 'infra']);
    expect(toSaveBody(base, values)).toEqual(base);
  });

  it('keeps the user’s changes and takes everything else from the latest version after a conflict', () => {
    const ids = ['vision', 'ux', 'infra'];
    const started = toFormValues(base, ids);
    const latest = toFormValues(body('Chief Product Officer', 'The admin rewrote this summary.', { vision: 5, ux: 2 }), ids);
    const current = { ...started, title: 'CPO (Lumen)', weights: { ...started.weights, infra: 1 }, note: 'mine' };
    const { values, kept } = mergeOntoLatest(started, latest, current);
    expect(kept).toEqual(['title', 'weights.infra']);
    expect(values).toEqual({ title: 'CPO (Lumen)', summary: 'The admin rewrote this summary.', weights: { vision: 5, ux: 2, infra: 1 }, note: 'mine' });
  });

  it('lists changed fields', () => {
    const a = { title: 'A', summary: 'S', weights: { x: 1, y: 2 } };
    expect(changedFields(a, { title: ' A ', summary: 'T', weights: { x: 1, y: 3, z: 0 } })).toEqual(['summary', 'weights.y']);
  });

  it('maps server issue paths to form fields', () => {
    expect(formFieldOfIssue('body.profile.title')).toBe('title');
    expect(formFieldOfIssue('profile.summary')).toBe('summary');
    expect(formFieldOfIssue('body.competencyWeights.market-customer-insight')).toBe('weights.market-customer-insight');
    expect(formFieldOfIssue('note')).toBe('note');
    expect(formFieldOfIssue('baseVersionId')).toBeNull();
  });

  it('formats diff values on one line', () => {
    expect(formatDiffValue(undefined)).toBe('(none)');
    expect(formatDiffValue('CPO')).toBe('“CPO”');
    expect(formatDiffValue(3)).toBe('3');
    expect(formatDiffValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatDiffValue('x'.repeat(200), 10)).toBe('“xxxxxxxx…');
  });
});
