import { describe, expect, it } from 'vitest';
import { issuesOf, parseAttributeMap, parseJsonText, reportSummary } from './import-model.ts';

describe('import page helpers', () => {
  it('reads the attribute map one “name = id” per line and names the first bad line', () => {
    expect(parseAttributeMap('Technical depth = technology-strategy-architecture\n\n A = b=c ')).toEqual({ map: { 'Technical depth': 'technology-strategy-architecture', 'A = b': 'c' } });
    expect(parseAttributeMap('ok = x\nno equals sign')).toEqual({ error: 'Line 2: write “Attribute name = competency-id”.' });
  });
  it('parses JSON text or says why not', () => {
    expect(parseJsonText('{"a":1}')).toEqual({ value: { a: 1 } });
    expect('error' in parseJsonText('{')).toBe(true);
  });
  it('takes the row report from details.errors, else details.issues', () => {
    expect(issuesOf({ errors: [{ line: 2, path: 'rating', reason: 'bad' }] })).toEqual([{ line: 2, path: 'rating', reason: 'bad' }]);
    expect(issuesOf({ issues: [{ path: 'resume.basics.email', message: 'Enter an email' }] })).toEqual([{ line: null, path: 'resume.basics.email', reason: 'Enter an email' }]);
    expect(issuesOf(undefined)).toEqual([]);
  });
  it('summarises a report', () => {
    const counts = { candidates: 3, linkedExisting: 1, applications: 4, interviews: 1, scorecards: 2, ratings: 5 };
    expect(reportSummary({ preview: true, rows: 9, counts, errors: [{ line: null, path: 'x', reason: 'y' }], warnings: [] })).toBe(
      'Preview — would import: 3 new candidates, 1 linked to existing, 4 applications, 1 interview, 2 scorecards (5 ratings). 1 problem skipped.',
    );
  });
});
