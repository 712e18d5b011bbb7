import { describe, expect, it } from 'vitest';
import { countSummary, exportUrl, monthsLabel, nameMatches, privacyAccess, receiptUrl, totalCount } from './privacy-model.ts';

describe('privacy model', () => {
  it('lets owners and admins manage, recruiters only view', () => {
    expect((['owner', 'admin', 'recruiter', 'hiring_manager', 'interviewer'] as const).map((r) => privacyAccess(r))).toEqual([
      { view: true, manage: true },
      { view: true, manage: true },
      { view: true, manage: false },
      { view: false, manage: false },
      { view: false, manage: false },
    ]);
    expect(privacyAccess(null)).toEqual({ view: false, manage: false });
  });

  it('matches the typed name ignoring outer and repeated spaces, never an empty name', () => {
    expect(nameMatches(' Tobias  Grün ', 'Tobias Grün')).toBe(true);
    expect(nameMatches('Tobias Grun', 'Tobias Grün')).toBe(false);
    expect(nameMatches('tobias grün', 'Tobias Grün')).toBe(false);
    expect(nameMatches('', '  ')).toBe(false);
  });

  it('summarises counts largest first and builds the download addresses', () => {
    expect(countSummary({ emails: 2, candidates: 1, scorecard_notes: 2, consents: 0 })).toBe('emails 2, scorecard notes 2, candidates 1');
    expect(countSummary({})).toBe('nothing');
    expect(totalCount({ a: 2, b: 3 })).toBe(5);
    expect(receiptUrl('r 1', 'html')).toBe('/api/v1/privacy/receipts/r%201?format=html');
    expect(exportUrl('c-1', 'pdf')).toBe('/api/v1/candidates/c-1/export?format=pdf');
    expect([0, 1, 12].map(monthsLabel)).toEqual(['right away', 'after 1 month', 'after 12 months']);
  });
});
