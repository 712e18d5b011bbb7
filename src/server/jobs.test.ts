import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueRecurring, runDueJobs } from '../modules/jobs/jobs.service.ts';
import { FEEDBACK_REMINDERS_JOB, PRUNE_JOB, jobHandlers, recurringJobs } from './jobs.ts';
import { openTestApp, TestClock, type TestApp } from './testing/test-app.ts';

let t: TestApp;
const clock = new TestClock(new Date('2026-05-01T10:20:00Z').getTime());
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

describe('recurring housekeeping', () => {
  it('enqueues one occurrence per hour however often instances ask, and prunes stale rows', async () => {
    const ctx = t.ctx({ clock });
    const now = clock.now();
    const old = new Date(now.getTime() - 8 * 86_400_000);
    await t.database.db
      .insertInto('rateLimits')
      .values([
        { key: 'old', windowStart: old, count: 3 },
        { key: 'fresh', windowStart: now, count: 1 },
      ])
      .execute();
    await t.database.db
      .insertInto('idempotencyKeys')
      .values([
        { scope: 's', key: 'old', requestHash: 'h', createdAt: old },
        { scope: 's', key: 'fresh', requestHash: 'h', createdAt: now },
      ])
      .execute();
    await t.database.db.insertInto('jobs').values({ name: 'test.done', payload: '{}', status: 'queued', runAt: old, createdAt: old }).execute();
    await sql`update jobs set status = 'done', finished_at = ${old} where name = 'test.done'`.execute(t.database.db);

    expect(await enqueueRecurring(ctx, recurringJobs)).toBe(3); // housekeeping, feedback reminders, retention
    expect(await enqueueRecurring(ctx, recurringJobs)).toBe(0); // a second instance, same hour
    expect(await runDueJobs(ctx, jobHandlers())).toBe(3);

    expect((await t.database.db.selectFrom('rateLimits').select('key').execute()).map((r) => r.key)).toEqual(['fresh']);
    expect((await t.database.db.selectFrom('idempotencyKeys').select('key').execute()).map((r) => r.key)).toEqual(['fresh']);
    const jobs = await t.database.db.selectFrom('jobs').select(['name', 'uniqueKey', 'status']).orderBy('name').execute();
    expect(jobs).toEqual([
      { name: FEEDBACK_REMINDERS_JOB, uniqueKey: `${FEEDBACK_REMINDERS_JOB}@2026-05-01T10:00:00.000Z`, status: 'done' },
      { name: PRUNE_JOB, uniqueKey: `${PRUNE_JOB}@2026-05-01T10:00:00.000Z`, status: 'done' },
      { name: 'privacy.retention', uniqueKey: 'privacy.retention@2026-05-01T00:00:00.000Z', status: 'done' },
    ]);

    clock.advance(3_600_000);
    expect(await enqueueRecurring(ctx, recurringJobs)).toBe(2); // the next hour's occurrences (retention is daily)
  });
});
