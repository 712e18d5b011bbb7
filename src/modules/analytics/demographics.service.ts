import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { hashToken, newToken } from '../auth/password.ts';
import * as consentQ from '../intelligence/intelligence.queries.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import { type CandidateDemographics, DEMOGRAPHICS_WORDING_VERSION, type DemographicsBody, demographicsBodySchema } from './analytics.contract.ts';
import * as q from './demographics.queries.ts';

/**
 * Voluntary self-identified demographics (DECISIONS 35). Stored only in `demographics`, each
 * submission with a `consents` row (kind 'demographics'); read individually only by members holding
 * the `compliance` grant (every read audited once per request, ids only); collected through a
 * single-use link (14 days) emailed through the outbox or offered after a careers application, and
 * through the candidate CSV import by compliance holders.
 */

export const SELF_ID_LINK_DAYS = 14;
const DAY = 86_400_000;
export const REQUESTERS = ['owner', 'admin', 'recruiter'] as const;
export const COMPLIANCE_ONLY = 'Only members holding the compliance grant may read individual demographics';

/** The questions in form order, with the labels the pages and messages use. */
export const selfIdQuestions = [
  { field: 'sex', label: 'Sex' },
  { field: 'raceEthnicity', label: 'Race/ethnicity' },
  { field: 'ageBand', label: 'Age' },
] as const;

export async function getCandidateDemographics(ctx: Ctx, candidateId: string): Promise<CandidateDemographics> {
  const actor = requireMember(ctx);
  // Another organization's candidate is 404 whoever asks; only then is the grant checked.
  if (!(await q.candidateInOrg(ctx.db, actor.org.id, candidateId))) throw AppError.notFound('Candidate');
  if (!actor.org.compliance) throw AppError.forbidden(COMPLIANCE_ONLY);
  const row = await q.findDemographics(ctx.db, actor.org.id, candidateId);
  await audit(ctx, 'demographics.read', { type: 'candidate', id: candidateId });
  return {
    candidateId,
    provided: !!row,
    sex: row?.sex ?? null,
    raceEthnicity: row?.raceEthnicity ?? null,
    ageBand: row?.ageBand ?? null,
    source: row?.source ?? null,
    submittedAt: row?.submittedAt.toISOString() ?? null,
    consentWordingVersion: row?.wordingVersion ?? null,
  };
}

/**
 * A fresh single-use link for a candidate; only the hash of its token is stored. `createdBy` is the
 * requesting member, or null for the link offered after a careers application (its answers are
 * stored with source 'form', a member's link's with source 'link').
 */
export async function createSelfIdLink(ctx: Ctx, l: { orgId: string; candidateId: string; createdBy: string | null }) {
  const { token, hash } = newToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + SELF_ID_LINK_DAYS * DAY);
  await q.insertLink(ctx.db, { id: randomUUID(), orgId: l.orgId, candidateId: l.candidateId, tokenHash: hash, expiresAt, createdBy: l.createdBy, now: ctx.clock.now() });
  return { token, path: `/self-id/${token}`, url: `${ctx.baseUrl}/self-id/${token}`, expiresAt };
}

/** Emails the candidate a link to the voluntary form; the message carries no demographic data. */
export async function requestDemographics(ctx: Ctx, candidateId: string) {
  const actor = requireRole(ctx, REQUESTERS);
  return inTransaction(ctx, async (tx) => {
    const cand = await q.candidateInOrg(tx.db, actor.org.id, candidateId);
    if (!cand) throw AppError.notFound('Candidate');
    const link = await createSelfIdLink(tx, { orgId: actor.org.id, candidateId, createdBy: actor.userId });
    const org = await q.orgName(tx.db, actor.org.id);
    await queueEmail(tx, {
      to: cand.email,
      subject: `${org}: an optional question about yourself`,
      text: [
        `Hello ${cand.name},`,
        '',
        `${org} asks every candidate the same few optional questions so it can check, in aggregate, that its hiring process is fair. Answering is voluntary; you may decline any question, and declining has no effect on your application. Your answers are never shown to interviewers or to the people who decide.`,
        '',
        `The link works once, until ${link.expiresAt.toUTCString()}; no account is needed:`,
        '',
        link.url,
        '',
        `— ${org}`,
      ].join('\n'),
      kind: 'demographics_request',
      orgId: actor.org.id,
      recipientUserId: null,
    });
    await audit(tx, 'demographics.requested', { type: 'candidate', id: candidateId });
    return { sentTo: cand.email, expiresAt: link.expiresAt.toISOString() };
  });
}

// ── The public self-identification pages ─────────────────────────────────────────────────────────

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export type SelfIdLink =
  | { state: 'open'; orgName: string; candidateName: string; expiresAt: Date }
  | { state: 'used' | 'expired'; orgName: string }
  | { state: 'unknown' };

async function linkOf(ctx: Ctx, token: string, forUpdate: boolean) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (await q.findLinkByHash(ctx.db, hashToken(token), forUpdate)) ?? null;
}

function stateOf(ctx: Ctx, link: Awaited<ReturnType<typeof linkOf>>): SelfIdLink {
  if (!link) return { state: 'unknown' };
  if (link.usedAt) return { state: 'used', orgName: link.orgName };
  if (link.expiresAt.getTime() <= ctx.clock.now().getTime()) return { state: 'expired', orgName: link.orgName };
  return { state: 'open', orgName: link.orgName, candidateName: link.candidateName, expiresAt: link.expiresAt };
}

export async function readSelfIdLink(ctx: Ctx, token: string): Promise<SelfIdLink> {
  return stateOf(ctx, await linkOf(ctx, token, false));
}

export type SelfIdSubmit = SelfIdLink | { state: 'invalid'; orgName: string; candidateName: string; issues: FieldIssue[] } | { state: 'saved'; orgName: string };

/** The form's answers: every question answered (an answer or 'declined') and the consent ticked. */
export function readSelfIdForm(form: Record<string, string>): { body: DemographicsBody; issues: [] } | { body: null; issues: FieldIssue[] } {
  const parsed = demographicsBodySchema.safeParse({ sex: form.sex, raceEthnicity: form.raceEthnicity, ageBand: form.ageBand });
  const issues: FieldIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: String(i.path[0]), message: i.message }));
  if (form.consent !== 'yes') issues.push({ path: 'consent', message: 'Tick the box to agree that your answers are stored as described, or leave this page' });
  return parsed.success && issues.length === 0 ? { body: parsed.data, issues: [] } : { body: null, issues };
}

/**
 * Stores the answers of a link (upsert by candidate) with a consent row, and marks the link used —
 * one transaction, the link row locked so it is used once. The audit entry names no values.
 */
export async function submitSelfId(ctx: Ctx, token: string, form: Record<string, string>): Promise<SelfIdSubmit> {
  return inTransaction(ctx, async (tx) => {
    const link = await linkOf(tx, token, true);
    const state = stateOf(tx, link);
    if (state.state !== 'open' || !link) return state;
    const answers = readSelfIdForm(form);
    if (!answers.body) return { state: 'invalid', orgName: link.orgName, candidateName: link.candidateName, issues: answers.issues };
    const source = link.createdBy === null ? 'form' : 'link';
    const now = tx.clock.now();
    await saveDemographics(tx, { orgId: link.orgId, candidateId: link.candidateId, body: answers.body, source, recordedBy: null });
    await q.markLinkUsed(tx.db, link.id, now);
    await audit({ ...tx, actor: null }, 'demographics.submitted', { type: 'candidate', id: link.candidateId }, { source }, link.orgId);
    return { state: 'saved', orgName: link.orgName };
  });
}

/** Writes (or replaces) a candidate's answers with a fresh consent row; the caller holds the transaction. */
export async function saveDemographics(
  ctx: Ctx,
  d: { orgId: string; candidateId: string; body: DemographicsBody; source: 'form' | 'link' | 'import'; recordedBy: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  const consentId = randomUUID();
  await consentQ.insertConsent(ctx.db, { id: consentId, orgId: d.orgId, candidateId: d.candidateId, interviewId: null, kind: 'demographics', wordingVersion: DEMOGRAPHICS_WORDING_VERSION, givenAt: now, recordedBy: d.recordedBy, now });
  await q.upsertDemographics(ctx.db, { orgId: d.orgId, candidateId: d.candidateId, ...d.body, consentId, source: d.source }, now);
}
