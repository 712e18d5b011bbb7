import { randomUUID } from 'node:crypto';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import type { StageDef } from '../../server/db/schema.ts';
import { audit } from '../audit/audit.service.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { JOB_CREATORS, ORG_WIDE_MANAGERS, canManageJob, type JobAccess } from '../openings/openings.policy.ts';
import { jobAccess, rejectionReasons, requireJob } from '../openings/openings.service.ts';
import type { Application, Candidate, CandidateInput } from './candidates.contract.ts';
import * as q from './candidates.queries.ts';
import { extractResumeText, RESUME_MAX_BYTES, ResumeExtractError, resumeKindOf, sanitizeResumeName } from './resume.extract.ts';

function orgWide(actor: MemberActor) {
  return ORG_WIDE_MANAGERS.includes(actor.org.role);
}

function toCandidate(r: q.CandidateRow): Candidate {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    links: r.links,
    source: r.source,
    notes: r.notes,
    resume: r.resumeName ? { name: r.resumeName, type: r.resumeType ?? 'application/octet-stream', size: r.resumeSize ?? 0, textLength: r.resumeTextLength } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function stageName(stages: StageDef[], id: string): string {
  return stages.find((s) => s.id === id)?.name ?? id;
}

export function toApplication(r: q.ApplicationRow): Application {
  return {
    id: r.id,
    jobId: r.openingId,
    jobTitle: r.jobTitle,
    candidateId: r.candidateId,
    candidateName: r.candidateName,
    candidateEmail: r.candidateEmail,
    stage: r.stage,
    stageName: stageName(r.stages, r.stage),
    status: r.status,
    rejectionReason: r.rejectionReason,
    rejectionNote: r.rejectionNote,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Loads an application the actor may see (404 otherwise): managers of its job, and interviewers
 * of one of its interviews. `manage` additionally needs a writing org role and manage access.
 */
export async function requireApplication(ctx: Ctx, id: string, need: 'see' | 'manage' = 'see', forUpdate = false) {
  const actor = requireMember(ctx);
  const app = await q.findApplication(ctx.db, actor.org.id, id, forUpdate);
  if (!app) throw AppError.notFound('Application');
  let access: JobAccess | null = await jobAccess(ctx, actor, app.openingId);
  if (access !== 'manage') access = (await q.isInterviewerOn(ctx.db, id, actor.userId)) ? 'interview' : null;
  if (!access) throw AppError.notFound('Application');
  if (need === 'manage' && !canManageJob(actor, access)) throw AppError.forbidden('Only the hiring team manages this application');
  return { actor, app, access };
}

async function candidateDetail(ctx: Ctx, actor: MemberActor, id: string) {
  const row = await q.findCandidate(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Candidate');
  const visibleTo = orgWide(actor) ? null : actor.userId;
  const apps = await q.applicationsOfCandidate(ctx.db, actor.org.id, id, visibleTo);
  if (visibleTo && apps.length === 0) throw AppError.notFound('Candidate');
  const ids = apps.map((a) => a.id);
  const moves = await q.movesOf(ctx.db, ids);
  const extras = await q.timelineExtras(ctx.db, ids);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const timeline = [
    ...moves.map((m) => {
      const a = appById.get(m.applicationId)!;
      const text = m.fromStage === null ? `Applied to ${a.jobTitle}` : m.undoes ? `Move undone: back to ${stageName(a.stages, m.toStage)} (${a.jobTitle})` : `Moved from ${stageName(a.stages, m.fromStage)} to ${stageName(a.stages, m.toStage)} (${a.jobTitle})${m.reasonCode ? `, reason ${m.reasonCode}` : ''}`;
      return { at: m.movedAt.toISOString(), kind: m.fromStage === null ? ('applied' as const) : ('stage_move' as const), applicationId: m.applicationId, text, actorName: m.movedByName };
    }),
    ...extras.interviews.map((i) => ({ at: i.startsAt.toISOString(), kind: 'interview' as const, applicationId: i.applicationId, text: `Interview: ${appById.get(i.applicationId)!.stages.find((s) => s.roundId === i.roundId)?.name ?? i.roundId}${i.status === 'cancelled' ? ' (cancelled)' : ''}`, actorName: null })),
    ...extras.submissions.map((s) => ({ at: (s.submittedAt ?? new Date(0)).toISOString(), kind: 'scorecard_submitted' as const, applicationId: s.applicationId, text: `Scorecard submitted by ${s.name}`, actorName: s.name })),
    ...extras.decisions.map((d) => ({ at: d.decidedAt.toISOString(), kind: 'decision' as const, applicationId: d.applicationId, text: `Decision: ${d.decision}`, actorName: d.name })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { ...toCandidate(row), applications: apps.map(toApplication), timeline };
}

export async function listCandidates(ctx: Ctx, query: PageQuery & { q?: string | undefined }) {
  const actor = requireMember(ctx);
  const rows = await q.listCandidates(ctx.db, actor.org.id, { visibleTo: orgWide(actor) ? null : actor.userId, q: query.q, limit: query.limit, after: timeIdCursor(query.cursor) });
  return toPage(rows.map(toCandidate), query.limit, (c) => [c.createdAt, c.id]);
}

export async function getCandidate(ctx: Ctx, id: string) {
  const actor = requireMember(ctx);
  return candidateDetail(ctx, actor, id);
}

function candidateFields(input: Partial<CandidateInput>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.links !== undefined ? { links: input.links } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
  };
}

/** Inserts a candidate (the caller is in a transaction); a known email answers 409 with its id. */
/** Who creates rows: a member, or nobody (the public careers page). */
interface Author {
  orgId: string;
  userId: string | null;
}
export const authorOf = (actor: MemberActor): Author => ({ orgId: actor.org.id, userId: actor.userId });

async function insertCandidate(ctx: Ctx, actor: Author, input: CandidateInput): Promise<string> {
  const existing = await q.findCandidateByEmail(ctx.db, actor.orgId, input.email);
  if (existing) throw AppError.conflict('A candidate with this email already exists', { field: 'email', candidateId: existing.id });
  const id = randomUUID();
  await q.insertCandidate(ctx.db, {
    id,
    orgId: actor.orgId,
    name: input.name,
    email: input.email,
    phone: input.phone ?? null,
    links: input.links ?? [],
    source: input.source ?? null,
    notes: input.notes ?? null,
    createdBy: actor.userId,
    now: ctx.clock.now(),
  });
  await audit(ctx, 'candidate.created', { type: 'candidate', id }, {}, actor.orgId);
  return id;
}

/** Applies a candidate to a job in its first stage, with the first history row. */
async function insertApplication(ctx: Ctx, actor: Author, job: { id: string; stages: StageDef[] }, candidateId: string): Promise<string> {
  if (await q.findApplicationFor(ctx.db, job.id, candidateId)) throw AppError.conflict('This candidate already applied to this job', { field: 'candidateId' });
  const id = randomUUID();
  const first = job.stages[0]!.id;
  await q.insertApplication(ctx.db, { id, orgId: actor.orgId, openingId: job.id, candidateId, stage: first, now: ctx.clock.now() });
  await q.insertMove(ctx.db, { id: randomUUID(), orgId: actor.orgId, applicationId: id, fromStage: null, toStage: first, reasonCode: null, note: null, undoes: null, movedBy: actor.userId, now: ctx.clock.now() });
  await audit(ctx, 'application.created', { type: 'application', id }, { jobId: job.id, candidateId }, actor.orgId);
  await emitEvent(ctx, actor.orgId, 'application.created', { applicationId: id, jobId: job.id, candidateId, stage: first });
  return id;
}

/** Checks and reads an uploaded résumé; throws `invalid` / `payload_too_large` naming the problem. */
async function readResume(fileName: string, contentType: string | null, data: Buffer, fields = { name: 'fileName', data: 'dataBase64' }) {
  if (data.length > RESUME_MAX_BYTES) throw new AppError('payload_too_large', `Résumés are limited to ${RESUME_MAX_BYTES / 1024 / 1024} MB (this one is ${(data.length / 1024 / 1024).toFixed(1)} MB)`);
  const kind = resumeKindOf(fileName, contentType, data);
  // The declared type (extension, else content type) must match the bytes (magic numbers), see resumeKindOf.
  if (!kind) throw AppError.invalid('Upload a PDF, DOCX or TXT file', [{ path: fields.name, message: 'Not a PDF, DOCX or TXT file' }]);
  let text: string;
  try {
    text = await extractResumeText(data, kind);
  } catch (e) {
    if (e instanceof ResumeExtractError) throw AppError.invalid(e.message, [{ path: fields.data, message: e.message }]);
    throw e;
  }
  const type = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', txt: 'text/plain' }[kind];
  return { name: sanitizeResumeName(fileName, kind), type, data, text, kind };
}

/**
 * An application from the public careers page: a new candidate (source "Careers page"), or the
 * existing one with that email, applied to the job in its first stage, with the résumé when given.
 * Applying twice to the same job changes nothing and answers the same (no hint that the email is known).
 */
export async function applyFromCareers(
  ctx: Ctx,
  orgId: string,
  job: { id: string; stages: StageDef[] },
  input: { name: string; email: string; phone: string | null; links: string[]; resume: { fileName: string; contentType: string | null; data: Buffer } | null },
): Promise<{ applicationId: string | null; candidateId: string; newCandidate: boolean }> {
  const resume = input.resume ? await readResume(input.resume.fileName, input.resume.contentType, input.resume.data, { name: 'resume', data: 'resume' }) : null;
  const author: Author = { orgId, userId: null };
  return inTransaction(ctx, async (tx) => {
    const existing = await q.findCandidateByEmail(tx.db, orgId, input.email);
    const candidateId = existing?.id ?? (await insertCandidate(tx, author, { name: input.name, email: input.email, phone: input.phone, links: input.links, source: 'Careers page', notes: null }));
    if (await q.findApplicationFor(tx.db, job.id, candidateId)) return { applicationId: null, candidateId, newCandidate: false };
    if (resume && (!existing || !(await q.resumeFile(tx.db, orgId, candidateId))?.resumeData)) {
      await q.saveResume(tx.db, candidateId, resume, tx.clock.now());
      await audit(tx, 'candidate.resume_uploaded', { type: 'candidate', id: candidateId }, { kind: resume.kind, bytes: resume.data.length }, orgId);
    }
    return { applicationId: await insertApplication(tx, author, job, candidateId), candidateId, newCandidate: !existing };
  });
}

export async function createCandidate(ctx: Ctx, input: CandidateInput & { jobId?: string | undefined }) {
  const actor = requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const job = input.jobId ? (await requireJob(tx, input.jobId, 'manage')).row : null;
    const id = await insertCandidate(tx, authorOf(actor), input);
    if (job) await insertApplication(tx, authorOf(actor), job, id);
    return candidateDetail(tx, actor, id);
  });
}

export async function updateCandidate(ctx: Ctx, id: string, patch: Partial<CandidateInput>) {
  const actor = requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    await candidateDetail(tx, actor, id); // visibility
    if (patch.email) {
      const other = await q.findCandidateByEmail(tx.db, actor.org.id, patch.email);
      if (other && other.id !== id) throw AppError.conflict('Another candidate has this email', { field: 'email', candidateId: other.id });
    }
    await q.updateCandidate(tx.db, id, candidateFields(patch), tx.clock.now());
    await audit(tx, 'candidate.updated', { type: 'candidate', id }, { fields: Object.keys(candidateFields(patch)).sort() });
    return candidateDetail(tx, actor, id);
  });
}

export async function uploadResume(ctx: Ctx, id: string, input: { fileName: string; contentType: string | null; dataBase64: string }) {
  const actor = requireRole(ctx, JOB_CREATORS);
  await candidateDetail(ctx, actor, id);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64.replace(/\s/g, ''))) throw AppError.invalid('The file is not valid base64', [{ path: 'dataBase64', message: 'Not base64' }]);
  const resume = await readResume(input.fileName, input.contentType, Buffer.from(input.dataBase64, 'base64'));
  return inTransaction(ctx, async (tx) => {
    await q.saveResume(tx.db, id, resume, tx.clock.now());
    await audit(tx, 'candidate.resume_uploaded', { type: 'candidate', id }, { kind: resume.kind, bytes: resume.data.length });
    return candidateDetail(tx, actor, id);
  });
}

export async function downloadResume(ctx: Ctx, id: string): Promise<FileBody> {
  const actor = requireMember(ctx);
  await candidateDetail(ctx, actor, id);
  const file = await q.resumeFile(ctx.db, actor.org.id, id);
  if (!file?.resumeData) throw AppError.notFound('Résumé');
  return { contentType: file.resumeType ?? 'application/octet-stream', fileName: file.resumeName ?? 'resume', body: file.resumeData };
}

export async function addApplication(ctx: Ctx, jobId: string, candidateId: string) {
  const actor = requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { row: job } = await requireJob(tx, jobId, 'manage');
    if (!(await q.findCandidate(tx.db, actor.org.id, candidateId))) throw AppError.invalid('Unknown candidate', [{ path: 'candidateId', message: 'No such candidate in this organization' }]);
    const id = await insertApplication(tx, authorOf(actor), job, candidateId);
    return toApplication((await q.findApplication(tx.db, actor.org.id, id))!);
  });
}

export async function listApplications(ctx: Ctx, jobId: string, query: PageQuery & { stage?: string | undefined; status?: string | undefined; q?: string | undefined }) {
  const { actor, access } = await requireJob(ctx, jobId);
  const rows = await q.listApplications(ctx.db, actor.org.id, jobId, {
    onlyInterviewer: access === 'manage' ? null : actor.userId,
    stage: query.stage,
    status: query.status,
    q: query.q,
    limit: query.limit,
    after: timeIdCursor(query.cursor),
  });
  return toPage(rows.map(toApplication), query.limit, (a) => [a.createdAt, a.id]);
}

async function applicationDetail(ctx: Ctx, actor: MemberActor, id: string, access: JobAccess) {
  const app = (await q.findApplication(ctx.db, actor.org.id, id))!;
  const history = await q.movesOf(ctx.db, [id]);
  return {
    ...toApplication(app),
    stages: app.stages,
    history: history.map((m) => ({
      id: m.id,
      seq: m.seq,
      fromStage: m.fromStage,
      toStage: m.toStage,
      reasonCode: m.reasonCode,
      note: m.note,
      undoes: m.undoes,
      movedBy: m.movedBy,
      movedByName: m.movedByName,
      movedAt: m.movedAt.toISOString(),
    })),
    canManage: canManageJob(actor, access),
  };
}

export async function getApplication(ctx: Ctx, id: string) {
  const { actor, access } = await requireApplication(ctx, id);
  return applicationDetail(ctx, actor, id, access);
}

function statusFor(stage: StageDef): 'active' | 'rejected' | 'hired' {
  return stage.kind === 'rejected' ? 'rejected' : stage.kind === 'hired' ? 'hired' : 'active';
}

/**
 * Moves an application (the caller holds the row lock, in a transaction) and writes the history
 * row. A move into the rejected stage needs one of the organization's reason codes.
 */
export async function applyMove(ctx: Ctx, actor: MemberActor, app: q.ApplicationRow, input: { toStage: string; reasonCode?: string | undefined; note?: string | undefined }, undoes: string | null = null) {
  const stage = app.stages.find((s) => s.id === input.toStage);
  if (!stage) throw AppError.invalid('Unknown stage', [{ path: 'toStage', message: `The job has no stage "${input.toStage}"` }]);
  if (stage.id === app.stage) throw AppError.invalid('The application is already in that stage', [{ path: 'toStage', message: 'Already in this stage' }]);
  let reason: string | null = null;
  if (stage.kind === 'rejected') {
    if (!input.reasonCode) throw AppError.invalid('A rejection needs a reason', [{ path: 'reasonCode', message: 'Choose a rejection reason' }]);
    const codes = (await rejectionReasons(ctx, actor.org.id)).map((r) => r.code);
    if (!codes.includes(input.reasonCode)) throw AppError.invalid('Unknown rejection reason', [{ path: 'reasonCode', message: `Use one of: ${codes.join(', ')}` }]);
    reason = input.reasonCode;
  }
  const moveId = randomUUID();
  const now = ctx.clock.now();
  await q.insertMove(ctx.db, { id: moveId, orgId: actor.org.id, applicationId: app.id, fromStage: app.stage, toStage: stage.id, reasonCode: reason ?? input.reasonCode ?? null, note: input.note ?? null, undoes, movedBy: actor.userId, now });
  await q.updateApplicationStage(ctx.db, app.id, { stage: stage.id, status: statusFor(stage), rejectionReason: reason, rejectionNote: stage.kind === 'rejected' ? (input.note ?? null) : null }, now);
  await emitEvent(ctx, actor.org.id, 'application.stage_changed', { applicationId: app.id, jobId: app.openingId, moveId, fromStage: app.stage, toStage: stage.id, status: statusFor(stage) });
  return moveId;
}

export async function moveApplication(ctx: Ctx, id: string, input: { toStage: string; reasonCode?: string | undefined; note?: string | undefined; baseVersion?: number | undefined }) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, app, access } = await requireApplication(tx, id, 'manage', true);
    if (input.baseVersion !== undefined && input.baseVersion !== app.version) {
      throw AppError.conflict('Someone moved this candidate meanwhile; reload to see the current stage', { currentVersion: app.version, stage: app.stage });
    }
    const moveId = await applyMove(tx, actor, app, input);
    await audit(tx, 'application.moved', { type: 'application', id }, { from: app.stage, to: input.toStage, moveId });
    return applicationDetail(tx, actor, id, access);
  });
}

export async function undoMove(ctx: Ctx, id: string, moveId: string) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, app, access } = await requireApplication(tx, id, 'manage', true);
    const last = await q.lastMove(tx.db, id);
    if (!last || last.id !== moveId) throw AppError.conflict('Only the latest move can be undone', { latestMoveId: last?.id ?? null });
    if (last.fromStage === null) throw AppError.conflict('The application itself cannot be undone; reject or withdraw it instead');
    if (!app.stages.some((s) => s.id === last.fromStage)) throw AppError.conflict('The previous stage no longer exists in this job');
    const target = app.stages.find((s) => s.id === last.fromStage)!;
    // Going back into the rejected stage restores the reason it was rejected with.
    const earlier = target.kind === 'rejected' ? await q.lastMoveInto(tx.db, id, target.id, last.seq) : undefined;
    const newMove = await applyMove(tx, actor, app, { toStage: target.id, reasonCode: earlier?.reasonCode ?? undefined, note: earlier?.note ?? undefined }, last.id);
    await audit(tx, 'application.move_undone', { type: 'application', id }, { undoneMoveId: last.id, moveId: newMove });
    return applicationDetail(tx, actor, id, access);
  });
}

export { insertApplication, insertCandidate };
