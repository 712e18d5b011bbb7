import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { enqueueRecurring, enqueueJob, runDueJobs } from '../modules/jobs/jobs.service.ts';
import * as orgQ from '../modules/orgs/orgs.queries.ts';
import { syncLibraryQuestions } from '../modules/questions/questions.service.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type Clock, type Ctx, systemClock } from './context.ts';
import { type Database, kyselyOn, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { migrations } from './db/migrations/index.ts';
import { withSessionSecret } from './db/settings.ts';
import { recurringJobs } from './jobs.ts';
import { createUser, FACTORY_PASSWORD } from './testing/factories.ts';
import { Browser, TestClock } from './testing/test-app.ts';
import { openTestDatabase, testDatabaseUrl } from './testing/test-db.ts';

/**
 * Three app instances sharing ONE PostgreSQL database, as three servers behind a load balancer:
 * each has its own connection pool and its own Fastify app, and no SESSION_SECRET in the
 * environment (the generated one stored in the database is shared, DECISIONS 4). PostgreSQL only.
 */
const serverUrl = testDatabaseUrl();

interface Instance {
  name: string;
  app: FastifyInstance;
  database: Database;
  ctx(clock?: Clock): Ctx;
}

/** A browser that keeps one session cookie and CSRF token while talking to any instance. */
class Roaming {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(public ip: string) {}
  async request(on: Instance, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    const b = new Browser(on.app, this.ip);
    b.cookie = this.cookie;
    b.csrf = this.csrf;
    const res = await b.request(method, url, method === 'GET' ? body : (body ?? {}), headers);
    this.cookie = b.cookie;
    this.csrf = b.csrf;
    return res;
  }
}

describe.skipIf(!serverUrl)('several instances on one PostgreSQL database', () => {
  let owning: Database; // creates the test database and drops it at the end
  const instances: Instance[] = [];
  let A: Instance;
  let B: Instance;
  let C: Instance;

  beforeAll(async () => {
    owning = await openTestDatabase();
    const name = (await owning.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()).name;
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const env = { NODE_ENV: 'test', RUBRIC_DEMO: '0', SIGNUP: 'open', LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), RATE_LIMIT_AUTH_ACCOUNT: '3' };
    const log = pino({ level: 'silent' });
    // Start-up as main.ts does it, all three at once: own pool, migrate (a no-op here), shared secret, library sync.
    const started = await Promise.all(
      ['A', 'B', 'C'].map(async (n) => {
        const database = await openDatabase(loadConfig(env));
        const config = await withSessionSecret(database.db, loadConfig(env));
        await syncLibraryQuestions(database.db);
        const app = await buildApp({ config, database, clock: systemClock, logger: false });
        await app.ready();
        const ctx = (clock: Clock = systemClock): Ctx => ({ db: database.db, clock, log, actor: null, config, requestId: `test-${n}`, ip: '127.0.0.1', baseUrl: 'http://localhost' });
        return { name: n, app, database, ctx } satisfies Instance;
      }),
    );
    instances.push(...started);
    [A, B, C] = started as [Instance, Instance, Instance];
  });

  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.database.close();
    }
    await owning?.close();
  });

  it('runs the main journey alternating instances per request', async () => {
    const owner = new Roaming('10.20.0.1');
    const email = `owner.${Date.now()}@multi.example.test`;
    const signUp = await owner.request(A, 'POST', '/api/v1/auth/sign-up', { name: 'Olga Owner', email, password: 'correct horse battery 1', organizationName: 'Multi Instance Co' });
    expect(signUp.statusCode).toBe(201);
    const orgId = signUp.json().organization.id as string;
    // The session cookie (and its CSRF token, an HMAC with the shared secret) works on B and C.
    for (const on of [B, C]) {
      const s = await owner.request(on, 'GET', '/api/v1/auth/session');
      expect(s.statusCode).toBe(200);
      expect(s.json()).toMatchObject({ user: { email }, organization: { id: orgId, role: 'owner' } });
    }
    // One secret in the database, generated once although three instances started at the same time.
    expect(await owning.db.selectFrom('appSettings').select('key').where('key', '=', 'session_secret').execute()).toHaveLength(1);

    const job = await owner.request(B, 'POST', '/api/v1/jobs', { roleId: 'cto', location: 'Berlin', remotePolicy: 'hybrid' });
    expect(job.statusCode).toBe(201);
    const jobId = job.json().id as string;
    expect(job.json()).toMatchObject({ title: 'Chief Technology Officer', roleId: 'cto', status: 'open' });

    const cand = await owner.request(C, 'POST', '/api/v1/candidates', { name: 'Noor Haddad', email: 'noor.haddad@example.test', jobId });
    expect(cand.statusCode).toBe(201);
    const applicationId = cand.json().applications[0].id as string;

    const interviewer = await createUser(owning.db, { name: 'Ivan Interviewer' });
    await orgQ.insertMembership(owning.db, { orgId, userId: interviewer.id, role: 'interviewer', now: new Date() });
    const iv = await owner.request(A, 'POST', `/api/v1/applications/${applicationId}/interviews`, {
      roundId: 'deep-dive',
      interviewerIds: [interviewer.id],
      startsAt: '2026-03-02T09:00:00Z',
      endsAt: '2026-03-02T10:00:00Z',
      timeZone: 'Europe/Berlin',
      location: 'Room 2',
    });
    expect(iv.statusCode).toBe(201);
    const interviewId = iv.json().id as string;

    const ivan = new Roaming('10.20.0.2');
    expect((await ivan.request(B, 'POST', '/api/v1/auth/sign-in', { email: interviewer.email, password: FACTORY_PASSWORD })).statusCode).toBe(200);
    const card = await ivan.request(C, 'POST', `/api/v1/interviews/${interviewId}/scorecard`);
    expect(card.json()).toMatchObject({ status: 'draft', version: 1, mine: true });
    const competencies = card.json().form.competencies as { id: string; name: string }[];
    expect(competencies.map((c) => c.id)).toEqual(['infrastructure-operations', 'innovation-rd-investment', 'technology-strategy-architecture']);
    const ratings = Object.fromEntries(competencies.map((c, i) => [c.id, { rating: i + 2, evidence: `Evidence on ${c.name}: a concrete situation.` }]));
    const submitted = await ivan.request(A, 'PUT', `/api/v1/scorecards/${card.json().id}`, {
      baseVersion: 1,
      body: { ratings, recommendation: 'yes', notes: '', redFlags: [], questionRatings: [] },
      submit: true,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted' });

    const decided = await owner.request(A, 'POST', `/api/v1/applications/${applicationId}/decision`, { decision: 'advance', reasonCode: 'meets_bar', rationale: 'Clear evidence across the round.' });
    expect(decided.statusCode).toBe(201);

    const debrief = await owner.request(B, 'GET', `/api/v1/applications/${applicationId}/debrief`);
    expect(debrief.statusCode).toBe(200);
    const d = debrief.json();
    expect(d.recommendations).toEqual({ strong_no: 0, no: 0, yes: 1, strong_yes: 0 });
    expect(d.overall.score).toBeCloseTo(3, 10); // ratings 2, 3, 4
    expect(d.decisions).toEqual([expect.objectContaining({ decision: 'advance', reasonCode: 'meets_bar', rationale: 'Clear evidence across the round.', decidedByName: 'Olga Owner' })]);
    // Signing out on C ends the session everywhere.
    expect((await owner.request(C, 'POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);
    const gone = new Roaming(owner.ip);
    gone.cookie = signUp.cookies.find((c) => c.name === 'rubric_session')!.value;
    expect((await gone.request(A, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('shares sign-in rate limits: failures on A and B count together, C refuses the right password', async () => {
    const user = await createUser(owning.db);
    const tries: number[] = [];
    for (const on of [A, B, A]) {
      tries.push((await new Roaming(`10.21.0.${tries.length + 1}`).request(on, 'POST', '/api/v1/auth/sign-in', { email: user.email, password: 'wrong password 123' })).statusCode);
    }
    expect(tries).toEqual([401, 401, 401]);
    const blocked = await new Roaming('10.21.0.9').request(C, 'POST', '/api/v1/auth/sign-in', { email: user.email, password: FACTORY_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('replays an idempotency key across instances: same key on A then B gives the same candidate', async () => {
    const owner = new Roaming('10.22.0.1');
    const res = await owner.request(A, 'POST', '/api/v1/auth/sign-up', { name: 'Ida Idem', email: `idem.${Date.now()}@multi.example.test`, password: 'correct horse battery 2', organizationName: 'Idem Co' });
    expect(res.statusCode).toBe(201);
    const jobId = (await owner.request(B, 'POST', '/api/v1/jobs', { roleId: 'cto' })).json().id as string;
    const body = { name: 'Kai Lindqvist', email: 'kai@example.test', jobId };
    const first = await owner.request(A, 'POST', '/api/v1/candidates', body, { 'idempotency-key': 'import-row-7' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replay']).toBeUndefined();
    const again = await owner.request(B, 'POST', '/api/v1/candidates', body, { 'idempotency-key': 'import-row-7' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await owner.request(C, 'POST', '/api/v1/candidates', { ...body, name: 'Someone Else' }, { 'idempotency-key': 'import-row-7' });
    expect(other.statusCode).toBe(409);
    const list = await owner.request(C, 'GET', `/api/v1/candidates?limit=50`);
    expect(list.json().items.filter((c: { name: string }) => c.name === 'Kai Lindqvist')).toHaveLength(1);
  });

  it('runs simultaneous requests with one Idempotency-Key once: the others wait and replay', async () => {
    const owner = new Roaming('10.22.0.2');
    const res = await owner.request(C, 'POST', '/api/v1/auth/sign-up', { name: 'Noor Click', email: `click.${Date.now()}@multi.example.test`, password: 'correct horse battery 3', organizationName: 'Click Co' });
    expect(res.statusCode).toBe(201);
    const jobId = (await owner.request(A, 'POST', '/api/v1/jobs', { roleId: 'cpo' })).json().id as string;
    const body = { name: 'Noor Haddad', email: 'noor.haddad@example.test', jobId };
    const both = await Promise.all([A, B, C].map((i) => owner.request(i, 'POST', '/api/v1/candidates', body, { 'idempotency-key': 'same-click' })));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    expect(both.filter((r) => r.headers['idempotent-replay'] === 'true')).toHaveLength(2);
    const list = await owner.request(A, 'GET', `/api/v1/candidates?limit=50`);
    expect(list.json().items.filter((c: { name: string }) => c.name === 'Noor Haddad')).toHaveLength(1);
  });

  it('runs recurring work once across instances and each queued job exactly once', async () => {
    const clock = new TestClock(new Date('2031-01-01T10:20:00Z').getTime());
    const added = await Promise.all(instances.map((i) => enqueueRecurring(i.ctx(clock), recurringJobs)));
    expect(added.reduce((a, b) => a + b, 0)).toBe(recurringJobs.length);
    const rows = await owning.db.selectFrom('jobs').select(['uniqueKey']).where('uniqueKey', 'like', '%@2031-01-01T%').execute();
    expect(rows).toHaveLength(recurringJobs.length);

    // 30 jobs, three instances claiming at once: every job runs once, none twice.
    const runs: string[] = [];
    const handlers = {
      'test.multi': async (ctx: Ctx, payload: Record<string, unknown>) => {
        runs.push(`${String(payload.n)}@${ctx.requestId}`);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    for (let n = 0; n < 30; n++) await enqueueJob(A.ctx(clock), 'test.multi', { n });
    const ran = await Promise.all(instances.map((i) => runDueJobs(i.ctx(clock), handlers, `worker-${i.name}`)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(30);
    expect(new Set(runs.map((r) => r.split('@')[0])).size).toBe(30);
    expect(runs).toHaveLength(30);
    const done = await owning.db.selectFrom('jobs').select(['status', 'lockedBy']).where('name', '=', 'test.multi').execute();
    expect(done.every((j) => j.status === 'done')).toBe(true);
    // More than one instance took part (claims are SKIP LOCKED, not serialized on one worker).
    expect(ran.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('keeps the audit chain linear under concurrent writes from every instance', async () => {
    const owner = new Roaming('10.23.0.1');
    expect((await owner.request(A, 'POST', '/api/v1/auth/sign-up', { name: 'Ada Audit', email: `audit.${Date.now()}@multi.example.test`, password: 'correct horse battery 3', organizationName: 'Audit Co' })).statusCode).toBe(201);
    const jobId = (await owner.request(C, 'POST', '/api/v1/jobs', { roleId: 'cto' })).json().id as string;
    const before = Number((await owning.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, k) => owner.request(instances[k % 3]!, 'POST', '/api/v1/candidates', { name: `Parallel Person ${k}`, email: `p${k}@example.test`, jobId })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const after = Number((await owning.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after - before).toBeGreaterThanOrEqual(24);
    const verified = await verifyAuditChain(owning.db);
    expect(verified).toEqual({ ok: true, checked: after, brokenAtId: null, reason: null });
  });

  it('lets instances starting together on a fresh database migrate at once: every migration applied exactly once', async () => {
    const admin = new URL(serverUrl!);
    admin.pathname = '/postgres';
    const name = `rubric_mig_${randomBytes(5).toString('hex')}`;
    const adminQuery = async (statement: string) => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(statement);
      } finally {
        await c.end();
      }
    };
    await adminQuery(`create database ${name} template template0`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const dbs = [0, 1, 2].map(() => kyselyOn(new pg.Pool({ connectionString: url.toString(), max: 2 })));
    try {
      // Kysely's Migrator holds a PostgreSQL advisory lock (pg_advisory_lock) while it migrates.
      const applied = await Promise.all(dbs.map((db) => migrateToLatest(db.withoutPlugins() as unknown as Kysely<unknown>)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const rows = await dbs[0]!.withoutPlugins().selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(rows).toHaveLength(Object.keys(migrations).length);
    } finally {
      for (const db of dbs) await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    }
  });
});
