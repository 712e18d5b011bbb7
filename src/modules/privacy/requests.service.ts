import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { RetentionAction, RetentionAppliesTo } from '../../server/db/schema.ts';
import { audit } from '../audit/audit.service.ts';
import { hashToken, newToken } from '../auth/password.ts';
import { planBodyOf } from '../openings/openings.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import type { Plan } from '../plans/plans.format.ts';
import { PRIVACY_LINK_DAYS, PRIVACY_REQUEST_DUE_DAYS, type PrivacyRequest, privacyRequestKindSchema, type privacyRequestKinds } from './privacy.contract.ts';
import * as q from './requests.queries.ts';

/**
 * The candidate's notice-and-request page and the request queue (issue 10). A member emails the
 * candidate a single-use link (30 days; only its sha256 is stored); the page explains what is held,
 * why and for how long, and takes one request (access, erasure or human review) that owners and
 * admins answer within PRIVACY_REQUEST_DUE_DAYS. Audit entries hold ids only.
 */

const DAY = 86_400_000;
const MANAGERS = ['owner', 'admin', 'recruiter'] as const;
const ADMINS = ['owner', 'admin'] as const;
export const MESSAGE_MAX = 2000;
type Kind = (typeof privacyRequestKinds)[number];

// ── Sending the link ─────────────────────────────────────────────────────────────────────────────

export async function sendNoticeLink(ctx: Ctx, candidateId: string) {
  const actor = requireRole(ctx, MANAGERS);
  return inTransaction(ctx, async (tx) => {
    const cand = await q.candidateInOrg(tx.db, actor.org.id, candidateId);
    if (!cand) throw AppError.notFound('Candidate');
    const { token, hash } = newToken();
    const now = tx.clock.now();
    const expiresAt = new Date(now.getTime() + PRIVACY_LINK_DAYS * DAY);
    const linkId = randomUUID();
    await q.insertLink(tx.db, { id: linkId, orgId: actor.org.id, candidateId, tokenHash: hash, expiresAt, createdBy: actor.userId, now });
    const url = `${tx.baseUrl}/my-data/${token}`;
    const org = await q.orgName(tx.db, actor.org.id);
    await queueEmail(tx, {
      to: cand.email,
      subject: `${org}: how your personal data is used, and your rights`,
      text: [
        `Hello ${cand.name},`,
        '',
        `${org} keeps some personal data about you because you applied for a job. The page below explains what is kept, why, for how long, and how interviews are assessed. From it you can ask for a copy of your data, for its erasure, or for a person to review an automated analysis.`,
        '',
        `The link works once, until ${expiresAt.toUTCString()}; no account is needed:`,
        '',
        url,
        '',
        `— ${org}`,
      ].join('\n'),
      kind: 'privacy_notice',
      orgId: actor.org.id,
      recipientUserId: null,
    });
    await audit(tx, 'privacy.link_created', { type: 'candidate', id: candidateId }, { linkId });
    return { sentTo: cand.email, url, expiresAt: expiresAt.toISOString() };
  });
}

// ── The public page ──────────────────────────────────────────────────────────────────────────────

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export interface NoticeRetention {
  appliesTo: RetentionAppliesTo;
  afterMonths: number;
  action: RetentionAction;
}

export interface NoticePage {
  orgName: string;
  candidateName: string;
  expiresAt: Date;
  retention: NoticeRetention[];
  /** For each application: the job and the competencies its scorecards rate. */
  assessments: { jobTitle: string; competencies: string[] }[];
}

export type NoticeLink =
  | ({ state: 'open' } & NoticePage)
  | { state: 'used'; orgName: string; sent: { dueAt: Date } | null }
  | { state: 'expired'; orgName: string }
  | { state: 'unknown' };

type LinkRow = NonNullable<Awaited<ReturnType<typeof q.findLinkByHash>>>;

async function linkOf(ctx: Ctx, token: string, forUpdate: boolean) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (await q.findLinkByHash(ctx.db, hashToken(token), forUpdate)) ?? null;
}

/** The competency names a plan's scorecards rate, in the plan's order. */
async function competenciesOf(ctx: Ctx, orgId: string, planId: string): Promise<string[]> {
  try {
    const plan = (await planBodyOf(ctx, orgId, planId)).body as Plan;
    const rated = new Set(plan.scorecard.rounds.flatMap((r) => r.competencies));
    return plan.competencies.filter((c) => rated.has(c.id)).map((c) => c.name);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return [];
    throw e;
  }
}

async function pageOf(ctx: Ctx, link: LinkRow): Promise<NoticePage> {
  const apps = await q.applicationsOf(ctx.db, link.orgId, link.candidateId);
  const assessments = [];
  for (const a of apps) assessments.push({ jobTitle: a.title, competencies: await competenciesOf(ctx, link.orgId, a.planId) });
  return { orgName: link.orgName, candidateName: link.candidateName, expiresAt: link.expiresAt, retention: await q.enabledPolicies(ctx.db, link.orgId), assessments };
}

async function stateOf(ctx: Ctx, link: LinkRow | null): Promise<NoticeLink> {
  if (!link) return { state: 'unknown' };
  if (link.usedAt) {
    const req = await q.requestOfLink(ctx.db, link.orgId, link.candidateId, link.usedAt);
    return { state: 'used', orgName: link.orgName, sent: req ? { dueAt: req.dueAt } : null };
  }
  if (link.expiresAt.getTime() <= ctx.clock.now().getTime()) return { state: 'expired', orgName: link.orgName };
  return { state: 'open', ...(await pageOf(ctx, link)) };
}

export async function readNoticeLink(ctx: Ctx, token: string): Promise<NoticeLink> {
  return stateOf(ctx, await linkOf(ctx, token, false));
}

export type NoticeSubmit = NoticeLink | ({ state: 'invalid'; issues: FieldIssue[] } & NoticePage) | { state: 'sent'; orgName: string };

/** The form: a kind from the list, an optional message of at most MESSAGE_MAX characters. */
export function readRequestForm(form: Record<string, string>): { kind: Kind; message: string | null; issues: [] } | { kind: null; message: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const kind = privacyRequestKindSchema.safeParse(form.kind);
  if (!kind.success) issues.push({ path: 'kind', message: 'Choose what you are asking for' });
  const message = (form.message ?? '').trim();
  if (message.length > MESSAGE_MAX) issues.push({ path: 'message', message: `Keep the message under ${MESSAGE_MAX} characters (it has ${message.length})` });
  if (!kind.success || issues.length) return { kind: null, message: null, issues };
  return { kind: kind.data, message: message || null, issues: [] };
}

/**
 * Records the candidate's request, marks the link used (the row locked: once only), audits without
 * an actor, and tells the organization's owners and admins through the outbox — without the
 * candidate's name.
 */
export async function submitNoticeRequest(ctx: Ctx, token: string, form: Record<string, string>): Promise<NoticeSubmit> {
  return inTransaction(ctx, async (tx) => {
    const link = await linkOf(tx, token, true);
    const state = await stateOf(tx, link);
    if (state.state !== 'open' || !link) return state;
    const parsed = readRequestForm(form);
    if (!parsed.kind) return { ...state, state: 'invalid', issues: parsed.issues };
    const now = tx.clock.now();
    const dueAt = new Date(now.getTime() + PRIVACY_REQUEST_DUE_DAYS * DAY);
    const id = randomUUID();
    await q.insertRequest(tx.db, { id, orgId: link.orgId, candidateId: link.candidateId, kind: parsed.kind, message: parsed.message, dueAt, now });
    await q.markLinkUsed(tx.db, link.id, now);
    await audit({ ...tx, actor: null }, 'privacy.request_submitted', { type: 'privacy_request', id }, { candidateId: link.candidateId, kind: parsed.kind }, link.orgId);
    const due = dueAt.toISOString().slice(0, 10);
    for (const r of await q.adminRecipients(tx.db, link.orgId)) {
      await queueEmail(tx, {
        to: r.email,
        subject: `A privacy request is due on ${due}`,
        text: [
          `A candidate of ${link.orgName} sent a privacy request (${parsed.kind.replace('_', ' ')}) through their notice link.`,
          '',
          `It must be answered by ${due}. The request queue:`,
          '',
          `${tx.baseUrl}/privacy`,
        ].join('\n'),
        kind: 'privacy_request',
        orgId: link.orgId,
        recipientUserId: r.id,
      });
    }
    return { state: 'sent', orgName: link.orgName };
  });
}

// ── The queue ────────────────────────────────────────────────────────────────────────────────────

export function toRequest(r: q.RequestRow, now: Date): PrivacyRequest {
  return {
    id: r.id,
    candidateId: r.candidateId,
    candidateName: r.candidateName,
    kind: r.kind,
    message: r.message,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'open' && r.dueAt.getTime() < now.getTime(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy && r.resolvedByName !== null ? { id: r.resolvedBy, name: r.resolvedByName } : null,
    resolutionNote: r.resolutionNote,
    receiptId: r.receiptId,
  };
}

export async function listPrivacyRequests(ctx: Ctx, status: 'open' | 'all') {
  const actor = requireRole(ctx, ADMINS);
  const rows = await q.listRequests(ctx.db, actor.org.id, status === 'open');
  const now = ctx.clock.now();
  return { items: rows.map((r) => toRequest(r, now)) };
}

export async function resolvePrivacyRequest(ctx: Ctx, id: string, input: { status: 'completed' | 'declined'; note: string }) {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    const req = await q.findRequest(tx.db, actor.org.id, id, true);
    if (!req) throw AppError.notFound('Request');
    if (req.status !== 'open') throw AppError.conflict(`This request is already ${req.status}`);
    if (req.kind === 'erasure' && input.status === 'completed') {
      throw AppError.conflict(`An erasure request is completed by erasing the candidate with requestId ${id}; it may be declined here`);
    }
    const now = tx.clock.now();
    await q.resolveRequest(tx.db, id, { status: input.status, resolvedBy: actor.userId, note: input.note, now });
    await audit(tx, 'privacy.request_resolved', { type: 'privacy_request', id }, { status: input.status });
    return toRequest((await q.findRequest(tx.db, actor.org.id, id))!, now);
  });
}
