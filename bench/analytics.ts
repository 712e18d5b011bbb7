// Analytics reports over generated history (src/core/stats/synthetic.ts written by
// modules/analytics/generate.service.ts), in-process through the services the routes call:
//   write   the history into a fresh database (multi-row INSERTs, one transaction)
//   suite   funnel, calibration, reliability, validity (a scale and a binary outcome), adverse impact for
//           sex, race/ethnicity, age band and the intersection — the whole report suite
// benchAnalytics: one size (quick 20,000 candidates; --full 475,000 ≈ 1,000,000 ratings), 3 suite runs.
// benchAnalyticsGrowth: how suite time and peak RSS grow with the ratings (10k → 100k → 1M), each
// point in its own child process (so its peak RSS is its own); the 1M point only with --full.
// On PGlite always; on PostgreSQL when one answers at BENCH_DATABASE_URL (default the local server).
import { spawn } from 'node:child_process';
import path from 'node:path';
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

async function onEngine(engine: 'pglite' | 'postgres', candidates: number, seed: number, runCount = 3) {
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
    for (let i = 0; i < runCount; i++) {
      const t = performance.now();
      const parts = await suite(owner);
      runs.push({ totalMs: Math.round(performance.now() - t), parts });
      log(`analytics: ${engine} suite run ${i + 1}: ${runs.at(-1)!.totalMs} ms`);
    }
    const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
    // The median run's parts (with two runs, the faster one's); the median time of an even count is the mean of the middle two.
    const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const median = sorted.length % 2 ? mid.totalMs : Math.round((mid.totalMs + sorted[sorted.length / 2]!.totalMs) / 2);
    return {
      engine,
      candidates: counts.candidates,
      ratings: counts.ratings,
      scorecards: counts.scorecards,
      writeMs: counts.ms,
      writePeakRssMiB: mib(writePeak),
      suiteMedianMs: median,
      suiteRunsMs: runs.map((r) => r.totalMs),
      suiteParts: mid.parts,
      suitePeakRssMiB: mib(peak),
      target: engine === 'postgres' ? 'suite ≤ 3,000 ms at 1M ratings (~475k candidates)' : 'suite ≤ 10,000 ms at 1M ratings (~475k candidates)',
    };
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}

/** The PostgreSQL template database for the bench (created and migrated when missing), or null when no server answers. */
async function postgresTemplate(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rubric_bench';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  if (!(await serverAvailable(admin.toString()))) return null;
  const name = new URL(url).pathname.slice(1);
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  await prepareServerTemplate(url);
  return url;
}

/** Runs fn with DATABASE_URL pointing at the PostgreSQL template (openTestDatabase then copies it). */
async function withDatabaseUrl<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

export async function benchAnalytics(opts: { full: boolean }) {
  const candidates = opts.full ? 475_000 : 20_000;
  const seed = 2026;
  await buildTemplate();
  const results = [await onEngine('pglite', candidates, seed)];
  const url = await postgresTemplate();
  if (url) results.push(await withDatabaseUrl(url, () => onEngine('postgres', candidates, seed)));
  else log('analytics: no PostgreSQL server answers; PGlite only');
  return results;
}

// ── Growth ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Candidate counts for ≈ 10k, 100k and 1M ratings: the generator writes 2.1–2.2 ratings per
 * candidate (each point reports the ratings it actually wrote).
 */
const GROWTH_SIZES = [
  { label: '10k', candidates: 4_600 },
  { label: '100k', candidates: 46_000 },
  { label: '1M', candidates: 462_000 },
] as const;

export interface GrowthPoint {
  engine: 'pglite' | 'postgres';
  candidates: number;
  ratings: number;
  writeMs: number;
  /** Median suite time of the runs. */
  suiteMs: number;
  suiteRunsMs: number[];
  /** Per report of the median run. */
  suiteParts: Record<string, number>;
  /** Peak RSS of the bench process while the suite ran (the embedded engine lives in it; a PostgreSQL server does not). */
  peakRssMiB: number;
  /** Peak RSS while the history was written. */
  writePeakRssMiB: number;
}

/** One point in this process: a fresh database, the history, `runs` suite runs. */
async function growthPoint(engine: 'pglite' | 'postgres', candidates: number, runs: number): Promise<GrowthPoint> {
  const r = await onEngine(engine, candidates, 2026, runs);
  return { engine, candidates: r.candidates, ratings: r.ratings, writeMs: r.writeMs, suiteMs: r.suiteMedianMs, suiteRunsMs: r.suiteRunsMs, suiteParts: r.suiteParts, peakRssMiB: r.suitePeakRssMiB, writePeakRssMiB: r.writePeakRssMiB };
}

/** Runs one point in a child process (its own heap and RSS) and returns what it printed. */
async function growthPointInChild(engine: 'pglite' | 'postgres', candidates: number, runs: number, databaseUrl: string | null): Promise<GrowthPoint> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'analytics.ts'), `--point=${engine}:${candidates}:${runs}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`analytics growth point ${engine} ${candidates} exited with ${code}`);
  return JSON.parse(out) as GrowthPoint;
}

/**
 * How the suite's time and peak RSS grow with the ratings: ≈ 10k and 100k ratings on both engines
 * (3 suite runs each); with --full also ≈ 1M ratings (2 runs on PostgreSQL, 1 on PGlite). Quick
 * mode stays within about 4 minutes on a 2-core machine; writing 1M ratings alone takes longer, so
 * that point is --full only (the `note` says so).
 */
export async function benchAnalyticsGrowth(opts: { full: boolean }) {
  const t0 = performance.now();
  await buildTemplate();
  const url = await postgresTemplate();
  if (!url) log('analytics: no PostgreSQL server answers; PGlite only');
  const sizes = opts.full ? GROWTH_SIZES : GROWTH_SIZES.slice(0, 2);
  const points: GrowthPoint[] = [];
  for (const size of sizes) {
    const largest = size.label === '1M';
    for (const engine of url ? (['postgres', 'pglite'] as const) : (['pglite'] as const)) {
      const runs = largest ? (engine === 'postgres' ? 2 : 1) : 3;
      log(`analytics growth: ${engine}, ${size.candidates} candidates (≈ ${size.label} ratings), ${runs} run${runs === 1 ? '' : 's'}…`);
      const p = await growthPointInChild(engine, size.candidates, runs, engine === 'postgres' ? url : null);
      log(`analytics growth: ${engine} ${p.ratings} ratings: write ${p.writeMs} ms, suite ${p.suiteMs} ms, peak RSS ${p.peakRssMiB} MiB`);
      points.push(p);
    }
  }
  return {
    note: opts.full
      ? 'Points at ≈ 10k, 100k and 1M ratings; 3 suite runs each below 1M, 2 (PostgreSQL) and 1 (PGlite) at 1M; each point in its own process. Peak RSS is the bench process (PGlite runs in it; a PostgreSQL server does not).'
      : 'Quick mode: ≈ 10k and 100k ratings only (3 suite runs each); writing and measuring ≈ 1M ratings takes longer than the quick budget (~4 min), so that point runs with --full. Peak RSS is the bench process (PGlite runs in it; a PostgreSQL server does not).',
    targets: { postgres: 'suite ≤ 3,000 ms at 1M ratings', pglite: 'suite ≤ 10,000 ms at 1M ratings' },
    totalMs: Math.round(performance.now() - t0),
    points,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const point = process.argv.find((a) => a.startsWith('--point='))?.slice(8);
  if (point) {
    const [engine, candidates, runs] = point.split(':');
    const p = await growthPoint(engine === 'postgres' ? 'postgres' : 'pglite', Number(candidates), Number(runs));
    process.stdout.write(`${JSON.stringify(p)}\n`);
  } else {
    const full = process.argv.includes('--full');
    const out = process.argv.includes('--growth') ? await benchAnalyticsGrowth({ full }) : await benchAnalytics({ full });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
}
