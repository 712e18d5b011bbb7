// Load test (autocannon, loopback only, each run bounded in time) of the real server in a child
// process, on embedded PGlite and on PostgreSQL (when one answers at BENCH_DATABASE_URL):
//   signIn          POST /api/v1/auth/sign-in, distinct users, as many sign-ins as connections (one wave):
//                   scrypt-bound, reported as throughput (DECISIONS 38)
//   pipeline        GET  /api/v1/jobs/:id/applications (a page of 50 of the job's 250 candidates)
//   scorecardSubmit PUT  /api/v1/scorecards/:id, submit: every request submits a user's own case-study
//                   scorecard (4 competencies with evidence) again; each is a new revision with the version it read
//   debrief         GET  /api/v1/applications/:id/debrief (6 submitted scorecards over 7 competencies)
//   questionSearch  GET  /api/v1/questions?q=… (full-text, ranked, over the library)
// each at 50 and 200 connections as fast as the server answers, the reads also at a fixed offered rate
// of evenly spaced requests over 50 connections (the latency a user sees below saturation, counted from
// when each request was due; the target: p99 ≤ 50 ms on PostgreSQL),
// and a bare Fastify hello-world route in the same run as the baseline for ratios.
// Every user is a distinct organization member with their own session (made without scrypt), and
// the auth rate limits are raised through config.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { adminQuery } from '../src/server/testing/test-db.ts';
import { Browser, openTestApp } from '../src/server/testing/test-app.ts';
import { createOrg, FACTORY_PASSWORD } from '../src/server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard } from '../src/server/testing/hiring.ts';
import { csrfTokenFor, startSession } from '../src/modules/auth/auth.service.ts';
import { hashToken } from '../src/modules/auth/password.ts';
import { type BenchServer, log, pct, startHelloWorld, startServer } from './server.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
// More members than the largest connection count: a connection always finds one that is not busy.
const USERS = 250;
const DEBRIEFS = 30;
const CONNECTIONS = [50, 200] as const;
const FIXED_RATE = 100;
const RAISED_LIMITS = { RATE_LIMIT_AUTH_IP: '100000000', RATE_LIMIT_AUTH_ACCOUNT: '100000000', RATE_LIMIT_TOKEN_PER_MINUTE: '100000000' };

interface LoadUser {
  index: number;
  email: string;
  cookie: string;
  csrf: string;
  scorecardId: string;
  version: number;
}
interface World {
  users: LoadUser[];
  jobId: string;
  debriefIds: string[];
  scorecardBody: unknown;
}

/** Seeds a hiring team straight into the database the server will open, through the app in-process. */
async function seed(env: Record<string, string>): Promise<World> {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, RUBRIC_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  const database = await openDatabase(config);
  const t = await openTestApp({ database, env: { SESSION_SECRET: SECRET, ...env } });
  try {
    const org = await createOrg(database.db, ['owner', 'hiring_manager', ...Array<'admin'>(USERS).fill('admin')]);
    const [owner, hm, ...members] = org.members;
    const ctx = t.ctx();
    const browserOf = async (userId: string) => {
      const s = await startSession(ctx, userId, org.orgId);
      const b = new Browser(t.app);
      b.cookie = s.token;
      b.csrf = csrfTokenFor(SECRET, hashToken(s.token));
      return b;
    };
    const lead = await browserOf(owner!.id);
    const jobRes = await lead.post('/api/v1/jobs', { roleId: 'cto', location: 'Berlin', remotePolicy: 'hybrid', team: [{ userId: hm!.id, teamRole: 'hiring_manager' }] });
    if (jobRes.statusCode !== 201) throw new Error(`job: ${jobRes.statusCode} ${jobRes.body}`);
    const jobId = jobRes.json().id as string;
    const users: LoadUser[] = [];
    const browsers: Browser[] = [];
    const applications: string[] = [];
    let scorecardBody: unknown;
    for (let i = 0; i < USERS; i++) {
      const member = members[i]!;
      const b = await browserOf(member.id);
      browsers.push(b);
      const { applicationId } = await addCandidate(lead, jobId, `Load Candidate ${i}`, `load.candidate.${i}@example.test`);
      applications.push(applicationId);
      const interviewId = await addInterview(lead, applicationId, 'case', [member.id]);
      const card = (await b.post(`/api/v1/interviews/${interviewId}/scorecard`)).json();
      if (!card.form?.competencies?.length) throw new Error(`scorecard form without competencies: ${JSON.stringify(card).slice(0, 200)}`);
      scorecardBody ??= {
        ratings: Object.fromEntries(card.form.competencies.map((c: { id: string; name: string }) => [c.id, { rating: 3, evidence: `Described a concrete situation on ${c.name}: what she did, the trade-off and the result.` }])),
        recommendation: 'yes',
        notes: 'Clear, specific answers; probe team building in the next round.',
        redFlags: [],
        questionRatings: [],
      };
      users.push({ index: i, email: member.email, cookie: `rubric_session=${b.cookie}`, csrf: b.csrf!, scorecardId: card.id, version: card.version });
    }
    // Debriefs worth reading: a deep-dive (3 competencies) and a panel (4 more), three interviewers
    // each, all submitted: 6 scorecards over 7 competencies.
    for (let a = 0; a < DEBRIEFS; a++) {
      for (const [r, round] of (['deep-dive', 'panel'] as const).entries()) {
        const panel = [1, 2, 3].map((k) => (a * 6 + r * 3 + k) % USERS);
        const interviewId = await addInterview(lead, applications[a]!, round, panel.map((k) => members[k]!.id), `2026-03-0${2 + r}T09:00:00Z`, `2026-03-0${2 + r}T10:00:00Z`);
        for (const [n, k] of panel.entries()) await fillScorecard(browsers[k]!, interviewId, 1 + ((a + n + r) % 4), n % 2 ? 'yes' : 'no');
      }
    }
    return { users, jobId, debriefIds: applications.slice(0, DEBRIEFS), scorecardBody };
  } finally {
    await t.close();
    await database.close();
  }
}

type Result = autocannon.Result;
const summary = (r: Result & { sharedUsers?: number }) => ({
  requestsPerSecond: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  ...(r.sharedUsers ? { sharedUsers: r.sharedUsers } : {}),
  ...(r.non2xx ? { statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])) } : {}),
});

interface Scenario {
  method: 'GET' | 'PUT' | 'POST';
  /** Fills in one request for a user; `done` sees the response (status, body). */
  request(user: LoadUser, i: number): { path: string; body?: string };
  done?(user: LoadUser, status: number, body: string): void;
  /** Runs before each run against the server's url. */
  prepare?(url: string): Promise<void>;
}

/**
 * One autocannon run. Each request borrows a user nobody else is using (returned when its
 * response arrives), so a connection never races another over the same scorecard.
 */
async function run(url: string, users: LoadUser[], sc: Scenario, opts: { connections: number; duration?: number; amount?: number }): Promise<Result & { sharedUsers: number }> {
  await sc.prepare?.(url);
  const free = [...users];
  let n = 0;
  let shared = 0;
  const result = await autocannon({
    url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
    timeout: 60,
    requests: [
      {
        method: sc.method,
        setupRequest(req: Record<string, unknown>, context: Record<string, unknown>) {
          let user = free.shift();
          if (!user) {
            shared++; // should not happen: USERS > connections
            user = users[n % users.length]!;
          }
          context.user = user;
          const r = sc.request(user, n++);
          return {
            ...req,
            path: r.path,
            headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, origin: url, ...(r.body ? { 'content-type': 'application/json' } : {}) },
            ...(r.body ? { body: r.body } : {}),
          };
        },
        onResponse(status: number, body: string, context: Record<string, unknown>) {
          const user = context.user as LoadUser;
          sc.done?.(user, status, body);
          free.push(user);
        },
      } as unknown as autocannon.Request,
    ],
  });
  return Object.assign(result, { sharedUsers: shared });
}

/**
 * An open-loop run at a fixed offered rate: request i is due at start + i / rate (evenly spaced,
 * over at most `connections` keep-alive sockets), and its latency counts from when it was due, so
 * a request that waited for a free socket or a busy server is charged for the wait. (autocannon's
 * own fixed rate sends each second's requests in one burst, which measures the burst.)
 */
async function paced(url: string, users: LoadUser[], sc: Scenario, opts: { rate: number; seconds: number; connections: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const total = Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now() + 20;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const due = start + (i * 1000) / opts.rate;
      setTimeout(() => {
        const user = users[i % users.length]!;
        const req = http.request(url + sc.request(user, i).path, { method: sc.method, agent, headers: { cookie: user.cookie }, timeout: 60_000 }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end();
      }, Math.max(0, due - performance.now()));
    });
  await Promise.all(Array.from({ length: total }, (_, i) => one(i)));
  agent.destroy();
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    offeredPerSecond: opts.rate,
    connections: opts.connections,
    requests: total,
    p50Ms: r(pct(latencies, 50)),
    p90Ms: r(pct(latencies, 90)),
    p99Ms: r(pct(latencies, 99)),
    maxMs: r(Math.max(...latencies)),
    non2xx,
    errors,
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const QUERIES = ['roadmap trade-off', 'incident', 'board budget', 'hiring leaders', 'vendor contract', 'pricing', 'architecture migration', 'customer research'];

function scenarios(world: World): Record<'pipeline' | 'scorecardSubmit' | 'debrief' | 'questionSearch', Scenario> {
  return {
    pipeline: { method: 'GET', request: () => ({ path: `/api/v1/jobs/${world.jobId}/applications?limit=50` }) },
    // User k interviews candidate k and has not submitted that scorecard: the blind rule keeps
    // candidate k's debrief from them, so they read another.
    debrief: {
      method: 'GET',
      request: (u, i) => {
        const n = world.debriefIds.length;
        const d = i % n === u.index ? (i + 1) % n : i % n;
        return { path: `/api/v1/applications/${world.debriefIds[d]}/debrief` };
      },
    },
    questionSearch: { method: 'GET', request: (_u, i) => ({ path: `/api/v1/questions?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}&limit=20` }) },
    scorecardSubmit: {
      method: 'PUT',
      request: (u) => ({ path: `/api/v1/scorecards/${u.scorecardId}`, body: JSON.stringify({ baseVersion: u.version, submit: true, body: world.scorecardBody }) }),
      // Submits still in flight when the previous run stopped have landed since: read every version.
      async prepare(url) {
        await Promise.all(
          world.users.map(async (u) => {
            const res = await fetch(`${url}/api/v1/scorecards/${u.scorecardId}`, { headers: { cookie: u.cookie } });
            if (res.status !== 200) throw new Error(`scorecard ${u.scorecardId}: ${res.status}`);
            u.version = ((await res.json()) as { version: number }).version;
          }),
        );
      },
      done(u, status, body) {
        // A conflict is what a real client sees too: it reloads the version and carries on.
        if (status === 200) u.version = (JSON.parse(body) as { version: number }).version;
        else if (status === 409) u.version = (JSON.parse(body) as { details: { currentVersion: number } }).details.currentVersion;
      },
    },
  };
}

async function signIn(url: string, users: LoadUser[], connections: number) {
  const sc: Scenario = { method: 'POST', request: (u) => ({ path: '/api/v1/auth/sign-in', body: JSON.stringify({ email: u.email, password: FACTORY_PASSWORD }) }) };
  // Sign-in sends no session: a cookie-less client (a fresh browser tab).
  const anon = users.map((u) => ({ ...u, cookie: '', csrf: '' }));
  const r = await run(url, anon, sc, { connections, amount: connections });
  return { ...summary(r), signInsPerSecond: Math.round((r.requests.total / r.duration) * 10) / 10 };
}

async function onEngine(engine: 'pglite' | 'postgres', env: Record<string, string>, seconds: number, baseline: Record<number, number>, only?: string[]) {
  const t0 = performance.now();
  const world = await seed(env);
  const seedMs = Math.round(performance.now() - t0);
  log(`load: ${engine} seeded in ${seedMs} ms`);
  const server: BenchServer = await startServer({ SESSION_SECRET: SECRET, RUBRIC_DEMO: '0', NODE_ENV: 'production', ...RAISED_LIMITS, ...env }, { dataDir: env.RUBRIC_DATA_DIR });
  try {
    const out: Record<string, unknown> = { engine, seedMs };
    const all = scenarios(world);
    for (const [name, sc] of Object.entries(all)) {
      if (only && !only.includes(name)) continue;
      const byConnections: Record<string, unknown> = {};
      for (const c of CONNECTIONS) {
        await pause(1000);
        const r = await run(server.url, world.users, sc, { connections: c, duration: seconds });
        byConnections[`c${c}`] = { ...summary(r), ofHelloWorld: Math.round((r.requests.average / baseline[c]!) * 1000) / 1000 };
        log(`load: ${engine} ${name} @${c}: ${Math.round(r.requests.average)}/s p99 ${r.latency.p99} ms, non2xx ${r.non2xx}`);
      }
      // After the saturation runs (warm), once their backlog has drained.
      if (sc.method === 'GET') {
        await pause(2000);
        const f = await paced(server.url, world.users, sc, { rate: FIXED_RATE, seconds: seconds * 2, connections: 50 });
        byConnections.fixedRate = f;
        log(`load: ${engine} ${name} @${FIXED_RATE}/s evenly spaced: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms`);
      }
      out[name] = byConnections;
    }
    const signIns: Record<string, unknown> = {};
    for (const c of only && !only.includes('signIn') ? [] : CONNECTIONS) {
      signIns[`c${c}`] = await signIn(server.url, world.users, c);
      log(`load: ${engine} sign-in @${c}: ${(signIns[`c${c}`] as { signInsPerSecond: number }).signInsPerSecond}/s`);
    }
    out.signIn = { ...signIns, note: 'one wave of as many sign-ins as connections; scrypt (N=2^15) dominates, so latency is queueing' };
    return out;
  } finally {
    await server.stop();
  }
}

async function postgresAvailable(adminUrl: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function benchLoad(opts: { full: boolean; only?: string[] }) {
  const seconds = opts.full ? 15 : 4;
  const hello = await startHelloWorld();
  const baseline: Record<number, number> = {};
  const helloWorld: Record<string, unknown> = {};
  try {
    for (const c of CONNECTIONS) {
      const r = await autocannon({ url: hello.url, connections: c, duration: seconds });
      baseline[c] = r.requests.average;
      helloWorld[`c${c}`] = summary(r);
    }
  } finally {
    await hello.stop();
  }
  log(`load: hello world ${Math.round(baseline[50]!)}/s`);
  const engines: unknown[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-load-'));
  try {
    engines.push(await onEngine('pglite', { RUBRIC_DATA_DIR: dataDir }, seconds, baseline, opts.only));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rubric_bench');
  base.pathname = '/postgres';
  if (await postgresAvailable(base.toString())) {
    const name = `rubric_load_${randomBytes(4).toString('hex')}`;
    await adminQuery(base.toString(), `create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      engines.push(await onEngine('postgres', { DATABASE_URL: url.toString() }, seconds, baseline, opts.only));
    } finally {
      await adminQuery(base.toString(), `drop database if exists ${name} with (force)`);
    }
  } else log('load: no PostgreSQL server answers; PGlite only');
  return {
    secondsPerRun: seconds,
    users: USERS,
    target: 'reads at 50 connections on PostgreSQL: p99 ≤ 50 ms (at the fixed offered rate), no errors',
    helloWorld,
    engines,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  console.log(JSON.stringify(await benchLoad({ full: process.argv.includes('--full'), ...(only ? { only } : {}) }), null, 2));
}
