import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { base32Encode, otpauthUri, verifyTotp } from '../../core/auth/totp.ts';
import { AppError } from '../../shared/errors.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import { audit } from '../audit/audit.service.ts';
import { requireSignedIn } from '../orgs/orgs.policy.ts';
import { assertUnderLimit, consumeRateLimit, recordHit, resetRateLimit } from '../ratelimit/ratelimit.service.ts';
import type { SecondFactorBody, SessionSummary } from './auth.contract.ts';
import * as q from './auth.queries.ts';
import { type StartedSession, startSession } from './auth.service.ts';
import { hashToken, verifyPassword } from './password.ts';

const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Rubric';

// ---- the secret at rest: AES-256-GCM under a key derived from the stored session secret ----

function secretKey(ctx: Ctx): Buffer {
  const s = ctx.config.auth.sessionSecret;
  if (!s) throw new Error('session secret not loaded');
  return createHash('sha256').update(`rubric:totp-secret:${s}`).digest();
}

export function encryptSecret(ctx: Ctx, secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(ctx), iv);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(ctx: Ctx, stored: string): Buffer {
  const [iv, tag, body] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed two-factor secret');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(ctx), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

// ---- recovery codes ----

/** `xxxxx-xxxxx` in lowercase base32: 50 bits each, typed by hand at most once. */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}

/** Audits an account-level event once in each organization of the user (entries hold ids only). */
async function auditForUser(ctx: Ctx, userId: string, action: Parameters<typeof audit>[1]): Promise<void> {
  for (const m of await q.listMembershipsOfUser(ctx.db, userId)) {
    await audit(
      { ...ctx, actor: { userId, sessionId: null, org: { id: m.organizationId, role: m.role as never, compliance: m.compliance } } },
      action,
      { type: 'user', id: userId },
      {},
      m.organizationId,
    );
  }
}

/** Checks a TOTP code and marks its step used (a code works once, even within its 30 s). */
async function checkTotp(ctx: Ctx, userId: string, secretEncrypted: string, code: string, confirm = false): Promise<boolean> {
  const step = verifyTotp(decryptSecret(ctx, secretEncrypted), code, ctx.clock.now());
  if (step === null) return false;
  return q.useTotpStep(ctx.db, userId, step, confirm ? ctx.clock.now() : undefined);
}

// ---- use cases ----

export async function getTwoFactorStatus(ctx: Ctx) {
  const actor = requireSignedIn(ctx);
  const row = await q.findTwoFactor(ctx.db, actor.userId);
  const enabled = !!row?.confirmedAt;
  return { enabled, recoveryCodesLeft: enabled ? await q.countUnusedRecoveryCodes(ctx.db, actor.userId) : 0 };
}

/** A new secret (replacing an unconfirmed one); the only time it leaves the server. */
export async function startEnrolment(ctx: Ctx): Promise<{ secret: string; otpauthUri: string }> {
  const actor = requireSignedIn(ctx);
  const user = await q.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const secret = randomBytes(20);
  const stored = await q.upsertPendingTwoFactor(ctx.db, actor.userId, encryptSecret(ctx, secret), ctx.clock.now());
  if (!stored) throw AppError.conflict('Two-factor sign-in is already on; turn it off first to set up another app');
  const secretBase32 = base32Encode(secret);
  return { secret: secretBase32, otpauthUri: otpauthUri({ issuer: ISSUER, account: user.email, secretBase32 }) };
}

export async function confirmEnrolment(ctx: Ctx, code: string): Promise<{ recoveryCodes: string[] }> {
  const actor = requireSignedIn(ctx);
  const rl = ctx.config.auth.rateLimit;
  const key = `2fa:confirm:${actor.userId}`;
  await consumeRateLimit(ctx, key, rl.perAccount, rl.windowSeconds);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findTwoFactor(tx.db, actor.userId);
    if (!row) throw AppError.conflict('Start the setup first');
    if (row.confirmedAt) throw AppError.conflict('Two-factor sign-in is already on');
    if (!(await checkTotp(tx, actor.userId, row.secretEncrypted, code, true))) {
      throw AppError.invalid('That code is not right; check the time on your device and try the next one', [{ path: 'code', message: 'Wrong or used code' }]);
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await q.replaceRecoveryCodes(tx.db, actor.userId, codes.map((c) => ({ id: randomUUID(), codeHash: hashRecoveryCode(c) })), tx.clock.now());
    await resetRateLimit(tx, key);
    await auditForUser(tx, actor.userId, 'auth.two_factor_enabled');
    return { recoveryCodes: codes };
  });
}

export async function disableTwoFactor(ctx: Ctx, body: { code?: string | undefined; password?: string | undefined }): Promise<{ ok: true }> {
  const actor = requireSignedIn(ctx);
  const rl = ctx.config.auth.rateLimit;
  const key = `2fa:disable:${actor.userId}`;
  await consumeRateLimit(ctx, key, rl.perAccount, rl.windowSeconds);
  const row = await q.findTwoFactor(ctx.db, actor.userId);
  if (!row?.confirmedAt) throw AppError.conflict('Two-factor sign-in is not on');
  let ok = false;
  if (body.code !== undefined) ok = await checkTotp(ctx, actor.userId, row.secretEncrypted, body.code);
  else if (body.password !== undefined) {
    const user = await q.findUserById(ctx.db, actor.userId);
    ok = !!user && (await verifyPassword(body.password, user.passwordHash));
  }
  if (!ok) {
    const path = body.code !== undefined ? 'code' : 'password';
    throw AppError.invalid(body.code !== undefined ? 'That code is not right' : 'That password is not right', [{ path, message: 'Incorrect' }]);
  }
  return inTransaction(ctx, async (tx) => {
    await q.deleteTwoFactor(tx.db, actor.userId);
    await resetRateLimit(tx, key);
    await auditForUser(tx, actor.userId, 'auth.two_factor_disabled');
    return { ok: true as const };
  });
}

/**
 * The second step of a sign-in: the pending session named by the cookie, plus a TOTP code (each
 * step once) or an unused recovery code. Success replaces the pending session with a new one.
 * Attempts are rate-limited per address and per account; a pending sign-in expires in 10 minutes.
 */
export async function completeSecondFactor(ctx: Ctx, body: SecondFactorBody, pendingToken: string | undefined): Promise<StartedSession> {
  const rl = ctx.config.auth.rateLimit;
  await consumeRateLimit(ctx, `2fa:ip:${ctx.ip}`, rl.perIp, rl.windowSeconds);
  const expired = new AppError('unauthenticated', 'This sign-in has expired; enter your email and password again');
  if (!pendingToken) throw expired;
  const pending = await q.findPendingSession(ctx.db, hashToken(pendingToken));
  if (!pending || pending.expiresAt <= ctx.clock.now()) throw expired;
  const userId = pending.userId;
  const accountKey = `2fa:account:${userId}`;
  await assertUnderLimit(ctx, accountKey, rl.perAccount, rl.windowSeconds);
  const row = await q.findTwoFactor(ctx.db, userId);
  if (!row?.confirmedAt) throw expired;
  return inTransaction(ctx, async (tx) => {
    let usedRecovery = false;
    let ok: boolean;
    if (body.code !== undefined) ok = await checkTotp(tx, userId, row.secretEncrypted, body.code);
    else {
      ok = !!(await q.consumeRecoveryCode(tx.db, userId, hashRecoveryCode(body.recoveryCode ?? ''), tx.clock.now()));
      usedRecovery = ok;
    }
    if (!ok) {
      await recordHit(tx, accountKey, rl.windowSeconds);
      return null;
    }
    await resetRateLimit(tx, accountKey);
    await q.deleteSession(tx.db, pending.id);
    const started = await startSession(tx, userId);
    if (usedRecovery) await auditForUser(tx, userId, 'auth.recovery_code_used');
    const org = started.info.organization;
    await audit(
      { ...tx, actor: { userId, sessionId: null, org: org ? { id: org.id, role: org.role, compliance: org.compliance } : null } },
      'auth.sign_in',
      { type: 'user', id: userId },
      { secondFactor: usedRecovery ? 'recovery_code' : 'totp' },
    );
    return started;
  }).then((started) => {
    // The failed attempt is counted (committed above); then refuse.
    if (!started) throw new AppError('unauthenticated', body.code !== undefined ? 'That code is not right' : 'That recovery code is not right or was used');
    return started;
  });
}

/** An opaque public id of a session: never the cookie token nor the stored hash. */
function publicSessionId(sessionId: string): string {
  return hashToken(`session-public:${sessionId}`).slice(0, 32);
}

export async function listSessions(ctx: Ctx): Promise<{ items: SessionSummary[] }> {
  const actor = requireSignedIn(ctx);
  const rows = await q.listUserSessions(ctx.db, actor.userId, ctx.clock.now());
  return {
    items: rows.map((r) => ({
      id: publicSessionId(r.id),
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      userAgent: r.userAgent,
      current: r.id === actor.sessionId,
    })),
  };
}

export async function revokeSession(ctx: Ctx, publicId: string): Promise<{ wasCurrent: boolean }> {
  const actor = requireSignedIn(ctx);
  const rows = await q.listUserSessions(ctx.db, actor.userId, ctx.clock.now());
  const target = rows.find((r) => publicSessionId(r.id) === publicId);
  if (!target) throw AppError.notFound('Session');
  await inTransaction(ctx, async (tx) => {
    await q.deleteSession(tx.db, target.id);
    if (actor.org) await audit(tx, 'auth.session_revoked', { type: 'user', id: actor.userId });
  });
  return { wasCurrent: target.id === actor.sessionId };
}

export async function signOutOthers(ctx: Ctx): Promise<{ revoked: number }> {
  const actor = requireSignedIn(ctx);
  if (!actor.sessionId) throw new AppError('unauthenticated', 'Sign in first');
  const keep = actor.sessionId;
  return inTransaction(ctx, async (tx) => {
    const revoked = await q.deleteOtherSessions(tx.db, actor.userId, keep);
    if (actor.org) await audit(tx, 'auth.signed_out_everywhere', { type: 'user', id: actor.userId }, { revoked });
    return { revoked };
  });
}
