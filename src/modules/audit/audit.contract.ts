import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/** Actions recorded in the audit log. Entries hold ids and field names only, never personal data. */
export const auditActions = [
  'auth.sign_up',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.password_reset_requested',
  'auth.password_reset',
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

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/audit',
  summary: 'List the organization audit log, newest first',
  tag: 'audit',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  query: pageQuerySchema,
  response: pageSchema(auditEntrySchema),
});

export const verifyAuditResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAtId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type VerifyAuditResult = z.infer<typeof verifyAuditResultSchema>;
