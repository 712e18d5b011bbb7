import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { Ctx, MemberActor } from '../../server/context.ts';
import type { StageDef } from '../../server/db/schema.ts';
import * as candQ from '../candidates/candidates.queries.ts';
import type { ScorecardBody } from '../feedback/feedback.contract.ts';
import * as fbQ from '../feedback/feedback.queries.ts';
import * as ivQ from '../interviews/interviews.queries.ts';
import type { Plan } from '../plans/plans.format.ts';
import type { ImportCounts, ImportIssue } from './imports.contract.ts';

export const emptyCounts = (): ImportCounts => ({ candidates: 0, linkedExisting: 0, applications: 0, interviews: 0, scorecards: 0, ratings: 0 });

const sortIssues = (a: ImportIssue, b: ImportIssue) => (a.line ?? 0) - (b.line ?? 0) || (a.path ?? '').localeCompare(b.path ?? '', 'en', { numeric: true });

/**
 * The DECISIONS 15 rule shared by every importer: with problems and neither preview nor skipInvalid,
 * nothing is written and the answer is 400 `invalid` listing every problem (also as `details.issues`).
 */
export function refuseIfInvalid(errors: ImportIssue[], opts: { preview: boolean; skipInvalid: boolean }) {
  errors.sort(sortIssues);
  if (!errors.length || opts.skipInvalid || opts.preview) return;
  throw new AppError('invalid', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the file; nothing was imported (fix them, or import the good records with skipInvalid)`, {
    errors,
    issues: errors.map((e) => ({ path: e.line !== null ? `line ${e.line}${e.path ? `: ${e.path}` : ''}` : (e.path ?? ''), message: e.reason })),
  });
}


/** The round an imported scorecard or interview belongs to: by name, else the round rating most of `competencies`, else the first. */
export function roundFor(plan: Plan, names: (string | null | undefined)[], competencies: string[] = []): string {
  for (const n of names) {
    const wanted = n?.trim().toLowerCase();
    if (!wanted) continue;
    const hit = plan.rounds.find((r) => r.name.trim().toLowerCase() === wanted || r.id === wanted);
    if (hit) return hit.id;
  }
  if (competencies.length) {
    let best: { id: string; n: number } | null = null;
    for (const r of plan.rounds) {
      const rated = plan.scorecard.rounds.find((s) => s.roundId === r.id)?.competencies ?? r.focus;
      const n = competencies.filter((c) => rated.includes(c)).length;
      if (n > 0 && (!best || n > best.n)) best = { id: r.id, n };
    }
    if (best) return best.id;
  }
  return plan.rounds[0]!.id;
}

/** Inserts a historical application: created at `appliedAt` in the first stage, then (if different) moved to its final stage. */
export async function writeApplication(
  tx: Ctx,
  actor: MemberActor,
  job: { id: string; stages: StageDef[] },
  candidateId: string,
  a: { appliedAt: Date; stage: string; status: 'active' | 'rejected' | 'hired'; rejectionReason: string | null; rejectionNote: string | null; movedAt: Date },
): Promise<string> {
  const id = randomUUID();
  const first = job.stages[0]!.id;
  const orgId = actor.org.id;
  await candQ.insertApplication(tx.db, { id, orgId, openingId: job.id, candidateId, stage: first, now: a.appliedAt });
  await candQ.insertMove(tx.db, { id: randomUUID(), orgId, applicationId: id, fromStage: null, toStage: first, reasonCode: null, note: null, undoes: null, movedBy: actor.userId, now: a.appliedAt });
  if (a.stage !== first || a.status !== 'active') {
    if (a.stage !== first) {
      await candQ.insertMove(tx.db, { id: randomUUID(), orgId, applicationId: id, fromStage: first, toStage: a.stage, reasonCode: a.rejectionReason, note: a.rejectionNote, undoes: null, movedBy: actor.userId, now: a.movedAt });
    }
    await candQ.updateApplicationStage(tx.db, id, { stage: a.stage, status: a.status, rejectionReason: a.rejectionReason, rejectionNote: a.rejectionNote }, a.movedAt);
  }
  return id;
}

/** Inserts a historical interview with its panel (no invites: it is in the past or was already sent elsewhere). */
export async function writeInterview(tx: Ctx, actor: MemberActor, i: { applicationId: string; roundId: string; startsAt: Date; endsAt: Date; location: string; interviewerIds: string[] }): Promise<string> {
  const id = randomUUID();
  await ivQ.insertInterview(tx.db, { id, orgId: actor.org.id, applicationId: i.applicationId, roundId: i.roundId, startsAt: i.startsAt, endsAt: i.endsAt, timeZone: 'UTC', location: i.location, createdBy: actor.userId, now: tx.clock.now() });
  if (i.interviewerIds.length) await ivQ.setPanel(tx.db, id, [...new Set(i.interviewerIds)].map((userId) => ({ userId, seat: 'interviewer' as const })));
  return id;
}

/**
 * Inserts a historical scorecard: submitted at `submittedAt`, stamped with the plan version current
 * at import, its ratings and the application's summary refreshed exactly as a live submit does.
 */
export async function writeScorecard(
  tx: Ctx,
  actor: MemberActor,
  s: { applicationId: string; openingId: string; interviewId: string; interviewerId: string; planVersionId: string; body: ScorecardBody; submittedAt: Date },
): Promise<number> {
  const id = randomUUID();
  await fbQ.insertScorecard(tx.db, { id, orgId: actor.org.id, interviewId: s.interviewId, applicationId: s.applicationId, interviewerId: s.interviewerId, planVersionId: s.planVersionId, body: s.body, now: tx.clock.now() });
  await fbQ.saveScorecard(tx.db, id, { body: s.body, status: 'submitted', submittedAt: s.submittedAt }, tx.clock.now());
  await fbQ.insertRevision(tx.db, id, s.body, s.interviewerId, tx.clock.now());
  const ratings = Object.fromEntries(Object.entries(s.body.ratings).map(([k, v]) => [k, v.rating]));
  await fbQ.replaceRatings(tx.db, { scorecardId: id, orgId: actor.org.id, openingId: s.openingId, applicationId: s.applicationId, interviewerId: s.interviewerId, submittedAt: s.submittedAt }, ratings);
  await fbQ.refreshSummaries(tx.db, s.applicationId, s.openingId);
  return Object.values(ratings).filter((r) => r !== null).length;
}

/** A date-time from the input, or null when it does not parse. */
export function dateOf(v: unknown): Date | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
