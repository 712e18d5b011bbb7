import type { OrgRole } from '../../shared/common.ts';
import type { MemberActor } from '../../server/context.ts';

/**
 * Blind feedback, one policy (DECISIONS 21): every surface that reveals another person's ratings,
 * notes, recommendation or red flags asks `canSeeFeedback`. Pure; the service gathers the facts.
 */
export interface FeedbackFacts {
  /** The organization's setting (default on). */
  blind: boolean;
  deciderRoles: readonly OrgRole[];
  /** The actor is the job's hiring manager. */
  isJobHiringManager: boolean;
  /** The actor is on the panel of a scheduled interview of this application without a submitted scorecard for it. */
  hasUnsubmitted: boolean;
  /** The actor has submitted a scorecard on this application. */
  hasSubmitted: boolean;
}

export function canSeeFeedback(actor: MemberActor, f: FeedbackFacts): boolean {
  if (!f.blind) return true;
  // Anyone with a scorecard still to submit — owners and admins included — waits until they have.
  if (f.hasUnsubmitted) return false;
  if (actor.org.role === 'owner' || actor.org.role === 'admin' || f.isJobHiringManager || f.deciderRoles.includes(actor.org.role)) return true;
  return f.hasSubmitted;
}

/** Deciders: the job's hiring manager and the organization roles the setting lists. */
export function canDecide(actor: MemberActor, f: Pick<FeedbackFacts, 'deciderRoles' | 'isJobHiringManager'>): boolean {
  return f.isJobHiringManager || f.deciderRoles.includes(actor.org.role);
}

export const BLIND_MESSAGE = "Submit your own scorecard to see the other interviewers' feedback";
export const NOT_ALLOWED_MESSAGE = "Only the job's hiring manager, owners, admins, deciders and interviewers who have submitted see others' feedback";
