import type { Db } from '../../server/db/connect.ts';
import type { AuditRow } from '../../server/db/schema.ts';

export async function lockAuditHead(db: Db): Promise<{ lastId: number; lastHash: string }> {
  return db.selectFrom('auditHead').select(['lastId', 'lastHash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

export interface NewAuditEntry {
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  createdAt: Date;
  prevHash: string;
  hash: string;
}

export async function insertAuditEntry(db: Db, e: NewAuditEntry): Promise<number> {
  const row = await db
    .insertInto('auditLog')
    .values({ ...e, details: JSON.stringify(e.details) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('auditHead').set({ lastId: row.id, lastHash: e.hash }).where('id', '=', 1).execute();
  return row.id;
}

export async function listAuditPage(db: Db, orgId: string, limit: number, beforeId: number | undefined) {
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorUserId')
    .select([
      'a.id',
      'a.action',
      'a.actorUserId',
      'u.name as actorName',
      'a.targetType',
      'a.targetId',
      'a.details',
      'a.requestId',
      'a.createdAt',
    ])
    .where('a.orgId', '=', orgId)
    .orderBy('a.id', 'desc')
    .limit(limit + 1);
  if (beforeId !== undefined) q = q.where('a.id', '<', beforeId);
  return q.execute();
}

export async function readAuditBatch(db: Db, afterId: number, size: number): Promise<AuditRow[]> {
  return db.selectFrom('auditLog').selectAll().where('id', '>', afterId).orderBy('id').limit(size).execute();
}

export async function readAuditHead(db: Db) {
  return db.selectFrom('auditHead').select(['lastId', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
