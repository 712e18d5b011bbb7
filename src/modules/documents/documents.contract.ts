import { z } from 'zod';

/**
 * The one versioned-document mechanism (DECISIONS 13): immutable versions, saves name the version
 * they started from (`baseVersionId`), a stale save answers 409 `conflict` with
 * `details.currentVersionId`; history, diff and restore. Organization roles use it first; interview
 * plans and job descriptions reuse it.
 */
export const versionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  note: z.string().nullable(),
  restoredFromId: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const jsonChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const diffSchema = z.object({
  from: versionSummarySchema,
  to: versionSummarySchema,
  changes: z.array(jsonChangeSchema),
});
export type VersionDiff = z.infer<typeof diffSchema>;

export const diffQuerySchema = z.strictObject({ from: z.uuid(), to: z.uuid() });

export const restoreBodySchema = z.strictObject({
  versionId: z.uuid(),
  baseVersionId: z.uuid(),
  note: z.string().trim().max(500).optional(),
});

export const versionNoteSchema = z.string().trim().max(500).optional();
