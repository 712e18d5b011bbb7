import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export async function insertOrganization(db: Db, o: { id: string; name: string; slug: string; now: Date }) {
  await db.insertInto('organizations').values({ id: o.id, name: o.name, slug: o.slug, createdAt: o.now }).execute();
}

export async function slugExists(db: Db, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst());
}

export async function findOrganization(db: Db, orgId: string) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.slug', 'o.requireTwoFactor', 'o.createdAt'])
    .select((eb) =>
      eb.selectFrom('memberships as m').whereRef('m.orgId', '=', 'o.id').select(eb.fn.countAll<number>().as('n')).as('memberCount'),
    )
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

export async function updateOrganization(db: Db, orgId: string, patch: { name?: string; slug?: string; requireTwoFactor?: boolean }) {
  await db.updateTable('organizations').set(patch).where('id', '=', orgId).execute();
}

export async function insertMembership(db: Db, m: { orgId: string; userId: string; role: string; now: Date }) {
  await db.insertInto('memberships').values({ orgId: m.orgId, userId: m.userId, role: m.role, createdAt: m.now }).execute();
}

export async function findMember(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.userId', 'u.name', 'u.email', 'm.role', 'm.compliance', 'm.createdAt as joinedAt'])
    .where('m.orgId', '=', orgId)
    .where('m.userId', '=', userId)
    .executeTakeFirst();
}

export async function listMembers(db: Db, orgId: string, limit: number, after?: { joinedAt: Date; userId: string }) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.userId', 'u.name', 'u.email', 'm.role', 'm.compliance', 'm.createdAt as joinedAt'])
    .where('m.orgId', '=', orgId)
    .orderBy('m.createdAt')
    .orderBy('m.userId')
    .limit(limit + 1);
  if (after) {
    q = q.where((eb) =>
      eb.or([eb('m.createdAt', '>', after.joinedAt), eb.and([eb('m.createdAt', '=', after.joinedAt), eb('m.userId', '>', after.userId)])]),
    );
  }
  return q.execute();
}

/** Locks the organization's owner rows, so two concurrent demotions cannot remove the last owner. */
export async function lockOwners(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('userId').where('orgId', '=', orgId).where('role', '=', 'owner').forUpdate().execute();
  return rows.map((r) => r.userId);
}

export async function updateMembership(db: Db, orgId: string, userId: string, patch: { role?: string; compliance?: boolean }) {
  await db.updateTable('memberships').set(patch).where('orgId', '=', orgId).where('userId', '=', userId).execute();
}

export async function deleteMembership(db: Db, orgId: string, userId: string) {
  await db.deleteFrom('memberships').where('orgId', '=', orgId).where('userId', '=', userId).execute();
}

export async function deleteSessionsInOrg(db: Db, orgId: string, userId: string) {
  await db.deleteFrom('sessions').where('userId', '=', userId).where('activeOrgId', '=', orgId).execute();
}

export async function insertInvitation(
  db: Db,
  i: { id: string; orgId: string; email: string; role: string; tokenHash: string; invitedBy: string; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('invitations')
    .values({ id: i.id, orgId: i.orgId, email: i.email, role: i.role, tokenHash: i.tokenHash, invitedBy: i.invitedBy, createdAt: i.now, expiresAt: i.expiresAt })
    .execute();
}

const invitationColumns = [
  'i.id',
  'i.email',
  'i.role',
  'i.createdAt',
  'i.expiresAt',
  'i.acceptedAt',
  'i.revokedAt',
  'u.name as invitedByName',
] as const;

export async function findInvitation(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select(invitationColumns)
    .where('i.orgId', '=', orgId)
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export async function listInvitations(db: Db, orgId: string, limit: number, before?: { createdAt: Date; id: string }) {
  let q = db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select(invitationColumns)
    .where('i.orgId', '=', orgId)
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1);
  if (before) {
    q = q.where((eb) =>
      eb.or([eb('i.createdAt', '<', before.createdAt), eb.and([eb('i.createdAt', '=', before.createdAt), eb('i.id', '<', before.id)])]),
    );
  }
  return q.execute();
}

export async function findOpenInvitationForEmail(db: Db, orgId: string, email: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'expiresAt'])
    .where('orgId', '=', orgId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
}

export async function revokeInvitation(db: Db, orgId: string, id: string, now: Date) {
  await db.updateTable('invitations').set({ revokedAt: now }).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** The invitation behind a token, with its organization's name; locked for update when accepting. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string, forUpdate = false) {
  let q = db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', 'o.id', 'i.orgId')
    .select(['i.id', 'i.orgId', 'i.email', 'i.role', 'i.expiresAt', 'i.acceptedAt', 'i.revokedAt', 'o.name as organizationName'])
    .where('i.tokenHash', '=', tokenHash);
  if (forUpdate) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function markInvitationAccepted(db: Db, id: string, userId: string, now: Date) {
  await db.updateTable('invitations').set({ acceptedAt: now, acceptedBy: userId }).where('id', '=', id).execute();
}

export async function listOrgAdminEmails(db: Db, orgId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.email'])
    .where('m.orgId', '=', orgId)
    .where('m.role', 'in', ['owner', 'admin'])
    .execute();
}
