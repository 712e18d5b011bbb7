import { z } from 'zod';
import { idSchema, okSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Post-hire outcomes: for a hired application, what happened after 3, 6, 12 or 24 months
 * (performance, retention, ramp time, regretted attrition, manager satisfaction). The validity
 * reports correlate them with interview ratings. Every measure is optional; a record needs one.
 */

export const outcomeCheckpoints = ['3m', '6m', '12m', '24m'] as const;
export type OutcomeCheckpoint = (typeof outcomeCheckpoints)[number];
export const checkpointLabels: Record<OutcomeCheckpoint, string> = { '3m': '3 months', '6m': '6 months', '12m': '12 months', '24m': '24 months' };

export const OUTCOME_NOTE_MAX = 1000;

/** The measures; `null` (or omitted) means not recorded. */
export const outcomeMeasuresSchema = z
  .strictObject({
    performanceRating: z.number().int('Use a whole number from 1 to 5').min(1, 'Use a rating from 1 to 5').max(5, 'Use a rating from 1 to 5').nullable().optional(),
    retained: z.boolean().nullable().optional(),
    rampDays: z.number().int('Use a whole number of days').min(0, 'Ramp time cannot be negative').max(3650, 'At most 3650 days').nullable().optional(),
    regrettedAttrition: z.boolean().nullable().optional(),
    managerSatisfaction: z.number().int('Use a whole number from 1 to 5').min(1, 'Use a rating from 1 to 5').max(5, 'Use a rating from 1 to 5').nullable().optional(),
    note: z
      .string()
      .trim()
      .max(OUTCOME_NOTE_MAX, `At most ${OUTCOME_NOTE_MAX} characters`)
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
  })
  .refine((m) => [m.performanceRating, m.retained, m.rampDays, m.regrettedAttrition, m.managerSatisfaction].some((v) => v !== null && v !== undefined), {
    path: ['performanceRating'],
    message: 'Record at least one measure (performance, retention, ramp time, regretted attrition or manager satisfaction)',
  });
export type OutcomeMeasures = z.infer<typeof outcomeMeasuresSchema>;

export const outcomeSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  checkpoint: z.enum(outcomeCheckpoints),
  performanceRating: z.number().nullable(),
  retained: z.boolean().nullable(),
  rampDays: z.number().nullable(),
  regrettedAttrition: z.boolean().nullable(),
  managerSatisfaction: z.number().nullable(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  updatedAt: z.string(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const applicationOutcomesSchema = z.object({
  applicationId: z.string(),
  /** Outcomes can be recorded: the application was hired. */
  hired: z.boolean(),
  items: z.array(outcomeSchema),
});
export type ApplicationOutcomes = z.infer<typeof applicationOutcomesSchema>;

export const outcomeParamsSchema = z.object({ id: idSchema, checkpoint: z.enum(outcomeCheckpoints) });

export const outcomeImportErrorSchema = z.object({ line: z.number(), column: z.string().nullable(), reason: z.string() });
export const outcomeImportResultSchema = z.object({
  preview: z.boolean(),
  rows: z.number(),
  /** Rows written (or, in a preview, that would be). */
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(outcomeImportErrorSchema),
});
export type OutcomeImportResult = z.infer<typeof outcomeImportResultSchema>;

/** The columns an outcomes CSV may have (a mapping renames the file's headers to these). */
export const OUTCOME_IMPORT_COLUMNS = [
  'application_id',
  'candidate_email',
  'job_id',
  'checkpoint',
  'performance_rating',
  'retained',
  'ramp_days',
  'regretted_attrition',
  'manager_satisfaction',
  'note',
] as const;

export const importOutcomesSchema = z.strictObject({
  csv: z.string().max(5_000_000),
  preview: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  /** Column mapping: our column → the header your file uses for it (e.g. { "performance_rating": "Rating" }). */
  mapping: z.partialRecord(z.enum(OUTCOME_IMPORT_COLUMNS), z.string().trim().min(1).max(200)).default({}),
});

const managers = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;

export const getOutcomesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/outcomes',
  summary: "An application's post-hire outcomes, by checkpoint (job managers; 404 otherwise)",
  tag: 'outcomes',
  access: { kind: 'member' },
  params: z.object({ id: idSchema }),
  response: applicationOutcomesSchema,
});

export const saveOutcomeRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/applications/:id/outcomes/:checkpoint',
  summary: 'Record (or replace) the outcome at a checkpoint; only for hired applications (409 otherwise)',
  tag: 'outcomes',
  access: { kind: 'member' },
  params: outcomeParamsSchema,
  body: outcomeMeasuresSchema,
  response: outcomeSchema,
});

export const deleteOutcomeRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/applications/:id/outcomes/:checkpoint',
  summary: 'Delete the outcome recorded at a checkpoint',
  tag: 'outcomes',
  access: { kind: 'member' },
  params: outcomeParamsSchema,
  response: okSchema,
});

export const importOutcomesRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/outcomes/import',
  summary:
    'Import outcomes from CSV (header: application_id or candidate_email + job_id, then checkpoint, performance_rating, retained, ramp_days, regretted_attrition, manager_satisfaction, note). Every bad row is reported; any bad row imports nothing unless skipInvalid; preview validates without writing',
  tag: 'outcomes',
  access: { kind: 'member', roles: managers },
  body: importOutcomesSchema,
  response: outcomeImportResultSchema,
  bodyLimit: 5_500_000,
});
