import type { Db } from '../../server/db/connect.ts';
import type { ApiTokenScope } from '../../server/db/schema.ts';

export interface NewApiToken {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
}

export async function insertApiToken(db: Db, t: NewApiToken): Promise<void> {
  await db.insertInto('apiTokens').values(t).execute();
}

function tokenColumns(db: Db) {
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      't.id',
      't.orgId',
      't.userId',
      'u.name as userName',
      't.name',
      't.prefix',
      't.scopes',
      't.createdAt',
      't.expiresAt',
      't.lastUsedAt',
      't.revokedAt',
    ]);
}
export type ApiTokenRow = Awaited<ReturnType<typeof findApiToken>> & {};

export async function findApiToken(db: Db, orgId: string, id: string) {
  return tokenColumns(db).where('t.orgId', '=', orgId).where('t.id', '=', id).executeTakeFirst();
}

/** The organization's tokens, newest first; only `userId`'s when given. */
export async function listApiTokens(db: Db, orgId: string, userId: string | null) {
  let q = tokenColumns(db).where('t.orgId', '=', orgId);
  if (userId) q = q.where('t.userId', '=', userId);
  return q.orderBy('t.createdAt', 'desc').orderBy('t.id').execute();
}

export async function revokeApiToken(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('apiTokens').set({ revokedAt: now }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** The token by its hash, with the owner's current membership of the token's organization (null when removed). */
export async function findTokenForAuth(db: Db, tokenHash: string) {
  return db
    .selectFrom('apiTokens as t')
    .leftJoin('memberships as m', (j) => j.onRef('m.orgId', '=', 't.orgId').onRef('m.userId', '=', 't.userId'))
    .select(['t.id', 't.orgId', 't.userId', 't.scopes', 't.expiresAt', 't.lastUsedAt', 't.revokedAt', 'm.role', 'm.compliance'])
    .where('t.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records use at most once a minute (the condition makes concurrent requests write once). */
export async function touchApiToken(db: Db, id: string, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  await db
    .updateTable('apiTokens')
    .set({ lastUsedAt: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', minuteAgo)]))
    .execute();
}
