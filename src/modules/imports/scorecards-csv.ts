import { recommendations, type Recommendation } from '../../core/scoring/scoring.ts';
import { emailSchema, idSchema } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import type { ScorecardBody } from '../feedback/feedback.contract.ts';
import * as outQ from '../outcomes/outcomes.queries.ts';
import { canManageJob, JOB_CREATORS, type JobAccess } from '../openings/openings.policy.ts';
import { jobAccess, planBodyOf } from '../openings/openings.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { type ImportIssue, type ImportReport, scorecardImportColumns } from './imports.contract.ts';
import * as q from './imports.queries.ts';
import { readCsv } from './csv.ts';
import { dateOf, emptyCounts, refuseIfInvalid, writeInterview, writeScorecard } from './imports.service.ts';

type Column = (typeof scorecardImportColumns)[number];
const MAX_ROWS = 20_000;

type Target = { kind: 'id'; applicationId: string } | { kind: 'email'; email: string; jobId: string };
interface Row {
  line: number;
  target: Target;
  interviewerEmail: string;
  roundId: string;
  competencyId: string;
  rating: number | null;
  recommendation: Recommendation | null;
  submittedAt: Date;
  notes: string;
}

/**
 * Reads the header through the column mapping (our column → the file's header) and checks it:
 * unknown and repeated columns, and the required ones, are reported on line 1.
 */
function columnsOf(header: string[], mapping: Partial<Record<Column, string>>): Column[] {
  const theirs = new Map(Object.entries(mapping).map(([ours, h]) => [h.trim().toLowerCase(), ours as Column]));
  const errors: ImportIssue[] = [];
  const cols = header.map((raw) => {
    const h = raw.trim().toLowerCase();
    const c = theirs.get(h) ?? h;
    if (!(scorecardImportColumns as readonly string[]).includes(c)) errors.push({ line: 1, path: raw, reason: `Unknown column "${raw}" (use ${scorecardImportColumns.join(', ')}, or map it with mapping)` });
    return c as Column;
  });
  cols.forEach((c, i) => {
    if (cols.indexOf(c) !== i) errors.push({ line: 1, path: header[i]!, reason: `Column "${c}" appears twice` });
  });
  for (const c of ['interviewer_email', 'round_id', 'competency_id', 'rating', 'submitted_at'] as const) if (!cols.includes(c)) errors.push({ line: 1, path: c, reason: `Missing required column "${c}"${mapping[c] ? ` (mapped to "${mapping[c]}")` : ''}` });
  if (!cols.includes('application_id') && !(cols.includes('candidate_email') && cols.includes('job_id'))) errors.push({ line: 1, path: 'application_id', reason: 'Identify the application: an application_id column, or candidate_email and job_id columns' });
  if (errors.length) throw new AppError('invalid', 'The header row is not valid', { errors, issues: errors.map((e) => ({ path: `line 1: ${e.path}`, message: e.reason })) });
  return cols;
}

/** Validates every row's values (what needs the database is checked by the importer). */
export function parseScorecardsCsv(csv: string, mapping: Partial<Record<Column, string>> = {}): { rows: Row[]; errors: ImportIssue[]; total: number } {
  const { header, body } = readCsv(csv);
  const cols = columnsOf(header, mapping);
  if (body.length === 0) throw new AppError('invalid', 'The file has a header but no rows', { errors: [{ line: 2, path: null, reason: 'No rows' }] });
  if (body.length > MAX_ROWS) throw new AppError('invalid', `At most ${MAX_ROWS} rows per import (this file has ${body.length})`, { errors: [{ line: MAX_ROWS + 2, path: null, reason: 'Too many rows' }] });
  const rows: Row[] = [];
  const errors: ImportIssue[] = [];
  for (const { record, line } of body) {
    if (record.length !== cols.length) {
      errors.push({ line, path: null, reason: `Expected ${cols.length} fields, found ${record.length}` });
      continue;
    }
    const v = (c: Column) => {
      const i = cols.indexOf(c);
      return i < 0 ? '' : (record[i] ?? '');
    };
    const before = errors.length;
    const bad = (path: Column | null, reason: string) => errors.push({ line, path, reason });
    let target: Target | null = null;
    if (v('application_id')) {
      if (idSchema.safeParse(v('application_id').toLowerCase()).success) target = { kind: 'id', applicationId: v('application_id').toLowerCase() };
      else bad('application_id', 'Not a valid application id');
    } else {
      const email = emailSchema.safeParse(v('candidate_email'));
      if (!email.success) bad('candidate_email', v('candidate_email') ? 'Not a valid email address' : 'Give application_id, or candidate_email and job_id');
      if (!idSchema.safeParse(v('job_id').toLowerCase()).success) bad('job_id', v('job_id') ? 'Not a valid job id' : 'Give the job id with candidate_email');
      if (email.success && errors.length === before) target = { kind: 'email', email: email.data, jobId: v('job_id').toLowerCase() };
    }
    const interviewer = emailSchema.safeParse(v('interviewer_email'));
    if (!interviewer.success) bad('interviewer_email', v('interviewer_email') ? 'Not a valid email address' : 'Give the interviewer’s email');
    if (!v('round_id')) bad('round_id', 'Give the round id of the job’s plan');
    if (!v('competency_id')) bad('competency_id', 'Give the competency id of the job’s plan');
    const ratingText = v('rating');
    const rating = ratingText === '' ? null : /^[1-4]$/.test(ratingText) ? Number(ratingText) : NaN;
    if (Number.isNaN(rating)) bad('rating', `"${ratingText}" is not a rating from 1 to 4 (leave it empty for "not assessed")`);
    const rec = v('recommendation').toLowerCase();
    if (rec && !(recommendations as readonly string[]).includes(rec)) bad('recommendation', `Unknown recommendation "${v('recommendation')}" (use ${recommendations.join(', ')})`);
    const submittedAt = dateOf(v('submitted_at'));
    if (!submittedAt) bad('submitted_at', v('submitted_at') ? `"${v('submitted_at')}" is not a date-time (use ISO 8601, e.g. 2025-03-01T10:00:00Z)` : 'Give the date the scorecard was submitted');
    if (v('notes').length > 20_000) bad('notes', 'At most 20,000 characters');
    if (errors.length > before || !target || !interviewer.success || !submittedAt) continue;
    rows.push({ line, target, interviewerEmail: interviewer.data, roundId: v('round_id'), competencyId: v('competency_id'), rating, recommendation: (rec || null) as Recommendation | null, submittedAt, notes: v('notes') });
  }
  return { rows, errors, total: body.length };
}

/**
 * Imports historical scorecards: rows of one (application, interviewer, round) form one submitted
 * scorecard, stamped with the job's current plan version. A scorecard with any bad row is not
 * imported at all. Any bad row imports nothing unless skipInvalid; preview writes nothing.
 */
export async function importScorecardsCsv(ctx: Ctx, input: { csv: string; mapping: Partial<Record<Column, string>>; preview: boolean; skipInvalid: boolean }): Promise<ImportReport> {
  const actor = requireRole(ctx, JOB_CREATORS);
  const parsed = parseScorecardsCsv(input.csv, input.mapping);
  return inTransaction(ctx, async (tx) => {
    const orgId = actor.org.id;
    const errors = [...parsed.errors];
    const byEmail = new Map(
      (await outQ.applicationsByEmailAndJob(tx.db, orgId, parsed.rows.flatMap((r) => (r.target.kind === 'email' ? [{ email: r.target.email, jobId: r.target.jobId }] : [])))).map((a) => [`${a.email}|${a.openingId}`, a.id]),
    );
    const appIdOf = (r: Row) => (r.target.kind === 'id' ? r.target.applicationId : byEmail.get(`${r.target.email}|${r.target.jobId}`));
    const apps = new Map((await q.applicationsForScorecards(tx.db, orgId, parsed.rows.map(appIdOf).filter((x): x is string => !!x))).map((a) => [a.id, a]));
    const members = new Map((await q.membersByEmail(tx.db, orgId, parsed.rows.map((r) => r.interviewerEmail))).map((m) => [m.email.toLowerCase(), m.id]));
    const scored = new Set((await q.scoredSeats(tx.db, [...apps.keys()])).map((s) => `${s.applicationId}|${s.roundId}|${s.interviewerId}`));
    const access = new Map<string, JobAccess | null>();
    const plans = new Map<string, Awaited<ReturnType<typeof planBodyOf>>>();

    type Good = Row & { applicationId: string; openingId: string; interviewerId: string; planVersionId: string };
    const groups = new Map<string, { rows: Good[]; bad: number | null }>();
    const seen = new Map<string, number>();
    const groupOf = (key: string) => groups.get(key) ?? groups.set(key, { rows: [], bad: null }).get(key)!;
    for (const r of parsed.rows) {
      const idColumn = r.target.kind === 'id' ? 'application_id' : 'candidate_email';
      const appId = appIdOf(r);
      const app = appId ? apps.get(appId) : undefined;
      if (!app) {
        errors.push({ line: r.line, path: idColumn, reason: r.target.kind === 'id' ? 'Unknown application' : 'No application of this candidate to this job' });
        continue;
      }
      if (!access.has(app.openingId)) access.set(app.openingId, await jobAccess(tx, actor, app.openingId));
      if (!canManageJob(actor, access.get(app.openingId) ?? null)) {
        errors.push({ line: r.line, path: idColumn, reason: access.get(app.openingId) ? 'Only the job’s hiring team imports its scorecards' : 'Unknown application' });
        continue;
      }
      if (!plans.has(app.planId)) plans.set(app.planId, await planBodyOf(tx, orgId, app.planId));
      const plan = plans.get(app.planId)!;
      const interviewerId = members.get(r.interviewerEmail.toLowerCase());
      const key = `${app.id}|${r.roundId}|${interviewerId ?? r.interviewerEmail}`;
      const group = groupOf(key);
      const before = errors.length;
      if (!interviewerId) errors.push({ line: r.line, path: 'interviewer_email', reason: 'No member of this organization has this email' });
      if (!plan.body.rounds.some((x) => x.id === r.roundId)) errors.push({ line: r.line, path: 'round_id', reason: `The job’s plan has no round "${r.roundId}" (use ${plan.body.rounds.map((x) => x.id).join(', ')})` });
      if (!plan.body.competencies.some((x) => x.id === r.competencyId)) errors.push({ line: r.line, path: 'competency_id', reason: `The job’s plan has no competency "${r.competencyId}"` });
      if (interviewerId && scored.has(key)) errors.push({ line: r.line, path: 'interviewer_email', reason: 'This interviewer already has a scorecard for this application and round' });
      const dup = seen.get(`${key}|${r.competencyId}`);
      if (dup) errors.push({ line: r.line, path: 'competency_id', reason: `Same application, interviewer, round and competency as line ${dup}` });
      const first = group.rows[0];
      if (first && first.recommendation && r.recommendation && first.recommendation !== r.recommendation) errors.push({ line: r.line, path: 'recommendation', reason: `Differs from line ${first.line} of the same scorecard` });
      if (first && first.submittedAt.getTime() !== r.submittedAt.getTime()) errors.push({ line: r.line, path: 'submitted_at', reason: `Differs from line ${first.line} of the same scorecard` });
      seen.set(`${key}|${r.competencyId}`, r.line);
      if (errors.length > before || !interviewerId) {
        group.bad ??= r.line;
        continue;
      }
      group.rows.push({ ...r, applicationId: app.id, openingId: app.openingId, interviewerId, planVersionId: plan.planVersionId });
    }
    // Nothing half-written: the good rows of a scorecard with a bad row are reported too.
    for (const g of groups.values()) if (g.bad !== null) for (const r of g.rows) errors.push({ line: r.line, path: null, reason: `Part of a scorecard with a bad row (line ${g.bad})` });
    const good = [...groups.values()].filter((g) => g.bad === null && g.rows.length);
    refuseIfInvalid(errors, input);

    const counts = emptyCounts();
    counts.scorecards = good.length;
    counts.ratings = good.reduce((s, g) => s + g.rows.filter((r) => r.rating !== null).length, 0);
    const panels = await q.panelsOfApplications(tx.db, [...new Set(good.map((g) => g.rows[0]!.applicationId))]);
    const slots = good.map((g) => {
      const r = g.rows[0]!;
      return panels.find((p) => p.applicationId === r.applicationId && p.roundId === r.roundId && p.userId === r.interviewerId)?.id ?? null;
    });
    counts.interviews = slots.filter((s) => s === null).length;
    const report: ImportReport = { preview: input.preview, rows: parsed.total, counts, errors, warnings: [] };
    if (input.preview) return report;
    for (const [i, g] of good.entries()) {
      const r = g.rows[0]!;
      const interviewId =
        slots[i] ?? (await writeInterview(tx, actor, { applicationId: r.applicationId, roundId: r.roundId, startsAt: new Date(r.submittedAt.getTime() - 3_600_000), endsAt: r.submittedAt, location: '', interviewerIds: [r.interviewerId] }));
      const body: ScorecardBody = {
        ratings: Object.fromEntries(g.rows.map((x) => [x.competencyId, { rating: x.rating, evidence: '' }])),
        questionRatings: [],
        recommendation: g.rows.find((x) => x.recommendation)?.recommendation ?? null,
        notes: g.rows.map((x) => x.notes).filter(Boolean).join('\n'),
        redFlags: [],
      };
      await writeScorecard(tx, actor, { applicationId: r.applicationId, openingId: r.openingId, interviewId, interviewerId: r.interviewerId, planVersionId: r.planVersionId, body, submittedAt: r.submittedAt });
    }
    await audit(tx, 'scorecards.imported', null, { ...counts, skipped: errors.length });
    return report;
  });
}
