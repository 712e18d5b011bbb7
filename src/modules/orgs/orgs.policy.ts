import type { OrgRole } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor, Ctx, MemberActor } from '../../server/context.ts';

/** Pure predicates: who may do what to an organization's members. Shared by API, CLI and MCP. */

export function isMember(actor: Actor | null): actor is MemberActor {
  return !!actor?.org;
}

export function hasRole(actor: Actor | null, roles: readonly OrgRole[]): actor is MemberActor {
  return isMember(actor) && roles.includes(actor.org.role);
}

export function canManageMembers(actor: Actor | null): boolean {
  return hasRole(actor, ['owner', 'admin']);
}

/** Only owners grant or take away ownership; admins manage everyone below owner. */
export function canAssignRole(actor: Actor | null, currentRole: OrgRole | null, newRole: OrgRole): boolean {
  if (!canManageMembers(actor)) return false;
  if (actor!.org!.role === 'owner') return true;
  return newRole !== 'owner' && currentRole !== 'owner';
}

export function canRemoveMember(actor: Actor | null, targetRole: OrgRole): boolean {
  if (!canManageMembers(actor)) return false;
  return actor!.org!.role === 'owner' || targetRole !== 'owner';
}

export function canSeeOutbox(actor: Actor | null): boolean {
  return hasRole(actor, ['owner', 'admin']);
}

export function canChangeOrgSettings(actor: Actor | null): boolean {
  return hasRole(actor, ['owner', 'admin']);
}

export function requireSignedIn(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first');
  return ctx.actor;
}

export function requireMember(ctx: Ctx): MemberActor {
  const actor = requireSignedIn(ctx);
  if (!isMember(actor)) throw AppError.forbidden('You are not a member of an organization');
  return actor;
}

export function requireRole(ctx: Ctx, roles: readonly OrgRole[]): MemberActor {
  const actor = requireMember(ctx);
  if (!roles.includes(actor.org.role)) throw AppError.forbidden();
  return actor;
}
