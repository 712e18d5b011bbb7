import { safeCsv } from '../../core/util/csv.ts';
import { AppError } from '../../shared/errors.ts';
import type { FileBody } from '../../shared/route.ts';
import type { Ctx } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import * as candQ from '../candidates/candidates.queries.ts';
import { stageName } from '../candidates/candidates.service.ts';
import * as docs from '../documents/documents.service.ts';
import { exportScorecards } from '../feedback/feedback.service.ts';
import { planBodyOf, requireJob } from '../openings/openings.service.ts';
import type { Plan } from '../plans/plans.format.ts';
import type { recordTables } from './imports.contract.ts';
import * as q from './imports.queries.ts';

type Table = (typeof recordTables)[number];

/**
 * A job's whole hiring record for its hiring team. Scorecards come from the scorecard export
 * (`exportScorecards`), so the blind rule and its `scorecard.read` audit apply exactly as there;
 * the export itself is audited once (`job_record.exported`, with counts only).
 */
export async function exportJobRecord(ctx: Ctx, jobId: string, format: 'json' | 'csv', table: Table | undefined): Promise<FileBody> {
  if (format === 'csv' && !table) throw AppError.invalid('Choose the table to export as CSV', [{ path: 'table', message: 'Use applications, stage_moves, scorecards or decisions' }]);
  const { actor, row: job } = await requireJob(ctx, jobId, 'manage');
  const base = `record-${job.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const orgId = actor.org.id;
  if (format === 'csv' && table === 'scorecards') {
    const file = await exportScorecards(ctx, jobId, 'csv');
    await audit(ctx, 'job_record.exported', { type: 'job', id: jobId }, { format, table });
    return { ...file, fileName: `${base}-scorecards.csv` };
  }
  const apps = await candQ.listApplications(ctx.db, orgId, jobId, { onlyInterviewer: null, limit: 1_000_000 });
  const moves = await q.movesOfJob(ctx.db, orgId, jobId);
  const decisions = await q.decisionsOfJob(ctx.db, orgId, jobId);
  const appIds = new Set(apps.map((a) => a.id));
  const name = (id: string | null) => (id === null ? null : stageName(job.stages, id));

  if (format === 'csv') {
    let rows: unknown[][];
    if (table === 'applications') {
      rows = [['application_id', 'candidate_id', 'candidate', 'email', 'stage', 'stage_name', 'status', 'rejection_reason', 'rejection_note', 'created_at', 'updated_at']];
      for (const a of apps) rows.push([a.id, a.candidateId, a.candidateName, a.candidateEmail, a.stage, name(a.stage), a.status, a.rejectionReason, a.rejectionNote, a.createdAt.toISOString(), a.updatedAt.toISOString()]);
    } else if (table === 'stage_moves') {
      rows = [['move_id', 'application_id', 'seq', 'from_stage', 'to_stage', 'to_stage_name', 'reason_code', 'note', 'undoes', 'moved_by', 'moved_at']];
      for (const m of moves) if (appIds.has(m.applicationId)) rows.push([m.id, m.applicationId, m.seq, m.fromStage, m.toStage, name(m.toStage), m.reasonCode, m.note, m.undoes, m.movedByName, m.movedAt.toISOString()]);
    } else {
      rows = [['decision_id', 'application_id', 'decision', 'reason_code', 'rationale', 'decided_by', 'decided_at']];
      for (const d of decisions) if (appIds.has(d.applicationId)) rows.push([d.id, d.applicationId, d.decision, d.reasonCode, d.rationale, d.decidedByName, d.decidedAt.toISOString()]);
    }
    await audit(ctx, 'job_record.exported', { type: 'job', id: jobId }, { format, table: table!, rows: rows.length - 1 });
    return { contentType: 'text/csv; charset=utf-8', fileName: `${base}-${table}.csv`, body: safeCsv(rows) };
  }

  const current = await planBodyOf(ctx, orgId, job.planId);
  const versionIds = [...new Set([current.planVersionId, ...(await q.planVersionsOfJob(ctx.db, orgId, jobId))])];
  const planVersions = [];
  for (const id of versionIds) planVersions.push({ id, current: id === current.planVersionId, plan: await docs.versionBody<Plan>(ctx, orgId, id) });
  const scorecards = JSON.parse(String((await exportScorecards(ctx, jobId, 'json')).body)) as { scorecards: unknown[]; withheld: number };
  const movesOf = new Map<string, typeof moves>();
  for (const m of moves) movesOf.set(m.applicationId, [...(movesOf.get(m.applicationId) ?? []), m]);
  const doc = {
    format: 'rubric.job-record/v1',
    exportedAt: ctx.clock.now().toISOString(),
    job: { id: job.id, title: job.title, status: job.status, planId: job.planId, stages: job.stages, createdAt: job.createdAt.toISOString() },
    planVersions,
    applications: apps.map((a) => ({
      id: a.id,
      candidate: { id: a.candidateId, name: a.candidateName, email: a.candidateEmail },
      stage: a.stage,
      stageName: name(a.stage),
      status: a.status,
      rejectionReason: a.rejectionReason,
      rejectionNote: a.rejectionNote,
      createdAt: a.createdAt.toISOString(),
      stageMoves: (movesOf.get(a.id) ?? []).map((m) => ({ id: m.id, seq: m.seq, fromStage: m.fromStage, toStage: m.toStage, reasonCode: m.reasonCode, note: m.note, undoes: m.undoes, movedBy: m.movedByName, movedAt: m.movedAt.toISOString() })),
    })),
    scorecards: scorecards.scorecards,
    /** Applications whose scorecards the blind rule withholds from you. */
    scorecardsWithheld: scorecards.withheld,
    decisions: decisions
      .filter((d) => appIds.has(d.applicationId))
      .map((d) => ({ id: d.id, applicationId: d.applicationId, decision: d.decision, reasonCode: d.reasonCode, rationale: d.rationale, decidedBy: d.decidedByName, decidedAt: d.decidedAt.toISOString() })),
  };
  await audit(ctx, 'job_record.exported', { type: 'job', id: jobId }, { format, applications: doc.applications.length, scorecards: doc.scorecards.length, decisions: doc.decisions.length });
  return { contentType: 'application/json', fileName: `${base}.json`, body: `${JSON.stringify(doc, null, 2)}\n` };
}
