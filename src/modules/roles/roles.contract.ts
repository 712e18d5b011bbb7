import { z } from 'zod';
import { idParamsSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';
import { diffQuerySchema, diffSchema, restoreBodySchema, versionNoteSchema, versionSummarySchema } from '../documents/documents.contract.ts';
import { competencySchema, roleProfileSchema } from './roles.content.ts';

export const roleIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A role id such as cto or vp-engineering').max(60);

export const roleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  abbreviation: z.string(),
  family: z.string(),
  level: z.string(),
  summary: z.string(),
  orientation: z.number(),
});
export type RoleSummary = z.infer<typeof roleSummarySchema>;

export const weightedCompetencySchema = z.object({ competencyId: z.string(), name: z.string(), category: z.string(), weight: z.number().int() });

export const libraryRoleSchema = z.object({
  profile: roleProfileSchema,
  competencies: z.array(weightedCompetencySchema),
});
export type LibraryRole = z.infer<typeof libraryRoleSchema>;

const listComparisonSchema = z.object({ shared: z.array(z.string()), distinct: z.record(z.string(), z.array(z.string())) });
export const comparisonSchema = z.object({
  roles: z.array(z.object({ id: z.string(), title: z.string(), abbreviation: z.string() })),
  similarity: z.array(
    z.object({ a: z.string(), b: z.string(), competencies: z.number(), responsibilities: z.number(), overall: z.number(), sharedAreas: z.array(z.string()) }),
  ),
  competencies: z.array(z.object({ competencyId: z.string(), name: z.string(), weights: z.record(z.string(), z.number()), shared: z.boolean() })),
  responsibilities: z.object({
    areas: listComparisonSchema,
    byRole: z.record(z.string(), z.array(z.object({ title: z.string(), area: z.string(), shared: z.boolean() }))),
  }),
  orientation: z.record(z.string(), z.number()),
  reportsTo: listComparisonSchema,
  feederRoles: listComparisonSchema,
  nextRoles: listComparisonSchema,
  collaborators: listComparisonSchema,
  division: z.array(z.object({ from: z.string(), to: z.string(), sharedAreas: z.array(z.string()), howToDivide: z.string() })),
  summary: z.string(),
});

export const compareResultSchema = z.object({
  comparison: comparisonSchema,
  profiles: z.array(roleProfileSchema),
  markdown: z.string(),
});
export type CompareResult = z.infer<typeof compareResultSchema>;

export const compareQuerySchema = z.strictObject({
  roles: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(roleIdSchema).min(2, 'Compare at least 2 roles').max(3, 'Compare at most 3 roles')),
});

// ---- Organization roles (editable, versioned copies of library roles) ----

export const orgRoleBodySchema = z.strictObject({
  profile: roleProfileSchema,
  /** Competency id → weight 0 (not needed) … 5 (critical). */
  competencyWeights: z.record(z.string(), z.number().int().min(0).max(5)),
});
export type OrgRoleBody = z.infer<typeof orgRoleBodySchema>;

export const orgRoleSummarySchema = z.object({
  id: z.string(),
  sourceRoleId: z.string(),
  title: z.string(),
  currentVersion: versionSummarySchema,
  createdAt: z.string(),
});

export const orgRoleSchema = orgRoleSummarySchema.extend({ body: orgRoleBodySchema });
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const createOrgRoleSchema = z.strictObject({ sourceRoleId: roleIdSchema, title: z.string().trim().min(2).max(200).optional() });
export const saveOrgRoleSchema = z.strictObject({ baseVersionId: z.uuid(), body: orgRoleBodySchema, note: versionNoteSchema });
export const orgRoleVersionParamsSchema = z.object({ id: z.uuid(), versionId: z.uuid() });
export const orgRoleVersionSchema = z.object({ version: versionSummarySchema, body: orgRoleBodySchema });

const writers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const listLibraryRolesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/roles',
  summary: 'The role library: leadership roles with a one-line summary',
  tag: 'roles',
  access: { kind: 'public' },
  query: pageQuerySchema,
  response: pageSchema(roleSummarySchema),
});

export const getLibraryRoleRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/roles/:roleId',
  summary: 'One role profile, every dimension, with its weighted competencies',
  tag: 'roles',
  access: { kind: 'public' },
  params: z.object({ roleId: roleIdSchema }),
  response: libraryRoleSchema,
});

export const listCompetenciesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/competencies',
  summary: 'The competency framework: definitions, behavioural anchors 1–4, signals, red flags, weights per role',
  tag: 'roles',
  access: { kind: 'public' },
  query: pageQuerySchema,
  response: pageSchema(competencySchema),
});

export const getCompetencyRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/competencies/:competencyId',
  summary: 'One competency',
  tag: 'roles',
  access: { kind: 'public' },
  params: z.object({ competencyId: roleIdSchema }),
  response: competencySchema,
});

export const compareRolesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/compare',
  summary: 'Compare 2–3 roles dimension by dimension (?roles=cpo,cto), with similarity figures, a summary and Markdown',
  tag: 'roles',
  access: { kind: 'public' },
  query: compareQuerySchema,
  response: compareResultSchema,
});

export const listOrgRolesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/roles',
  summary: "The organization's own role profiles",
  tag: 'roles',
  access: { kind: 'member' },
  query: pageQuerySchema,
  response: pageSchema(orgRoleSummarySchema),
});

export const createOrgRoleRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/roles',
  summary: "Clone a library role into the organization's editable, versioned profile",
  tag: 'roles',
  access: { kind: 'member', roles: writers },
  body: createOrgRoleSchema,
  response: orgRoleSchema,
  status: 201,
});

export const getOrgRoleRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/roles/:id',
  summary: "An organization role at its current version",
  tag: 'roles',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: orgRoleSchema,
});

export const saveOrgRoleRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/roles/:id',
  summary: 'Save a new version; a stale baseVersionId answers 409 with details.currentVersionId',
  tag: 'roles',
  access: { kind: 'member', roles: writers },
  params: idParamsSchema,
  body: saveOrgRoleSchema,
  response: orgRoleSchema,
  bodyLimit: 512 * 1024,
});

export const listOrgRoleVersionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/roles/:id/versions',
  summary: 'Edit history of an organization role, newest first',
  tag: 'roles',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: pageQuerySchema,
  response: pageSchema(versionSummarySchema),
});

export const getOrgRoleVersionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/roles/:id/versions/:versionId',
  summary: 'One past version of an organization role',
  tag: 'roles',
  access: { kind: 'member' },
  params: orgRoleVersionParamsSchema,
  response: orgRoleVersionSchema,
});

export const diffOrgRoleRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/roles/:id/diff',
  summary: 'What changed between two versions (?from=&to=)',
  tag: 'roles',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: diffQuerySchema,
  response: diffSchema,
});

export const restoreOrgRoleRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/roles/:id/restore',
  summary: 'Restore a past version as a new version (same 409 rule as saving)',
  tag: 'roles',
  access: { kind: 'member', roles: writers },
  params: idParamsSchema,
  body: restoreBodySchema,
  response: orgRoleSchema,
});
