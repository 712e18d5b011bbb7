import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { ageBandValues, type DemographicsBody, raceEthnicityValues, sexValues } from '../analytics/analytics.contract.ts';
import { saveDemographics } from '../analytics/demographics.service.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { type ColumnMapping, mapHeader, readCsv } from '../imports/csv.ts';
import { JOB_CREATORS } from '../openings/openings.policy.ts';
import { requireJob } from '../openings/openings.service.ts';
import { candidateImportColumns as IMPORT_COLUMNS, candidateInputSchema, DEMOGRAPHIC_COLUMNS, type ImportResult } from './candidates.contract.ts';
import * as q from './candidates.queries.ts';
import { authorOf, insertApplication, insertCandidate } from './candidates.service.ts';

export { DEMOGRAPHIC_COLUMNS, candidateImportColumns as IMPORT_COLUMNS } from './candidates.contract.ts';
const REQUIRED = ['name', 'email'];
const MAX_ROWS = 5000;
export const DEMOGRAPHICS_NEED_COMPLIANCE = 'Only members holding the compliance grant may import demographics';

type DemographicColumn = (typeof DEMOGRAPHIC_COLUMNS)[number];
const demographicValues: Record<DemographicColumn, readonly string[]> = { sex: sexValues, race_ethnicity: raceEthnicityValues, age_band: ageBandValues };

type RowError = { line: number; column: string | null; reason: string };
type GoodRow = { line: number; input: z.infer<typeof candidateInputSchema>; demographics: DemographicsBody | null };

/**
 * A row's demographic cells: none (null), or all three, each one of the contract's values (any
 * case; 'declined' for a question the candidate declined). `allowed` is false for members without
 * `compliance`: then every filled demographic cell is an error.
 */
function readDemographics(line: number, cells: Partial<Record<DemographicColumn, string>>, allowed: boolean): { value: DemographicsBody | null; errors: RowError[] } {
  const filled = DEMOGRAPHIC_COLUMNS.filter((c) => (cells[c] ?? '') !== '');
  if (filled.length === 0) return { value: null, errors: [] };
  if (!allowed) return { value: null, errors: filled.map((column) => ({ line, column, reason: DEMOGRAPHICS_NEED_COMPLIANCE })) };
  const errors: RowError[] = [];
  const out: Partial<Record<DemographicColumn, string>> = {};
  for (const column of DEMOGRAPHIC_COLUMNS) {
    const raw = cells[column] ?? '';
    if (raw === '') {
      errors.push({ line, column, reason: `Give all three of ${DEMOGRAPHIC_COLUMNS.join(', ')} or none (use "declined" for a question the candidate declined)` });
      continue;
    }
    const match = demographicValues[column].find((v) => v.toLowerCase() === raw.toLowerCase());
    if (!match) errors.push({ line, column, reason: `Use one of: ${demographicValues[column].join(', ')}` });
    else out[column] = match;
  }
  if (errors.length) return { value: null, errors };
  return { value: { sex: out.sex, raceEthnicity: out.race_ethnicity, ageBand: out.age_band } as DemographicsBody, errors: [] };
}

/**
 * Validates a whole CSV file (header row, then one candidate per row) and reports every bad row
 * with its line number and column. Pure apart from the lookups done by the caller.
 */
export function parseCandidatesCsv(csv: string, opts: { demographicsAllowed: boolean } = { demographicsAllowed: false }, mapping: ColumnMapping = {}): { rows: GoodRow[]; errors: RowError[]; total: number } {
  const file = readCsv(csv, 'column', 'The file is empty: expected a header row and at least one candidate');
  const header = mapHeader(file.header, mapping);
  const headerErrors: RowError[] = [];
  header.forEach((h) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) headerErrors.push({ line: 1, column: h, reason: `Unknown column "${h}" (use ${IMPORT_COLUMNS.join(', ')})` });
  });
  for (const r of REQUIRED) if (!header.includes(r)) headerErrors.push({ line: 1, column: r, reason: `Missing required column "${r}"` });
  if (headerErrors.length) throw new AppError('invalid', 'The header row is not valid', { errors: headerErrors });
  const body = file.body;
  if (body.length === 0) throw new AppError('invalid', 'The file has a header but no candidates', { errors: [{ line: 2, column: null, reason: 'No rows' }] });
  if (body.length > MAX_ROWS) throw new AppError('invalid', `At most ${MAX_ROWS} rows per import (this file has ${body.length})`, { errors: [{ line: MAX_ROWS + 2, column: null, reason: 'Too many rows' }] });

  const rows: GoodRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of body) {
    if (record.length !== header.length) {
      errors.push({ line, column: null, reason: `Expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    const demo: Partial<Record<DemographicColumn, string>> = {};
    header.forEach((h, i) => {
      const v = record[i] ?? '';
      if ((DEMOGRAPHIC_COLUMNS as readonly string[]).includes(h)) demo[h as DemographicColumn] = v;
      else if (h === 'links') raw.links = v === '' ? [] : v.split(/[\s;]+/).filter(Boolean);
      else if (v !== '' || REQUIRED.includes(h)) raw[h] = v;
    });
    const parsed = candidateInputSchema.safeParse(raw);
    const demographics = readDemographics(line, demo, opts.demographicsAllowed);
    if (!parsed.success || demographics.errors.length) {
      for (const issue of parsed.error?.issues ?? []) errors.push({ line, column: String(issue.path[0] ?? '') || null, reason: issue.message });
      errors.push(...demographics.errors);
      continue;
    }
    const earlier = seen.get(parsed.data.email);
    if (earlier) {
      errors.push({ line, column: 'email', reason: `Same email as line ${earlier}` });
      continue;
    }
    seen.set(parsed.data.email, line);
    rows.push({ line, input: parsed.data, demographics: demographics.value });
  }
  return { rows, errors, total: body.length };
}

/**
 * Imports candidates into a job. Any bad row imports nothing (400 listing every error) unless
 * `skipInvalid`, which imports the good rows in one transaction. Known emails link the existing
 * candidate instead of duplicating them; a candidate already on the job is a row error.
 */
export async function importCandidates(ctx: Ctx, jobId: string, input: { csv: string; skipInvalid: boolean; preview: boolean; mapping?: ColumnMapping }): Promise<ImportResult> {
  const actor = requireRole(ctx, JOB_CREATORS);
  const parsed = parseCandidatesCsv(input.csv, { demographicsAllowed: actor.org.compliance }, input.mapping);
  return inTransaction(ctx, async (tx) => {
    const { row: job } = await requireJob(tx, jobId, 'manage');
    const errors = [...parsed.errors];
    const existing = new Map((await q.candidatesByEmail(tx.db, actor.org.id, parsed.rows.map((r) => r.input.email))).map((c) => [c.email, c.id]));
    const good: (GoodRow & { existingId: string | undefined })[] = [];
    for (const r of parsed.rows) {
      const existingId = existing.get(r.input.email);
      if (existingId && (await q.findApplicationFor(tx.db, job.id, existingId))) {
        errors.push({ line: r.line, column: 'email', reason: 'This candidate already applied to this job' });
        continue;
      }
      good.push({ ...r, existingId });
    }
    errors.sort((a, b) => a.line - b.line);
    const result = { preview: input.preview, rows: parsed.total, imported: good.length, linkedExisting: good.filter((g) => g.existingId).length, errors };
    if (errors.length && !input.skipInvalid && !input.preview) {
      throw new AppError('invalid', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the file; nothing was imported (fix them, or import the good rows with skipInvalid)`, {
        errors,
        issues: errors.map((e) => ({ path: `line ${e.line}${e.column ? `: ${e.column}` : ''}`, message: e.reason })),
      });
    }
    if (input.preview) return result;
    let demographics = 0;
    for (const g of good) {
      const candidateId = g.existingId ?? (await insertCandidate(tx, authorOf(actor), g.input));
      await insertApplication(tx, authorOf(actor), job, candidateId);
      if (g.demographics) {
        await saveDemographics(tx, { orgId: actor.org.id, candidateId, body: g.demographics, source: 'import', recordedBy: actor.userId });
        demographics++;
      }
    }
    // Counts only: which candidates carry demographics is itself not written to the log.
    await audit(tx, 'candidates.imported', { type: 'job', id: job.id }, { imported: good.length, linkedExisting: result.linkedExisting, skipped: errors.length, ...(demographics ? { demographics } : {}) });
    return result;
  });
}
