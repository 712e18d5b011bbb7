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

export async function insertSession(db: Db, s: { id: string; userId: string; activeOrgId: string | null; now: Date; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ id: s.id, userId: s.userId, activeOrgId: s.activeOrgId, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt })
    .execute();
}

/** The session with its user and, when the active organization still has the user, the membership. */
export async function findSessionWithMembership(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('memberships as m', (j) => j.onRef('m.orgId', '=', 's.activeOrgId').onRef('m.userId', '=', 's.userId'))
    .select(['s.id', 's.userId', 's.activeOrgId', 's.lastSeenAt', 's.expiresAt', 'm.role', 'm.compliance', 'm.orgId as memberOrgId'])
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
    .select(['o.id as organizationId', 'o.name', 'o.slug', 'm.role', 'm.compliance', 'm.createdAt'])
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
