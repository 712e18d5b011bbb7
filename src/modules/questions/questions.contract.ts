import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';
import { versionSummarySchema } from '../documents/documents.contract.ts';
import { questionTypeSchema, senioritySchema } from './questions.content.ts';

export const riskFindingSchema = z.object({
  category: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  match: z.string(),
  message: z.string(),
  alternative: z.string(),
});

export const questionSchema = z.object({
  /** "library:<id>" or "org:<uuid>": stable across versions. */
  ref: z.string(),
  source: z.enum(['library', 'org']),
  text: z.string(),
  type: questionTypeSchema,
  competencies: z.array(z.string()),
  roles: z.array(z.string()),
  seniority: z.array(senioritySchema),
  tags: z.array(z.string()),
  probes: z.array(z.string()),
  strongAnswer: z.array(z.string()),
  redFlags: z.array(z.string()),
  minutes: z.number().int(),
  version: z.number().int(),
  retired: z.boolean(),
});
export type Question = z.infer<typeof questionSchema>;

export const questionHitSchema = questionSchema.extend({
  /** The text with matches wrapped in «…» (plain text, safe to render). */
  highlight: z.string(),
  rank: z.number(),
});

const csv = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const searchQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  competency: z.string().max(80).optional(),
  type: questionTypeSchema.optional(),
  role: z.string().max(80).optional(),
  seniority: senioritySchema.optional(),
  source: z.enum(['library', 'org']).optional(),
  tags: csv.optional(),
  includeRetired: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const orgQuestionBodySchema = z.strictObject({
  text: z.string().trim().min(20).max(600),
  type: questionTypeSchema,
  competencies: z.array(z.string().max(80)).min(1).max(3),
  roles: z.array(z.string().max(80)).max(9).default([]),
  seniority: z.array(senioritySchema).min(1),
  tags: z.array(z.string().trim().min(1).max(40)).max(12).default([]),
  probes: z.array(z.string().trim().min(5).max(600)).min(2).max(6),
  strongAnswer: z.array(z.string().trim().min(5).max(600)).min(1).max(6),
  redFlags: z.array(z.string().trim().min(5).max(600)).min(1).max(6),
  minutes: z.number().int().min(3).max(45),
});
export type OrgQuestionBody = z.infer<typeof orgQuestionBodySchema>;

export const saveOrgQuestionSchema = z.strictObject({ baseVersionId: z.uuid(), body: orgQuestionBodySchema });
export const questionRefParamsSchema = z.object({ ref: z.string().regex(/^(library:[a-z0-9-]+|org:[0-9a-f-]{36})$/, 'A question ref such as library:product-vision-strategy-01') });
export const orgQuestionSchema = questionSchema.extend({ currentVersion: versionSummarySchema });
export const lintQuestionSchema = z.strictObject({ text: z.string().max(5000) });

const writers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const searchLibraryQuestionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/library/questions',
  summary: 'Search the public question library (full-text, ranked, highlighted) with filters',
  tag: 'questions',
  access: { kind: 'public' },
  query: searchQuerySchema,
  response: pageSchema(questionHitSchema),
});

export const searchQuestionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/questions',
  summary: "Search the library and the organization's own questions",
  tag: 'questions',
  access: { kind: 'member' },
  query: searchQuerySchema,
  response: pageSchema(questionHitSchema),
});

export const getQuestionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/questions/:ref',
  summary: 'One question (retired organization questions stay readable)',
  tag: 'questions',
  access: { kind: 'member' },
  params: questionRefParamsSchema,
  response: questionSchema.extend({ currentVersion: versionSummarySchema.nullable() }),
});

export const createQuestionRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/questions',
  summary: 'Add an organization question (risk lint runs first; a risky question answers 400 with the findings)',
  tag: 'questions',
  access: { kind: 'member', roles: writers },
  body: orgQuestionBodySchema,
  response: orgQuestionSchema,
  status: 201,
});

export const saveQuestionRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/questions/:ref',
  summary: 'Save a new version of an organization question (stale baseVersionId → 409)',
  tag: 'questions',
  access: { kind: 'member', roles: writers },
  params: questionRefParamsSchema,
  body: saveOrgQuestionSchema,
  response: orgQuestionSchema,
});

export const retireQuestionRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/questions/:ref/retire',
  summary: 'Retire an organization question: hidden from search, still readable by old plans and scorecards',
  tag: 'questions',
  access: { kind: 'member', roles: writers },
  params: questionRefParamsSchema,
  response: questionSchema,
});

export const lintQuestionRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/questions/lint',
  summary: 'Risk-lint a question text (protected characteristics) without saving it',
  tag: 'questions',
  access: { kind: 'public' },
  body: lintQuestionSchema,
  response: z.object({ findings: z.array(riskFindingSchema) }),
});

export { pageQuerySchema };
