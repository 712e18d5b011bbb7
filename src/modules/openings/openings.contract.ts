import { z } from 'zod';
import { idParamsSchema, idSchema, orgRoleSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/** Hiring jobs ("openings" in the database, to keep them apart from the job runner). */

export const jobStatuses = ['draft', 'open', 'on_hold', 'closed'] as const;
export const remotePolicies = ['onsite', 'hybrid', 'remote'] as const;
export const stageKinds = ['applied', 'interview', 'offer', 'hired', 'rejected', 'custom'] as const;
export const teamRoles = ['hiring_manager', 'recruiter', 'interviewer'] as const;

export const stageSchema = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lowercase letters, digits and hyphens'),
  name: z.string().trim().min(1).max(80),
  kind: z.enum(stageKinds),
  roundId: z.string().max(80).nullable(),
});
export type Stage = z.infer<typeof stageSchema>;

export const teamEntrySchema = z.strictObject({
  userId: idSchema,
  teamRole: z.enum(teamRoles),
  /** For interviewers: the plan round they interview for ('' for any). */
  roundId: z.string().max(80).default(''),
});

export const teamMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  teamRole: z.enum(teamRoles),
  roundId: z.string(),
});

export const jobSchema = z.object({
  id: z.string(),
  title: z.string(),
  roleId: z.string().nullable(),
  orgRoleId: z.string().nullable(),
  planId: z.string(),
  planTitle: z.string(),
  planVersionId: z.string(),
  location: z.string(),
  remotePolicy: z.enum(remotePolicies),
  status: z.enum(jobStatuses),
  stages: z.array(stageSchema),
  team: z.array(teamMemberSchema),
  archived: z.boolean(),
  /** `manage`: sees every candidate of the job; `interview`: only the candidates one interviews. */
  access: z.enum(['manage', 'interview']),
  counts: z.object({ total: z.number(), active: z.number(), byStage: z.record(z.string(), z.number()) }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof jobSchema>;

const titleSchema = z.string().trim().min(2).max(200);
export const createJobSchema = z
  .strictObject({
    title: titleSchema.optional(),
    /** A library role (e.g. "cto"). */
    roleId: z.string().max(60).optional(),
    /** Or one of the organization's own role profiles. */
    orgRoleId: idSchema.optional(),
    /** An existing interview plan; when omitted the plan starts from the role's guide. */
    planId: idSchema.optional(),
    location: z.string().trim().max(200).default(''),
    remotePolicy: z.enum(remotePolicies).default('hybrid'),
    status: z.enum(jobStatuses).default('open'),
    team: z.array(teamEntrySchema).max(100).default([]),
  })
  .refine((j) => !(j.roleId && j.orgRoleId), { path: ['orgRoleId'], message: 'Give a library role or an organization role, not both' })
  .refine((j) => j.roleId || j.orgRoleId || j.planId, { path: ['roleId'], message: 'Choose a role or an interview plan' })
  // OpenAPI request examples (`x-examples`: named media-type examples); openapi.test.ts parses each with this schema.
  .meta({ 'x-examples': { fromRole: { summary: 'A CTO job, its interview plan from the library guide', value: { roleId: 'cto', title: 'Chief Technology Officer', location: 'Berlin', remotePolicy: 'hybrid', status: 'open' } } } });

export const updateJobSchema = z.strictObject({
  title: titleSchema.optional(),
  location: z.string().trim().max(200).optional(),
  remotePolicy: z.enum(remotePolicies).optional(),
  status: z.enum(jobStatuses).optional(),
  stages: z.array(stageSchema).min(4).max(30).optional(),
  team: z.array(teamEntrySchema).max(100).optional(),
});

export const listJobsQuerySchema = pageQuerySchema.extend({
  status: z.enum(jobStatuses).optional(),
  archived: z.enum(['true', 'false']).default('false'),
});

export const comparisonSchema = z.object({
  job: z.object({ id: z.string(), title: z.string() }),
  competencies: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
  rows: z.array(
    z.object({
      applicationId: z.string(),
      candidateId: z.string(),
      candidateName: z.string(),
      stage: z.string(),
      stageName: z.string(),
      status: z.string(),
      submitted: z.number(),
      /** True when the blind rule hides this candidate's feedback from you (submit your own first). */
      redacted: z.boolean(),
      means: z.record(z.string(), z.number().nullable()),
      overall: z.number().nullable(),
      coverage: z.number(),
      recommendations: z.object({ strong_no: z.number(), no: z.number(), yes: z.number(), strong_yes: z.number() }),
      disagreements: z.number(),
    }),
  ),
});

export const hiringSettingsSchema = z.object({
  /** Interviewers see others' feedback only after submitting their own (default on). */
  blindFeedback: z.boolean(),
  /** Organization roles that may decide (besides the job's hiring manager). */
  deciderRoles: z.array(orgRoleSchema),
  /** Organization roles that may publish job descriptions (besides the job's hiring manager). */
  approverRoles: z.array(orgRoleSchema),
});
export type HiringSettings = z.infer<typeof hiringSettingsSchema>;

export const rejectionReasonSchema = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, 'Use lowercase letters, digits and underscores'),
  label: z.string().trim().min(2).max(120),
});
export const rejectionReasonsSchema = z.object({ items: z.array(rejectionReasonSchema) });

const managers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const listJobsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs',
  summary: 'Jobs you can see (all for owners, admins and recruiters; otherwise those you are on the team of or interview for)',
  tag: 'jobs',
  access: { kind: 'member' },
  query: listJobsQuerySchema,
  response: pageSchema(jobSchema),
});

export const createJobRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs',
  summary: 'Open a job for a role; without planId the interview plan starts from the role guide',
  tag: 'jobs',
  access: { kind: 'member', roles: managers },
  body: createJobSchema,
  response: jobSchema,
  status: 201,
});

export const getJobRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id',
  summary: 'A job with its stages, hiring team and counts',
  tag: 'jobs',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: jobSchema,
});

export const updateJobRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/jobs/:id',
  summary: 'Edit a job: title, location, status, pipeline stages, hiring team',
  tag: 'jobs',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: updateJobSchema,
  response: jobSchema,
});

export const archiveJobRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/archive',
  summary: 'Archive a job (closes it; its candidates and history stay)',
  tag: 'jobs',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: z.strictObject({ archived: z.boolean().default(true) }),
  response: jobSchema,
});

export const deleteJobRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/jobs/:id',
  summary: 'Delete a job without applications (a job with applications answers 409: archive it instead)',
  tag: 'jobs',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  response: z.object({ ok: z.literal(true) }),
});

export const compareJobRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/comparison',
  summary: "Side-by-side comparison of the job's candidates: scores per competency, recommendation mix, stage",
  tag: 'jobs',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: comparisonSchema,
});

export const getHiringSettingsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/hiring/settings',
  summary: 'Blind feedback and who decides',
  tag: 'jobs',
  access: { kind: 'member' },
  response: hiringSettingsSchema,
});

export const updateHiringSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/hiring/settings',
  summary: 'Change blind feedback and decider roles',
  tag: 'jobs',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  /** `approverRoles` may be left out (kept as it is). */
  body: hiringSettingsSchema.extend({ approverRoles: z.array(orgRoleSchema).optional() }).strict(),
  response: hiringSettingsSchema,
});

export const listRejectionReasonsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/hiring/rejection-reasons',
  summary: "The organization's rejection reason codes",
  tag: 'jobs',
  access: { kind: 'member' },
  response: rejectionReasonsSchema,
});

export const saveRejectionReasonsRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/hiring/rejection-reasons',
  summary: 'Replace the rejection reason list (codes already used stay valid in history)',
  tag: 'jobs',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  body: z.strictObject({ items: z.array(rejectionReasonSchema).min(1).max(50) }),
  response: rejectionReasonsSchema,
});
