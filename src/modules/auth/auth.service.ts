import { createHmac, randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { OrgRole } from '../../shared/common.ts';
import { type Actor, type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { createOrganization } from '../orgs/orgs.service.ts';
import { queueEmail } from '../outbox/outbox.service.ts';
import { assertUnderLimit, consumeRateLimit, recordHit, resetRateLimit } from '../ratelimit/ratelimit.service.ts';
import type { SecondFactorChallenge, SessionInfo, SignInBody, SignUpBody } from './auth.contract.ts';
import * as q from './auth.queries.ts';
import { DUMMY_HASH, hashPassword, hashToken, newToken, verifyPassword } from './password.ts';

const RESET_TTL_MS = 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;

export interface StartedSession {
  token: string;
  expiresAt: Date;
  info: SessionInfo;
}

/** The CSRF token of a session: an HMAC of its id, so no extra state is stored. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

function secretOf(ctx: Ctx): string {
  const s = ctx.config.auth.sessionSecret;
  if (!s) throw new Error('session secret not loaded');
  return s;
}

/** Rejects passwords that are the email or its local part. */
export function checkPasswordPolicy(password: string, email: string): void {
  const p = password.trim().toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (p === email.toLowerCase() || (local.length >= 3 && p === local)) {
    throw AppError.invalid('Choose a password that is not your email address', [{ path: 'password', message: 'Must not be your email address' }]);
  }
}

async function sessionInfo(ctx: Ctx, userId: string, sessionId: string, activeOrgId: string | null): Promise<SessionInfo> {
  const user = await q.findUserById(ctx.db, userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const memberships = await q.listMembershipsOfUser(ctx.db, userId);
  const active = memberships.find((m) => m.organizationId === activeOrgId);
  const enabled = !!(await q.findTwoFactor(ctx.db, userId))?.confirmedAt;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    organization: active
      ? { id: active.organizationId, name: active.name, slug: active.slug, role: active.role as OrgRole, compliance: active.compliance }
      : null,
    memberships: memberships.map((m) => ({ organizationId: m.organizationId, name: m.name, slug: m.slug, role: m.role as OrgRole })),
    twoFactor: { enabled, setupRequired: !enabled && !!active?.requireTwoFactor },
    csrfToken: csrfTokenFor(secretOf(ctx), sessionId),
  };
}

/**
 * Starts a fresh session (a new id on every sign-in: session rotation). The active organization is
 * the one given, else the user's first membership.
 */
export async function startSession(ctx: Ctx, userId: string, orgId?: string): Promise<StartedSession> {
  const { token, hash } = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.auth.sessionMaxMs);
  let activeOrgId = orgId ?? null;
  if (!activeOrgId) activeOrgId = (await q.listMembershipsOfUser(ctx.db, userId))[0]?.organizationId ?? null;
  await q.insertSession(ctx.db, { id: hash, userId, activeOrgId, now, expiresAt, userAgent: ctx.userAgent ?? null });
  return { token, expiresAt, info: await sessionInfo(ctx, userId, hash, activeOrgId) };
}

/**
 * Resolves a session cookie to an actor, or null when the token is unknown, past its absolute
 * expiry or idle for longer than allowed (expired sessions are deleted).
 */
export async function resolveSession(ctx: Ctx, token: string): Promise<Actor | null> {
  const sessionId = hashToken(token);
  const row = await q.findSessionWithMembership(ctx.db, sessionId);
  if (!row) return null;
  const now = ctx.clock.now();
  // A sign-in waiting for its second factor authenticates nothing (only the second-step route reads it).
  if (row.secondFactorPending) return null;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + ctx.config.auth.sessionIdleMs <= now.getTime()) {
    await q.deleteSession(ctx.db, sessionId);
    return null;
  }
  let org: Actor['org'] = row.memberOrgId ? { id: row.memberOrgId, role: row.role as OrgRole, compliance: !!row.compliance } : null;
  let orgRequiresTwoFactor = !!row.requireTwoFactor;
  if (!org) {
    // The active organization is gone (removed from it): fall back to another membership.
    const first = (await q.listMembershipsOfUser(ctx.db, row.userId))[0];
    org = first ? { id: first.organizationId, role: first.role as OrgRole, compliance: first.compliance } : null;
    orgRequiresTwoFactor = !!first?.requireTwoFactor;
    await q.touchSession(ctx.db, sessionId, now, org?.id ?? null);
  } else if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await q.touchSession(ctx.db, sessionId, now);
  }
  const twoFactorMissing = orgRequiresTwoFactor && !row.twoFactorConfirmedAt;
  return { userId: row.userId, sessionId, org, ...(twoFactorMissing ? { twoFactorMissing } : {}) };
}

function signupAllowed(ctx: Ctx, userCount: number): boolean {
  switch (ctx.config.auth.signup) {
    case 'open':
      return true;
    case 'first-user':
      return userCount === 0;
    case 'invite':
      return false;
  }
}

export async function signUp(ctx: Ctx, body: SignUpBody): Promise<StartedSession> {
  const rl = ctx.config.auth.rateLimit;
  await consumeRateLimit(ctx, `signup:ip:${ctx.ip}`, rl.perIp, rl.windowSeconds);
  checkPasswordPolicy(body.password, body.email);
  const passwordHash = await hashPassword(body.password);
  return inTransaction(ctx, async (tx) => {
    if (!signupAllowed(tx, await q.countUsers(tx.db))) {
      throw AppError.forbidden('Sign-up is closed on this server; ask an administrator for an invitation');
    }
    if (await q.findUserByEmail(tx.db, body.email)) {
      throw AppError.conflict('An account with this email exists; sign in instead', { field: 'email' });
    }
    const userId = randomUUID();
    await q.insertUser(tx.db, { id: userId, email: body.email, name: body.name, passwordHash, now: tx.clock.now() });
    const org = await createOrganization(tx, body.organizationName, userId);
    const started = await startSession(tx, userId, org.id);
    const as = { ...tx, actor: { userId, sessionId: null, org: { id: org.id, role: 'owner' as const, compliance: false } } };
    await audit(as, 'auth.sign_up', { type: 'user', id: userId });
    return started;
  });
}

/** A started session, or a pending sign-in waiting for its second factor (its token goes in the cookie). */
export type SignInOutcome = StartedSession | { pending: true; token: string; expiresAt: Date; info: SecondFactorChallenge };

export async function signIn(ctx: Ctx, body: SignInBody, previousToken?: string): Promise<SignInOutcome> {
  const rl = ctx.config.auth.rateLimit;
  const accountKey = `signin:account:${body.email}`;
  await consumeRateLimit(ctx, `signin:ip:${ctx.ip}`, rl.perIp, rl.windowSeconds);
  await assertUnderLimit(ctx, accountKey, rl.perAccount, rl.windowSeconds);
  const user = await q.findUserByEmail(ctx.db, body.email);
  const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordHit(ctx, accountKey, rl.windowSeconds);
    if (user) {
      const memberships = await q.listMembershipsOfUser(ctx.db, user.id);
      for (const m of memberships) {
        await audit({ ...ctx, actor: null }, 'auth.sign_in_failed', { type: 'user', id: user.id }, {}, m.organizationId);
      }
    }
    throw new AppError('unauthenticated', 'Email or password is incorrect');
  }
  const twoFactor = await q.findTwoFactor(ctx.db, user.id);
  if (twoFactor?.confirmedAt) {
    return inTransaction(ctx, async (tx) => {
      if (previousToken) await q.deleteSession(tx.db, hashToken(previousToken));
      await resetRateLimit(tx, accountKey);
      return startPendingSignIn(tx, user.id);
    });
  }
  return inTransaction(ctx, async (tx) => {
    if (previousToken) await q.deleteSession(tx.db, hashToken(previousToken));
    await resetRateLimit(tx, accountKey);
    const started = await startSession(tx, user.id);
    const org = started.info.organization;
    await audit(
      { ...tx, actor: { userId: user.id, sessionId: null, org: org ? { id: org.id, role: org.role, compliance: org.compliance } : null } },
      'auth.sign_in',
      { type: 'user', id: user.id },
    );
    return started;
  });
}

/** How long a password-verified sign-in waits for its second factor. */
export const SECOND_FACTOR_TTL_MS = 10 * 60_000;

async function startPendingSignIn(ctx: Ctx, userId: string): Promise<SignInOutcome> {
  const { token, hash } = newToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SECOND_FACTOR_TTL_MS);
  await q.insertSession(ctx.db, { id: hash, userId, activeOrgId: null, now, expiresAt, secondFactorPending: true, userAgent: ctx.userAgent ?? null });
  return { pending: true, token, expiresAt, info: { secondFactorRequired: true, expiresAt: expiresAt.toISOString() } };
}

export async function signOut(ctx: Ctx): Promise<{ ok: true }> {
  if (ctx.actor?.sessionId) {
    await q.deleteSession(ctx.db, ctx.actor.sessionId);
    if (ctx.actor.org) await audit(ctx, 'auth.sign_out', { type: 'user', id: ctx.actor.userId });
  }
  return { ok: true };
}

export async function getSession(ctx: Ctx): Promise<SessionInfo> {
  const actor = ctx.actor;
  if (!actor?.sessionId) throw new AppError('unauthenticated', 'Sign in first');
  return sessionInfo(ctx, actor.userId, actor.sessionId, actor.org?.id ?? null);
}

export async function switchOrganization(ctx: Ctx, organizationId: string): Promise<SessionInfo> {
  const actor = ctx.actor;
  if (!actor?.sessionId) throw new AppError('unauthenticated', 'Sign in first');
  const memberships = await q.listMembershipsOfUser(ctx.db, actor.userId);
  if (!memberships.some((m) => m.organizationId === organizationId)) throw AppError.notFound('Organization');
  await q.touchSession(ctx.db, actor.sessionId, ctx.clock.now(), organizationId);
  return sessionInfo(ctx, actor.userId, actor.sessionId, organizationId);
}

export async function requestPasswordReset(ctx: Ctx, email: string, baseUrl: string): Promise<{ ok: true }> {
  const rl = ctx.config.auth.rateLimit;
  await consumeRateLimit(ctx, `reset:ip:${ctx.ip}`, rl.perIp, rl.windowSeconds);
  await consumeRateLimit(ctx, `reset:account:${email}`, rl.perAccount, rl.windowSeconds);
  const user = await q.findUserByEmail(ctx.db, email);
  if (!user) return { ok: true };
  const { token, hash } = newToken();
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    await q.insertPasswordReset(tx.db, { id: randomUUID(), userId: user.id, tokenHash: hash, now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
    await queueEmail(tx, {
      to: user.email,
      subject: 'Reset your Rubric password',
      text:
        `Hello ${user.name},\n\nSomeone asked to reset the password of your Rubric account. ` +
        `If it was you, choose a new password within an hour:\n\n${baseUrl}/reset-password/${token}\n\n` +
        `If it was not you, ignore this message; your password stays as it is.`,
      kind: 'password_reset',
      orgId: null,
      recipientUserId: user.id,
    });
    for (const m of await q.listMembershipsOfUser(tx.db, user.id)) {
      await audit({ ...tx, actor: null }, 'auth.password_reset_requested', { type: 'user', id: user.id }, {}, m.organizationId);
    }
  });
  return { ok: true };
}

export async function completePasswordReset(ctx: Ctx, token: string, password: string): Promise<{ ok: true }> {
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const userId = await q.consumePasswordReset(tx.db, hashToken(token), now);
    if (!userId) throw AppError.invalid('This reset link is invalid, used or expired; ask for a new one', [{ path: 'token', message: 'Invalid or expired' }]);
    const user = await q.findUserById(tx.db, userId);
    checkPasswordPolicy(password, user!.email);
    await q.updatePasswordHash(tx.db, userId, passwordHash, now);
    await q.deleteUserSessions(tx.db, userId);
    for (const m of await q.listMembershipsOfUser(tx.db, userId)) {
      await audit({ ...tx, actor: null }, 'auth.password_reset', { type: 'user', id: userId }, {}, m.organizationId);
    }
    return { ok: true as const };
  });
}

/** For the CLI (`--as <email>`): the actor of a member, as if they had signed in. */
export async function actorForEmail(ctx: Ctx, email: string, orgSlug: string): Promise<Actor> {
  const user = await q.findUserByEmail(ctx.db, email);
  if (!user) throw AppError.notFound(`User ${email}`);
  const m = (await q.listMembershipsOfUser(ctx.db, user.id)).find((x) => x.slug === orgSlug);
  if (!m) throw AppError.notFound(`Membership of ${email} in ${orgSlug}`);
  return { userId: user.id, sessionId: null, org: { id: m.organizationId, role: m.role as OrgRole, compliance: m.compliance } };
}
