import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob, runDueJobs } from '../jobs/jobs.service.ts';
import { jobHandlers } from '../../server/jobs.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { validateJobPosting } from '../../core/generation/jobposting.ts';
import { careersJson } from '../jd/careers.service.ts';
import { DEMO_HIRING_JOB, DEMO_HISTORY, DEMO_HISTORY_DELAY_MS, DEMO_HISTORY_JOB, seedDemo } from './demo.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('demo workspace', () => {
  it('adds the hiring data through a job after a first-start seed, exactly once', async () => {
    const ctx = t.ctx();
    const { orgId } = await seedDemo(ctx, { hiring: 'job' });
    const count = async (table: 'openings' | 'applications' | 'scorecards') =>
      Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n);
    expect(await count('openings')).toBe(0);
    expect(await runDueJobs(ctx, jobHandlers())).toBe(0); // due a few seconds after the start
    const later = t.ctx({ clock: { now: () => new Date(Date.now() + 4000) } });
    expect(await runDueJobs(later, jobHandlers())).toBe(1);
    expect([await count('openings'), await count('applications'), await count('scorecards')]).toEqual([2, 4, 2]);
    await enqueueJob(ctx, DEMO_HIRING_JOB, { orgId });
    await runDueJobs(ctx, jobHandlers());
    expect(await count('openings')).toBe(2);
    const debriefReady = await t.database.db.selectFrom('ratings').select('competencyId').where('orgId', '=', orgId).execute();
    expect(debriefReady).toHaveLength(6);
    // The CTO job's description is published on the careers page; the CPO job's is a draft.
    const careers = await careersJson(ctx, 'lumen-harbor');
    expect(careers.jobs.map((j) => j.title)).toEqual(['Chief Technology Officer']);
    expect(validateJobPosting(careers.jobs[0]!.jobPosting).errors).toEqual([]);
    const transcript = await t.database.db.selectFrom('transcripts').select(['analysis', 'format']).where('orgId', '=', orgId).executeTakeFirstOrThrow();
    const analysis = transcript.analysis as { flags: { category: string; speaker: string }[]; coverage: { asked: { index: number }[] } };
    expect(analysis.flags.map((f) => [f.category, f.speaker])).toEqual([['family_status', 'Eli Novak']]);
    expect(analysis.coverage.asked.map((a) => a.index)).toEqual([0, 2]);
    expect(Number((await t.database.db.selectFrom('jobDescriptions').select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n)).toBe(2);
    // Re-creating the demo replaces it whole (the CLI's `seed --demo` on a seeded database).
    const again = await seedDemo(ctx);
    expect(again.orgId).not.toBe(orgId);
    expect(await count('openings')).toBe(0);
    expect(Number((await t.database.db.selectFrom('openings').select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', again.orgId).executeTakeFirstOrThrow()).n)).toBe(2);
  });

  it('adds the generated hiring history a minute after a first start, once', { timeout: 180_000 }, async () => {
    const { orgId } = await seedDemo(t.ctx(), { hiring: 'job' });
    const db = t.database.db;
    const candidates = async () => Number((await db.selectFrom('candidates').select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n);
    const later = t.ctx({ clock: { now: () => new Date(Date.now() + DEMO_HISTORY_DELAY_MS + 1000) } });
    // The hiring and history jobs (and the first test's history job, for an organization that no longer exists: a no-op).
    expect(await runDueJobs(later, jobHandlers())).toBeGreaterThanOrEqual(2);
    const afterFirst = await candidates();
    expect(afterFirst).toBeGreaterThan(4);
    expect(afterFirst).toBeLessThanOrEqual(4 + DEMO_HISTORY.candidates);
    const outcomes = await db.selectFrom('outcomes').select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow();
    expect(Number(outcomes.n)).toBeGreaterThan(0);
    // Everything lies in the past.
    const future = await db.selectFrom('stageMoves').select('id').where('orgId', '=', orgId).where('movedAt', '>', new Date(Date.now() + 86_400_000)).execute();
    expect(future).toHaveLength(0);
    await enqueueJob(later, DEMO_HISTORY_JOB, { orgId });
    expect(await runDueJobs(later, jobHandlers())).toBe(1);
    expect(await candidates()).toBe(afterFirst);
  });
});
