import { randomUUID } from 'node:crypto';
import { slugify } from '../../core/util/slug.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction, type MemberActor } from '../../server/context.ts';
import type { StageDef } from '../../server/db/schema.ts';
import { audit } from '../audit/audit.service.ts';
import * as docs from '../documents/documents.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import type { Plan } from '../plans/plans.format.ts';
import { createPlan } from '../plans/plans.service.ts';
import { findLibraryRole } from '../roles/roles.service.ts';
import * as roleQ from '../roles/roles.queries.ts';
import type { HiringSettings, Job } from './openings.contract.ts';
import { canManageJob, JOB_CREATORS, type JobAccess, jobAccessOf, ORG_WIDE_MANAGERS } from './openings.policy.ts';
import * as q from './openings.queries.ts';

type TeamEntry = { userId: string; teamRole: 'hiring_manager' | 'recruiter' | 'interviewer'; roundId: string };

export const DEFAULT_REJECTION_REASONS = [
  { code: 'skills_gap', label: 'Skills or experience gap against the scorecard' },
  { code: 'leadership_gap', label: 'Leadership scope below the role' },
  { code: 'compensation', label: 'Compensation expectations out of range' },
  { code: 'location', label: 'Location or working arrangement' },
  { code: 'withdrew', label: 'Candidate withdrew' },
  { code: 'role_filled', label: 'Role filled or closed' },
  { code: 'other', label: 'Other (see note)' },
];

export const HIRING_SETTINGS_DEFAULTS: HiringSettings = { blindFeedback: true, deciderRoles: ['owner', 'admin'], approverRoles: ['owner', 'admin'] };

export async function hiringSettings(ctx: Ctx, orgId: string): Promise<HiringSettings> {
  const s = (await q.orgSettings(ctx.db, orgId)).hiring as Partial<HiringSettings> | undefined;
  return {
    blindFeedback: s?.blindFeedback ?? HIRING_SETTINGS_DEFAULTS.blindFeedback,
    deciderRoles: s?.deciderRoles ?? HIRING_SETTINGS_DEFAULTS.deciderRoles,
    approverRoles: s?.approverRoles ?? HIRING_SETTINGS_DEFAULTS.approverRoles,
  };
}

export async function getHiringSettings(ctx: Ctx) {
  const actor = requireMember(ctx);
  return hiringSettings(ctx, actor.org.id);
}

export async function updateHiringSettings(ctx: Ctx, input: Omit<HiringSettings, 'approverRoles'> & { approverRoles?: HiringSettings['approverRoles'] | undefined }) {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return inTransaction(ctx, async (tx) => {
    const all = await q.orgSettings(tx.db, actor.org.id);
    const approverRoles = input.approverRoles ?? (await hiringSettings(tx, actor.org.id)).approverRoles;
    const hiring = { blindFeedback: input.blindFeedback, deciderRoles: [...new Set(input.deciderRoles)], approverRoles: [...new Set(approverRoles)] };
    await q.saveOrgSettings(tx.db, actor.org.id, { ...all, hiring });
    await audit(tx, 'org.settings_changed', { type: 'organization', id: actor.org.id }, { fields: ['hiring.blindFeedback', 'hiring.deciderRoles', 'hiring.approverRoles'] });
    return hiring;
  });
}

export async function rejectionReasons(ctx: Ctx, orgId: string) {
  const rows = await q.listRejectionReasons(ctx.db, orgId);
  return rows.length ? rows : DEFAULT_REJECTION_REASONS;
}

export async function listRejectionReasons(ctx: Ctx) {
  const actor = requireMember(ctx);
  return { items: await rejectionReasons(ctx, actor.org.id) };
}

export async function saveRejectionReasons(ctx: Ctx, items: { code: string; label: string }[]) {
  const actor = requireRole(ctx, ['owner', 'admin']);
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  items.forEach((r, i) => {
    if (seen.has(r.code)) issues.push({ path: `items.${i}.code`, message: `Duplicate code "${r.code}"` });
    seen.add(r.code);
  });
  if (issues.length) throw AppError.invalid('The list has duplicate codes', issues);
  return inTransaction(ctx, async (tx) => {
    await q.replaceRejectionReasons(tx.db, actor.org.id, items);
    await audit(tx, 'org.settings_changed', { type: 'organization', id: actor.org.id }, { fields: ['rejectionReasons'] });
    return { items: await rejectionReasons(tx, actor.org.id) };
  });
}

/** Default pipeline: Applied, one stage per plan round, Offer, Hired, Rejected. */
export function defaultStages(plan: Plan): StageDef[] {
  const used = new Set(['applied', 'offer', 'hired', 'rejected']);
  const rounds = plan.rounds.map((r) => {
    let id = slugify(r.id).slice(0, 36) || 'round';
    while (used.has(id)) id = `${id.slice(0, 34)}-${used.size}`;
    used.add(id);
    return { id, name: r.name, kind: 'interview' as const, roundId: r.id };
  });
  return [{ id: 'applied', name: 'Applied', kind: 'applied', roundId: null }, ...rounds, { id: 'offer', name: 'Offer', kind: 'offer', roundId: null }, { id: 'hired', name: 'Hired', kind: 'hired', roundId: null }, { id: 'rejected', name: 'Rejected', kind: 'rejected', roundId: null }];
}

function validateStages(stages: StageDef[], plan: Plan): void {
  const issues: FieldIssue[] = [];
  const ids = new Set<string>();
  stages.forEach((s, i) => {
    if (ids.has(s.id)) issues.push({ path: `stages.${i}.id`, message: `Duplicate stage id "${s.id}"` });
    ids.add(s.id);
    if (s.roundId && !plan.rounds.some((r) => r.id === s.roundId)) issues.push({ path: `stages.${i}.roundId`, message: `The plan has no round "${s.roundId}"` });
  });
  for (const kind of ['applied', 'offer', 'hired', 'rejected'] as const) {
    const n = stages.filter((s) => s.kind === kind).length;
    if (n !== 1) issues.push({ path: 'stages', message: `The pipeline needs exactly one "${kind}" stage (it has ${n})` });
  }
  if (stages[0]?.kind !== 'applied') issues.push({ path: 'stages.0.kind', message: 'The first stage must be the "applied" stage' });
  if (issues.length) throw AppError.invalid('The pipeline stages are not valid', issues);
}

async function validateTeam(ctx: Ctx, orgId: string, team: TeamEntry[], plan: Plan): Promise<void> {
  const members = await q.memberIds(ctx.db, orgId, [...new Set(team.map((t) => t.userId))]);
  const issues: FieldIssue[] = [];
  team.forEach((t, i) => {
    if (!members.has(t.userId)) issues.push({ path: `team.${i}.userId`, message: 'Not a member of this organization' });
    if (t.roundId && !plan.rounds.some((r) => r.id === t.roundId)) issues.push({ path: `team.${i}.roundId`, message: `The plan has no round "${t.roundId}"` });
  });
  if (issues.length) throw AppError.invalid('The hiring team is not valid', issues);
}

export async function planBodyOf(ctx: Ctx, orgId: string, planId: string) {
  const plan = await q.planOf(ctx.db, orgId, planId);
  if (!plan?.planVersionId) throw AppError.notFound('Plan');
  return { ...plan, planVersionId: plan.planVersionId, body: await docs.versionBody<Plan>(ctx, orgId, plan.planVersionId) };
}

/** The job's access for the actor (null: not visible, answer 404). */
export async function jobAccess(ctx: Ctx, actor: MemberActor, openingId: string): Promise<JobAccess | null> {
  if (ORG_WIDE_MANAGERS.includes(actor.org.role)) return 'manage';
  const roles = await q.teamRolesOf(ctx.db, openingId, actor.userId);
  const interviews = roles.length ? false : await q.interviewsOpeningFor(ctx.db, openingId, actor.userId);
  return jobAccessOf(actor, roles, interviews);
}

/** Loads a job the actor may see (404 otherwise), with the access level. */
export async function requireJob(ctx: Ctx, id: string, need: 'see' | 'manage' = 'see', forUpdate = false) {
  const actor = requireMember(ctx);
  const row = await q.findOpening(ctx.db, actor.org.id, id, forUpdate);
  if (!row) throw AppError.notFound('Job');
  const access = await jobAccess(ctx, actor, id);
  if (!access) throw AppError.notFound('Job');
  if (need === 'manage' && !canManageJob(actor, access)) throw AppError.forbidden('Only the hiring team manages this job');
  return { actor, row, access };
}

async function toJobs(ctx: Ctx, actor: MemberActor, rows: (q.OpeningRow & { planTitle: string; planVersionId: string | null })[], accessOf: (id: string) => JobAccess): Promise<Job[]> {
  const ids = rows.map((r) => r.id);
  const team = await q.teamOf(ctx.db, ids);
  const interviewOnly = ids.filter((id) => accessOf(id) === 'interview');
  const counts = [
    ...(await q.stageCounts(ctx.db, ids.filter((id) => accessOf(id) === 'manage'), null)),
    ...(await q.stageCounts(ctx.db, interviewOnly, actor.userId)),
  ];
  return rows.map((r) => {
    const mine = counts.filter((c) => c.openingId === r.id);
    const byStage: Record<string, number> = {};
    for (const c of mine) byStage[c.stage] = (byStage[c.stage] ?? 0) + c.n;
    return {
      id: r.id,
      title: r.title,
      roleId: r.roleId,
      orgRoleId: r.orgRoleId,
      planId: r.planId,
      planTitle: r.planTitle,
      planVersionId: r.planVersionId ?? '',
      location: r.location,
      remotePolicy: r.remotePolicy,
      status: r.status,
      stages: r.stages,
      team: team.filter((t) => t.openingId === r.id).map(({ openingId: _o, ...t }) => t),
      archived: r.archivedAt !== null,
      access: accessOf(r.id),
      counts: { total: mine.reduce((s, c) => s + c.n, 0), active: mine.filter((c) => c.status === 'active').reduce((s, c) => s + c.n, 0), byStage },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function loadJob(ctx: Ctx, actor: MemberActor, id: string, access: JobAccess): Promise<Job> {
  const row = await q.findOpening(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Job');
  const plan = await q.planOf(ctx.db, actor.org.id, row.planId);
  const [job] = await toJobs(ctx, actor, [{ ...row, planTitle: plan?.title ?? '', planVersionId: plan?.planVersionId ?? null }], () => access);
  return job!;
}

export async function listJobs(ctx: Ctx, query: PageQuery & { status?: string; archived: 'true' | 'false' }) {
  const actor = requireMember(ctx);
  const orgWide = ORG_WIDE_MANAGERS.includes(actor.org.role);
  const rows = await q.listOpenings(ctx.db, actor.org.id, {
    visibleTo: orgWide ? null : actor.userId,
    ...(query.status ? { status: query.status } : {}),
    archived: query.archived === 'true',
    limit: query.limit,
    ...(query.cursor ? { after: timeIdCursor(query.cursor)! } : {}),
  });
  const access = new Map<string, JobAccess>();
  for (const r of rows) access.set(r.id, orgWide ? 'manage' : ((await jobAccess(ctx, actor, r.id)) ?? 'interview'));
  const jobs = await toJobs(ctx, actor, rows, (id) => access.get(id)!);
  return toPage(jobs, query.limit, (j) => [j.createdAt, j.id]);
}

export async function getJob(ctx: Ctx, id: string) {
  const { actor, access } = await requireJob(ctx, id);
  return loadJob(ctx, actor, id, access);
}

export interface CreateJobInput {
  title?: string | undefined;
  roleId?: string | undefined;
  orgRoleId?: string | undefined;
  planId?: string | undefined;
  location: string;
  remotePolicy: 'onsite' | 'hybrid' | 'remote';
  status: 'draft' | 'open' | 'on_hold' | 'closed';
  team: TeamEntry[];
}

export async function createJob(ctx: Ctx, input: CreateJobInput): Promise<Job> {
  const actor = requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    let roleTitle: string | null = null;
    let guideRole: string | null = null;
    if (input.roleId) {
      try {
        const role = findLibraryRole(input.roleId);
        roleTitle = role.title;
        guideRole = role.id;
      } catch {
        throw AppError.invalid('Unknown role', [{ path: 'roleId', message: `There is no library role "${input.roleId}"` }]);
      }
    }
    if (input.orgRoleId) {
      const orgRole = await roleQ.findOrgRole(tx.db, actor.org.id, input.orgRoleId);
      if (!orgRole) throw AppError.invalid('Unknown role', [{ path: 'orgRoleId', message: 'No such role profile in this organization' }]);
      roleTitle = orgRole.title;
      guideRole = orgRole.sourceRoleId;
    }
    let planId = input.planId;
    if (planId) {
      if (!(await q.planOf(tx.db, actor.org.id, planId))) throw AppError.invalid('Unknown plan', [{ path: 'planId', message: 'No such interview plan in this organization' }]);
    } else {
      planId = (await createPlan(tx, { fromGuide: guideRole! })).id;
    }
    const plan = await planBodyOf(tx, actor.org.id, planId);
    const title = input.title ?? roleTitle ?? plan.title;
    const team = [...input.team];
    if (actor.org.role === 'hiring_manager' && !team.some((t) => t.teamRole === 'hiring_manager')) team.push({ userId: actor.userId, teamRole: 'hiring_manager', roundId: '' });
    await validateTeam(tx, actor.org.id, team, plan.body);
    const id = randomUUID();
    await q.insertOpening(tx.db, {
      id,
      orgId: actor.org.id,
      title,
      roleId: input.orgRoleId ? guideRole : (input.roleId ?? plan.body.roleId),
      orgRoleId: input.orgRoleId ?? null,
      planId,
      location: input.location,
      remotePolicy: input.remotePolicy,
      status: input.status,
      stages: defaultStages(plan.body),
      createdBy: actor.userId,
      now: tx.clock.now(),
    });
    await q.replaceTeam(tx.db, actor.org.id, id, team);
    await audit(tx, 'job.created', { type: 'job', id }, { roleId: input.roleId ?? null, orgRoleId: input.orgRoleId ?? null, planId });
    return loadJob(tx, actor, id, 'manage');
  });
}

export async function updateJob(
  ctx: Ctx,
  id: string,
  patch: { title?: string | undefined; location?: string | undefined; remotePolicy?: 'onsite' | 'hybrid' | 'remote' | undefined; status?: 'draft' | 'open' | 'on_hold' | 'closed' | undefined; stages?: StageDef[] | undefined; team?: TeamEntry[] | undefined },
) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, row, access } = await requireJob(tx, id, 'manage', true);
    const plan = await planBodyOf(tx, actor.org.id, row.planId);
    if (patch.stages) {
      validateStages(patch.stages, plan.body);
      const kept = new Set(patch.stages.map((s) => s.id));
      const orphaned = (await q.stagesInUse(tx.db, id)).filter((s) => !kept.has(s));
      if (orphaned.length) throw AppError.conflict(`Move the candidates out of ${orphaned.map((s) => `"${row.stages.find((x) => x.id === s)?.name ?? s}"`).join(', ')} before removing it`, { stages: orphaned });
    }
    if (patch.team) await validateTeam(tx, actor.org.id, patch.team, plan.body);
    const { team, ...fields } = patch;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await q.updateOpening(tx.db, id, set, tx.clock.now());
    if (team) await q.replaceTeam(tx.db, actor.org.id, id, team);
    await audit(tx, 'job.updated', { type: 'job', id }, { fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined).sort() });
    return loadJob(tx, actor, id, access);
  });
}

export async function archiveJob(ctx: Ctx, id: string, archived: boolean) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    const { actor, access } = await requireJob(tx, id, 'manage', true);
    await q.updateOpening(tx.db, id, archived ? { archivedAt: tx.clock.now(), status: 'closed' } : { archivedAt: null }, tx.clock.now());
    await audit(tx, archived ? 'job.archived' : 'job.unarchived', { type: 'job', id }, {});
    return loadJob(tx, actor, id, access);
  });
}

export async function deleteJob(ctx: Ctx, id: string) {
  requireRole(ctx, JOB_CREATORS);
  return inTransaction(ctx, async (tx) => {
    await requireJob(tx, id, 'manage', true);
    const n = await q.countApplications(tx.db, id);
    if (n > 0) throw AppError.conflict(`This job has ${n} application${n === 1 ? '' : 's'}; archive it instead`, { applications: n });
    await q.deleteOpening(tx.db, id);
    await audit(tx, 'job.deleted', { type: 'job', id }, {});
    return { ok: true as const };
  });
}
