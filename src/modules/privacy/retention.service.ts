import { randomUUID } from 'node:crypto';
import { classifyRetention, type RetentionDue, type RetentionRule, retentionSchedule } from '../../core/privacy/retention.ts';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { eraseCandidate, purgeInterviewData } from './erasure.service.ts';
import type { CandidatePrivacy, RetentionPolicy, RetentionPolicyInput, RetentionPreview, RetentionRun } from './privacy.contract.ts';
import * as q from './retention.queries.ts';
import { requestsOf } from './requests.queries.ts';
import { toRequest } from './requests.service.ts';

/**
 * Retention (issue 10): per-organization policies ("erase rejected candidates 12 months after the
 * decision", "purge interview data of hired people after 24 months"), legal holds that suspend
 * them, a dry-run preview, runs (manual, or the daily `privacy.retention` job) and the candidate's
 * privacy panel. The date rules are pure, in core/privacy/retention.ts. Audit entries hold ids,
 * counts and field names only (DECISIONS 8): never a hold's reason or a candidate's name.
 */

export const RETENTION_JOB = 'privacy.retention';
const ADMINS = ['owner', 'admin'] as const;
const MANAGERS = ['owner', 'admin', 'recruiter'] as const;
const policyFields = ['name', 'appliesTo', 'afterMonths', 'action', 'enabled'] as const;

const iso = (d: Date) => d.toISOString();
const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

// ── Policies ──────────────────────────────────────────────────────────────────────────────────────

function toPolicy(r: Awaited<ReturnType<typeof q.listPolicies>>[number]): RetentionPolicy {
  return { ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}

export async function listPolicies(ctx: Ctx): Promise<{ items: RetentionPolicy[] }> {
  const actor = requireRole(ctx, ADMINS);
  return { items: (await q.listPolicies(ctx.db, actor.org.id)).map(toPolicy) };
}

export async function createPolicy(ctx: Ctx, input: RetentionPolicyInput): Promise<RetentionPolicy> {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    const row = await q.insertPolicy(tx.db, { ...input, id: randomUUID(), orgId: actor.org.id, createdBy: actor.userId, now: tx.clock.now() });
    await audit(tx, 'retention.policy_created', { type: 'retention_policy', id: row.id }, { fields: [...policyFields] });
    return toPolicy(row);
  });
}

export async function updatePolicy(ctx: Ctx, id: string, input: RetentionPolicyInput): Promise<RetentionPolicy> {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    const before = await q.findPolicy(tx.db, actor.org.id, id);
    if (!before) throw AppError.notFound('Retention policy');
    const row = (await q.updatePolicy(tx.db, actor.org.id, id, input, tx.clock.now()))!;
    const changed = policyFields.filter((f) => before[f] !== input[f]);
    await audit(tx, 'retention.policy_updated', { type: 'retention_policy', id }, { fields: changed });
    return toPolicy(row);
  });
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    if (!(await q.deletePolicy(tx.db, actor.org.id, id))) throw AppError.notFound('Retention policy');
    await audit(tx, 'retention.policy_deleted', { type: 'retention_policy', id });
    return { ok: true as const };
  });
}

// ── Preview ───────────────────────────────────────────────────────────────────────────────────────

interface PreviewItem extends RetentionDue {
  candidateId: string;
  candidateName: string;
}

interface OrgPreview {
  asOf: Date;
  due: PreviewItem[];
  held: (PreviewItem & { holdReason: string })[];
  upcoming: PreviewItem[];
}

interface CandidateFacts {
  candidateId: string;
  candidateName: string;
  holdReason: string | null;
  interviewDataPurgedAt: Date | null;
  applications: { status: 'active' | 'rejected' | 'hired'; decidedAt: Date }[];
}

function groupFacts(rows: q.RetentionFactRow[]): CandidateFacts[] {
  const byCandidate = new Map<string, CandidateFacts>();
  for (const r of rows) {
    let c = byCandidate.get(r.candidateId);
    if (!c) {
      c = { candidateId: r.candidateId, candidateName: r.candidateName, holdReason: r.holdReason, interviewDataPurgedAt: r.interviewDataPurgedAt, applications: [] };
      byCandidate.set(r.candidateId, c);
    }
    c.applications.push({ status: r.status, decidedAt: new Date(r.decidedAt) });
  }
  return [...byCandidate.values()];
}

const byDue = (a: PreviewItem, b: PreviewItem) => a.dueAt.getTime() - b.dueAt.getTime() || a.candidateName.localeCompare(b.candidateName) || a.candidateId.localeCompare(b.candidateId);

/** What retention would do in an organization at `asOf`; reads only. */
export async function computePreview(ctx: Ctx, orgId: string, asOf: Date): Promise<OrgPreview> {
  const rules: RetentionRule[] = await q.enabledPolicies(ctx.db, orgId);
  const preview: OrgPreview = { asOf, due: [], held: [], upcoming: [] };
  if (rules.length === 0) return preview;
  for (const c of groupFacts(await q.retentionFacts(ctx.db, orgId, { closedOnly: true }))) {
    const who = { candidateId: c.candidateId, candidateName: c.candidateName };
    const r = classifyRetention({ applications: c.applications, interviewDataPurgedAt: c.interviewDataPurgedAt, legalHold: c.holdReason !== null }, rules, asOf);
    preview.due.push(...r.due.map((d) => ({ ...who, ...d })));
    preview.held.push(...r.held.map((d) => ({ ...who, ...d, holdReason: c.holdReason! })));
    preview.upcoming.push(...r.upcoming.map((d) => ({ ...who, ...d })));
  }
  preview.due.sort(byDue);
  preview.held.sort(byDue);
  preview.upcoming.sort(byDue);
  return preview;
}

const itemOut = <T extends PreviewItem>(i: T) => ({ ...i, dueAt: iso(i.dueAt) });

export async function previewRetention(ctx: Ctx): Promise<RetentionPreview> {
  const actor = requireRole(ctx, ADMINS);
  const p = await computePreview(ctx, actor.org.id, ctx.clock.now());
  return { asOf: iso(p.asOf), due: p.due.map(itemOut), held: p.held.map(itemOut), upcoming: p.upcoming.map(itemOut) };
}

// ── Runs ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Applies the organization's policies at `asOf`: each due candidate is erased or purged in its own
 * transaction (inside the erasure service), so one failure leaves the others done; failures are
 * logged with the candidate id only and counted. Records a `retention_runs` row and audits counts.
 * `ctx.actor` is the member for a manual run and null for the daily job.
 */
export async function runRetention(ctx: Ctx, orgId: string, trigger: 'schedule' | 'manual', asOf: Date): Promise<RetentionRun> {
  const preview = await computePreview(ctx, orgId, asOf);
  let erased = 0;
  let purged = 0;
  let failed = 0;
  const receiptIds: string[] = [];
  for (const item of preview.due) {
    const policyId = item.policyIds[0];
    try {
      if (item.action === 'erase') {
        const receipt = await inTransaction(ctx, (tx) => eraseCandidate(tx, item.candidateId, { trigger: 'retention', ...(policyId ? { policyId } : {}), orgId }));
        receiptIds.push(receipt.id);
        erased++;
      } else {
        await inTransaction(ctx, (tx) => purgeInterviewData(tx, item.candidateId, { ...(policyId ? { policyId } : {}), orgId }));
        purged++;
      }
    } catch (e) {
      failed++;
      ctx.log.error({ err: e instanceof Error ? e.message : String(e), orgId, candidateId: item.candidateId, action: item.action }, 'retention: candidate failed');
    }
  }
  const run = {
    id: randomUUID(),
    orgId,
    trigger,
    ranBy: ctx.actor?.userId ?? null,
    ranAt: ctx.clock.now(),
    erased,
    purged,
    held: preview.held.length,
    receiptIds,
  };
  await inTransaction(ctx, async (tx) => {
    await q.insertRun(tx.db, run);
    await audit(tx, 'retention.run', { type: 'retention_run', id: run.id }, { trigger, erased, purged, held: run.held, failed }, orgId);
  });
  const ranByName = run.ranBy ? await q.userName(ctx.db, run.ranBy) : null;
  return { id: run.id, trigger, ranBy: person(run.ranBy, ranByName), ranAt: iso(run.ranAt), erased, purged, held: run.held, receiptIds };
}

export async function runRetentionNow(ctx: Ctx): Promise<RetentionRun> {
  const actor = requireRole(ctx, ADMINS);
  return runRetention(ctx, actor.org.id, 'manual', ctx.clock.now());
}

/**
 * The daily job: every organization with at least one enabled policy, one after the other. One
 * organization failing does not stop the others; the job then fails so the runner retries it (a
 * second pass finds nothing left to do where the first succeeded).
 */
export async function runScheduledRetention(ctx: Ctx): Promise<RetentionRun[]> {
  const runs: RetentionRun[] = [];
  const failedOrgs: string[] = [];
  for (const orgId of await q.orgsWithEnabledPolicies(ctx.db)) {
    try {
      const run = await runRetention(ctx, orgId, 'schedule', ctx.clock.now());
      ctx.log.info({ orgId, erased: run.erased, purged: run.purged, held: run.held }, 'retention run');
      runs.push(run);
    } catch (e) {
      failedOrgs.push(orgId);
      ctx.log.error({ orgId, err: e instanceof Error ? e.message : String(e) }, 'retention run failed');
    }
  }
  if (failedOrgs.length) throw new Error(`retention failed for ${failedOrgs.length} organization(s): ${failedOrgs.join(', ')}`);
  return runs;
}

export async function listRuns(ctx: Ctx, limit: number): Promise<{ items: RetentionRun[] }> {
  const actor = requireRole(ctx, ADMINS);
  const rows = await q.listRuns(ctx.db, actor.org.id, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      ranBy: person(r.ranBy, r.ranByName),
      ranAt: iso(r.ranAt),
      erased: r.erased,
      purged: r.purged,
      held: r.held,
      receiptIds: r.receiptIds,
    })),
  };
}

// ── Legal holds ───────────────────────────────────────────────────────────────────────────────────

type HoldRow = NonNullable<Awaited<ReturnType<typeof q.findHold>>>;
const holdOut = (h: HoldRow) => ({ reason: h.reason, placedAt: iso(h.placedAt), placedBy: person(h.placedBy, h.placedByName) });

export async function placeLegalHold(ctx: Ctx, candidateId: string, reason: string) {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    // An erased candidate has no row any more: 404 like an unknown or another organization's id.
    if (!(await q.candidateInOrg(tx.db, actor.org.id, candidateId))) throw AppError.notFound('Candidate');
    const replaced = await q.upsertHold(tx.db, { orgId: actor.org.id, candidateId, reason, placedBy: actor.userId, now: tx.clock.now() });
    await audit(tx, 'legal_hold.placed', { type: 'candidate', id: candidateId }, { replaced });
    return holdOut((await q.findHold(tx.db, actor.org.id, candidateId))!);
  });
}

export async function releaseLegalHold(ctx: Ctx, candidateId: string): Promise<{ ok: true }> {
  const actor = requireRole(ctx, ADMINS);
  return inTransaction(ctx, async (tx) => {
    if (!(await q.deleteHold(tx.db, actor.org.id, candidateId))) throw AppError.notFound('Legal hold');
    await audit(tx, 'legal_hold.released', { type: 'candidate', id: candidateId });
    return { ok: true as const };
  });
}

export async function listLegalHolds(ctx: Ctx) {
  const actor = requireRole(ctx, ADMINS);
  const rows = await q.listHolds(ctx.db, actor.org.id);
  return { items: rows.map((h) => ({ ...holdOut(h), candidateId: h.candidateId, candidateName: h.candidateName })) };
}

// ── Candidate privacy panel ───────────────────────────────────────────────────────────────────────

export async function getCandidatePrivacy(ctx: Ctx, candidateId: string): Promise<CandidatePrivacy> {
  const actor = requireRole(ctx, MANAGERS);
  const orgId = actor.org.id;
  const cand = await q.candidateInOrg(ctx.db, orgId, candidateId);
  if (!cand) throw AppError.notFound('Candidate');
  const now = ctx.clock.now();
  const [hold, requests, consents, link, facts, rules] = [
    await q.findHold(ctx.db, orgId, candidateId),
    await requestsOf(ctx.db, orgId, candidateId),
    await q.consentsOf(ctx.db, orgId, candidateId),
    await q.lastNoticeLink(ctx.db, orgId, candidateId),
    groupFacts(await q.retentionFacts(ctx.db, orgId, { candidateId }))[0],
    await q.enabledPolicies(ctx.db, orgId),
  ];
  // Nothing is scheduled while a legal hold stands (the hold is shown instead).
  const schedule = hold || !facts ? [] : retentionSchedule({ applications: facts.applications, interviewDataPurgedAt: cand.interviewDataPurgedAt }, rules);
  return {
    candidateId,
    legalHold: hold ? holdOut(hold) : null,
    requests: requests.map((r) => toRequest(r, now)),
    consents: consents.map((c) => ({ ...c, givenAt: iso(c.givenAt), withdrawnAt: c.withdrawnAt ? iso(c.withdrawnAt) : null })),
    retention: schedule.map((s) => ({ action: s.action, dueAt: iso(s.dueAt), policyIds: s.policyIds })),
    interviewDataPurgedAt: cand.interviewDataPurgedAt ? iso(cand.interviewDataPurgedAt) : null,
    lastNoticeLink: link ? { createdAt: iso(link.createdAt), expiresAt: iso(link.expiresAt), usedAt: link.usedAt ? iso(link.usedAt) : null } : null,
  };
}
