import type { Db } from '../../server/db/connect.ts';

export async function insertPlan(db: Db, p: { id: string; orgId: string; documentId: string; title: string; roleId: string | null; sourceGuide: string | null; now: Date }) {
  const { now, ...row } = p;
  await db.insertInto('plans').values({ ...row, createdAt: now, updatedAt: now }).execute();
}

export async function findPlan(db: Db, orgId: string, id: string) {
  return db.selectFrom('plans').selectAll().where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function updatePlanTitle(db: Db, id: string, title: string, roleId: string | null, now: Date) {
  await db.updateTable('plans').set({ title, roleId, updatedAt: now }).where('id', '=', id).execute();
}

export async function listPlans(db: Db, orgId: string, limit: number, after?: { at: Date; id: string }) {
  let q = db
    .selectFrom('plans as p')
    .innerJoin('documents as d', 'd.id', 'p.documentId')
    .innerJoin('documentVersions as v', 'v.id', 'd.currentVersionId')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select(['p.id', 'p.title', 'p.roleId', 'p.createdAt', 'v.id as versionId', 'v.number', 'v.note', 'v.restoredFromId', 'v.createdAt as versionCreatedAt', 'u.name as createdByName'])
    .where('p.orgId', '=', orgId)
    .orderBy('p.createdAt')
    .orderBy('p.id')
    .limit(limit + 1);
  if (after) q = q.where((eb) => eb.or([eb('p.createdAt', '>', after.at), eb.and([eb('p.createdAt', '=', after.at), eb('p.id', '>', after.id)])]));
  return q.execute();
}
