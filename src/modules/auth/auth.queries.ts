import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUser(db: Db, u: { id: string; email: string; name: string; passwordHash: string; now: Date }) {
  await db
    .insertInto('users')
    .values({ id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, createdAt: u.now, updatedAt: u.now })
    .execute();
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string, now: Date) {
  await db.updateTable('users').set({ passwordHash, updatedAt: now }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; activeOrgId: string | null; now: Date; expiresAt: Date; secondFactorPending?: boolean; userAgent?: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      userId: s.userId,
      activeOrgId: s.activeOrgId,
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
      secondFactorPending: s.secondFactorPending ?? false,
      userAgent: s.userAgent ?? null,
    })
    .execute();
}

/** The session with its user and, when the active organization still has the user, the membership. */
export async function findSessionWithMembership(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('memberships as m', (j) => j.onRef('m.orgId', '=', 's.activeOrgId').onRef('m.userId', '=', 's.userId'))
    .leftJoin('organizations as o', 'o.id', 'm.orgId')
    .leftJoin('userTwoFactor as tf', 'tf.userId', 's.userId')
    .select([
      's.id',
      's.userId',
      's.activeOrgId',
      's.lastSeenAt',
      's.expiresAt',
      's.secondFactorPending',
      'm.role',
      'm.compliance',
      'm.orgId as memberOrgId',
      'o.requireTwoFactor',
      'tf.confirmedAt as twoFactorConfirmedAt',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, now: Date, activeOrgId?: string | null) {
  await db
    .updateTable('sessions')
    .set(activeOrgId === undefined ? { lastSeenAt: now } : { lastSeenAt: now, activeOrgId })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: string) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.orgId')
    .select(['o.id as organizationId', 'o.name', 'o.slug', 'm.role', 'm.compliance', 'm.createdAt', 'o.requireTwoFactor'])
    .where('m.userId', '=', userId)
    .orderBy('m.createdAt')
    .orderBy('o.id')
    .execute();
}

export async function insertPasswordReset(db: Db, r: { id: string; userId: string; tokenHash: string; now: Date; expiresAt: Date }) {
  await db
    .insertInto('passwordResets')
    .values({ id: r.id, userId: r.userId, tokenHash: r.tokenHash, createdAt: r.now, expiresAt: r.expiresAt })
    .execute();
}

/** Marks a reset used if it is still valid; returns its user id, or undefined for a bad token. */
export async function consumePasswordReset(db: Db, tokenHash: string, now: Date) {
  const row = await db
    .updateTable('passwordResets')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('userId')
    .executeTakeFirst();
  return row?.userId;
}

// ---- two-factor sign-in ----

export async function findTwoFactor(db: Db, userId: string) {
  return db.selectFrom('userTwoFactor').selectAll().where('userId', '=', userId).executeTakeFirst();
}

/** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never overwritten. */
export async function upsertPendingTwoFactor(db: Db, userId: string, secretEncrypted: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('userTwoFactor')
    .values({ userId, secretEncrypted, createdAt: now })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ secretEncrypted, createdAt: now, lastUsedStep: null }).where('userTwoFactor.confirmedAt', 'is', null))
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Records a TOTP step as used, only when it is later than the last used one: atomic, so a code
 * is accepted once even when two requests race. Returns false for a replay.
 */
export async function useTotpStep(db: Db, userId: string, step: number, confirmAt?: Date): Promise<boolean> {
  const r = await db
    .updateTable('userTwoFactor')
    .set(confirmAt ? { lastUsedStep: step, confirmedAt: confirmAt } : { lastUsedStep: step })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteTwoFactor(db: Db, userId: string) {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  await db.deleteFrom('userTwoFactor').where('userId', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, rows: { id: string; codeHash: string }[], now: Date) {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  if (rows.length) await db.insertInto('recoveryCodes').values(rows.map((r) => ({ ...r, userId, createdAt: now }))).execute();
}

/** Marks a recovery code used if it is the user's and unused; returns its id, or undefined. */
export async function consumeRecoveryCode(db: Db, userId: string, codeHash: string, now: Date) {
  const r = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A pending (password-verified, waiting for its second factor) sign-in. */
export async function findPendingSession(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'userId', 'expiresAt'])
    .where('id', '=', sessionId)
    .where('secondFactorPending', '=', true)
    .executeTakeFirst();
}

/** The user's completed sessions (pending sign-ins excluded), newest first. */
export async function listUserSessions(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastSeenAt', 'userAgent'])
    .where('userId', '=', userId)
    .where('secondFactorPending', '=', false)
    .where('expiresAt', '>', now)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function deleteOtherSessions(db: Db, userId: string, keepSessionId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('userId', '=', userId).where('id', '!=', keepSessionId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function setOrgRequireTwoFactor(db: Db, orgId: string, value: boolean) {
  await db.updateTable('organizations').set({ requireTwoFactor: value }).where('id', '=', orgId).execute();
}
