import { z } from 'zod';
import { fileSchema, idParamsSchema, idSchema, okSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Candidate data rights (issue 10): export, erasure with receipts, legal holds, the candidate's
 * notice-and-request link and the admin request queue, retention policies with a dry-run preview.
 * Erasure follows DECISIONS 36; audit entries hold ids only (DECISIONS 8).
 */

const admins = ['owner', 'admin'] as const;
const managers = ['owner', 'admin', 'recruiter'] as const;

/** Days an organization has to answer a request (GDPR Art. 12(3): one month). */
export const PRIVACY_REQUEST_DUE_DAYS = 30;
/** How long a notice link works. */
export const PRIVACY_LINK_DAYS = 30;

export const privacyRequestKinds = ['access', 'erasure', 'human_review'] as const;
export const privacyRequestKindSchema = z.enum(privacyRequestKinds);
export const privacyRequestKindLabels: Record<(typeof privacyRequestKinds)[number], string> = {
  access: 'A copy of my data',
  erasure: 'Erase my data',
  human_review: 'Human review of an automated analysis',
};

// ── Export ─────────────────────────────────────────────────────────────────────────────────────────

export const exportFormatSchema = z.enum(['json', 'html', 'pdf']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportCandidateRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates/:id/export',
  summary:
    'Everything held about a candidate (profile, résumé text, applications, stage history, interviews, scorecards, transcripts and analyses, decisions, outcomes, consents, demographics, emails, requests, audit entries) as a JSON bundle, an HTML report or a PDF',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  query: z.strictObject({ format: exportFormatSchema.default('json') }),
  response: fileSchema,
  file: true,
});

// ── Erasure and receipts ──────────────────────────────────────────────────────────────────────────

export const receiptSchema = z.object({
  id: idSchema,
  subjectId: idSchema,
  trigger: z.enum(['request', 'manual', 'retention']),
  requestId: idSchema.nullable(),
  policyId: idSchema.nullable(),
  erasedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  erasedAt: z.string(),
  /** Table → rows deleted or blanked. */
  removed: z.record(z.string(), z.number().int()),
  /** Table → rows kept, anonymized, for aggregate statistics. */
  kept: z.record(z.string(), z.number().int()),
  digest: z.string(),
});
export type ErasureReceipt = z.infer<typeof receiptSchema>;

export const eraseCandidateRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/candidates/:id/erase',
  summary:
    'Erase a candidate for good: personal data deleted everywhere; applications keep dated stage moves, ratings, decision and outcome under a random surrogate id. 409 under a legal hold. Returns the receipt',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  body: z.strictObject({
    /** The candidate's name exactly as stored, as a guard against erasing the wrong person. */
    confirmName: z.string().max(200),
    /** The request this erasure answers (it is marked completed with the receipt). */
    requestId: idSchema.optional(),
  }),
  response: receiptSchema,
});

export const listReceiptsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/receipts',
  summary: 'Erasure receipts, newest first',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  response: z.object({ items: z.array(receiptSchema) }),
});

export const downloadReceiptRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/receipts/:id',
  summary: 'An erasure receipt as JSON or as a printable HTML page (no personal data in either)',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  query: z.strictObject({ format: z.enum(['json', 'html']).default('json') }),
  response: fileSchema,
  file: true,
});

// ── Candidate privacy panel, legal hold, notice link ──────────────────────────────────────────────

export const legalHoldSchema = z.object({
  reason: z.string(),
  placedAt: z.string(),
  placedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
});

export const privacyRequestSchema = z.object({
  id: idSchema,
  candidateId: idSchema.nullable(),
  /** Null once the candidate was erased. */
  candidateName: z.string().nullable(),
  kind: privacyRequestKindSchema,
  message: z.string().nullable(),
  status: z.enum(['open', 'completed', 'declined']),
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  resolutionNote: z.string().nullable(),
  receiptId: idSchema.nullable(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

export const retentionDueSchema = z.object({
  action: z.enum(['erase', 'purge_interview_data']),
  /** The latest date among the policies that apply (the latest date wins). */
  dueAt: z.string(),
  policyIds: z.array(idSchema),
});

export const candidatePrivacySchema = z.object({
  candidateId: idSchema,
  legalHold: legalHoldSchema.nullable(),
  requests: z.array(privacyRequestSchema),
  consents: z.array(
    z.object({
      id: idSchema,
      kind: z.enum(['recording', 'demographics']),
      interviewId: idSchema.nullable(),
      wordingVersion: z.string(),
      givenAt: z.string(),
      withdrawnAt: z.string().nullable(),
    }),
  ),
  /** What retention will do to this candidate and when (nothing while an application is active or on hold). */
  retention: z.array(retentionDueSchema),
  interviewDataPurgedAt: z.string().nullable(),
  lastNoticeLink: z.object({ createdAt: z.string(), expiresAt: z.string(), usedAt: z.string().nullable() }).nullable(),
});
export type CandidatePrivacy = z.infer<typeof candidatePrivacySchema>;

export const getCandidatePrivacyRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates/:id/privacy',
  summary: "A candidate's legal hold, privacy requests, consents, retention schedule and notice link",
  tag: 'privacy',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  response: candidatePrivacySchema,
});

export const placeLegalHoldRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/candidates/:id/legal-hold',
  summary: 'Place (or update) a legal hold: retention and erasure are suspended for this candidate',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  body: z.strictObject({ reason: z.string().trim().min(1, 'Say why the data must be kept').max(500) }),
  response: legalHoldSchema,
});

export const releaseLegalHoldRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/candidates/:id/legal-hold',
  summary: 'Release a legal hold',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  response: okSchema,
});

export const sendNoticeLinkRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/candidates/:id/privacy-link',
  summary:
    "Email the candidate a single-use link (30 days) to the privacy notice and request page, through the outbox; the response carries the link too",
  tag: 'privacy',
  access: { kind: 'member', roles: managers },
  params: idParamsSchema,
  response: z.object({ sentTo: z.string(), url: z.string(), expiresAt: z.string() }),
  status: 201,
});

// ── Request queue ─────────────────────────────────────────────────────────────────────────────────

export const listPrivacyRequestsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/requests',
  summary: 'Privacy requests from candidates; open ones first, by due date',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  query: z.strictObject({ status: z.enum(['open', 'all']).default('open') }),
  response: z.object({ items: z.array(privacyRequestSchema) }),
});

export const resolvePrivacyRequestRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/privacy/requests/:id/resolve',
  summary:
    'Close a request: completed (after sending the export or doing the review) or declined (with the reason). Erasure requests are completed by erasing with their requestId',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  body: z.strictObject({
    status: z.enum(['completed', 'declined']),
    note: z.string().trim().min(1, 'Record what was done or why it was declined').max(2000),
  }),
  response: privacyRequestSchema,
});

// ── Retention ─────────────────────────────────────────────────────────────────────────────────────

export const retentionPolicyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the policy').max(120),
  appliesTo: z.enum(['rejected', 'hired', 'any_closed']),
  afterMonths: z.number().int().min(0).max(600),
  action: z.enum(['erase', 'purge_interview_data']),
  enabled: z.boolean().default(true),
});
export type RetentionPolicyInput = z.infer<typeof retentionPolicyInputSchema>;

export const retentionPolicySchema = retentionPolicyInputSchema.extend({
  id: idSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const listRetentionPoliciesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/retention-policies',
  summary: 'Retention policies',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  response: z.object({ items: z.array(retentionPolicySchema) }),
});

export const createRetentionPolicyRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/privacy/retention-policies',
  summary: 'Add a retention policy',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  body: retentionPolicyInputSchema,
  response: retentionPolicySchema,
  status: 201,
});

export const updateRetentionPolicyRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/privacy/retention-policies/:id',
  summary: 'Change a retention policy',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  body: retentionPolicyInputSchema,
  response: retentionPolicySchema,
});

export const deleteRetentionPolicyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/privacy/retention-policies/:id',
  summary: 'Remove a retention policy',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  params: idParamsSchema,
  response: okSchema,
});

export const retentionItemSchema = z.object({
  candidateId: idSchema,
  candidateName: z.string(),
  action: z.enum(['erase', 'purge_interview_data']),
  dueAt: z.string(),
  policyIds: z.array(idSchema),
});

export const retentionPreviewSchema = z.object({
  asOf: z.string(),
  /** What the next run would do now. */
  due: z.array(retentionItemSchema),
  /** Due but suspended by a legal hold. */
  held: z.array(retentionItemSchema.extend({ holdReason: z.string() })),
  /** Coming in the next 90 days. */
  upcoming: z.array(retentionItemSchema),
});
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;

export const previewRetentionRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/retention/preview',
  summary: 'Dry run: what the next retention run would erase or purge, what a legal hold keeps, what comes next',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  response: retentionPreviewSchema,
});

export const retentionRunSchema = z.object({
  id: idSchema,
  trigger: z.enum(['schedule', 'manual']),
  ranBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  ranAt: z.string(),
  erased: z.number().int(),
  purged: z.number().int(),
  held: z.number().int(),
  receiptIds: z.array(idSchema),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const runRetentionRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/privacy/retention/run',
  summary: 'Apply the retention policies now (the daily job does the same)',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  response: retentionRunSchema,
});

export const listRetentionRunsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/retention/runs',
  summary: 'Retention runs, newest first',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  response: z.object({ items: z.array(retentionRunSchema) }),
});

export const listLegalHoldsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/privacy/legal-holds',
  summary: 'Candidates under a legal hold',
  tag: 'privacy',
  access: { kind: 'member', roles: admins },
  response: z.object({ items: z.array(legalHoldSchema.extend({ candidateId: idSchema, candidateName: z.string() })) }),
});
