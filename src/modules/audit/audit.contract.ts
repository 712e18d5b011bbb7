import { z } from 'zod';
import { fileSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/** Actions recorded in the audit log. Entries hold ids and field names only, never personal data. */
export const auditActions = [
  'auth.sign_up',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_code_used',
  'auth.session_revoked',
  'auth.signed_out_everywhere',
  'org.created',
  'org.settings_changed',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'demo.seeded',
  'role.created',
  'role.saved',
  'role.restored',
  'question.created',
  'question.saved',
  'question.retired',
  'plan.created',
  'plan.saved',
  'plan.restored',
  'job.created',
  'job.updated',
  'job.archived',
  'job.unarchived',
  'job.deleted',
  'candidate.created',
  'candidate.updated',
  'candidate.resume_uploaded',
  'candidates.imported',
  'application.created',
  'application.moved',
  'application.move_undone',
  'interview.created',
  'interview.updated',
  'scorecard.submitted',
  'scorecard.revised',
  'decision.made',
  'availability.saved',
  'availability.busy_imported',
  'pool.saved',
  'candidate.availability_saved',
  'candidate.availability_link_created',
  'interviews.booked',
  'calendar_feed.created',
  'calendar_feed.revoked',
  'job_description.saved',
  'job_description.restored',
  'job_description.published',
  'job_description.unpublished',
  'consent.recorded',
  'consent.withdrawn',
  'transcript.uploaded',
  'transcript.speakers_changed',
  'transcript.deleted',
  'intelligence.settings_changed',
  'outcome.saved',
  'outcome.deleted',
  'outcomes.imported',
  'analytics.history_generated',
  'demographics.read',
  'demographics.requested',
  'demographics.submitted',
  'analytics.adverse_impact_viewed',
  'analytics.reweight_applied',
  'scorecard.read',
  'transcript.read',
  'candidate.exported',
  'candidate.erased',
  'candidate.interview_data_purged',
  'legal_hold.placed',
  'legal_hold.released',
  'privacy.link_created',
  'privacy.request_submitted',
  'privacy.request_resolved',
  'retention.policy_created',
  'retention.policy_updated',
  'retention.policy_deleted',
  'retention.run',
  'demographics.deleted',
  'api_token.created',
  'api_token.revoked',
  'audit.exported',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Filters shared by the audit list and its CSV export; all optional, combined with AND. */
export const auditFilterSchema = z.strictObject({
  /** One action, or a prefix ending in `.` (e.g. `candidate.`). */
  action: z.string().trim().max(80).optional(),
  actorUserId: z.uuid().optional(),
  targetType: z.string().trim().max(80).optional(),
  targetId: z.string().trim().max(200).optional(),
  /** Inclusive lower bound (ISO date or date-time). */
  from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  /** Exclusive upper bound (ISO date or date-time; a date means the end of that day). */
  to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/audit',
  summary: 'List the organization audit log, newest first, with optional filters',
  tag: 'audit',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  query: pageQuerySchema.extend(auditFilterSchema.shape),
  response: pageSchema(auditEntrySchema),
});

export const exportAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/audit/export',
  summary: 'The filtered audit log as CSV (id, time, actor, action, target, details, request id, hash), oldest first',
  tag: 'audit',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  query: auditFilterSchema,
  response: fileSchema,
  file: true,
});

export const verifyAuditResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAtId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type VerifyAuditResult = z.infer<typeof verifyAuditResultSchema>;
