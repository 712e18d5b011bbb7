import { z } from 'zod';
import { idParamsSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';
import { diffQuerySchema, diffSchema, restoreBodySchema, versionNoteSchema, versionSummarySchema } from '../documents/documents.contract.ts';
import { roleIdSchema } from '../roles/roles.contract.ts';
import { riskFindingSchema } from '../questions/questions.contract.ts';
import { planSchema } from './plans.format.ts';

export const coverageSchema = z.object({
  rows: z.array(
    z.object({
      competencyId: z.string(),
      name: z.string(),
      weight: z.number(),
      cells: z.record(z.string(), z.object({ assessed: z.boolean(), questions: z.number() })),
      assessments: z.number(),
      interviewers: z.number(),
      behaviouralQuestions: z.number(),
    }),
  ),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), competencyId: z.string().optional(), roundId: z.string().optional() })),
});

export const planFindingsSchema = z.object({
  coverage: coverageSchema,
  risk: z.array(riskFindingSchema.extend({ path: z.string() })),
});
export type PlanFindings = z.infer<typeof planFindingsSchema>;

export const guideSchema = z.object({
  roleId: z.string(),
  title: z.string(),
  howToUse: z.array(z.string()),
  jobSummary: z.object({ summary: z.string(), responsibilities: z.array(z.string()) }),
  plan: planSchema,
  findings: planFindingsSchema,
});
export type GuideResult = z.infer<typeof guideSchema>;

export const planSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  roleId: z.string().nullable(),
  currentVersion: versionSummarySchema,
  createdAt: z.string(),
});
export const orgPlanSchema = planSummarySchema.extend({ plan: planSchema, findings: planFindingsSchema });
export type OrgPlan = z.infer<typeof orgPlanSchema>;

export const createPlanSchema = z.union([
  z.strictObject({ fromGuide: roleIdSchema }),
  z.strictObject({ plan: z.unknown() }),
]);
export const savePlanSchema = z.strictObject({ baseVersionId: z.uuid(), plan: z.unknown(), note: versionNoteSchema });
export const planVersionParamsSchema = z.object({ id: z.uuid(), versionId: z.uuid() });
export const planVersionSchema = z.object({ version: versionSummarySchema, plan: planSchema });

const writers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const getGuideRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/guides/:roleId',
  summary: 'The complete interview guide for a library role (public), with its coverage and risk findings',
  tag: 'guides',
  access: { kind: 'public' },
  params: z.object({ roleId: roleIdSchema }),
  response: guideSchema,
});

export const lintPlanRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/plans/lint',
  summary: 'Validate a rubric.plan/v1 document and report coverage and risk findings (every problem with its JSON path)',
  tag: 'plans',
  access: { kind: 'public' },
  body: z.strictObject({ plan: z.unknown() }),
  response: planFindingsSchema,
  bodyLimit: 1024 * 1024,
});

export const listPlansRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/plans',
  summary: "The organization's interview plans",
  tag: 'plans',
  access: { kind: 'member' },
  query: pageQuerySchema,
  response: pageSchema(planSummarySchema),
});

export const createPlanRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/plans',
  summary: 'Start a plan from a guide ({fromGuide: roleId}) or import a rubric.plan/v1 document ({plan})',
  tag: 'plans',
  access: { kind: 'member', roles: writers },
  body: createPlanSchema,
  response: orgPlanSchema,
  status: 201,
  bodyLimit: 1024 * 1024,
});

export const getPlanRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/plans/:id',
  summary: 'A plan at its current version, with coverage and risk findings',
  tag: 'plans',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: orgPlanSchema,
});

export const savePlanRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/plans/:id',
  summary: 'Save a new immutable version; a stale baseVersionId answers 409 with details.currentVersionId',
  tag: 'plans',
  access: { kind: 'member', roles: writers },
  params: idParamsSchema,
  body: savePlanSchema,
  response: orgPlanSchema,
  bodyLimit: 1024 * 1024,
});

export const listPlanVersionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/plans/:id/versions',
  summary: 'Versions of a plan, newest first',
  tag: 'plans',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: pageQuerySchema,
  response: pageSchema(versionSummarySchema),
});

export const getPlanVersionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/plans/:id/versions/:versionId',
  summary: 'One version of a plan (scorecards stamp the version they used)',
  tag: 'plans',
  access: { kind: 'member' },
  params: planVersionParamsSchema,
  response: planVersionSchema,
});

export const diffPlanRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/plans/:id/diff',
  summary: 'What changed between two versions of a plan',
  tag: 'plans',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: diffQuerySchema,
  response: diffSchema,
});

export const restorePlanRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/plans/:id/restore',
  summary: 'Restore a past version as a new version',
  tag: 'plans',
  access: { kind: 'member', roles: writers },
  params: idParamsSchema,
  body: restoreBodySchema,
  response: orgPlanSchema,
});
