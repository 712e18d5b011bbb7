import { sql } from 'kysely';
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

/** The audit filters in SQL terms: `actionPrefix` matches the start of the action; `from` inclusive, `to` exclusive. */
export interface AuditQueryFilter {
  action?: string;
  actionPrefix?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

function filteredAudit(db: Db, orgId: string, f: AuditQueryFilter) {
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
      // As stored: the camel-case plugin would rewrite snake_case keys inside the jsonb.
      sql<string>`a.details::text`.as('detailstext'),
      'a.requestId',
      'a.createdAt',
    ])
    .where('a.orgId', '=', orgId);
  if (f.action !== undefined) q = q.where('a.action', '=', f.action);
  // starts_with needs no escaping of LIKE's `_` (every action with an underscore would match too much).
  if (f.actionPrefix !== undefined) q = q.where(sql<boolean>`starts_with(a.action, ${f.actionPrefix})`);
  if (f.actorUserId !== undefined) q = q.where('a.actorUserId', '=', f.actorUserId);
  if (f.targetType !== undefined) q = q.where('a.targetType', '=', f.targetType);
  if (f.targetId !== undefined) q = q.where('a.targetId', '=', f.targetId);
  if (f.from !== undefined) q = q.where('a.createdAt', '>=', f.from);
  if (f.to !== undefined) q = q.where('a.createdAt', '<', f.to);
  return q;
}

export async function listAuditPage(db: Db, orgId: string, f: AuditQueryFilter, limit: number, beforeId: number | undefined) {
  let q = filteredAudit(db, orgId, f).orderBy('a.id', 'desc').limit(limit + 1);
  if (beforeId !== undefined) q = q.where('a.id', '<', beforeId);
  return withDetails(await q.execute());
}

function withDetails<R extends { detailstext: string }>(rows: R[]): (Omit<R, 'detailstext'> & { details: Record<string, unknown> })[] {
  return rows.map(({ detailstext, ...r }) => ({ ...r, details: JSON.parse(detailstext) as Record<string, unknown> }));
}

/** Oldest first, with each entry's hash, at most `limit` rows. */
export async function exportAuditRows(db: Db, orgId: string, f: AuditQueryFilter, limit: number) {
  return withDetails(await filteredAudit(db, orgId, f).select('a.hash').orderBy('a.id', 'asc').limit(limit).execute());
}

export async function orgSlug(db: Db, orgId: string): Promise<string> {
  return (await db.selectFrom('organizations').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow()).slug;
}

/**
 * Entries as stored, for the chain check: `details` is read as text and parsed here, because the
 * camel-case plugin would rewrite snake_case keys inside the jsonb and the hash would no longer match.
 */
export async function readAuditBatch(db: Db, afterId: number, size: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['id', 'orgId', 'actorUserId', 'action', 'targetType', 'targetId', 'requestId', 'createdAt', 'prevHash', 'hash', sql<string>`details::text`.as('detailstext')])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(size)
    .execute();
  return rows.map(({ detailstext, ...r }) => ({ ...r, details: JSON.parse(detailstext) as Record<string, unknown> }));
}

export async function readAuditHead(db: Db) {
  return db.selectFrom('auditHead').select(['lastId', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
