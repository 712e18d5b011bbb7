import type { Db } from '../db/connect.ts';

/** Claims (scope, key) for a request; returns false when the pair exists already. */
export async function claimKey(db: Db, scope: string, key: string, requestHash: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('idempotencyKeys')
    .values({ scope, key, requestHash, createdAt: now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return !!row;
}

export async function findKey(db: Db, scope: string, key: string) {
  return db.selectFrom('idempotencyKeys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function storeResult(db: Db, scope: string, key: string, statusCode: number, response: unknown) {
  await db
    .updateTable('idempotencyKeys')
    .set({ statusCode, response: JSON.stringify(response ?? null) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

/** Removes idempotency records older than `before` (a retry window, not an archive). */
export async function deleteOldKeys(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
