// Orchestrator reads on embedded PGlite, measured in-process through the services the routes call:
//   debrief     one application with 8 submitted scorecards × 10 competencies (target p95 ≤ 30 ms)
//   comparison  one job with 200 candidates, 3 submitted scorecards each (target p95 ≤ 30 ms)
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { buildTemplate } from '../scripts/build-template.ts';
import type { Ctx } from '../src/server/context.ts';
import { openTestDatabase } from '../src/server/testing/test-db.ts';
import { testConfig } from '../src/server/testing/test-app.ts';
import { createOrg } from '../src/server/testing/factories.ts';
import { createCandidate } from '../src/modules/candidates/candidates.service.ts';
import { compareJob, getDebrief, myScorecard, saveScorecard } from '../src/modules/feedback/feedback.service.ts';
import { createInterview } from '../src/modules/interviews/interviews.service.ts';
import { createJob } from '../src/modules/openings/openings.service.ts';
import { createPlan, guideFor } from '../src/modules/plans/plans.service.ts';

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const p = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor((s.length * q) / 100))]! * 10) / 10;
  return { runs: s.length, p50Ms: p(50), p95Ms: p(95), p99Ms: p(99) };
}

async function timed(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return stats(times);
}

/** The CTO guide's plan with two more competencies, so one round rates ten. */
function tenCompetencyPlan() {
  const cto = guideFor('cto').plan;
  const cpo = guideFor('cpo').plan;
  const extra = cpo.competencies.filter((c) => !cto.competencies.some((x) => x.id === c.id)).slice(0, 2);
  const competencies = [...cto.competencies, ...extra].map((c) => ({ ...c, weight: 10 }));
  const ids = competencies.map((c) => c.id);
  return { ...cto, title: 'Bench plan', competencies, scorecard: { ...cto.scorecard, rounds: cto.scorecard.rounds.map((r) => (r.roundId === 'panel' ? { ...r, competencies: ids } : r)) } };
}

export async function benchOrchestrator(runs = 200) {
  await buildTemplate();
  const database = await openTestDatabase();
  try {
    const org = await createOrg(database.db, ['owner', 'hiring_manager', ...Array<'interviewer'>(8).fill('interviewer')]);
    const base: Ctx = { db: database.db, clock: { now: () => new Date() }, log: pino({ level: 'silent' }), actor: null, config: testConfig(), requestId: 'bench', ip: '127.0.0.1', baseUrl: 'http://localhost' };
    const as = (i: number): Ctx => ({ ...base, actor: { userId: org.members[i]!.id, sessionId: null, org: { id: org.orgId, role: org.members[i]!.role, compliance: false } } });
    const owner = as(0);
    const hm = as(1);
    const plan = await createPlan(owner, { plan: tenCompetencyPlan() });
    const job = await createJob(owner, { planId: plan.id, location: '', remotePolicy: 'remote', status: 'open', team: [{ userId: org.members[1]!.id, teamRole: 'hiring_manager', roundId: '' }] });
    const interviewers = org.members.slice(2).map((m) => m.id);
    const t0 = performance.now();
    const candidate = async (n: number, panel: string[], rng: () => number) => {
      const c = await createCandidate(owner, { name: `Bench Candidate ${n}`, email: `bench.${n}.${randomUUID().slice(0, 6)}@example.test`, jobId: job.id });
      const appId = c.applications[0]!.id;
      const iv = await createInterview(owner, appId, { roundId: 'panel', interviewerIds: panel, startsAt: '2026-03-01T09:00:00Z', endsAt: '2026-03-01T11:00:00Z', timeZone: 'UTC', location: '' });
      for (const userId of panel) {
        const ctx = as(org.members.findIndex((m) => m.id === userId));
        const card = await myScorecard(ctx, iv.id);
        const ratings = Object.fromEntries(card.form.competencies.map((c) => [c.id, { rating: 1 + Math.floor(rng() * 4), evidence: `Concrete example for ${c.name}, with numbers and the trade-off made.` }]));
        await saveScorecard(ctx, card.id, { baseVersion: card.version, body: { ratings, questionRatings: [], recommendation: rng() < 0.5 ? 'yes' : 'no', notes: '', redFlags: [] }, submit: true });
      }
      return appId;
    };
    let seed = 42;
    const rng = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const debriefApp = await candidate(0, interviewers, rng);
    for (let n = 1; n < 200; n++) await candidate(n, [interviewers[n % 8]!, interviewers[(n + 3) % 8]!, interviewers[(n + 5) % 8]!], rng);
    const loadMs = Math.round(performance.now() - t0);
    const debrief = await timed(runs, () => getDebrief(hm, debriefApp));
    const comparison = await timed(Math.max(20, Math.floor(runs / 4)), () => compareJob(hm, job.id));
    const check = await compareJob(hm, job.id);
    return {
      setup: { candidates: check.rows.length, scorecards: 8 + 199 * 3, loadMs },
      debrief: { scorecards: 8, competencies: 10, ...debrief, targetP95Ms: 30 },
      comparison: { candidates: check.rows.length, ...comparison, targetP95Ms: 30 },
    };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchOrchestrator(), null, 2));
}
