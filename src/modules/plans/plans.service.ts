import { randomUUID } from 'node:crypto';
import { generateGuide } from '../../core/generation/guide.ts';
import { analyzeCoverage } from '../../core/plans/coverage.ts';
import { lintRisk } from '../../core/risk/risk-lint.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError, issuesFromZod } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import * as docs from '../documents/documents.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import { questionBank } from '../questions/questions.library.ts';
import { library } from '../roles/roles.library.ts';
import { findLibraryRole } from '../roles/roles.service.ts';
import type { GuideResult, OrgPlan, PlanFindings } from './plans.contract.ts';
import { type Plan, planSchema } from './plans.format.ts';
import * as q from './plans.queries.ts';

const PLAN_KIND = 'plan';
const WRITERS = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

/** Risk findings over every text an interviewer says, with the JSON path of the text. */
export function planRiskFindings(plan: Plan) {
  const texts: [string, string][] = [];
  plan.rounds.forEach((r, i) => {
    texts.push([`rounds.${i}.interviewerDirections`, r.interviewerDirections]);
    r.questions.forEach((qq, j) => {
      texts.push([`rounds.${i}.questions.${j}.text`, qq.text]);
      qq.probes.forEach((p, k) => texts.push([`rounds.${i}.questions.${j}.probes.${k}`, p]));
    });
  });
  plan.references.questions.forEach((t, i) => texts.push([`references.questions.${i}`, t]));
  return texts.flatMap(([path, t]) => lintRisk(t).map((f) => ({ ...f, path })));
}

export function findingsOf(plan: Plan): PlanFindings {
  return { coverage: analyzeCoverage(plan), risk: planRiskFindings(plan) };
}

/**
 * Parses a rubric.plan/v1 document; an invalid one answers 400 listing every problem with its JSON
 * path (not only the first).
 */
export function parsePlan(raw: unknown): Plan {
  const r = planSchema.safeParse(raw);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw AppError.invalid(`The plan has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
  }
  return r.data;
}

export function lintPlan(raw: unknown): PlanFindings {
  return findingsOf(parsePlan(raw));
}

/** The generated guide of a library role (404 for an unknown role). */
export function guideFor(roleId: string): GuideResult {
  const role = findLibraryRole(roleId);
  const guide = generateGuide(role, library().competencies, questionBank());
  const plan = parsePlan(guide.plan);
  return { ...guide, plan, findings: findingsOf(plan) };
}

async function load(ctx: Ctx, orgId: string, id: string): Promise<OrgPlan> {
  const row = await q.findPlan(ctx.db, orgId, id);
  if (!row) throw AppError.notFound('Plan');
  const current = await docs.getCurrentVersion<Plan>(ctx, orgId, row.documentId);
  return { id: row.id, title: row.title, roleId: row.roleId, createdAt: row.createdAt.toISOString(), currentVersion: current.version, plan: current.body, findings: findingsOf(current.body) };
}

export async function listPlans(ctx: Ctx, page: PageQuery) {
  const actor = requireMember(ctx);
  const after = timeIdCursor(page.cursor);
  const rows = await q.listPlans(ctx.db, actor.org.id, page.limit, after);
  return toPage(
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      roleId: r.roleId,
      createdAt: r.createdAt.toISOString(),
      currentVersion: { id: r.versionId, number: r.number, note: r.note, restoredFromId: r.restoredFromId, createdByName: r.createdByName, createdAt: r.versionCreatedAt.toISOString() },
    })),
    page.limit,
    (p) => [p.createdAt, p.id],
  );
}

/** Starts a plan from a guide or imports a plan document; invalid documents save nothing. */
export async function createPlan(ctx: Ctx, input: { fromGuide: string } | { plan: unknown }): Promise<OrgPlan> {
  const actor = requireRole(ctx, WRITERS);
  const plan = 'fromGuide' in input ? guideFor(input.fromGuide).plan : parsePlan(input.plan);
  return inTransaction(ctx, async (tx) => {
    const id = randomUUID();
    const note = 'fromGuide' in input ? `Started from the ${input.fromGuide} guide` : 'Imported';
    const { documentId } = await docs.createDocument(tx, actor.org.id, PLAN_KIND, plan, note);
    await q.insertPlan(tx.db, { id, orgId: actor.org.id, documentId, title: plan.title, roleId: plan.roleId, sourceGuide: 'fromGuide' in input ? input.fromGuide : null, now: tx.clock.now() });
    await audit(tx, 'plan.created', { type: 'plan', id }, { fromGuide: 'fromGuide' in input ? input.fromGuide : null });
    return load(tx, actor.org.id, id);
  });
}

export async function getPlan(ctx: Ctx, id: string) {
  const actor = requireMember(ctx);
  return load(ctx, actor.org.id, id);
}

export async function savePlan(ctx: Ctx, id: string, input: { baseVersionId: string; plan: unknown; note?: string }) {
  const actor = requireRole(ctx, WRITERS);
  const plan = parsePlan(input.plan);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findPlan(tx.db, actor.org.id, id);
    if (!row) throw AppError.notFound('Plan');
    const saved = await docs.saveVersion(tx, actor.org.id, row.documentId, input.baseVersionId, plan, { note: input.note ?? null });
    await q.updatePlanTitle(tx.db, id, plan.title, plan.roleId, tx.clock.now());
    await audit(tx, 'plan.saved', { type: 'plan', id }, { versionId: saved.versionId, version: saved.number });
    return load(tx, actor.org.id, id);
  });
}

async function documentOf(ctx: Ctx, id: string) {
  const actor = requireMember(ctx);
  const row = await q.findPlan(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Plan');
  return { orgId: actor.org.id, documentId: row.documentId };
}

export async function listPlanVersions(ctx: Ctx, id: string, page: PageQuery) {
  const d = await documentOf(ctx, id);
  return docs.listVersions(ctx, d.orgId, d.documentId, page);
}

export async function getPlanVersion(ctx: Ctx, id: string, versionId: string) {
  const d = await documentOf(ctx, id);
  const v = await docs.getVersion<Plan>(ctx, d.orgId, d.documentId, versionId);
  return { version: v.version, plan: v.body };
}

export async function diffPlan(ctx: Ctx, id: string, from: string, to: string) {
  const d = await documentOf(ctx, id);
  return docs.diffVersions(ctx, d.orgId, d.documentId, from, to);
}

export async function restorePlan(ctx: Ctx, id: string, input: { versionId: string; baseVersionId: string; note?: string }) {
  const actor = requireRole(ctx, WRITERS);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findPlan(tx.db, actor.org.id, id);
    if (!row) throw AppError.notFound('Plan');
    const saved = await docs.restoreVersion(tx, actor.org.id, row.documentId, input.versionId, input.baseVersionId, input.note);
    const current = await docs.getCurrentVersion<Plan>(tx, actor.org.id, row.documentId);
    await q.updatePlanTitle(tx.db, id, current.body.title, current.body.roleId, tx.clock.now());
    await audit(tx, 'plan.restored', { type: 'plan', id }, { versionId: saved.versionId, restoredFromId: input.versionId });
    return load(tx, actor.org.id, id);
  });
}
