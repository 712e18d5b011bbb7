import type { ImportIssue, ImportReport } from '../../../modules/imports/imports.contract.ts';

export type ImportKind = 'greenhouse' | 'json-resume' | 'scorecards';

export const importKinds: readonly { value: ImportKind; label: string; accept: string }[] = [
  { value: 'greenhouse', label: 'Greenhouse export (JSON)', accept: '.json,application/json' },
  { value: 'json-resume', label: 'JSON Resume (one candidate)', accept: '.json,application/json' },
  { value: 'scorecards', label: 'Historical scorecards (CSV)', accept: '.csv,text/csv,text/plain' },
];

/** Reads "Attribute name = competency-id" lines (blank lines ignored); returns the map or the first bad line. */
export function parseAttributeMap(text: string): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.lastIndexOf('=');
    const name = line.slice(0, at).trim();
    const id = line.slice(at + 1).trim();
    if (at < 0 || !name || !id) return { error: `Line ${i + 1}: write “Attribute name = competency-id”.` };
    map[name] = id;
  }
  return { map };
}

/** A JSON file's text parsed, or a readable reason. */
export function parseJsonText(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `The file is not JSON: ${(e as Error).message}` };
  }
}

/** The problems a refused import lists in `details.errors` (or, failing that, `details.issues`). */
export function issuesOf(details: Record<string, unknown> | undefined): ImportIssue[] {
  const errors = details?.errors;
  if (Array.isArray(errors)) return errors as ImportIssue[];
  const issues = details?.issues;
  if (Array.isArray(issues)) return (issues as { path: string; message: string }[]).map((i) => ({ line: null, path: i.path, reason: i.message }));
  return [];
}

export function reportSummary(r: ImportReport): string {
  const c = r.counts;
  const parts = [
    `${c.candidates} new candidate${c.candidates === 1 ? '' : 's'}`,
    ...(c.linkedExisting ? [`${c.linkedExisting} linked to existing`] : []),
    `${c.applications} application${c.applications === 1 ? '' : 's'}`,
    `${c.interviews} interview${c.interviews === 1 ? '' : 's'}`,
    `${c.scorecards} scorecard${c.scorecards === 1 ? '' : 's'} (${c.ratings} rating${c.ratings === 1 ? '' : 's'})`,
  ];
  return `${r.preview ? 'Preview — would import' : 'Imported'}: ${parts.join(', ')}.${r.errors.length ? ` ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} skipped.` : ''}`;
}
