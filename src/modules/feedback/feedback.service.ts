import { randomUUID } from 'node:crypto';
import { aggregateDebrief, DISAGREEMENT_SPREAD, type Recommendation, weightedMean } from '../../core/scoring/scoring.ts';
import { debriefSummary } from '../../core/scoring/summary.ts';
import { markdownText } from '../../core/util/markdown-text.ts';
import { safeCsv } from '../../core/util/csv.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import { audit } from '../audit/audit.service.ts';
import type { ApplicationRow } from '../candidates/candidates.queries.ts';
import * as candQ from '../candidates/candidates.queries.ts';
import { applyMove, requireApplication, stageName } from '../candidates/candidates.service.ts';
import * as docs from '../documents/documents.service.ts';
import { renderPdf } from '../documents/pdf.ts';
import { requireInterview, roundName } from '../interviews/interviews.service.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import * as openQ from '../openings/openings.queries.ts';
import { hiringSettings, planBodyOf, rejectionReasons, requireJob } from '../openings/openings.service.ts';
import { requireMember } from '../orgs/orgs.policy.ts';
import type { Plan } from '../plans/plans.format.ts';
import { type Debrief, positiveReasons, type Scorecard, type ScorecardBody, scorecardBodySchema } from './feedback.contract.ts';
import { BLIND_MESSAGE, canDecide, canSeeFeedback, type FeedbackFacts, NOT_ALLOWED_MESSAGE } from './feedback.policy.ts';
import * as q from './feedback.queries.ts';

const HOUR = 3_600_000;

/** The facts the blind rule needs, for several applications of one job at once. */
async function feedbackFacts(ctx: Ctx, actor: MemberActor, openingId: string, applicationIds: string[]): Promise<Map<string, FeedbackFacts>> {
  const settings = await hiringSettings(ctx, actor.org.id);
  const team = await openQ.teamRolesOf(ctx.db, openingId, actor.userId);
  // Job-wide reports ask about many applications: scope the queries by job instead of long id lists.
  const scope: q.ApplicationScope = applicationIds.length > 1 ? { openingId } : { applicationIds };
  const unsubmitted = new Set((await q.seatsOf(ctx.db, scope, actor.userId)).filter((s) => s.status !== 'submitted').map((s) => s.applicationId));
  const submittedAny = await q.submittedBy(ctx.db, scope, actor.userId);
  return new Map(
    applicationIds.map((id) => [
      id,
      {
        blind: settings.blindFeedback,
        deciderRoles: settings.deciderRoles,
        isJobHiringManager: team.includes('hiring_manager'),
        hasUnsubmitted: unsubmitted.has(id),
        hasSubmitted: submittedAny.has(id),
      },
    ]),
  );
}

async function factsFor(ctx: Ctx, actor: MemberActor, app: { id: string; openingId: string }) {
  return (await feedbackFacts(ctx, actor, app.openingId, [app.id])).get(app.id)!;
}

function requireFeedback(actor: MemberActor, facts: FeedbackFacts) {
  if (!canSeeFeedback(actor, facts)) throw AppError.forbidden(facts.hasUnsubmitted ? BLIND_MESSAGE : NOT_ALLOWED_MESSAGE);
}

/** The competencies a round rates and its questions, from the plan version the scorecard stamps. */
function formOf(plan: Plan, roundId: string) {
  const round = plan.rounds.find((r) => r.id === roundId);
  const rated = plan.scorecard.rounds.find((r) => r.roundId === roundId)?.competencies ?? round?.focus ?? [];
  return {
    competencies: plan.competencies.filter((c) => rated.includes(c.id)).map((c) => ({ id: c.id, name: c.name, weight: c.weight, anchors: c.anchors })),
    questions: (round?.questions ?? []).map((qq, index) => ({ index, questionRef: qq.questionRef, text: qq.text })),
    evidenceRequired: plan.scorecard.evidenceRequired,
  };
}

/** The plan version a scorecard stamps (immutable; cached per process by the documents module). */
function planAt(ctx: Ctx, orgId: string, versionId: string): Promise<Plan> {
  return docs.versionBody<Plan>(ctx, orgId, versionId);
}

function emptyBody(): ScorecardBody {
  return { ratings: {}, questionRatings: [], recommendation: null, notes: '', redFlags: [] };
}

async function toScorecard(ctx: Ctx, actor: MemberActor, row: q.ScorecardRow, candidateName: string, visible: boolean): Promise<Scorecard> {
  const plan = await planAt(ctx, actor.org.id, row.planVersionId);
  const mine = row.interviewerId === actor.userId;
  const redacted = !mine && !(visible && row.status === 'submitted');
  return {
    id: row.id,
    interviewId: row.interviewId,
    applicationId: row.applicationId,
    candidateName,
    interviewer: { id: row.interviewerId, name: row.interviewerName },
    roundId: row.roundId,
    roundName: plan.rounds.find((r) => r.id === row.roundId)?.name ?? row.roundId,
    planVersionId: row.planVersionId,
    status: row.status,
    version: row.version,
    revisions: Math.max(0, row.revisionCount - 1),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    redacted,
    body: redacted ? null : (row.body as ScorecardBody),
    form: formOf(plan, row.roundId),
    mine,
  };
}

/** Your scorecard for an interview you are on; the first call starts a draft stamped with the plan's current version. */
export async function myScorecard(ctx: Ctx, interviewId: string) {
  const { actor, row, panel } = await requireInterview(ctx, interviewId);
  const seat = panel.find((p) => p.userId === actor.userId);
  if (!seat) throw AppError.forbidden("You are not on this interview's panel");
  if (seat.seat === 'shadow') throw AppError.forbidden('Shadows observe; the interviewers on the panel write the scorecards');
  let card = await q.findMine(ctx.db, interviewId, actor.userId);
  if (!card) {
    if (row.status === 'cancelled') throw AppError.conflict('This interview was cancelled');
    const plan = await planBodyOf(ctx, actor.org.id, row.planId);
    await q.insertScorecard(ctx.db, { id: randomUUID(), orgId: actor.org.id, interviewId, applicationId: row.applicationId, interviewerId: actor.userId, planVersionId: plan.planVersionId, body: emptyBody(), now: ctx.clock.now() });
    card = (await q.findMine(ctx.db, interviewId, actor.userId))!;
  }
  return toScorecard(ctx, actor, card, row.candidateName, true);
}

/** Loads a scorecard the actor may read at least redacted (it must be able to see the application). */
async function loadScorecard(ctx: Ctx, id: string, forUpdate = false) {
  const actor = requireMember(ctx);
  const row = await q.findScorecard(ctx.db, actor.org.id, id, forUpdate);
  if (!row) throw AppError.notFound('Scorecard');
  const { app } = await requireApplication(ctx, row.applicationId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') throw AppError.notFound('Scorecard');
    throw e;
  });
  return { actor, row, app };
}

/**
 * Reads of other people's feedback are audited once per request (DECISIONS 8), and only when
 * something was shown: redacted cards and your own scorecards do not count.
 */
async function auditScorecardRead(ctx: Ctx, target: { type: string; id: string }, view: string, scorecards: number) {
  if (scorecards > 0) await audit(ctx, 'scorecard.read', target, { view, scorecards });
}

const shownOfOthers = (cards: Scorecard[]) => cards.filter((c) => !c.mine && !c.redacted).length;

export async function getScorecard(ctx: Ctx, id: string) {
  const { actor, row, app } = await loadScorecard(ctx, id);
  const visible = row.interviewerId === actor.userId || canSeeFeedback(actor, await factsFor(ctx, actor, app));
  const card = await toScorecard(ctx, actor, row, app.candidateName, visible);
  await auditScorecardRead(ctx, { type: 'scorecard', id }, 'scorecard', shownOfOthers([card]));
  return card;
}

export async function scorecardRevisions(ctx: Ctx, id: string) {
  const { actor, row, app } = await loadScorecard(ctx, id);
  if (row.interviewerId !== actor.userId) requireFeedback(actor, await factsFor(ctx, actor, app));
  const revs = await q.revisionsOf(ctx.db, id);
  if (row.interviewerId !== actor.userId && revs.length) await audit(ctx, 'scorecard.read', { type: 'scorecard', id }, { view: 'revisions', scorecards: 1, revisions: revs.length });
  return { items: revs.map((r) => ({ number: r.number, body: r.body as ScorecardBody, createdAt: r.createdAt.toISOString() })) };
}

/** Checks a body against the round's form; a submit needs every competency answered, evidence where required and a recommendation. */
export function validateBody(form: ReturnType<typeof formOf>, body: ScorecardBody, submitting: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = new Set(form.competencies.map((c) => c.id));
  for (const key of Object.keys(body.ratings)) if (!ids.has(key)) issues.push({ path: `ratings.${key}`, message: 'This round does not rate that competency' });
  body.questionRatings.forEach((qr, i) => {
    const question = form.questions[qr.index];
    if (!question) issues.push({ path: `questionRatings.${i}.index`, message: 'No such question in this round' });
    else if (qr.questionRef !== question.questionRef) issues.push({ path: `questionRatings.${i}.questionRef`, message: 'The question reference does not match the plan version' });
  });
  if (submitting) {
    for (const c of form.competencies) {
      const r = body.ratings[c.id];
      if (!r) issues.push({ path: `ratings.${c.id}.rating`, message: `Rate ${c.name} or mark it not assessed` });
      else if (form.evidenceRequired && r.rating !== null && !r.evidence.trim()) issues.push({ path: `ratings.${c.id}.evidence`, message: `Write the evidence behind your rating of ${c.name}` });
    }
    if (!body.recommendation) issues.push({ path: 'recommendation', message: 'Choose an overall recommendation' });
  }
  return issues;
}

export async function saveScorecard(ctx: Ctx, id: string, input: { baseVersion: number; body: ScorecardBody; submit: boolean }) {
  return inTransaction(ctx, async (tx) => {
    const { actor, row, app } = await loadScorecard(tx, id, true);
    if (row.interviewerId !== actor.userId) throw AppError.forbidden('Only the interviewer edits their scorecard');
    if (row.version !== input.baseVersion) throw AppError.conflict('This scorecard was changed elsewhere; reload it', { currentVersion: row.version });
    const plan = await planAt(tx, actor.org.id, row.planVersionId);
    const body = scorecardBodySchema.parse(input.body);
    const wasSubmitted = row.status === 'submitted';
    const submitting = input.submit || wasSubmitted;
    const issues = validateBody(formOf(plan, row.roundId), body, submitting);
    if (issues.length) throw AppError.invalid(submitting ? 'The scorecard is not complete' : 'The scorecard has invalid answers', issues);
    const now = tx.clock.now();
    await q.saveScorecard(tx.db, id, { body, status: submitting ? 'submitted' : 'draft', submittedAt: wasSubmitted ? row.submittedAt : submitting ? now : null }, now);
    if (submitting) {
      await q.insertRevision(tx.db, id, body, actor.userId, now);
      await q.replaceRatings(
        tx.db,
        { scorecardId: id, orgId: actor.org.id, openingId: app.openingId, applicationId: row.applicationId, interviewerId: actor.userId, submittedAt: wasSubmitted ? row.submittedAt! : now },
        Object.fromEntries(Object.entries(body.ratings).map(([k, v]) => [k, v.rating])),
      );
      await q.refreshSummaries(tx.db, row.applicationId, app.openingId);
      await audit(tx, wasSubmitted ? 'scorecard.revised' : 'scorecard.submitted', { type: 'scorecard', id }, { applicationId: row.applicationId, planVersionId: row.planVersionId });
      await emitEvent(tx, actor.org.id, wasSubmitted ? null : 'scorecard.submitted', { scorecardId: id, applicationId: row.applicationId, interviewId: row.interviewId, interviewerId: row.interviewerId, roundId: row.roundId });
    }
    const fresh = (await q.findScorecard(tx.db, actor.org.id, id))!;
    return toScorecard(tx, actor, fresh, app.candidateName, true);
  });
}

export async function applicationScorecards(ctx: Ctx, applicationId: string) {
  const { actor, app } = await requireApplication(ctx, applicationId);
  const visible = canSeeFeedback(actor, await factsFor(ctx, actor, app));
  const rows = await q.scorecardsOf(ctx.db, [applicationId], false);
  const items = [];
  for (const r of rows) {
    // Others' drafts are nobody's business; only submitted ones are listed (redacted when blind).
    if (r.interviewerId !== actor.userId && r.status !== 'submitted') continue;
    items.push(await toScorecard(ctx, actor, r, app.candidateName, visible));
  }
  await auditScorecardRead(ctx, { type: 'application', id: applicationId }, 'scorecards', shownOfOthers(items));
  return { items, canSeeFeedback: visible };
}

interface DebriefParts {
  plan: Plan;
  cards: q.ScorecardRow[];
}

function buildDebrief(app: ApplicationRow, parts: DebriefParts, pending: Awaited<ReturnType<typeof q.pendingSeats>>, decisions: Awaited<ReturnType<typeof q.decisionsOf>>, canDecideNow: boolean): Debrief {
  const { plan, cards } = parts;
  const weights = plan.competencies.map((c) => ({ id: c.id, weight: c.weight }));
  const bodies = new Map(cards.map((c) => [c.id, c.body as ScorecardBody]));
  const inputs = cards.map((c) => ({
    interviewerId: c.id,
    ratings: Object.fromEntries(Object.entries(bodies.get(c.id)!.ratings).map(([k, v]) => [k, v.rating])),
    recommendation: bodies.get(c.id)!.recommendation as Recommendation | null,
  }));
  const agg = aggregateDebrief(weights, inputs);
  const missing = pending.map((p) => ({ interviewId: p.interviewId, interviewerId: p.userId, name: p.userName, roundName: roundName(plan, p.stages, p.roundId), state: (p.status === 'draft' ? 'draft' : 'none') as 'draft' | 'none' }));
  const summary = debriefSummary(
    plan.competencies,
    cards.map((c) => ({ key: c.id, interviewerName: c.interviewerName, evidence: Object.fromEntries(Object.entries(bodies.get(c.id)!.ratings).map(([k, v]) => [k, v.evidence])), redFlags: bodies.get(c.id)!.redFlags })),
    agg,
    [...new Set(missing.map((m) => `${m.name} (${m.roundName})`))],
  );
  return {
    applicationId: app.id,
    candidate: { id: app.candidateId, name: app.candidateName },
    job: { id: app.openingId, title: app.jobTitle },
    stage: app.stage,
    stageName: stageName(app.stages, app.stage),
    status: app.status,
    interviewers: cards.map((c) => ({
      id: c.id,
      name: c.interviewerName,
      roundName: roundName(plan, app.stages, c.roundId),
      scorecardId: c.id,
      recommendation: bodies.get(c.id)!.recommendation,
      submittedAt: c.submittedAt!.toISOString(),
      revisions: Math.max(0, c.revisionCount - 1),
    })),
    competencies: agg.competencies.map((a) => {
      const comp = plan.competencies.find((c) => c.id === a.competencyId)!;
      return {
        id: a.competencyId,
        name: comp.name,
        weight: a.weight,
        mean: a.mean,
        min: a.min,
        max: a.max,
        disagreement: a.disagreement,
        cells: cards
          .filter((c) => bodies.get(c.id)!.ratings[a.competencyId])
          .map((c) => ({ interviewerId: c.id, rating: bodies.get(c.id)!.ratings[a.competencyId]!.rating, evidence: bodies.get(c.id)!.ratings[a.competencyId]!.evidence })),
      };
    }),
    overall: agg.overall,
    recommendations: agg.recommendations,
    splitRecommendation: agg.splitRecommendation,
    missing,
    redFlags: cards.flatMap((c) => bodies.get(c.id)!.redFlags.map((text) => ({ interviewerId: c.id, name: c.interviewerName, text }))),
    summary,
    decisions: decisions.map((d) => ({ id: d.id, decision: d.decision, reasonCode: d.reasonCode, rationale: d.rationale, decidedByName: d.decidedByName, decidedAt: d.decidedAt.toISOString() })),
    canDecide: canDecideNow,
  };
}

async function debriefOf(ctx: Ctx, actor: MemberActor, app: ApplicationRow, facts: FeedbackFacts): Promise<Debrief> {
  const plan = await planBodyOf(ctx, actor.org.id, app.planId);
  const cards = await q.scorecardsOf(ctx.db, [app.id], true);
  const pending = await q.pendingSeats(ctx.db, { orgId: actor.org.id, applicationIds: [app.id] });
  const decisions = await q.decisionsOf(ctx.db, app.id);
  return buildDebrief(app, { plan: plan.body, cards }, pending, decisions, canDecide(actor, facts) && app.status === 'active');
}

async function loadDebrief(ctx: Ctx, applicationId: string) {
  const { actor, app } = await requireApplication(ctx, applicationId);
  const facts = await factsFor(ctx, actor, app);
  requireFeedback(actor, facts);
  return debriefOf(ctx, actor, app, facts);
}

export async function getDebrief(ctx: Ctx, applicationId: string) {
  const d = await loadDebrief(ctx, applicationId);
  await auditScorecardRead(ctx, { type: 'application', id: applicationId }, 'debrief', d.interviewers.length);
  return d;
}

/** The stage a decision moves to (null: stays where it is). */
function targetStage(app: ApplicationRow, decision: 'advance' | 'reject' | 'offer' | 'hire'): string | null {
  const kind = { reject: 'rejected', offer: 'offer', hire: 'hired' } as const;
  if (decision !== 'advance') {
    const id = app.stages.find((s) => s.kind === kind[decision])!.id;
    return id === app.stage ? null : id;
  }
  const i = app.stages.findIndex((s) => s.id === app.stage);
  const next = app.stages.slice(i + 1).find((s) => s.kind === 'interview' || s.kind === 'custom');
  if (!next) throw AppError.conflict('There is no further interview stage to advance to; decide offer or hire');
  return next.id;
}

export async function decide(ctx: Ctx, applicationId: string, input: { decision: 'advance' | 'reject' | 'offer' | 'hire'; reasonCode: string; rationale: string }) {
  return inTransaction(ctx, async (tx) => {
    const { actor, app } = await requireApplication(tx, applicationId, 'see', true);
    const facts = await factsFor(tx, actor, app);
    if (!canDecide(actor, facts)) throw AppError.forbidden("Only the job's hiring manager and the organization's deciders decide");
    requireFeedback(actor, facts);
    if (app.status !== 'active') throw AppError.conflict(`This application is already ${app.status}`);
    const codes = input.decision === 'reject' ? (await rejectionReasons(tx, actor.org.id)).map((r) => r.code) : Object.keys(positiveReasons);
    if (!codes.includes(input.reasonCode)) throw AppError.invalid('Unknown reason code', [{ path: 'reasonCode', message: `Use one of: ${codes.join(', ')}` }]);
    const to = targetStage(app, input.decision);
    const moveId = to ? await applyMove(tx, actor, app, { toStage: to, reasonCode: input.reasonCode, note: input.decision === 'reject' ? input.rationale : undefined }) : null;
    const id = randomUUID();
    await q.insertDecision(tx.db, { id, orgId: actor.org.id, applicationId, decision: input.decision, reasonCode: input.reasonCode, rationale: input.rationale, stageMoveId: moveId, decidedBy: actor.userId, now: tx.clock.now() });
    await audit(tx, 'decision.made', { type: 'application', id: applicationId }, { decisionId: id, decision: input.decision, reasonCode: input.reasonCode });
    await emitEvent(tx, actor.org.id, 'decision.made', { decisionId: id, applicationId, jobId: app.openingId, decision: input.decision, reasonCode: input.reasonCode, moveId });
    const fresh = (await candQ.findApplication(tx.db, actor.org.id, applicationId))!;
    return debriefOf(tx, actor, fresh, facts);
  });
}

const recLabels: Record<Recommendation, string> = { strong_no: 'Strong no', no: 'No', yes: 'Yes', strong_yes: 'Strong yes' };

export function briefToMarkdown(d: Debrief): string {
  // Every name and text below may come from a user: escaped so a Markdown viewer shows it as text.
  const m = markdownText;
  const names = new Map(d.interviewers.map((i) => [i.id, m(i.name)]));
  const lines = [`# Decision brief: ${m(d.candidate.name)}`, '', `Job: ${m(d.job.title)} · Stage: ${m(d.stageName)} · Status: ${d.status}`, ''];
  lines.push('## Summary', '', ...d.summary.map((s) => `- ${m(s)}`), '');
  lines.push('## Scores', '', `Weighted score: ${d.overall.score === null ? '—' : `${d.overall.score.toFixed(2)} / 4`} (coverage ${Math.round(d.overall.coverage * 100)}%)`, '');
  lines.push(`| Competency | Weight | ${d.interviewers.map((i) => m(i.name)).join(' | ')} | Mean |`, `|---|---|${d.interviewers.map(() => '---|').join('')}---|`);
  for (const c of d.competencies) {
    const cells = d.interviewers.map((i) => c.cells.find((x) => x.interviewerId === i.id)?.rating ?? '—');
    lines.push(`| ${m(c.name)}${c.disagreement ? ' ⚑' : ''} | ${c.weight} | ${cells.join(' | ')} | ${c.mean === null ? '—' : c.mean.toFixed(2)} |`);
  }
  lines.push('', '⚑ ratings span two points or more.', '', '## Evidence', '');
  for (const c of d.competencies) {
    const notes = c.cells.filter((x) => x.evidence.trim());
    if (!notes.length) continue;
    lines.push(`### ${m(c.name)}`, '', ...notes.map((n) => `- ${names.get(n.interviewerId)} (${n.rating ?? 'not assessed'}): ${m(n.evidence)}`), '');
  }
  lines.push('## Recommendations', '', ...d.interviewers.map((i) => `- ${m(i.name)} (${m(i.roundName)}): ${i.recommendation ? recLabels[i.recommendation] : '—'}`), '');
  if (d.redFlags.length) lines.push('## Red flags', '', ...d.redFlags.map((f) => `- ${m(f.name)}: ${m(f.text)}`), '');
  if (d.missing.length) lines.push('## Missing scorecards', '', ...d.missing.map((x) => `- ${m(x.name)} (${m(x.roundName)})`), '');
  lines.push('## Decisions', '');
  if (!d.decisions.length) lines.push('No decision recorded yet.');
  for (const x of d.decisions) lines.push(`- ${x.decidedAt.slice(0, 10)} — **${x.decision}** (${m(x.reasonCode)}) by ${x.decidedByName === null ? 'a former member' : m(x.decidedByName)}: ${m(x.rationale)}`);
  return `${lines.join('\n')}\n`;
}

function briefToPdf(d: Debrief): Promise<Buffer> {
  return renderPdf(`Decision brief: ${d.candidate.name}`, ({ h1, h2, body, bullets }) => {
    h1(`Decision brief: ${d.candidate.name}`);
    body(`Job: ${d.job.title} · Stage: ${d.stageName} · Status: ${d.status}`);
    h2('Summary');
    bullets(d.summary);
    h2('Scores');
    body(`Weighted score: ${d.overall.score === null ? '—' : `${d.overall.score.toFixed(2)} / 4`} (coverage ${Math.round(d.overall.coverage * 100)}%)`);
    const names = new Map(d.interviewers.map((i) => [i.id, i.name]));
    for (const c of d.competencies) {
      body(`${c.name} (weight ${c.weight})${c.disagreement ? ' — disagreement' : ''}: mean ${c.mean === null ? '—' : c.mean.toFixed(2)}`);
      bullets(c.cells.map((x) => `${names.get(x.interviewerId)}: ${x.rating ?? 'not assessed'}${x.evidence.trim() ? ` — ${x.evidence.replace(/\s+/g, ' ').trim()}` : ''}`));
    }
    h2('Recommendations');
    bullets(d.interviewers.map((i) => `${i.name} (${i.roundName}): ${i.recommendation ? recLabels[i.recommendation] : '—'}`));
    if (d.redFlags.length) {
      h2('Red flags');
      bullets(d.redFlags.map((f) => `${f.name}: ${f.text}`));
    }
    h2('Decisions');
    if (!d.decisions.length) body('No decision recorded yet.');
    bullets(d.decisions.map((x) => `${x.decidedAt.slice(0, 10)} — ${x.decision} (${x.reasonCode}) by ${x.decidedByName ?? 'a former member'}: ${x.rationale}`));
  });
}

export async function decisionBrief(ctx: Ctx, applicationId: string, format: 'md' | 'pdf'): Promise<FileBody> {
  const d = await loadDebrief(ctx, applicationId);
  await auditScorecardRead(ctx, { type: 'application', id: applicationId }, 'decision_brief', d.interviewers.length);
  const base = `decision-brief-${d.candidate.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  if (format === 'pdf') return { contentType: 'application/pdf', fileName: `${base}.pdf`, body: await briefToPdf(d) };
  return { contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md`, body: briefToMarkdown(d) };
}

export async function waitingOn(ctx: Ctx, jobId?: string) {
  const actor = requireMember(ctx);
  if (jobId) await requireJob(ctx, jobId, 'manage');
  const now = ctx.clock.now();
  const orgWide = ['owner', 'admin', 'recruiter'].includes(actor.org.role);
  const rows = await q.pendingSeats(ctx.db, { orgId: actor.org.id, endedBefore: now, managedBy: orgWide ? null : actor.userId, openingId: jobId });
  return {
    items: rows.map((r) => ({
      interviewId: r.interviewId,
      applicationId: r.applicationId,
      jobId: r.openingId,
      jobTitle: r.jobTitle,
      candidateName: r.candidateName,
      roundName: roundName(null, r.stages, r.roundId),
      interviewerId: r.userId,
      interviewerName: r.userName,
      endedAt: r.endsAt.toISOString(),
      hoursOverdue: Math.floor((now.getTime() - r.endsAt.getTime()) / HOUR),
      state: (r.status === 'draft' ? 'draft' : 'none') as 'draft' | 'none',
    })),
  };
}

/** Hourly: reminders to interviewers 24 h and 48 h after an interview ends without their scorecard (each once). */
export async function sendFeedbackReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const orgs = (await q.organizationIds(ctx.db)).map((id) => ({ id }));
  let sent = 0;
  for (const org of orgs) {
    const rows = await q.pendingSeats(ctx.db, { orgId: org.id, endedBefore: new Date(now.getTime() - 24 * HOUR), endedAfter: new Date(now.getTime() - 14 * 24 * HOUR) });
    for (const r of rows) {
      const hours = (now.getTime() - r.endsAt.getTime()) / HOUR;
      const kind = hours >= 48 ? '48h' : '24h';
      await inTransaction(ctx, async (tx) => {
        if (!(await q.claimReminder(tx.db, r.interviewId, r.userId, kind, now))) return;
        if (kind === '48h') await q.claimReminder(tx.db, r.interviewId, r.userId, '24h', now);
        const link = `${ctx.baseUrl}/interviews/${r.interviewId}/scorecard`;
        await queueEmail(tx, {
          to: r.userEmail,
          subject: `${kind === '48h' ? 'Overdue: ' : ''}your scorecard for ${r.candidateName} (${r.jobTitle})`,
          text: `Hello ${r.userName},\n\nYour interview with ${r.candidateName} for ${r.jobTitle} (${roundName(null, r.stages, r.roundId)}) ended ${Math.floor(hours)} hours ago and your scorecard is not submitted yet. The team decides from everyone's independent evidence, so please write it while your notes are fresh:\n\n${link}\n\n— Rubric`,
          kind: 'feedback_reminder',
          orgId: org.id,
          recipientUserId: r.userId,
        });
        sent++;
      });
    }
  }
  return sent;
}

export async function exportScorecards(ctx: Ctx, jobId: string, format: 'csv' | 'json'): Promise<FileBody> {
  const { actor, row: job, access } = await requireJob(ctx, jobId);
  const apps = await candQ.listApplications(ctx.db, actor.org.id, jobId, { onlyInterviewer: access === 'manage' ? null : actor.userId, limit: 100_000 });
  const facts = await feedbackFacts(ctx, actor, jobId, apps.map((a) => a.id));
  const visibleApps = apps.filter((a) => canSeeFeedback(actor, facts.get(a.id)!));
  const cards = await q.scorecardsOf(ctx.db, visibleApps.map((a) => a.id), true);
  const appOf = new Map(apps.map((a) => [a.id, a]));
  const records = [];
  for (const c of cards) {
    const plan = await planAt(ctx, actor.org.id, c.planVersionId);
    const a = appOf.get(c.applicationId)!;
    records.push({
      scorecardId: c.id,
      applicationId: c.applicationId,
      candidateName: a.candidateName,
      interviewer: c.interviewerName,
      round: plan.rounds.find((r) => r.id === c.roundId)?.name ?? c.roundId,
      planVersionId: c.planVersionId,
      submittedAt: c.submittedAt!.toISOString(),
      revisions: Math.max(0, c.revisionCount - 1),
      body: c.body as ScorecardBody,
      competencyNames: Object.fromEntries(plan.competencies.map((x) => [x.id, x.name])),
    });
  }
  const base = `scorecards-${job.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  if (format === 'json') {
    const items = records.map(({ competencyNames: _n, ...r }) => r);
    await auditScorecardRead(ctx, { type: 'job', id: jobId }, 'export', records.length);
    return { contentType: 'application/json', fileName: `${base}.json`, body: `${JSON.stringify({ job: { id: job.id, title: job.title }, scorecards: items, withheld: apps.length - visibleApps.length }, null, 2)}\n` };
  }
  const rows: (string | number | null)[][] = [['scorecard_id', 'application_id', 'candidate', 'interviewer', 'round', 'competency_id', 'competency', 'rating', 'evidence', 'recommendation', 'submitted_at', 'plan_version_id']];
  for (const r of records) {
    for (const [cid, v] of Object.entries(r.body.ratings)) {
      rows.push([r.scorecardId, r.applicationId, r.candidateName, r.interviewer, r.round, cid, r.competencyNames[cid] ?? cid, v.rating, v.evidence, r.body.recommendation, r.submittedAt, r.planVersionId]);
    }
  }
  await auditScorecardRead(ctx, { type: 'job', id: jobId }, 'export', records.length);
  return { contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv`, body: safeCsv(rows) };
}

/**
 * Side-by-side comparison of a job's candidates; rows the blind rule hides are redacted. Ratings
 * are aggregated in SQL (no scorecard bodies are loaded); the overall score weighs the means with
 * the same core function as the debrief.
 */
export async function compareJob(ctx: Ctx, jobId: string) {
  const { actor, row: job, access } = await requireJob(ctx, jobId);
  const plan = await planBodyOf(ctx, actor.org.id, job.planId);
  const apps = await candQ.applicationRowsOfJob(ctx.db, actor.org.id, jobId, access === 'manage' ? null : actor.userId);
  const facts = await feedbackFacts(ctx, actor, jobId, apps.map((a) => a.id));
  const summaries = new Map((await q.applicationSummaries(ctx.db, jobId)).map((r) => [r.applicationId, r]));
  const weights = plan.body.competencies.map((c) => ({ id: c.id, weight: c.weight }));
  return {
    job: { id: job.id, title: job.title },
    competencies: plan.body.competencies.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    rows: apps.map((a) => {
      const r = summaries.get(a.id);
      const mix = { strong_no: r?.strongNo ?? 0, no: r?.no ?? 0, yes: r?.yes ?? 0, strong_yes: r?.strongYes ?? 0 };
      const submitted = r?.submitted ?? 0;
      const base = { applicationId: a.id, candidateId: a.candidateId, candidateName: a.candidateName, stage: a.stage, stageName: stageName(job.stages, a.stage), status: a.status, submitted };
      if (!canSeeFeedback(actor, facts.get(a.id)!)) return { ...base, redacted: true, means: {}, overall: null, coverage: 0, recommendations: { strong_no: 0, no: 0, yes: 0, strong_yes: 0 }, disagreements: 0 };
      const stats = r?.stats ?? {};
      const means = Object.fromEntries(weights.map((w) => [w.id, stats[w.id]?.[1] ?? null]));
      const overall = weightedMean(weights, means);
      return {
        ...base,
        redacted: false,
        means,
        overall: overall.score,
        coverage: overall.coverage,
        recommendations: mix,
        disagreements: weights.filter((w) => stats[w.id] && stats[w.id]![3] - stats[w.id]![2] >= DISAGREEMENT_SPREAD).length,
      };
    }),
  };
}
