import { z } from 'zod';
import { jdCompanySchema } from '../../core/generation/jd.ts';
import { jdLanguages, jdLengths, jdTones } from '../../core/generation/jd-content.ts';
import { findingKinds } from '../../core/language/types.ts';
import { fileSchema, idParamsSchema, idSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';
import { diffQuerySchema, jsonChangeSchema, versionSummarySchema } from '../documents/documents.contract.ts';

/**
 * Job descriptions: one versioned document per job (DECISIONS 13), generated offline from the
 * job's role, the company context and the interview plan; linted live (core/language); optionally
 * polished by a configured language model; published by an approver (DECISIONS 7) to the public
 * careers page with schema.org JobPosting JSON-LD.
 */

export { jdCompanySchema };

/** What the generator needs besides the role: the company context, tone, length and language. */
export const jdSettingsSchema = z.strictObject({
  company: jdCompanySchema,
  tone: z.enum(jdTones),
  length: z.enum(jdLengths),
  language: z.enum(jdLanguages),
});
export type JdSettings = z.infer<typeof jdSettingsSchema>;

/** Generator settings to start from: the company fields known so far (any may be missing). */
export const jdDefaultsSchema = z.object({
  company: jdCompanySchema.partial(),
  tone: z.enum(jdTones),
  length: z.enum(jdLengths),
  language: z.enum(jdLanguages),
});
export type JdDefaults = z.infer<typeof jdDefaultsSchema>;

export const JD_MARKDOWN_MAX = 60_000;

/** The body of one version (format rubric.jd/v1): the Markdown is the source of truth. */
export const jdBodySchema = z.strictObject({
  format: z.literal('rubric.jd/v1'),
  title: z.string().trim().min(2).max(200),
  markdown: z.string().max(JD_MARKDOWN_MAX),
  /** The inputs the text was last generated from (null for text written from scratch). */
  settings: jdSettingsSchema.nullable(),
});
export type JdBody = z.infer<typeof jdBodySchema>;

export const findingSchema = z.object({
  kind: z.enum(findingKinds),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  message: z.string(),
  suggestion: z.string().nullable(),
  /** A drop-in replacement for `text`, when one exists ("chairman" → "chair"); null otherwise. */
  replacement: z.string().nullable(),
});

const wordCountSchema = z.object({ word: z.string(), count: z.number().int() });

export const analysisSchema = z.object({
  score: z.number(),
  findings: z.array(findingSchema),
  gender: z.object({
    verdict: z.enum(['empty', 'neutral', 'feminine-coded', 'strongly feminine-coded', 'masculine-coded', 'strongly masculine-coded']),
    masculine: z.array(wordCountSchema),
    feminine: z.array(wordCountSchema),
  }),
  readability: z.object({
    fleschReadingEase: z.number().nullable(),
    gradeLevel: z.number().nullable(),
    averageSentenceLength: z.number(),
    words: z.number().int(),
    sentences: z.number().int(),
  }),
  requirements: z.object({ mustHaves: z.number().int(), yearsDemanded: z.number().nullable(), degreeRequired: z.boolean() }),
  breakdown: z.object({
    gender: z.number(),
    exclusionary: z.number(),
    cliches: z.number(),
    jargon: z.number(),
    requirements: z.number(),
    readability: z.number(),
    payTransparency: z.number(),
  }),
});

export const employmentTypes = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER'] as const;

export const publicationSchema = z.object({
  versionId: z.string(),
  versionNumber: z.number().int(),
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
  /** YYYY-MM-DD; null: no end date. */
  validThrough: z.string().nullable(),
  employmentType: z.enum(employmentTypes),
  /** The job's page on the public careers site (PUBLIC_URL, else the address the request came to). */
  url: z.string(),
});

export const jdViewSchema = z.object({
  jobId: z.string(),
  jobTitle: z.string(),
  jobStatus: z.string(),
  /** False until the first version is saved or generated. */
  exists: z.boolean(),
  currentVersion: versionSummarySchema.nullable(),
  body: jdBodySchema.nullable(),
  /** The lint of the current text (null before the first version). */
  analysis: analysisSchema.nullable(),
  /** Settings to prefill the generator with: the current version's, else the organization's last used (company facts only), else from the job. */
  defaults: jdDefaultsSchema,
  /** The role's competencies (ids and names), for the emphasis choice. */
  competencies: z.array(z.object({ id: z.string(), name: z.string() })),
  publication: publicationSchema.nullable(),
  /** Whether the actor may edit and generate (the job's managers). */
  canEdit: z.boolean(),
  /** Whether the actor may publish (approver roles setting, or the job's hiring manager). */
  canApprove: z.boolean(),
  llmConfigured: z.boolean(),
  /** The organization's careers page. */
  careersUrl: z.string(),
});
export type JdView = z.infer<typeof jdViewSchema>;

export const generateForJobSchema = z.strictObject({
  settings: jdSettingsSchema,
  /** The current version you started from; null when the job has no description yet. */
  baseVersionId: idSchema.nullable(),
});

export const saveJdSchema = z.strictObject({
  baseVersionId: idSchema.nullable(),
  title: z.string().trim().min(2).max(200),
  markdown: z.string().max(JD_MARKDOWN_MAX),
  note: z.string().trim().max(500).optional(),
});

export const jdVersionParamsSchema = z.strictObject({ id: idSchema, versionId: idSchema });

export const jdVersionSchema = z.object({ version: versionSummarySchema, body: jdBodySchema, analysis: analysisSchema });

export const lineDiffSchema = z.object({
  from: versionSummarySchema,
  to: versionSummarySchema,
  changes: z.array(jsonChangeSchema),
  /** Line-by-line difference of the Markdown (longest common subsequence). */
  lines: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
});

export const restoreJdSchema = z.strictObject({ versionId: idSchema, baseVersionId: idSchema, note: z.string().trim().max(500).optional() });

export const publishJdSchema = z.strictObject({
  versionId: idSchema,
  validThrough: z.iso.date().nullable().default(null),
  employmentType: z.enum(employmentTypes).default('FULL_TIME'),
});

export const rewriteJdSchema = z.strictObject({ versionId: idSchema });

export const rewriteResultSchema = z.object({
  /** `rewritten`: the model's text passed the checks; `fallback`: it did not (or failed), the draft stands; `unconfigured`: no model is set up. */
  status: z.enum(['rewritten', 'fallback', 'unconfigured']),
  markdown: z.string(),
  notice: z.string().nullable(),
  /** Facts of the draft the model's text lost (fallback only). */
  missing: z.array(z.string()),
  analysis: analysisSchema,
});

export const jdExportFormats = ['md', 'html', 'text', 'jsonld'] as const;
export const jdExportQuerySchema = z.strictObject({ format: z.enum(jdExportFormats), versionId: idSchema.optional() });

export const lintBodySchema = z.strictObject({
  text: z.string().max(JD_MARKDOWN_MAX),
  location: z.string().trim().max(200).optional(),
  seniority: z.enum(['senior', 'other']).optional(),
});

export const generateBodySchema = z.strictObject({
  /** A library role id ("cto"). */
  roleId: z.string().trim().min(1).max(60),
  settings: jdSettingsSchema,
  /** An organization interview plan for "how we hire"; the role's guide when omitted. */
  planId: idSchema.optional(),
});

export const generatedSchema = z.object({
  title: z.string(),
  markdown: z.string(),
  html: z.string(),
  text: z.string(),
  analysis: analysisSchema,
});

export const careersJobSchema = z.object({
  id: z.string(),
  title: z.string(),
  location: z.string(),
  remotePolicy: z.string(),
  publishedAt: z.string(),
  url: z.string(),
  /** The schema.org JobPosting (JSON-LD) of the job. */
  jobPosting: z.record(z.string(), z.unknown()),
});

export const careersSchema = z.object({
  organization: z.object({ name: z.string(), slug: z.string() }),
  jobs: z.array(careersJobSchema),
});

export const jdOverviewItemSchema = z.object({
  jobId: z.string(),
  jobTitle: z.string(),
  jobStatus: z.string(),
  location: z.string(),
  /** Null until the job has a description. */
  current: z.object({ versionNumber: z.number().int(), updatedAt: z.string(), score: z.number(), genderVerdict: z.string() }).nullable(),
  published: z.object({ versionNumber: z.number().int(), publishedAt: z.string(), url: z.string() }).nullable(),
});

export const jdOverviewSchema = pageSchema(jdOverviewItemSchema).extend({ careersUrl: z.string() });

const editors = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const listJdRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/job-descriptions',
  summary: 'Your jobs with the state of their descriptions: current version, lint score, publication',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  query: pageQuerySchema,
  response: jdOverviewSchema,
});

export const getJdRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/description',
  summary: "The job's description: current version, its lint, publication and generator defaults",
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: jdViewSchema,
});

export const generateJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/description/generate',
  summary: "Generate the description from the job's role, the company context and the interview plan; saved as a new version",
  tag: 'job-descriptions',
  access: { kind: 'member', roles: editors },
  params: idParamsSchema,
  body: generateForJobSchema,
  response: jdViewSchema,
});

export const saveJdRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/jobs/:id/description',
  summary: 'Save edited text as a new version (409 with details.currentVersionId when someone saved first)',
  tag: 'job-descriptions',
  access: { kind: 'member', roles: editors },
  params: idParamsSchema,
  body: saveJdSchema,
  response: jdViewSchema,
});

export const listJdVersionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/description/versions',
  summary: "The description's version history, newest first",
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: pageQuerySchema,
  response: pageSchema(versionSummarySchema),
});

export const getJdVersionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/description/versions/:versionId',
  summary: 'One version of the description with its lint',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: jdVersionParamsSchema,
  response: jdVersionSchema,
});

export const diffJdRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/description/diff',
  summary: 'What changed between two versions, line by line',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: diffQuerySchema,
  response: lineDiffSchema,
});

export const restoreJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/description/restore',
  summary: 'Restore an earlier version as a new one',
  tag: 'job-descriptions',
  access: { kind: 'member', roles: editors },
  params: idParamsSchema,
  body: restoreJdSchema,
  response: jdViewSchema,
});

export const publishJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/description/publish',
  summary: 'Publish a version on the careers page (approvers: the approver-roles setting and the job’s hiring manager)',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: publishJdSchema,
  response: jdViewSchema,
});

export const unpublishJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/description/unpublish',
  summary: 'Take the job off the careers page',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: jdViewSchema,
});

export const rewriteJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/description/rewrite',
  summary: "Polish a version with the organization's language model; facts, salary and must-haves are checked afterwards (nothing is saved)",
  tag: 'job-descriptions',
  access: { kind: 'member', roles: editors },
  params: idParamsSchema,
  body: rewriteJdSchema,
  response: rewriteResultSchema,
});

export const exportJdRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/description/export',
  summary: 'Download the description as Markdown, HTML, plain text or schema.org JobPosting JSON-LD',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: jdExportQuerySchema,
  response: fileSchema,
  file: true,
});

export const lintJdRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jd/lint',
  summary: 'Check a job description for gender-coded wording, exclusionary phrases, requirement inflation, readability and pay transparency',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  body: lintBodySchema,
  response: analysisSchema,
});

export const generateJdPreviewRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jd/generate',
  summary: 'Generate a description from a library role and company context without saving it',
  tag: 'job-descriptions',
  access: { kind: 'member' },
  body: generateBodySchema,
  response: generatedSchema,
});

export const careersRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/careers/:org',
  summary: "An organization's open, published jobs with their JobPosting JSON-LD (public)",
  tag: 'job-descriptions',
  access: { kind: 'public' },
  params: z.strictObject({ org: z.string().trim().min(1).max(80) }),
  response: careersSchema,
});
