import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import { emailSchema, idSchema } from '../../shared/common.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { type ColumnMapping, mapHeader, readCsv } from '../imports/csv.ts';
import { canManageJob, JOB_CREATORS, type JobAccess } from '../openings/openings.policy.ts';
import { jobAccess } from '../openings/openings.service.ts';
import { OUTCOME_IMPORT_COLUMNS, type OutcomeCheckpoint, type OutcomeImportResult, type OutcomeMeasures, outcomeCheckpoints, outcomeMeasuresSchema } from './outcomes.contract.ts';
import * as q from './outcomes.queries.ts';
import { valuesOf } from './outcomes.service.ts';

type Column = (typeof OUTCOME_IMPORT_COLUMNS)[number];
const MEASURE_COLUMNS = ['performance_rating', 'retained', 'ramp_days', 'regretted_attrition', 'manager_satisfaction'] as const;
const MAX_ROWS = 5000;

const columnOf: Record<string, Column> = {
  performanceRating: 'performance_rating',
  retained: 'retained',
  rampDays: 'ramp_days',
  regrettedAttrition: 'regretted_attrition',
  managerSatisfaction: 'manager_satisfaction',
  note: 'note',
};

type RowError = { line: number; column: string | null; reason: string };
type Target = { kind: 'id'; applicationId: string } | { kind: 'email'; email: string; jobId: string };
type GoodRow = { line: number; target: Target; checkpoint: OutcomeCheckpoint; measures: OutcomeMeasures };

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

function bool(v: string): boolean | null | 'bad' {
  const s = v.toLowerCase();
  if (s === '') return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return 'bad';
}

function int(v: string): number | null | 'bad' {
  if (v === '') return null;
  return /^[+-]?\d+$/.test(v) ? Number(v) : 'bad';
}

/**
 * Validates a whole outcomes CSV (header row, then one outcome per row) and reports every bad
 * value with its line and column. Which application a row means is checked by the caller.
 */
export function parseOutcomesCsv(csv: string, mapping: ColumnMapping = {}): { rows: GoodRow[]; errors: RowError[]; total: number } {
  const file = readCsv(csv, 'column', 'The file is empty: expected a header row and at least one outcome');
  const header = mapHeader(file.header, mapping);
  const headerErrors: RowError[] = [];
  const seenHeader = new Set<string>();
  header.forEach((h) => {
    if (!(OUTCOME_IMPORT_COLUMNS as readonly string[]).includes(h)) headerErrors.push({ line: 1, column: h, reason: `Unknown column "${h}" (use ${OUTCOME_IMPORT_COLUMNS.join(', ')})` });
    else if (seenHeader.has(h)) headerErrors.push({ line: 1, column: h, reason: `Column "${h}" appears twice` });
    seenHeader.add(h);
  });
  if (!header.includes('checkpoint')) headerErrors.push({ line: 1, column: 'checkpoint', reason: 'Missing required column "checkpoint"' });
  if (!header.includes('application_id') && !(header.includes('candidate_email') && header.includes('job_id'))) {
    headerErrors.push({ line: 1, column: 'application_id', reason: 'Identify the application: add an application_id column, or candidate_email and job_id columns' });
  }
  if (!MEASURE_COLUMNS.some((c) => header.includes(c))) headerErrors.push({ line: 1, column: null, reason: `Add at least one measure column (${MEASURE_COLUMNS.join(', ')})` });
  if (headerErrors.length) throw new AppError('invalid', 'The header row is not valid', { errors: headerErrors });
  const body = file.body;
  if (body.length === 0) throw new AppError('invalid', 'The file has a header but no outcomes', { errors: [{ line: 2, column: null, reason: 'No rows' }] });
  if (body.length > MAX_ROWS) throw new AppError('invalid', `At most ${MAX_ROWS} rows per import (this file has ${body.length})`, { errors: [{ line: MAX_ROWS + 2, column: null, reason: 'Too many rows' }] });

  const rows: GoodRow[] = [];
  const errors: RowError[] = [];
  for (const { record, line } of body) {
    if (record.length !== header.length) {
      errors.push({ line, column: null, reason: `Expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const v = (c: Column) => {
      const i = header.indexOf(c);
      return i < 0 ? '' : (record[i] ?? '');
    };
    const rowErrors: RowError[] = [];
    const bad = (column: Column | null, reason: string) => rowErrors.push({ line, column, reason });

    let target: Target | null = null;
    if (v('application_id') !== '') {
      if (idSchema.safeParse(v('application_id')).success) target = { kind: 'id', applicationId: v('application_id').toLowerCase() };
      else bad('application_id', 'Not a valid application id');
    } else if (v('candidate_email') !== '' || v('job_id') !== '') {
      const email = emailSchema.safeParse(v('candidate_email'));
      const jobOk = idSchema.safeParse(v('job_id')).success;
      if (!email.success) bad('candidate_email', v('candidate_email') === '' ? 'Give the candidate email with job_id (or an application_id)' : 'Not a valid email address');
      if (!jobOk) bad('job_id', v('job_id') === '' ? 'Give the job id with candidate_email (or an application_id)' : 'Not a valid job id');
      if (email.success && jobOk) target = { kind: 'email', email: email.data, jobId: v('job_id').toLowerCase() };
    } else {
      bad(header.includes('application_id') ? 'application_id' : 'candidate_email', 'Identify the application: application_id, or candidate_email and job_id');
    }

    const checkpoint = v('checkpoint').toLowerCase();
    if (!(outcomeCheckpoints as readonly string[]).includes(checkpoint)) bad('checkpoint', checkpoint === '' ? `Give a checkpoint (${outcomeCheckpoints.join(', ')})` : `Unknown checkpoint "${v('checkpoint')}" (use ${outcomeCheckpoints.join(', ')})`);

    const raw: Record<string, unknown> = {};
    for (const [key, column] of [['performanceRating', 'performance_rating'], ['rampDays', 'ramp_days'], ['managerSatisfaction', 'manager_satisfaction']] as const) {
      const n = int(v(column));
      if (n === 'bad') bad(column, `"${v(column)}" is not a whole number`);
      else raw[key] = n;
    }
    for (const [key, column] of [['retained', 'retained'], ['regrettedAttrition', 'regretted_attrition']] as const) {
      const b = bool(v(column));
      if (b === 'bad') bad(column, `"${v(column)}" is not a yes/no value (use true/false, yes/no or 1/0)`);
      else raw[key] = b;
    }
    raw.note = v('note') === '' ? null : v('note');
    const parsed = outcomeMeasuresSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        // The "at least one measure" rule only applies when every measure parsed (and was empty).
        if (issue.code === 'custom') {
          if (!rowErrors.some((e) => (MEASURE_COLUMNS as readonly string[]).includes(e.column ?? ''))) bad(null, 'Record at least one measure (performance_rating, retained, ramp_days, regretted_attrition or manager_satisfaction)');
        } else bad(columnOf[key] ?? null, issue.message);
      }
    }
    if (rowErrors.length || !target || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ line, target, checkpoint: checkpoint as OutcomeCheckpoint, measures: parsed.data });
  }
  return { rows, errors, total: body.length };
}

/**
 * Imports outcomes: each row names a hired application the actor manages (by id, or by candidate
 * email and job) and a checkpoint, and records or replaces its measures. Any bad row imports nothing
 * (400 listing every error) unless `skipInvalid`; preview reports without writing. One transaction.
 */
export async function importOutcomes(ctx: Ctx, input: { csv: string; preview: boolean; skipInvalid: boolean; mapping?: ColumnMapping }): Promise<OutcomeImportResult> {
  const actor = requireRole(ctx, JOB_CREATORS);
  const parsed = parseOutcomesCsv(input.csv, input.mapping);
  return inTransaction(ctx, async (tx) => {
    const orgId = actor.org.id;
    const byId = new Map((await q.applicationsByIds(tx.db, orgId, parsed.rows.flatMap((r) => (r.target.kind === 'id' ? [r.target.applicationId] : [])))).map((a) => [a.id, a]));
    const emailPairs = parsed.rows.flatMap((r) => (r.target.kind === 'email' ? [{ email: r.target.email, jobId: r.target.jobId }] : []));
    const byEmail = new Map((await q.applicationsByEmailAndJob(tx.db, orgId, emailPairs)).map((a) => [`${a.email}|${a.openingId}`, a]));
    const access = new Map<string, JobAccess | null>();
    const errors = [...parsed.errors];
    const good: (GoodRow & { applicationId: string })[] = [];
    const seen = new Map<string, number>();
    for (const r of parsed.rows) {
      const column = r.target.kind === 'id' ? 'application_id' : 'candidate_email';
      const app = r.target.kind === 'id' ? byId.get(r.target.applicationId) : byEmail.get(`${r.target.email}|${r.target.jobId}`);
      if (!app) {
        errors.push({ line: r.line, column, reason: r.target.kind === 'id' ? 'Unknown application' : 'No application of this candidate to this job' });
        continue;
      }
      if (!access.has(app.openingId)) access.set(app.openingId, await jobAccess(tx, actor, app.openingId));
      if (!canManageJob(actor, access.get(app.openingId) ?? null)) {
        errors.push({ line: r.line, column, reason: 'Not visible to you: only the job’s hiring team records its outcomes' });
        continue;
      }
      if (app.status !== 'hired') {
        errors.push({ line: r.line, column, reason: `Not hired (the application is ${app.status}); outcomes are only recorded for hires` });
        continue;
      }
      const key = `${app.id}|${r.checkpoint}`;
      const earlier = seen.get(key);
      if (earlier) {
        errors.push({ line: r.line, column: 'checkpoint', reason: `Same application and checkpoint as line ${earlier}` });
        continue;
      }
      seen.set(key, r.line);
      good.push({ ...r, applicationId: app.id });
    }
    errors.sort((a, b) => a.line - b.line);
    const existing = new Set((await q.existingOutcomes(tx.db, orgId, [...new Set(good.map((g) => g.applicationId))])).map((o) => `${o.applicationId}|${o.checkpoint}`));
    const updated = good.filter((g) => existing.has(`${g.applicationId}|${g.checkpoint}`)).length;
    const result: OutcomeImportResult = { preview: input.preview, rows: parsed.total, imported: good.length, created: good.length - updated, updated, errors };
    if (errors.length && !input.skipInvalid && !input.preview) {
      throw new AppError('invalid', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the file; nothing was imported (fix them, or import the good rows with skipInvalid)`, {
        errors,
        issues: errors.map((e) => ({ path: `line ${e.line}${e.column ? `: ${e.column}` : ''}`, message: e.reason })),
      });
    }
    if (input.preview) return result;
    const now = tx.clock.now();
    for (const g of good) {
      await q.upsertOutcome(tx.db, { id: randomUUID(), orgId, applicationId: g.applicationId, checkpoint: g.checkpoint, values: valuesOf(g.measures), recordedBy: actor.userId, now });
    }
    await audit(tx, 'outcomes.imported', null, { imported: good.length, created: result.created, updated, skipped: errors.length });
    return result;
  });
}
