import type { Db } from '../../server/db/connect.ts';

export async function insertOrgRole(db: Db, r: { id: string; orgId: string; documentId: string; sourceRoleId: string; title: string; now: Date }) {
  await db
    .insertInto('orgRoles')
    .values({ id: r.id, orgId: r.orgId, documentId: r.documentId, sourceRoleId: r.sourceRoleId, title: r.title, createdAt: r.now, updatedAt: r.now })
    .execute();
}

export async function findOrgRole(db: Db, orgId: string, id: string) {
  return db.selectFrom('orgRoles').selectAll().where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function listOrgRoles(db: Db, orgId: string, limit: number, after?: { at: Date; id: string }) {
  let q = db
    .selectFrom('orgRoles as r')
    .innerJoin('documents as d', 'd.id', 'r.documentId')
    .innerJoin('documentVersions as v', 'v.id', 'd.currentVersionId')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select([
      'r.id',
      'r.sourceRoleId',
      'r.title',
      'r.createdAt',
      'v.id as versionId',
      'v.number',
      'v.note',
      'v.restoredFromId',
      'v.createdAt as versionCreatedAt',
      'u.name as createdByName',
    ])
    .where('r.orgId', '=', orgId)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .limit(limit + 1);
  if (after) q = q.where((eb) => eb.or([eb('r.createdAt', '>', after.at), eb.and([eb('r.createdAt', '=', after.at), eb('r.id', '>', after.id)])]));
  return q.execute();
}

export async function updateOrgRoleTitle(db: Db, id: string, title: string, now: Date) {
  await db.updateTable('orgRoles').set({ title, updatedAt: now }).where('id', '=', id).execute();
}
