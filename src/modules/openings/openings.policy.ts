import type { OrgRole } from '../../shared/common.ts';
import type { MemberActor } from '../../server/context.ts';

/**
 * Who sees what of a job (pure). Organization owners, admins and recruiters manage every job; the
 * job's hiring manager and recruiters manage it; interviewers see only the candidates they interview.
 */
export type JobAccess = 'manage' | 'interview';

export const ORG_WIDE_MANAGERS: readonly OrgRole[] = ['owner', 'admin', 'recruiter'];
export const JOB_CREATORS: readonly OrgRole[] = ['owner', 'admin', 'recruiter', 'hiring_manager'];

export function jobAccessOf(actor: MemberActor, teamRoles: readonly string[], interviewsForJob: boolean): JobAccess | null {
  if (ORG_WIDE_MANAGERS.includes(actor.org.role)) return 'manage';
  if (teamRoles.includes('hiring_manager') || teamRoles.includes('recruiter')) return 'manage';
  if (interviewsForJob || teamRoles.includes('interviewer')) return 'interview';
  return null;
}

/** Managing a job (editing, moving candidates) needs both an org role that writes and manage access. */
export function canManageJob(actor: MemberActor, access: JobAccess | null): boolean {
  return access === 'manage' && JOB_CREATORS.includes(actor.org.role);
}
