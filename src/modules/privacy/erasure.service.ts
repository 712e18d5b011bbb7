import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../core/util/canonical-json.ts';
import { AppError } from '../../shared/errors.ts';
import type { FileBody } from '../../shared/route.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { emitEvent } from '../webhooks/webhooks.events.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import type { ErasureReceipt } from './privacy.contract.ts';
import * as q from './erasure.queries.ts';
import type { ReceiptRow } from './erasure.queries.ts';
import { renderReceipt } from './receipt.render.ts';

/**
 * Erasure (DECISIONS 36). The candidate row and everything that names or describes the person go;
 * each application stays with its dates, stages, ratings, decision (code, no rationale) and
 * outcome measures, detached from the person: `candidate_id` null, `erased_at` set and one random
 * `subject_id` shared by the person's applications. A receipt records counts per table (never data)
 * with a sha256 digest over its canonical content. Every column that may hold personal data is
 * classified in registry.ts, and registry.test.ts fails on any column left out.
 */

const ADMINS = ['owner', 'admin'] as const;

/** The organization: the acting member's (owner or admin), else the one the retention job names. */
function orgOf(ctx: Ctx, orgId: string | undefined): string {
  if (ctx.actor) return requireRole(ctx, ADMINS).org.id;
  if (orgId) return orgId;
  throw new Error('erasure needs an acting member or an organization id');
}

export interface ErasureOptions {
  trigger: 'request' | 'manual' | 'retention';
  requestId?: string;
  policyId?: string;
  confirmName?: string;
  /** For the retention job, which runs without an actor; an actor's organization wins. */
  orgId?: string;
}

/** The digest covers every field of the receipt except itself, serialized with sorted keys. */
export function receiptDigest(r: Omit<ReceiptRow, 'digest' | 'erasedByName'>): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        id: r.id,
        subjectId: r.subjectId,
        trigger: r.trigger,
        requestId: r.requestId,
        policyId: r.policyId,
        erasedBy: r.erasedBy,
        erasedAt: r.erasedAt.toISOString(),
        removed: r.removed,
        kept: r.kept,
      }),
    )
    .digest('hex');
}

function toReceipt(r: ReceiptRow): ErasureReceipt {
  return {
    id: r.id,
    subjectId: r.subjectId,
    trigger: r.trigger,
    requestId: r.requestId,
    policyId: r.policyId,
    erasedBy: r.erasedBy ? { id: r.erasedBy, name: r.erasedByName ?? '' } : null,
    erasedAt: r.erasedAt.toISOString(),
    removed: r.removed,
    kept: r.kept,
    digest: r.digest,
  };
}

async function assertNoHold(ctx: Ctx, candidateId: string) {
  const hold = await q.findLegalHold(ctx.db, candidateId);
  if (hold) throw AppError.conflict(`The candidate is under a legal hold since ${hold.placedAt.toISOString().slice(0, 10)}; release it first`);
}

/** Scorecard free text, revisions, transcripts, candidate windows and availability links of the applications. */
async function removeInterviewData(ctx: Ctx, ids: { appIds: string[]; interviewIds: string[]; scorecardIds: string[] }) {
  const cards = await q.blankScorecards(ctx.db, ids.scorecardIds);
  const transcripts = await q.deleteTranscripts(ctx.db, ids.interviewIds);
  return {
    'scorecards.body': cards.scorecards,
    scorecard_revisions: cards.revisions,
    transcripts: transcripts.transcripts,
    transcript_turns: transcripts.turns,
    candidate_windows: await q.deleteByApplications(ctx.db, 'candidate_windows', ids.appIds),
    availability_links: await q.deleteByApplications(ctx.db, 'availability_links', ids.appIds),
  };
}

export async function eraseCandidate(ctx: Ctx, candidateId: string, opts: ErasureOptions): Promise<ErasureReceipt> {
  const orgId = orgOf(ctx, opts.orgId);
  const userId = ctx.actor?.userId ?? null;
  return inTransaction(ctx, async (tx) => {
    const cand = await q.lockCandidate(tx.db, orgId, candidateId);
    if (!cand) throw AppError.notFound('Candidate');
    await assertNoHold(tx, candidateId);
    if (opts.confirmName !== undefined && opts.confirmName.trim() !== cand.name.trim()) {
      throw AppError.invalid('The name does not match the candidate', [{ path: 'confirmName', message: "Type the candidate's name exactly as it is stored" }]);
    }
    if (opts.requestId) {
      const req = await q.findRequest(tx.db, orgId, opts.requestId);
      if (!req) throw AppError.notFound('Privacy request');
      if (req.kind !== 'erasure') throw AppError.conflict('That request does not ask for erasure');
      if (req.status !== 'open') throw AppError.conflict('That request is already closed');
      if (req.candidateId !== candidateId) throw AppError.conflict('That request is about another candidate');
    }

    const now = tx.clock.now();
    const subjectId = randomUUID();
    const ids = await q.subjectIds(tx.db, orgId, candidateId);
    const kept = await q.keptCounts(tx.db, ids.appIds);
    const needles = [candidateId, cand.email, ...ids.appIds];

    const removed: Record<string, number> = {};
    const apps = await q.anonymizeApplications(tx.db, ids.appIds, subjectId, now);
    removed['applications.rejection_note'] = apps.notes;
    removed['stage_moves.note'] = await q.blankStageMoveNotes(tx.db, ids.appIds);
    removed['decisions.rationale'] = await q.blankDecisionRationales(tx.db, ids.appIds);
    removed['outcomes.note'] = await q.blankOutcomeNotes(tx.db, ids.appIds);
    removed['interviews.location'] = await q.blankInterviewLocations(tx.db, ids.interviewIds);
    Object.assign(removed, await removeInterviewData(tx, ids));
    removed.demographics = await q.deleteByCandidate(tx.db, 'demographics', candidateId);
    removed.demographic_links = await q.deleteByCandidate(tx.db, 'demographic_links', candidateId);
    removed.consents = await q.deleteByCandidate(tx.db, 'consents', candidateId);
    removed.privacy_links = await q.deleteByCandidate(tx.db, 'privacy_links', candidateId);
    removed['privacy_requests.message'] = await q.blankRequests(tx.db, orgId, candidateId);
    removed.outbox = await q.deleteOutbox(tx.db, orgId, cand.name.trim(), cand.email);
    removed.idempotency_keys = await q.deleteIdempotencyKeys(tx.db, needles);
    removed.jobs = await q.deleteJobs(tx.db, [...needles, ...ids.interviewIds]);
    removed.candidates = await q.deleteCandidate(tx.db, candidateId);

    const row: Omit<ReceiptRow, 'digest' | 'erasedByName'> = {
      id: randomUUID(),
      subjectId,
      trigger: opts.trigger,
      requestId: opts.requestId ?? null,
      policyId: opts.policyId ?? null,
      erasedBy: userId,
      erasedAt: now,
      removed,
      kept,
    };
    const digest = receiptDigest(row);
    await q.insertReceipt(tx.db, { ...row, orgId, digest });
    if (opts.requestId) await q.completeRequest(tx.db, opts.requestId, { resolvedBy: userId, now, receiptId: row.id });
    await audit(tx, 'candidate.erased', { type: 'candidate', id: candidateId }, { receiptId: row.id, subjectId, trigger: opts.trigger }, orgId);
    await emitEvent(tx, orgId, 'candidate.erased', { receiptId: row.id, subjectId, trigger: opts.trigger }, { forgetCandidateId: candidateId });
    const erasedByName = userId ? await q.userName(tx.db, userId) : null;
    return toReceipt({ ...row, digest, erasedByName });
  });
}

/**
 * Retention's "interview data after M months" for hired candidates: transcripts, scorecard free text
 * and revisions, candidate windows, availability links and the résumé go; the candidate, the
 * applications, ratings, decisions and outcomes stay. Suspended by a legal hold (409).
 */
export async function purgeInterviewData(ctx: Ctx, candidateId: string, opts: { policyId?: string; orgId?: string }): Promise<{ removed: Record<string, number> }> {
  const orgId = orgOf(ctx, opts.orgId);
  return inTransaction(ctx, async (tx) => {
    const cand = await q.lockCandidate(tx.db, orgId, candidateId);
    if (!cand) throw AppError.notFound('Candidate');
    await assertNoHold(tx, candidateId);
    const ids = await q.subjectIds(tx.db, orgId, candidateId);
    const removed: Record<string, number> = await removeInterviewData(tx, ids);
    removed['candidates.resume'] = await q.purgeResume(tx.db, candidateId, tx.clock.now());
    // Single-word keys: the camel-case plugin rewrites snake_case keys of jsonb on read, which would
    // break the audit chain's verification.
    const counts = {
      transcripts: removed.transcripts,
      turns: removed.transcript_turns,
      scorecards: removed['scorecards.body'],
      revisions: removed.scorecard_revisions,
      windows: removed.candidate_windows,
      links: removed.availability_links,
      resume: removed['candidates.resume'],
    };
    await audit(tx, 'candidate.interview_data_purged', { type: 'candidate', id: candidateId }, { ...(opts.policyId ? { policyId: opts.policyId } : {}), ...counts }, orgId);
    return { removed };
  });
}

export async function listReceipts(ctx: Ctx, limit: number): Promise<{ items: ErasureReceipt[] }> {
  const actor = requireRole(ctx, ADMINS);
  const rows = await q.listReceipts(ctx.db, actor.org.id, limit);
  return { items: rows.map(toReceipt) };
}

export async function getReceipt(ctx: Ctx, id: string): Promise<ErasureReceipt> {
  const actor = requireRole(ctx, ADMINS);
  const row = await q.findReceipt(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Receipt');
  return toReceipt(row);
}

export async function downloadReceipt(ctx: Ctx, id: string, format: 'json' | 'html'): Promise<FileBody> {
  const receipt = await getReceipt(ctx, id);
  const base = `erasure-receipt-${receipt.id}`;
  if (format === 'html') return { contentType: 'text/html; charset=utf-8', fileName: `${base}.html`, body: renderReceipt(receipt) };
  return { contentType: 'application/json', fileName: `${base}.json`, body: `${JSON.stringify(receipt, null, 2)}\n` };
}
