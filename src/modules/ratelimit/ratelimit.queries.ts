import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

/**
 * Counts one hit against `key` in a fixed window that starts at the key's first hit. Atomic on
 * PostgreSQL (one upsert), so several instances share the same counters.
 */
export async function hitCounter(db: Db, key: string, now: Date, windowSeconds: number) {
  const windowStartCutoff = new Date(now.getTime() - windowSeconds * 1000);
  const row = await db
    .insertInto('rateLimits')
    .values({ key, windowStart: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start <= ${windowStartCutoff} then 1 else rate_limits.count + 1 end`,
        windowStart: sql`case when rate_limits.window_start <= ${windowStartCutoff} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'windowStart'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function readCounter(db: Db, key: string) {
  return db.selectFrom('rateLimits').select(['count', 'windowStart']).where('key', '=', key).executeTakeFirst();
}

export async function clearCounter(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rateLimits').where('key', '=', key).execute();
}

export async function deleteExpiredCounters(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('rateLimits').where('windowStart', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
