// Analytics reports over generated history (src/core/stats/synthetic.ts written by
// modules/analytics/generate.service.ts), in-process through the services the routes call:
//   write   the history into a fresh database (multi-row INSERTs, one transaction)
//   suite   funnel, calibration, reliability, validity (a scale and a binary outcome), adverse impact for
//           sex, race/ethnicity, age band and the intersection — the whole report suite, 3 runs
// On PGlite always; on PostgreSQL when one answers at BENCH_DATABASE_URL (default the local server).
// Sizes: quick 20,000 candidates; --full 475,000 candidates (≈ 1,000,000 ratings).
import pg from 'pg';
import pino from 'pino';
import { buildTemplate } from '../scripts/build-template.ts';
import type { Ctx } from '../src/server/context.ts';
import { openTestDatabase, prepareServerTemplate } from '../src/server/testing/test-db.ts';
import { testConfig } from '../src/server/testing/test-app.ts';
import { createOrg } from '../src/server/testing/factories.ts';
import * as analytics from '../src/modules/analytics/analytics.service.ts';
import { writeSyntheticHistory } from '../src/modules/analytics/generate.service.ts';

const log = (m: string) => process.stderr.write(m + '\n');
const mib = (b: number) => Math.round(b / 1048576);

async function suite(ctx: Ctx) {
  const parts: Record<string, number> = {};
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    parts[name] = Math.round(performance.now() - t);
  };
  await time('funnel', () => analytics.funnel(ctx, { by: 'job' }));
  await time('calibration', () => analytics.calibration(ctx, {}));
  await time('reliability', () => analytics.reliability(ctx, {}));
  await time('validityPerformance', () => analytics.validity(ctx, { outcome: 'performance_12m' }));
  await time('validityRetention', () => analytics.validity(ctx, { outcome: 'retained_12m' }));
  for (const characteristic of ['sex', 'raceEthnicity', 'ageBand', 'sexRace'] as const) await time(`adverseImpact_${characteristic}`, () => analytics.adverseImpactReport(ctx, { characteristic }));
  return parts;
}

async function serverAvailable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function onEngine(engine: 'pglite' | 'postgres', candidates: number, seed: number) {
  const database = await openTestDatabase();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const org = await createOrg(database.db, ['owner']);
    const base: Ctx = { db: database.db, clock: { now: () => new Date() }, log: pino({ level: 'silent' }), actor: null, config: testConfig(), requestId: 'bench', ip: '127.0.0.1', baseUrl: 'http://localhost' };
    log(`analytics: writing ${candidates} candidates on ${engine}…`);
    const counts = await writeSyntheticHistory(base, { orgId: org.orgId, candidates, seed });
    const owner: Ctx = { ...base, actor: { userId: org.members[0]!.id, sessionId: null, org: { id: org.orgId, role: 'owner', compliance: false } } };
    const writePeak = peak;
    peak = process.memoryUsage().rss;
    const runs: { totalMs: number; parts: Record<string, number> }[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const parts = await suite(owner);
      runs.push({ totalMs: Math.round(performance.now() - t), parts });
      log(`analytics: ${engine} suite run ${i + 1}: ${runs.at(-1)!.totalMs} ms`);
    }
    const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
    return {
      engine,
      candidates: counts.candidates,
      ratings: counts.ratings,
      scorecards: counts.scorecards,
      writeMs: counts.ms,
      writePeakRssMiB: mib(writePeak),
      suiteMedianMs: sorted[1]!.totalMs,
      suiteRunsMs: runs.map((r) => r.totalMs),
      suiteParts: sorted[1]!.parts,
      suitePeakRssMiB: mib(peak),
      target: engine === 'postgres' ? 'suite ≤ 3,000 ms at 100k candidates / 1M ratings' : 'suite ≤ 10,000 ms at 100k candidates / 1M ratings',
    };
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}

export async function benchAnalytics(opts: { full: boolean }) {
  const candidates = opts.full ? 475_000 : 20_000;
  const seed = 2026;
  await buildTemplate();
  const results = [await onEngine('pglite', candidates, seed)];
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rubric_bench';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  if (await serverAvailable(admin.toString())) {
    const name = new URL(url).pathname.slice(1);
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`create database ${name}`);
    await c.end();
    await prepareServerTemplate(url);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      results.push(await onEngine('postgres', candidates, seed));
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  } else log('analytics: no PostgreSQL server answers; PGlite only');
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await benchAnalytics({ full: process.argv.includes('--full') });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
