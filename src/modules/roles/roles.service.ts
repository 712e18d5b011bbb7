import { randomUUID } from 'node:crypto';
import { compareRoles } from '../../core/roles/compare.ts';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import * as docs from '../documents/documents.service.ts';
import { requireMember, requireRole } from '../orgs/orgs.policy.ts';
import type { Competency, RoleProfile } from './roles.content.ts';
import type { CompareResult, LibraryRole, OrgRole, OrgRoleBody, RoleSummary } from './roles.contract.ts';
import { library } from './roles.library.ts';
import { comparisonToMarkdown } from './roles.markdown.ts';
import * as q from './roles.queries.ts';

const ORG_ROLE_KIND = 'org_role';
export const ROLE_WRITERS = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

/** The library role, or 404 naming the known ids. */
export function findLibraryRole(roleId: string): RoleProfile {
  const role = library().roles.find((r) => r.id === roleId);
  if (!role) throw AppError.notFound(`Role "${roleId}" (known: ${library().roles.map((r) => r.id).join(', ')})`);
  return role;
}

export function summarizeRole(r: RoleProfile): RoleSummary {
  return { id: r.id, title: r.title, abbreviation: r.abbreviation, family: r.family, level: r.level, summary: r.summary, orientation: r.focus.orientation };
}

/** Library lists are small and fixed; they take the shared page query and answer one page. */
function pageOf<T extends { id: string }>(items: T[], page: PageQuery) {
  const start = page.cursor ? items.findIndex((i) => i.id === page.cursor) + 1 : 0;
  if (page.cursor && start === 0) throw AppError.invalid('Invalid cursor', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
  const slice = items.slice(start, start + page.limit);
  return { items: slice, nextCursor: start + page.limit < items.length ? slice.at(-1)!.id : null };
}

export function listLibraryRoles(page: PageQuery) {
  return pageOf(library().roles.map(summarizeRole), page);
}

export function weightedCompetencies(roleId: string, weights?: Record<string, number>) {
  return library()
    .competencies.map((c) => ({ competencyId: c.id, name: c.name, category: c.category, weight: weights ? (weights[c.id] ?? 0) : (c.roleWeights[roleId] ?? 0) }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
}

export function getLibraryRole(roleId: string): LibraryRole {
  const profile = findLibraryRole(roleId);
  return { profile, competencies: weightedCompetencies(roleId) };
}

export function listCompetencies(page: PageQuery) {
  return pageOf(library().competencies, page);
}

export function getCompetency(competencyId: string): Competency {
  const c = library().competencies.find((x) => x.id === competencyId);
  if (!c) throw AppError.notFound(`Competency "${competencyId}"`);
  return c;
}

/** Compares 2–3 library roles; unknown ids answer 404, repeated ids 400. */
export function compareLibraryRoles(roleIds: string[]): CompareResult {
  if (new Set(roleIds).size !== roleIds.length) throw AppError.invalid('Compare different roles', [{ path: 'roles', message: 'A role is listed twice' }]);
  const profiles = roleIds.map(findLibraryRole);
  const comparison = compareRoles(profiles, library().competencies);
  return { comparison, profiles, markdown: comparisonToMarkdown(comparison) };
}

// ---- Organization roles ----

type OrgRoleRow = Awaited<ReturnType<typeof q.listOrgRoles>>[number];

function checkBody(body: OrgRoleBody): void {
  const known = new Set(library().competencies.map((c) => c.id));
  const issues = Object.keys(body.competencyWeights)
    .filter((id) => !known.has(id))
    .map((id) => ({ path: `body.competencyWeights.${id}`, message: 'Unknown competency' }));
  if (issues.length) throw AppError.invalid('Unknown competencies in the weights', issues);
}

async function loadOrgRole(ctx: Ctx, orgId: string, id: string): Promise<OrgRole> {
  const row = await q.findOrgRole(ctx.db, orgId, id);
  if (!row) throw AppError.notFound('Role');
  const current = await docs.getCurrentVersion<OrgRoleBody>(ctx, orgId, row.documentId);
  return { id: row.id, sourceRoleId: row.sourceRoleId, title: row.title, createdAt: row.createdAt.toISOString(), currentVersion: current.version, body: current.body };
}

export async function listOrgRoles(ctx: Ctx, page: PageQuery) {
  const actor = requireMember(ctx);
  const after = timeIdCursor(page.cursor);
  const rows = await q.listOrgRoles(ctx.db, actor.org.id, page.limit, after && { at: after.at, id: after.id });
  const items = rows.map((r: OrgRoleRow) => ({
    id: r.id,
    sourceRoleId: r.sourceRoleId,
    title: r.title,
    createdAt: r.createdAt.toISOString(),
    currentVersion: {
      id: r.versionId,
      number: r.number,
      note: r.note,
      restoredFromId: r.restoredFromId,
      createdByName: r.createdByName,
      createdAt: r.versionCreatedAt.toISOString(),
    },
  }));
  return toPage(items, page.limit, (i) => [i.createdAt, i.id]);
}

/** Clones a library role (profile and default competency weights) into the organization, version 1. */
export async function createOrgRole(ctx: Ctx, input: { sourceRoleId: string; title?: string }): Promise<OrgRole> {
  const actor = requireRole(ctx, ROLE_WRITERS);
  const source = findLibraryRole(input.sourceRoleId);
  const profile = { ...structuredClone(source), title: input.title ?? source.title };
  const competencyWeights = Object.fromEntries(library().competencies.filter((c) => c.roleWeights[source.id]).map((c) => [c.id, c.roleWeights[source.id]!]));
  const body: OrgRoleBody = { profile, competencyWeights };
  return inTransaction(ctx, async (tx) => {
    const id = randomUUID();
    const { documentId } = await docs.createDocument(tx, actor.org.id, ORG_ROLE_KIND, body, `Cloned from the library role ${source.id}`);
    await q.insertOrgRole(tx.db, { id, orgId: actor.org.id, documentId, sourceRoleId: source.id, title: profile.title, now: tx.clock.now() });
    await audit(tx, 'role.created', { type: 'org_role', id }, { sourceRoleId: source.id });
    return loadOrgRole(tx, actor.org.id, id);
  });
}

export async function getOrgRole(ctx: Ctx, id: string): Promise<OrgRole> {
  const actor = requireMember(ctx);
  return loadOrgRole(ctx, actor.org.id, id);
}

export async function saveOrgRole(ctx: Ctx, id: string, input: { baseVersionId: string; body: OrgRoleBody; note?: string }): Promise<OrgRole> {
  const actor = requireRole(ctx, ROLE_WRITERS);
  checkBody(input.body);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findOrgRole(tx.db, actor.org.id, id);
    if (!row) throw AppError.notFound('Role');
    const saved = await docs.saveVersion(tx, actor.org.id, row.documentId, input.baseVersionId, input.body, { note: input.note ?? null });
    await q.updateOrgRoleTitle(tx.db, id, input.body.profile.title, tx.clock.now());
    await audit(tx, 'role.saved', { type: 'org_role', id }, { versionId: saved.versionId, version: saved.number });
    return loadOrgRole(tx, actor.org.id, id);
  });
}

async function documentOf(ctx: Ctx, id: string) {
  const actor = requireMember(ctx);
  const row = await q.findOrgRole(ctx.db, actor.org.id, id);
  if (!row) throw AppError.notFound('Role');
  return { orgId: actor.org.id, documentId: row.documentId };
}

export async function listOrgRoleVersions(ctx: Ctx, id: string, page: PageQuery) {
  const d = await documentOf(ctx, id);
  return docs.listVersions(ctx, d.orgId, d.documentId, page);
}

export async function getOrgRoleVersion(ctx: Ctx, id: string, versionId: string) {
  const d = await documentOf(ctx, id);
  return docs.getVersion<OrgRoleBody>(ctx, d.orgId, d.documentId, versionId);
}

export async function diffOrgRole(ctx: Ctx, id: string, from: string, to: string) {
  const d = await documentOf(ctx, id);
  return docs.diffVersions(ctx, d.orgId, d.documentId, from, to);
}

export async function restoreOrgRole(ctx: Ctx, id: string, input: { versionId: string; baseVersionId: string; note?: string }): Promise<OrgRole> {
  const actor = requireRole(ctx, ROLE_WRITERS);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findOrgRole(tx.db, actor.org.id, id);
    if (!row) throw AppError.notFound('Role');
    const saved = await docs.restoreVersion(tx, actor.org.id, row.documentId, input.versionId, input.baseVersionId, input.note);
    await audit(tx, 'role.restored', { type: 'org_role', id }, { versionId: saved.versionId, restoredFromId: input.versionId });
    const restored = await docs.getCurrentVersion<OrgRoleBody>(tx, actor.org.id, row.documentId);
    await q.updateOrgRoleTitle(tx.db, id, restored.body.profile.title, tx.clock.now());
    return loadOrgRole(tx, actor.org.id, id);
  });
}
