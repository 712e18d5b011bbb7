import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import * as q from './jobs.queries.ts';
import { backoffMs, enqueueJob, runDueJobs } from './jobs.service.ts';

let t: TestApp;
const clock = new TestClock();
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

describe('job runner', () => {
  it('runs due jobs once, retries failures with backoff and dead-letters after max attempts', async () => {
    const ctx = t.ctx({ clock });
    const seen: string[] = [];
    let failuresLeft = 2;
    const handlers = {
      'test.ok': async (_c: unknown, p: Record<string, unknown>) => {
        seen.push(String(p.n));
      },
      'test.flaky': async () => {
        if (failuresLeft-- > 0) throw new Error('smtp down');
        seen.push('flaky done');
      },
      'test.broken': async () => {
        throw new Error('always');
      },
    };
    await enqueueJob(ctx, 'test.ok', { n: 1 });
    await enqueueJob(ctx, 'test.ok', { n: 2 }, { runAt: new Date(clock.now().getTime() + 60_000) });
    const flakyId = (await enqueueJob(ctx, 'test.flaky', {}))!;
    const brokenId = (await enqueueJob(ctx, 'test.broken', {}, { maxAttempts: 2 }))!;

    expect(await runDueJobs(ctx, handlers)).toBe(3);
    expect(seen).toEqual(['1']);
    const flaky = (await q.findJob(t.database.db, flakyId))!;
    expect(flaky).toMatchObject({ status: 'queued', attempts: 1, lastError: 'smtp down' });
    expect(flaky.runAt.getTime() - clock.now().getTime()).toBe(backoffMs(1));

    clock.advance(61_000); // past job 2 and the first backoff (10 s)
    await runDueJobs(ctx, handlers);
    expect(seen).toEqual(['1', '2']);
    expect((await q.findJob(t.database.db, brokenId))!).toMatchObject({ status: 'dead', attempts: 2, lastError: 'always' });

    clock.advance(backoffMs(2) + 1);
    await runDueJobs(ctx, handlers);
    expect(seen).toEqual(['1', '2', 'flaky done']);
    expect((await q.findJob(t.database.db, flakyId))!).toMatchObject({ status: 'done', attempts: 3 });
    expect(await runDueJobs(ctx, handlers)).toBe(0);
  });

  it('keeps one job per unique key (recurring work runs exactly once per occurrence)', async () => {
    const ctx = t.ctx({ clock });
    const a = await enqueueJob(ctx, 'test.ok', { n: 9 }, { uniqueKey: 'digest:2026-03-02' });
    const b = await enqueueJob(ctx, 'test.ok', { n: 9 }, { uniqueKey: 'digest:2026-03-02' });
    expect(typeof a).toBe('number');
    expect(b).toBeUndefined();
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 3_600_000]);
  });
});
