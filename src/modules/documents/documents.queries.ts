import type { Db } from '../../server/db/connect.ts';

export async function insertDocument(db: Db, d: { id: string; orgId: string; kind: string; now: Date }) {
  await db.insertInto('documents').values({ id: d.id, orgId: d.orgId, kind: d.kind, createdAt: d.now, updatedAt: d.now }).execute();
}

/** The document row, locked for update when saving (serializes concurrent saves of one document). */
export async function findDocument(db: Db, orgId: string, id: string, forUpdate = false) {
  let q = db.selectFrom('documents').selectAll().where('orgId', '=', orgId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertVersion(
  db: Db,
  v: { id: string; documentId: string; orgId: string; number: number; body: unknown; note: string | null; restoredFromId: string | null; createdBy: string | null; now: Date },
) {
  await db
    .insertInto('documentVersions')
    .values({
      id: v.id,
      documentId: v.documentId,
      orgId: v.orgId,
      number: v.number,
      body: JSON.stringify(v.body),
      note: v.note,
      restoredFromId: v.restoredFromId,
      createdBy: v.createdBy,
      createdAt: v.now,
    })
    .execute();
}

export async function setCurrentVersion(db: Db, documentId: string, versionId: string, now: Date) {
  await db.updateTable('documents').set({ currentVersionId: versionId, updatedAt: now }).where('id', '=', documentId).execute();
}

export async function maxVersionNumber(db: Db, documentId: string): Promise<number> {
  const r = await db
    .selectFrom('documentVersions')
    .select((eb) => eb.fn.max<number>('number').as('n'))
    .where('documentId', '=', documentId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

const summaryColumns = ['v.id', 'v.number', 'v.note', 'v.restoredFromId', 'v.createdAt', 'u.name as createdByName'] as const;

export async function findVersion(db: Db, orgId: string, documentId: string, versionId: string) {
  return db
    .selectFrom('documentVersions as v')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select([...summaryColumns, 'v.body'])
    .where('v.orgId', '=', orgId)
    .where('v.documentId', '=', documentId)
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

export async function listVersions(db: Db, orgId: string, documentId: string, limit: number, beforeNumber?: number) {
  let q = db
    .selectFrom('documentVersions as v')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select(summaryColumns)
    .where('v.orgId', '=', orgId)
    .where('v.documentId', '=', documentId)
    .orderBy('v.number', 'desc')
    .limit(limit + 1);
  if (beforeNumber !== undefined) q = q.where('v.number', '<', beforeNumber);
  return q.execute();
}

export async function findVersionBody(db: Db, orgId: string, versionId: string) {
  return db.selectFrom('documentVersions').select('body').where('orgId', '=', orgId).where('id', '=', versionId).executeTakeFirst();
}
