import { z } from 'zod';
import { emailSchema, fileSchema, idParamsSchema, idSchema, pageQuerySchema, pageSchema, personNameSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

export const applicationStatuses = ['active', 'rejected', 'hired'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable();

export const linkSchema = z.string().trim().max(500).pipe(z.url({ protocol: /^https?$/, message: 'Use an http(s) link' }));

export const candidateInputSchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  phone: optionalText(40).optional(),
  links: z.array(linkSchema).max(10).optional(),
  source: optionalText(80).optional(),
  notes: optionalText(10_000).optional(),
});
export type CandidateInput = z.infer<typeof candidateInputSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  jobTitle: z.string(),
  candidateId: z.string(),
  candidateName: z.string(),
  candidateEmail: z.string(),
  stage: z.string(),
  stageName: z.string(),
  status: z.enum(applicationStatuses),
  rejectionReason: z.string().nullable(),
  rejectionNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;

export const stageMoveSchema = z.object({
  id: z.string(),
  seq: z.number(),
  fromStage: z.string().nullable(),
  toStage: z.string(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  undoes: z.string().nullable(),
  movedBy: z.string().nullable(),
  movedByName: z.string().nullable(),
  movedAt: z.string(),
});

export const timelineEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['applied', 'stage_move', 'interview', 'scorecard_submitted', 'decision']),
  applicationId: z.string(),
  text: z.string(),
  actorName: z.string().nullable(),
});

export const candidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  links: z.array(z.string()),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  resume: z.object({ name: z.string(), type: z.string(), size: z.number(), textLength: z.number() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const candidateDetailSchema = candidateSchema.extend({
  applications: z.array(applicationSchema),
  timeline: z.array(timelineEventSchema),
});

export const applicationDetailSchema = applicationSchema.extend({
  stages: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), roundId: z.string().nullable() })),
  history: z.array(stageMoveSchema),
  canManage: z.boolean(),
});

export const importRowErrorSchema = z.object({ line: z.number(), column: z.string().nullable(), reason: z.string() });
export const importResultSchema = z.object({
  preview: z.boolean(),
  rows: z.number(),
  imported: z.number(),
  /** Rows whose email matched an existing candidate: linked, not duplicated. */
  linkedExisting: z.number(),
  errors: z.array(importRowErrorSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const createCandidateSchema = candidateInputSchema.extend({ jobId: idSchema.optional() }).meta({
  // OpenAPI request examples (`x-examples`: zod drops `examples` from schemas with transforms); openapi.test.ts parses each.
  'x-examples': {
    candidate: {
      summary: 'A referred candidate',
      value: { name: 'Ada Lovelace', email: 'ada.lovelace@example.com', phone: '+44 20 7946 0018', links: ['https://www.linkedin.com/in/ada-example'], source: 'Referral' },
    },
  },
});
export const moveSchema = z.strictObject({
  toStage: z.string().min(1).max(40),
  reasonCode: z.string().max(40).optional(),
  note: z.string().trim().max(2000).optional(),
  /** The application version you saw; a stale one answers 409. */
  baseVersion: z.number().int().optional(),
});

const managers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const listCandidatesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates',
  summary: 'Candidates you can see, newest first; q searches name, email, source and résumé text',
  tag: 'candidates',
  access: { kind: 'member' },
  query: pageQuerySchema.extend({ q: z.string().trim().max(200).optional() }),
  response: pageSchema(candidateSchema),
});

export const createCandidateRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/candidates',
  summary: 'Add a candidate (optionally applying to a job); a known email answers 409 with details.candidateId',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  body: createCandidateSchema,
  response: candidateDetailSchema,
  status: 201,
});

export const getCandidateRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates/:id',
  summary: 'A candidate with applications and timeline (only what you may see)',
  tag: 'candidates',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: candidateDetailSchema,
});

export const updateCandidateRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/candidates/:id',
  summary: "Edit a candidate's profile",
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: candidateInputSchema.partial(),
  response: candidateDetailSchema,
});

export const uploadResumeRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/candidates/:id/resume',
  summary: 'Attach a résumé (PDF, DOCX or TXT, base64, at most 5 MB); its text is extracted for search',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: z.strictObject({
    fileName: z.string().trim().min(1).max(200),
    contentType: z.string().max(200).nullable().default(null),
    dataBase64: z.string().min(1).max(7_200_000),
  }),
  response: candidateDetailSchema,
  bodyLimit: 7_500_000,
});

export const downloadResumeRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates/:id/resume',
  summary: "Download the candidate's résumé file",
  tag: 'candidates',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: fileSchema,
  file: true,
});

export const addApplicationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/applications',
  summary: 'Apply an existing candidate to a job (lands in the first stage)',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: z.strictObject({ candidateId: idSchema }).meta({ 'x-examples': { application: { summary: 'Apply a candidate', value: { candidateId: '5b0e7c2a-9d41-4f6e-8a37-2c1d9e4f6a80' } } } }),
  response: applicationSchema,
  status: 201,
});

export const listApplicationsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/applications',
  summary: "The job's candidates you can see, with filters by stage and status and a search",
  tag: 'candidates',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: pageQuerySchema.extend({
    stage: z.string().max(40).optional(),
    status: z.enum(applicationStatuses).optional(),
    q: z.string().trim().max(200).optional(),
  }),
  response: pageSchema(applicationSchema),
});

export const getApplicationRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id',
  summary: 'An application with its stages and full stage history',
  tag: 'candidates',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: applicationDetailSchema,
});

export const moveApplicationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/move',
  summary: 'Move to another stage (a rejection needs a reason code); recorded in the history',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: moveSchema,
  response: applicationDetailSchema,
});

export const undoMoveRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/undo',
  summary: 'Undo the latest stage move (a new history row; the undone one stays)',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: z.strictObject({ moveId: idSchema }),
  response: applicationDetailSchema,
});

/** Optional self-identified demographics (DECISIONS 35): only from members holding `compliance`. */
export const DEMOGRAPHIC_COLUMNS = ['sex', 'race_ethnicity', 'age_band'] as const;
/** The columns a candidates CSV may have (a mapping renames the file's headers to these). */
export const candidateImportColumns = ['name', 'email', 'phone', 'links', 'source', 'notes', ...DEMOGRAPHIC_COLUMNS] as const;

export const importCandidatesRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/candidates/import',
  summary:
    'Import candidates from CSV (header: name,email[,phone,links,source,notes]). Every bad row is reported; any bad row imports nothing unless skipInvalid; preview validates without writing',
  tag: 'candidates',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: z.strictObject({
    csv: z.string().max(5_000_000),
    skipInvalid: z.boolean().default(false),
    preview: z.boolean().default(false),
    /** Column mapping: our column → the header your file uses for it (e.g. { "email": "E-mail address" }). */
    mapping: z.partialRecord(z.enum(candidateImportColumns), z.string().trim().min(1).max(200)).default({}),
  }),
  response: importResultSchema,
  bodyLimit: 5_500_000,
});
