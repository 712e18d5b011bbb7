import { randomUUID } from 'node:crypto';
import { slugify } from '../../core/util/slug.ts';
import { type OrgRole, type PageQuery, roleLabels } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import type { SessionInfo } from '../auth/auth.contract.ts';
import * as authQ from '../auth/auth.queries.ts';
import { type StartedSession, checkPasswordPolicy, getSession, startSession } from '../auth/auth.service.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from '../auth/password.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import { assertUnderLimit, consumeRateLimit, recordHit } from '../ratelimit/ratelimit.service.ts';
import type { Invitation, InviteInfo, Member, Organization } from './orgs.contract.ts';
import { canAssignRole, canRemoveMember, requireMember, requireRole, requireSignedIn } from './orgs.policy.ts';
import * as q from './orgs.queries.ts';

const INVITE_TTL_MS = 7 * 86_400_000;

/** Creates an organization with a unique slug derived from its name and `ownerId` as its owner. */
export async function createOrganization(ctx: Ctx, name: string, ownerId: string): Promise<{ id: string; slug: string }> {
  return inTransaction(ctx, async (tx) => {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; await q.slugExists(tx.db, slug); n++) slug = `${base}-${n}`;
    const id = randomUUID();
    const now = tx.clock.now();
    await q.insertOrganization(tx.db, { id, name, slug, now });
    await q.insertMembership(tx.db, { orgId: id, userId: ownerId, role: 'owner', now });
    await audit({ ...tx, actor: { userId: ownerId, sessionId: null, org: { id, role: 'owner', compliance: false } } }, 'org.created', {
      type: 'organization',
      id,
    });
    return { id, slug };
  });
}

export async function createAnotherOrganization(ctx: Ctx, name: string): Promise<SessionInfo> {
  const actor = requireSignedIn(ctx);
  if (!actor.sessionId) throw new AppError('unauthenticated', 'Sign in first');
  const sessionId = actor.sessionId;
  return inTransaction(ctx, async (tx) => {
    const org = await createOrganization(tx, name, actor.userId);
    await authQ.touchSession(tx.db, sessionId, tx.clock.now(), org.id);
    return getSession({ ...tx, actor: { ...actor, org: { id: org.id, role: 'owner', compliance: false } } });
  });
}

export async function getOrganization(ctx: Ctx): Promise<Organization> {
  const actor = requireMember(ctx);
  const org = await q.findOrganization(ctx.db, actor.org.id);
  if (!org) throw AppError.notFound('Organization');
  return { ...org, memberCount: Number(org.memberCount ?? 0), createdAt: org.createdAt.toISOString() };
}

export async function updateOrganizationSettings(
  ctx: Ctx,
  patch: { name?: string | undefined; slug?: string | undefined; requireTwoFactor?: boolean | undefined },
): Promise<Organization> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return inTransaction(ctx, async (tx) => {
    const current = await q.findOrganization(tx.db, actor.org.id);
    if (!current) throw AppError.notFound('Organization');
    if (patch.requireTwoFactor && !current.requireTwoFactor && !(await authQ.findTwoFactor(tx.db, actor.userId))?.confirmedAt) {
      throw AppError.conflict('Turn on two-factor sign-in for your own account first, then require it', { field: 'requireTwoFactor' });
    }
    if (patch.slug && patch.slug !== current.slug && (await q.slugExists(tx.db, patch.slug))) {
      throw AppError.conflict('That slug is taken', { field: 'slug' });
    }
    await q.updateOrganization(tx.db, actor.org.id, patch);
    await audit(tx, 'org.settings_changed', { type: 'organization', id: actor.org.id }, { fields: Object.keys(patch).sort() });
    return getOrganization(tx);
  });
}

function toMember(r: { userId: string; name: string; email: string; role: string; compliance: boolean; joinedAt: Date }): Member {
  return { ...r, role: r.role as OrgRole, joinedAt: r.joinedAt.toISOString() };
}

export async function listMembers(ctx: Ctx, page: PageQuery) {
  const actor = requireMember(ctx);
  const after = timeIdCursor(page.cursor);
  const rows = await q.listMembers(ctx.db, actor.org.id, page.limit, after && { joinedAt: after.at, userId: after.id });
  return toPage(rows.map(toMember), page.limit, (m) => [m.joinedAt, m.userId]);
}

export async function updateMember(ctx: Ctx, userId: string, patch: { role?: OrgRole; compliance?: boolean }): Promise<Member> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return inTransaction(ctx, async (tx) => {
    const owners = await q.lockOwners(tx.db, actor.org.id);
    const target = await q.findMember(tx.db, actor.org.id, userId);
    if (!target) throw AppError.notFound('Member');
    const currentRole = target.role as OrgRole;
    if (patch.role && patch.role !== currentRole) {
      if (!canAssignRole(actor, currentRole, patch.role)) throw AppError.forbidden('Only an owner can grant or take away ownership');
      if (currentRole === 'owner' && owners.length <= 1) {
        throw AppError.conflict('An organization needs at least one owner; make someone else owner first');
      }
    }
    await q.updateMembership(tx.db, actor.org.id, userId, patch);
    await audit(tx, 'member.role_changed', { type: 'user', id: userId }, {
      fields: Object.keys(patch).sort(),
      ...(patch.role ? { from: currentRole, to: patch.role } : {}),
    });
    const updated = await q.findMember(tx.db, actor.org.id, userId);
    return toMember(updated!);
  });
}

export async function removeMember(ctx: Ctx, userId: string): Promise<{ ok: true }> {
  const actor = requireMember(ctx);
  return inTransaction(ctx, async (tx) => {
    const owners = await q.lockOwners(tx.db, actor.org.id);
    const target = await q.findMember(tx.db, actor.org.id, userId);
    if (!target) throw AppError.notFound('Member');
    const isSelf = userId === actor.userId;
    if (!isSelf && !canRemoveMember(actor, target.role as OrgRole)) throw AppError.forbidden();
    if (target.role === 'owner' && owners.length <= 1) {
      throw AppError.conflict('An organization needs at least one owner; make someone else owner first');
    }
    await q.deleteMembership(tx.db, actor.org.id, userId);
    await q.deleteSessionsInOrg(tx.db, actor.org.id, userId);
    await audit(tx, 'member.removed', { type: 'user', id: userId }, { role: target.role, self: isSelf });
    return { ok: true as const };
  });
}

function invitationStatus(r: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): Invitation['status'] {
  if (r.acceptedAt) return 'accepted';
  if (r.revokedAt) return 'revoked';
  return r.expiresAt <= now ? 'expired' : 'pending';
}

function toInvitation(
  r: { id: string; email: string; role: string; createdAt: Date; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; invitedByName: string | null },
  now: Date,
): Invitation {
  return {
    id: r.id,
    email: r.email,
    role: r.role as OrgRole,
    status: invitationStatus(r, now),
    invitedByName: r.invitedByName,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  };
}

export async function listInvitations(ctx: Ctx, page: PageQuery) {
  const actor = requireRole(ctx, ['owner', 'admin']);
  const before = timeIdCursor(page.cursor);
  const rows = await q.listInvitations(ctx.db, actor.org.id, page.limit, before && { createdAt: before.at, id: before.id });
  const now = ctx.clock.now();
  return toPage(rows.map((r) => toInvitation(r, now)), page.limit, (i) => [i.createdAt, i.id]);
}

/**
 * Invites `email` as `role`: a single-use link valid for 7 days, emailed through the outbox.
 * Inviting someone who already has a pending invitation replaces it (the old link stops working).
 */
export async function inviteMember(ctx: Ctx, input: { email: string; role: OrgRole }): Promise<Invitation> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  if (!canAssignRole(actor, null, input.role)) throw AppError.forbidden('Only an owner can invite another owner');
  return inTransaction(ctx, async (tx) => {
    const existingUser = await authQ.findUserByEmail(tx.db, input.email);
    if (existingUser && (await q.findMember(tx.db, actor.org.id, existingUser.id))) {
      throw AppError.conflict('That person is already a member', { field: 'email' });
    }
    const now = tx.clock.now();
    const open = await q.findOpenInvitationForEmail(tx.db, actor.org.id, input.email);
    if (open) await q.revokeInvitation(tx.db, actor.org.id, open.id, now);
    const { token, hash } = newToken();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await q.insertInvitation(tx.db, { id, orgId: actor.org.id, email: input.email, role: input.role, tokenHash: hash, invitedBy: actor.userId, now, expiresAt });
    const org = await q.findOrganization(tx.db, actor.org.id);
    const inviter = await authQ.findUserById(tx.db, actor.userId);
    await queueEmail(tx, {
      to: input.email,
      subject: `${inviter?.name ?? 'A colleague'} invited you to ${org?.name ?? 'an organization'} on Rubric`,
      text:
        `Hello,\n\n${inviter?.name ?? 'A colleague'} invited you to join ${org?.name} on Rubric as ${roleLabels[input.role]}.\n\n` +
        `Accept the invitation (the link works once and expires on ${expiresAt.toUTCString()}):\n\n${tx.baseUrl}/invite/${token}\n`,
      kind: 'invitation',
      orgId: actor.org.id,
      recipientUserId: existingUser?.id ?? null,
    });
    await audit(tx, 'member.invited', { type: 'invitation', id }, { role: input.role, replaced: open?.id ?? null });
    const row = await q.findInvitation(tx.db, actor.org.id, id);
    return toInvitation(row!, now);
  });
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const actor = requireRole(ctx, ['owner', 'admin']);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findInvitation(tx.db, actor.org.id, id);
    if (!row) throw AppError.notFound('Invitation');
    if (invitationStatus(row, tx.clock.now()) !== 'pending') throw AppError.conflict('Only a pending invitation can be revoked');
    await q.revokeInvitation(tx.db, actor.org.id, id, tx.clock.now());
    await audit(tx, 'member.invitation_revoked', { type: 'invitation', id });
    return { ok: true as const };
  });
}

async function usableInvitation(ctx: Ctx, token: string, forUpdate: boolean) {
  const inv = await q.findInvitationByTokenHash(ctx.db, hashToken(token), forUpdate);
  if (!inv || invitationStatus(inv, ctx.clock.now()) !== 'pending') {
    throw AppError.notFound('Invitation (the link may have been used, revoked or expired)');
  }
  return inv;
}

export async function getInvite(ctx: Ctx, token: string): Promise<InviteInfo> {
  const inv = await usableInvitation(ctx, token, false);
  const user = await authQ.findUserByEmail(ctx.db, inv.email);
  return {
    organizationName: inv.organizationName,
    email: inv.email,
    role: inv.role as OrgRole,
    hasAccount: !!user,
    expiresAt: inv.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation. A new email gets an account (name and password required); an existing
 * account proves itself with its password (or by being the signed-in user). Ends with a new session
 * in the invited organization.
 */
export async function acceptInvite(ctx: Ctx, token: string, input: { name?: string; password: string }): Promise<StartedSession> {
  const peek = await usableInvitation(ctx, token, false);
  const existing = await authQ.findUserByEmail(ctx.db, peek.email);
  const rl = ctx.config.auth.rateLimit;
  let newHash: string | undefined;
  if (existing) {
    const signedInAsInvitee = ctx.actor?.userId === existing.id;
    if (!signedInAsInvitee) {
      // A password alone must not start a session of an account with two-factor sign-in.
      if ((await authQ.findTwoFactor(ctx.db, existing.id))?.confirmedAt) {
        throw new AppError('unauthenticated', `${existing.email} uses two-factor sign-in: log in first, then open this invitation again`);
      }
      const key = `signin:account:${existing.email.toLowerCase()}`;
      await consumeRateLimit(ctx, `signin:ip:${ctx.ip}`, rl.perIp, rl.windowSeconds);
      await assertUnderLimit(ctx, key, rl.perAccount, rl.windowSeconds);
      if (!(await verifyPassword(input.password, existing.passwordHash))) {
        await recordHit(ctx, key, rl.windowSeconds);
        throw new AppError('unauthenticated', `An account exists for ${existing.email}; enter its password to accept`, { field: 'password' });
      }
    }
  } else {
    if (!input.name) throw AppError.invalid('Enter your name', [{ path: 'name', message: 'Required for a new account' }]);
    if (input.password.length < 10) throw AppError.invalid('Use at least 10 characters', [{ path: 'password', message: 'Use at least 10 characters' }]);
    checkPasswordPolicy(input.password, peek.email);
    newHash = await hashPassword(input.password);
  }
  return inTransaction(ctx, async (tx) => {
    const inv = await usableInvitation(tx, token, true);
    const now = tx.clock.now();
    let userId = existing?.id;
    if (!userId) {
      userId = randomUUID();
      await authQ.insertUser(tx.db, { id: userId, email: inv.email, name: input.name!, passwordHash: newHash!, now });
    } else if (await q.findMember(tx.db, inv.orgId, userId)) {
      throw AppError.conflict('You are already a member of this organization');
    }
    await q.insertMembership(tx.db, { orgId: inv.orgId, userId, role: inv.role, now });
    await q.markInvitationAccepted(tx.db, inv.id, userId, now);
    const started = await startSession(tx, userId, inv.orgId);
    await audit(
      { ...tx, actor: { userId, sessionId: null, org: { id: inv.orgId, role: inv.role as OrgRole, compliance: false } } },
      'member.joined',
      { type: 'invitation', id: inv.id },
      { role: inv.role, newAccount: !existing },
    );
    return started;
  });
}
