import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateHistory } from '../../core/stats/synthetic.ts';
import type { DB } from '../../server/db/schema.ts';
import { createOrg } from '../../server/testing/factories.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { scorecardBodySchema } from '../feedback/feedback.contract.ts';
import { refreshSummaries } from '../feedback/feedback.queries.ts';
import { compareJob, getDebrief } from '../feedback/feedback.service.ts';
import { getJob } from '../openings/openings.service.ts';
import { getPlan } from '../plans/plans.service.ts';
import { historyUuid, outcomeCheckpoints, writeSyntheticHistory } from './generate.service.ts';

// Bulk writes on a loaded 2-core machine take a while.
vi.setConfig({ testTimeout: 120_000 });

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const N = 300;
const SEED = 7;

async function count(table: keyof DB & string, orgId: string): Promise<number> {
  const db = t.database.db;
  const r = await db
    .selectFrom(table as 'candidates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('writeSyntheticHistory', () => {
  const history = generateHistory({ candidates: N, seed: SEED });
  const expectedOutcomes = history.outcomes.reduce((s, o) => s + outcomeCheckpoints(o, null).length, 0);
  const expectedScorecards = new Set(history.ratings.map((r) => r.interviewId)).size;

  it('writes the whole history: row counts equal the generator, scorecards parse, plans and jobs open', async () => {
    const { orgId, members } = await createOrg(t.database.db, ['owner']);
    const counts = await writeSyntheticHistory(t.ctx(), { orgId, candidates: N, seed: SEED });
    expect(counts).toMatchObject({
      candidates: history.candidates.length,
      applications: history.applications.length,
      stageMoves: history.stageMoves.length,
      interviews: history.interviews.length,
      scorecards: expectedScorecards,
      ratings: history.ratings.length,
      decisions: history.decisions.length,
      outcomes: expectedOutcomes,
      demographics: history.demographics.length,
    });
    expect(expectedOutcomes).toBeGreaterThan(0);
    expect(await count('candidates', orgId)).toBe(N);
    expect(await count('applications', orgId)).toBe(history.applications.length);
    expect(await count('stageMoves', orgId)).toBe(history.stageMoves.length);
    expect(await count('interviews', orgId)).toBe(history.interviews.length);
    expect(await count('scorecards', orgId)).toBe(expectedScorecards);
    expect(await count('ratings', orgId)).toBe(history.ratings.length);
    expect(await count('decisions', orgId)).toBe(history.decisions.length);
    expect(await count('outcomes', orgId)).toBe(expectedOutcomes);
    expect(await count('demographics', orgId)).toBe(history.demographics.length);
    expect(await count('consents', orgId)).toBe(history.demographics.length);
    expect(await count('openings', orgId)).toBe(5);
    expect(await count('plans', orgId)).toBe(5);
    // 24 interviewers joined (plus the owner); the hiring managers as hiring managers.
    const roles = await t.database.db.selectFrom('memberships').select('role').where('orgId', '=', orgId).execute();
    expect(roles).toHaveLength(25);
    expect(roles.filter((r) => r.role === 'hiring_manager').length).toBe(new Set(history.jobs.map((j) => j.hiringManagerId)).size);

    const db = t.database.db;
    const card = await db.selectFrom('scorecards').select(['body', 'planVersionId']).where('orgId', '=', orgId).limit(1).executeTakeFirstOrThrow();
    const body = scorecardBodySchema.parse(card.body);
    expect(Object.keys(body.ratings).length).toBeGreaterThanOrEqual(2);
    expect(body.recommendation).not.toBeNull();
    const summaries = await db
      .selectFrom('applicationSummaries as s')
      .innerJoin('applications as a', 'a.id', 's.applicationId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Number(summaries.n)).toBe(new Set(history.ratings.map((r) => r.applicationId)).size);
    // The bulk summaries equal what feedback's own refresh computes.
    const sample = await db.selectFrom('applicationSummaries as s').innerJoin('applications as a', 'a.id', 's.applicationId').selectAll('s').where('a.orgId', '=', orgId).limit(5).execute();
    for (const row of sample) {
      await refreshSummaries(db, row.applicationId, row.openingId);
      expect(await db.selectFrom('applicationSummaries').selectAll().where('applicationId', '=', row.applicationId).executeTakeFirstOrThrow()).toEqual(row);
    }

    const owner = { ...t.ctx(), actor: { userId: members[0]!.id, sessionId: null, org: { id: orgId, role: 'owner' as const, compliance: false } } };
    const job = history.jobs[0]!;
    const plan = await getPlan(owner, historyUuid(orgId, SEED, `${job.id}-plan`));
    const jobCard = await db
      .selectFrom('scorecards as s')
      .innerJoin('applications as a', 'a.id', 's.applicationId')
      .select('s.planVersionId')
      .where('a.openingId', '=', historyUuid(orgId, SEED, job.id))
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(jobCard.planVersionId).toBe(plan.currentVersion.id);
    expect(plan.plan.competencies.map((c) => c.weight).reduce((a, b) => a + b, 0)).toBe(100);
    expect(plan.plan.rounds.map((r) => r.id)).toEqual(job.rounds.map((r) => r.id));
    const opened = await getJob(owner, historyUuid(orgId, SEED, job.id));
    expect(opened.title).toBe(job.title);
    expect(opened.status).toBe('closed');
    expect(opened.stages.map((s) => s.id)).toEqual(['applied', 'screen', 'interview', 'offer', 'hired', 'rejected']);

    // The app's own views read the generated rows: the job comparison and a debrief.
    const comparison = await compareJob(owner, historyUuid(orgId, SEED, job.id));
    expect(JSON.stringify(comparison)).toContain(historyUuid(orgId, SEED, history.applications.find((a) => a.jobId === job.id)!.id));
    const debriefed = history.ratings[0]!.applicationId;
    const debrief = await getDebrief(owner, historyUuid(orgId, SEED, debriefed));
    expect(debrief.interviewers.length).toBe(new Set(history.ratings.filter((r) => r.applicationId === debriefed).map((r) => r.interviewId)).size);

    const entry = await db.selectFrom('auditLog').select(['details']).where('orgId', '=', orgId).where('action', '=', 'analytics.history_generated').executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ candidates: N, ratings: history.ratings.length });

    // The same seed again: 409 and nothing added.
    const before = await count('ratings', orgId);
    await expect(writeSyntheticHistory(t.ctx(), { orgId, candidates: N, seed: SEED })).rejects.toMatchObject({ code: 'conflict' });
    expect(await count('ratings', orgId)).toBe(before);
    expect(await count('candidates', orgId)).toBe(N);

    // Another seed into the same organization works (candidate emails carry the seed).
    const small = await writeSyntheticHistory(t.ctx(), { orgId, candidates: 20, seed: SEED + 1 });
    expect(await count('candidates', orgId)).toBe(N + small.candidates);
  });

  it('writes the same seed into a second organization without collisions; bad options are invalid', async () => {
    const { orgId } = await createOrg(t.database.db, ['owner']);
    const counts = await writeSyntheticHistory(t.ctx(), { orgId, candidates: N, seed: SEED, batchRows: 137 });
    expect(counts.ratings).toBe(history.ratings.length);
    expect(await count('ratings', orgId)).toBe(history.ratings.length);
    await expect(writeSyntheticHistory(t.ctx(), { orgId, candidates: 0, seed: 1 })).rejects.toMatchObject({ code: 'invalid' });
    await expect(writeSyntheticHistory(t.ctx(), { orgId: historyUuid('x', 1, 'y'), candidates: 5, seed: 1 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('censors at asOf: outcome rows only for observed checkpoints', async () => {
    const { orgId } = await createOrg(t.database.db, ['owner']);
    const opts = { candidates: 200, seed: 11, start: '2024-01-01', months: 24, asOf: '2026-01-15' };
    const h = generateHistory(opts);
    const counts = await writeSyntheticHistory(t.ctx(), { orgId, ...opts });
    const asOfMs = Date.parse('2026-01-15T23:59:59.999Z');
    expect(counts.outcomes).toBe(h.outcomes.reduce((s, o) => s + outcomeCheckpoints(o, asOfMs).length, 0));
    expect(counts.candidates).toBe(h.candidates.length);
    const future = await t.database.db.selectFrom('stageMoves').select('id').where('orgId', '=', orgId).where('movedAt', '>', new Date(asOfMs)).execute();
    expect(future).toHaveLength(0);
  });
});
