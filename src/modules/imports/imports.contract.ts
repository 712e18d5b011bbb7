import { z } from 'zod';
import { fileSchema, idParamsSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Imports and exports (integrations issue): Greenhouse Harvest-shaped JSON, JSON Resume, historical
 * scorecards CSV, and the export of a job's whole hiring record. Every importer validates the whole
 * input and reports every problem (DECISIONS 15): a CSV problem names its line and column, a JSON
 * problem names its path (e.g. `scorecards[3].attributes[1].rating`).
 */
export const importIssueSchema = z.object({
  /** CSV line (1 is the header); null for JSON input. */
  line: z.number().nullable(),
  /** CSV column or JSON path; null when the problem is the whole row. */
  path: z.string().nullable(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importCountsSchema = z.object({
  candidates: z.number(),
  /** Candidates whose email matched an existing one: linked, not duplicated. */
  linkedExisting: z.number(),
  applications: z.number(),
  interviews: z.number(),
  scorecards: z.number(),
  ratings: z.number(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importReportSchema = z.object({
  preview: z.boolean(),
  /** Records (or CSV rows) read from the input. */
  rows: z.number(),
  /** What was written (or, in a preview, would be). */
  counts: importCountsSchema,
  /** Bad records: any of them imports nothing unless skipInvalid. */
  errors: z.array(importIssueSchema),
  /** Things left out that do not block the import (unmapped attributes, unknown interviewers on a panel). */
  warnings: z.array(importIssueSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const importFlags = { preview: z.boolean().default(false), skipInvalid: z.boolean().default(false) };

/** Greenhouse rating words for scorecard attributes, and the 1–4 value each becomes (docs/imports.md). */
export const greenhouseRatingScale = { definitely_not: 1, no: 2, mixed: 2, yes: 3, strong_yes: 4 } as const;
/** Greenhouse overall recommendations → ours; `no_decision` leaves the recommendation empty (a warning). */
export const greenhouseRecommendations = { definitely_not: 'strong_no', no: 'no', yes: 'yes', strong_yes: 'strong_yes' } as const;

export const greenhouseImportSchema = z.strictObject({
  /**
   * The export: `{ candidates, applications, scorecards, scheduled_interviews }`, each the array Harvest's
   * list endpoint returns, or just the candidates array (applications embedded in each candidate).
   */
  data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  /** Greenhouse attribute name → competency id of the job's plan, e.g. { "Technical depth": "technical-depth" }. */
  attributeMap: z.record(z.string().min(1).max(200), z.string().min(1).max(80)).default({}),
  /** Only import applications to this Greenhouse job id (others are skipped); all when absent. */
  greenhouseJobId: z.union([z.number(), z.string().max(40)]).optional(),
  ...importFlags,
});

export const jsonResumeImportSchema = z.strictObject({
  /** A JSON Resume document (jsonresume.org schema v1). */
  resume: z.unknown(),
  source: z.string().trim().max(80).optional(),
  preview: z.boolean().default(false),
});

export const scorecardImportColumns = ['application_id', 'candidate_email', 'job_id', 'interviewer_email', 'round_id', 'competency_id', 'rating', 'recommendation', 'submitted_at', 'notes'] as const;

export const scorecardsImportSchema = z.strictObject({
  csv: z.string().max(5_000_000),
  /** Our column → the header used in the file, e.g. { "interviewer_email": "Interviewer" }. */
  mapping: z.partialRecord(z.enum(scorecardImportColumns), z.string().min(1).max(200)).default({}),
  ...importFlags,
});

export const recordTables = ['applications', 'stage_moves', 'scorecards', 'decisions'] as const;

const managers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const importGreenhouseRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/import/greenhouse',
  summary:
    'Import a Greenhouse Harvest export (candidates, applications, scheduled interviews, scorecards) into this job. Every bad record is reported by path; any bad record imports nothing unless skipInvalid; preview validates without writing',
  tag: 'imports',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: greenhouseImportSchema,
  response: importReportSchema,
  bodyLimit: 10_500_000,
});

export const importJsonResumeRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/jobs/:id/import/json-resume',
  summary: 'Add a candidate from a JSON Resume document (jsonresume.org v1) and apply them to this job; problems name the JSON path',
  tag: 'imports',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  body: jsonResumeImportSchema,
  response: importReportSchema,
  bodyLimit: 1_100_000,
});

export const importScorecardsRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/scorecards/import',
  summary:
    'Import historical scorecards from CSV (one rating per row; rows of one interviewer, application and round form one scorecard). Every bad row is reported; any bad row imports nothing unless skipInvalid; preview validates without writing',
  tag: 'imports',
  access: { kind: 'member', roles: managers },
  body: scorecardsImportSchema,
  response: importReportSchema,
  bodyLimit: 5_500_000,
});

export const jobRecordRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/record',
  summary:
    "A job's whole hiring record: plan versions used, applications with stage history, scorecards (blind rule applies) and decisions. JSON is one document; CSV is one table (table=applications|stage_moves|scorecards|decisions)",
  tag: 'imports',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  query: z.strictObject({ format: z.enum(['json', 'csv']).default('json'), table: z.enum(recordTables).optional() }),
  response: fileSchema,
  file: true,
});
