import { sql } from 'kysely';
import type { Db } from '../../server/db/connect.ts';

export interface EnqueueRow {
  name: string;
  payload: Record<string, unknown>;
  runAt: Date;
  uniqueKey: string | null;
  maxAttempts: number;
}

/** Inserts a job; a job whose unique key exists already is skipped (returns undefined). */
export async function insertJob(db: Db, job: EnqueueRow): Promise<number | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({ ...job, payload: JSON.stringify(job.payload) })
    .onConflict((oc) => oc.column('uniqueKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Claims the oldest due job in one short statement: SKIP LOCKED in the subselect, so several
 * instances never claim the same job, and no transaction stays open while it runs.
 */
export async function claimDueJob(db: Db, now: Date, worker: string, names: string[]) {
  if (names.length === 0) return undefined;
  const result = await sql<{ id: number; name: string; payload: Record<string, unknown>; attempts: number; maxAttempts: number }>`
    update jobs set status = 'running', locked_at = ${now}, locked_by = ${worker}, attempts = attempts + 1
    where id = (
      select id from jobs
      where status = 'queued' and run_at <= ${now} and name in (${sql.join(names)})
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id, name, payload, attempts, max_attempts`.execute(db);
  return result.rows[0];
}

export async function markJobDone(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finishedAt: now, lockedAt: null, lockedBy: null }).where('id', '=', id).execute();
}

export async function markJobFailed(db: Db, id: number, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', runAt: retryAt, lastError: error, lockedAt: null, lockedBy: null }
        : { status: 'dead', lastError: error, finishedAt: now, lockedAt: null, lockedBy: null },
    )
    .where('id', '=', id)
    .execute();
}

/** Jobs left 'running' by a crashed instance go back to the queue. */
export async function requeueStaleJobs(db: Db, lockedBefore: Date): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', lockedAt: null, lockedBy: null })
    .where('status', '=', 'running')
    .where('lockedAt', '<', lockedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findJob(db: Db, id: number) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes finished jobs (done or dead) older than `before`; returns how many. */
export async function deleteFinishedJobs(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('jobs').where('status', 'in', ['done', 'dead']).where('finishedAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
