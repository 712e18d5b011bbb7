import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { emitEvent, interviewChangeEvent, iso } from '../webhooks/webhooks.events.ts';
import { requireApplication } from '../candidates/candidates.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { JOB_CREATORS } from '../openings/openings.policy.ts';
import * as openQ from '../openings/openings.queries.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import type { Plan } from '../plans/plans.format.ts';
import type { Interview } from './interviews.contract.ts';
import { sendInvites } from './interviews.invites.ts';
import * as q from './interviews.queries.ts';

const DAY = 24 * 3_600_000;

export function roundName(plan: Plan | null, stages: { roundId: string | null; name: string }[], roundId: string): string {
  return plan?.rounds.find((r) => r.id === roundId)?.name ?? stages.find((s) => s.roundId === roundId)?.name ?? roundId;
}

export async function toInterviews(ctx: Ctx, rows: q.InterviewRow[]): Promise<Interview[]> {
  const panels = await q.panelsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.applicationId,
    jobId: r.openingId,
    jobTitle: r.jobTitle,
    candidateId: r.candidateId,
    candidateName: r.candidateName,
    roundId: r.roundId,
    roundName: roundName(null, r.stages, r.roundId),
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    timeZone: r.timeZone,
    location: r.location,
    status: r.status,
    interviewers: panels
      .filter((p) => p.interviewId === r.id && p.seat === 'interviewer')
      .map((p) => ({ userId: p.userId, name: p.name, scorecard: p.scorecardStatus ?? 'none', scorecardId: p.scorecardId })),
    shadows: panels.filter((p) => p.interviewId === r.id && p.seat === 'shadow').map((p) => ({ userId: p.userId, name: p.name })),
    sequence: r.sequence,
  }));
}

/** An interview the actor may see: the application's managers and the interview's own panel. */
export async function requireInterview(ctx: Ctx, id: string, need: 'see' | 'manage' = 'see') {
  const actor = requireMember(ctx);
  const row = await q.findInterview(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Interview');
  const { access } = await requireApplication(ctx, row.applicationId, need).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') throw AppError.notFound('Interview');
    throw e;
  });
  const panel = await q.panelsOf(ctx.db, [id]);
  if (access !== 'manage' && !panel.some((p) => p.userId === actor.userId)) throw AppError.notFound('Interview');
  return { actor, row, access, panel };
}

async function validateInput(ctx: Ctx, orgId: string, plan: Plan, input: { roundId?: string | undefined; interviewerIds?: string[] | undefined; startsAt?: string | undefined; endsAt?: string | undefined }, current?: { startsAt: Date; endsAt: Date }) {
  const issues: FieldIssue[] = [];
  if (input.roundId !== undefined && !plan.rounds.some((r) => r.id === input.roundId)) issues.push({ path: 'roundId', message: `The interview plan has no round "${input.roundId}"` });
  if (input.interviewerIds) {
    const members = await openQ.memberIds(ctx.db, orgId, input.interviewerIds);
    input.interviewerIds.forEach((u, i) => {
      if (!members.has(u)) issues.push({ path: `interviewerIds.${i}`, message: 'Not a member of this organization' });
    });
  }
  const start = input.startsAt ? new Date(input.startsAt) : current?.startsAt;
  const end = input.endsAt ? new Date(input.endsAt) : current?.endsAt;
  if (start && end && end.getTime() <= start.getTime()) issues.push({ path: 'endsAt', message: 'The interview must end after it starts' });
  if (start && end && end.getTime() - start.getTime() > DAY) issues.push({ path: 'endsAt', message: 'An interview lasts at most 24 hours' });
  if (issues.length) throw AppError.invalid('The interview is not valid', issues);
}

export async function createInterview(
  ctx: Ctx,
  applicationId: string,
  input: { roundId: string; interviewerIds: string[]; shadowIds?: string[] | undefined; startsAt: string; endsAt: string; timeZone: string; location: string },
) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, app } = await requireApplication(tx, applicationId, 'manage');
    const shadows = (input.shadowIds ?? []).filter((id) => !input.interviewerIds.includes(id));
    const plan = await planBodyOf(tx, actor.org.id, app.planId);
    await validateInput(tx, actor.org.id, plan.body, input);
    if (shadows.length) await validateInput(tx, actor.org.id, plan.body, { interviewerIds: shadows });
    const id = randomUUID();
    await q.insertInterview(tx.db, {
      id,
      orgId: actor.org.id,
      applicationId,
      roundId: input.roundId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      timeZone: input.timeZone,
      location: input.location,
      createdBy: actor.userId,
      now: tx.clock.now(),
    });
    await q.setPanel(tx.db, id, [...[...new Set(input.interviewerIds)].map((userId) => ({ userId, seat: 'interviewer' as const })), ...[...new Set(shadows)].map((userId) => ({ userId, seat: 'shadow' as const }))]);
    await audit(tx, 'interview.created', { type: 'interview', id }, { applicationId, roundId: input.roundId, interviewers: input.interviewerIds.length, shadows: shadows.length });
    await emitEvent(tx, actor.org.id, 'interview.scheduled', { interviewId: id, applicationId, roundId: input.roundId, startsAt: iso(input.startsAt), endsAt: iso(input.endsAt) });
    // Invites for interviews still ahead (a past interview entered after the fact needs none).
    if (new Date(input.endsAt).getTime() > tx.clock.now().getTime()) await sendInvites(tx, id, 'REQUEST');
    return (await toInterviews(tx, [(await q.findInterview(tx.db, actor.org.id, id))!]))[0]!;
  });
}

export async function updateInterview(
  ctx: Ctx,
  id: string,
  patch: { roundId?: string | undefined; interviewerIds?: string[] | undefined; shadowIds?: string[] | undefined; startsAt?: string | undefined; endsAt?: string | undefined; timeZone?: string | undefined; location?: string | undefined; status?: 'scheduled' | 'cancelled' | undefined },
) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, row, panel: panelBefore } = await requireInterview(tx, id, 'manage');
    const plan = await planBodyOf(tx, actor.org.id, row.planId);
    await validateInput(tx, actor.org.id, plan.body, patch, row);
    const { interviewerIds, shadowIds, startsAt, endsAt, ...rest } = patch;
    if (shadowIds?.length) await validateInput(tx, actor.org.id, plan.body, { interviewerIds: shadowIds });
    const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    await q.updateInterview(tx.db, id, { ...set, ...(startsAt ? { startsAt: new Date(startsAt) } : {}), ...(endsAt ? { endsAt: new Date(endsAt) } : {}) }, tx.clock.now());
    const before = new Map(panelBefore.map((p) => [p.userId, p]));
    let removed: string[] = [];
    if (interviewerIds || shadowIds) {
      const leads = interviewerIds ?? panelBefore.filter((p) => p.seat === 'interviewer').map((p) => p.userId);
      const shadows = (shadowIds ?? panelBefore.filter((p) => p.seat === 'shadow').map((p) => p.userId)).filter((u) => !leads.includes(u));
      removed = await q.setPanel(tx.db, id, [...[...new Set(leads)].map((userId) => ({ userId, seat: 'interviewer' as const })), ...[...new Set(shadows)].map((userId) => ({ userId, seat: 'shadow' as const }))]);
    }
    // Invites follow every change attendees care about: same UID, SEQUENCE + 1.
    const changed =
      (startsAt !== undefined && new Date(startsAt).getTime() !== row.startsAt.getTime()) ||
      (endsAt !== undefined && new Date(endsAt).getTime() !== row.endsAt.getTime()) ||
      (patch.location !== undefined && patch.location !== row.location) ||
      (patch.status !== undefined && patch.status !== row.status) ||
      removed.length > 0 ||
      [...(interviewerIds ?? []), ...(shadowIds ?? [])].some((u) => !before.has(u));
    if (changed && (row.status === 'scheduled' || patch.status === 'scheduled')) {
      await q.bumpSequence(tx.db, id);
      const cancelled = patch.status === 'cancelled';
      const gone = cancelled ? [] : panelBefore.filter((p) => removed.includes(p.userId));
      const emails = await q.usersByIds(tx.db, gone.map((g) => g.userId));
      await sendInvites(tx, id, cancelled ? 'CANCEL' : 'REQUEST', emails);
    }
    await audit(tx, 'interview.updated', { type: 'interview', id }, { fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined).sort() });
    await emitEvent(tx, actor.org.id, interviewChangeEvent(row, patch), { interviewId: id, applicationId: row.applicationId, roundId: patch.roundId ?? row.roundId, startsAt: iso(startsAt ?? row.startsAt), endsAt: iso(endsAt ?? row.endsAt) });
    return (await toInterviews(tx, [(await q.findInterview(tx.db, actor.org.id, id))!]))[0]!;
  });
}

export async function getInterview(ctx: Ctx, id: string) {
  const { row } = await requireInterview(ctx, id);
  return (await toInterviews(ctx, [row]))[0]!;
}

export async function listApplicationInterviews(ctx: Ctx, applicationId: string) {
  const { actor, access } = await requireApplication(ctx, applicationId);
  let rows = await q.interviewsOfApplication(ctx.db, applicationId);
  const items = await toInterviews(ctx, rows);
  if (access !== 'manage') rows = rows.filter((r) => items.find((i) => i.id === r.id)!.interviewers.some((p) => p.userId === actor.userId));
  return { items: items.filter((i) => rows.some((r) => r.id === i.id)) };
}

/** The interviewer's home: upcoming interviews, scorecards to start, drafts and overdue ones. */
export async function myInterviews(ctx: Ctx) {
  const actor = requireMember(ctx);
  const now = ctx.clock.now();
  const rows = await q.interviewsOfUser(ctx.db, actor.org.id, actor.userId, new Date(now.getTime() - 90 * DAY));
  const all = await toInterviews(ctx, rows);
  const mine = (i: Interview) => i.interviewers.find((p) => p.userId === actor.userId)!.scorecard;
  const ended = (i: Interview) => new Date(i.endsAt).getTime() <= now.getTime();
  const overdue = (i: Interview) => now.getTime() - new Date(i.endsAt).getTime() > DAY;
  return {
    upcoming: all.filter((i) => !ended(i)),
    toDo: all.filter((i) => ended(i) && mine(i) === 'none' && !overdue(i)),
    drafts: all.filter((i) => mine(i) === 'draft' && !overdue(i)),
    overdue: all.filter((i) => ended(i) && mine(i) !== 'submitted' && overdue(i)),
  };
}

export async function interviewKit(ctx: Ctx, id: string) {
  const { actor, row } = await requireInterview(ctx, id);
  const plan = await planBodyOf(ctx, actor.org.id, row.planId);
  const round = plan.body.rounds.find((r) => r.id === row.roundId);
  if (!round) throw AppError.conflict('The interview plan no longer has this round');
  const rated = plan.body.scorecard.rounds.find((r) => r.roundId === round.id)?.competencies ?? round.focus;
  const interview = (await toInterviews(ctx, [row]))[0]!;
  const resumeName = await q.resumeNameOf(ctx.db, row.candidateId);
  return {
    interview,
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      minutes: round.minutes,
      interviewerDirections: round.interviewerDirections,
      candidateDirections: round.candidateDirections,
      questions: round.questions.map((qq) => ({ questionRef: qq.questionRef, text: qq.text, type: qq.type, competencies: qq.competencies, probes: qq.probes, minutes: qq.minutes })),
    },
    competencies: plan.body.competencies.filter((c) => rated.includes(c.id)).map((c) => ({ id: c.id, name: c.name, weight: c.weight, anchors: c.anchors })),
    evidenceRequired: plan.body.scorecard.evidenceRequired,
    resume: resumeName ? { name: resumeName, url: `/api/v1/candidates/${row.candidateId}/resume` } : null,
    scorecardId: interview.interviewers.find((p) => p.userId === actor.userId)?.scorecardId ?? null,
  };
}
