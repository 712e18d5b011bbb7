import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { createOrg, signedIn } from './testing/factories.ts';
import { type Browser, testConfig } from './testing/test-app.ts';
import { openTestDatabase, testDatabaseUrl } from './testing/test-db.ts';
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy.ts';

/**
 * A database outage while the app runs (DECISIONS 39: never restart the machine's PostgreSQL):
 * the app reaches its database through an in-test TCP proxy that the test cuts and restores.
 * The app's pool is opened exactly as in production (openDatabase: 5 s connection timeout,
 * an 'error' listener on the pool). PostgreSQL only.
 */
const serverUrl = testDatabaseUrl();

describe.skipIf(!serverUrl)('database outage', () => {
  let owning: Database; // direct connection: creates and drops the test database
  let proxy: TcpProxy;
  let database: Database;
  let app: FastifyInstance;
  let user: Browser;
  const poolErrors: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    owning = await openTestDatabase();
    const name = (await owning.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()).name;
    proxy = await startTcpProxy();
    const url = new URL(serverUrl!);
    url.host = `127.0.0.1:${proxy.port}`;
    url.pathname = `/${name}`;
    const config = testConfig({ DATABASE_URL: url.toString(), DB_QUERY_TIMEOUT_MS: '2500' });
    database = await openDatabase(config, { migrate: false, onPoolError: (e) => poolErrors.push(e.message) });
    app = await buildApp({ config, database, logger: false });
    await app.ready();
    const org = await createOrg(owning.db, ['owner']);
    user = await signedIn(app, org.members[0]!.email, '10.30.0.1');
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await app?.close();
    await database?.close();
    await proxy?.close();
    await owning?.close();
  });

  const timed = async <T>(f: () => Promise<T>): Promise<{ ms: number; res: T }> => {
    const t0 = performance.now();
    const res = await f();
    return { ms: performance.now() - t0, res };
  };

  it('answers 503 unavailable at once while the database resets connections, and recovers without a restart', async () => {
    expect((await user.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ ok: true, database: 'postgres' });

    proxy.pause('reset');
    // Let the pooled connections notice they were cut (as they would between two requests).
    await new Promise((r) => setTimeout(r, 100));
    // A signed-in read, a write and the readiness probe all fail cleanly and quickly.
    for (const send of [() => user.get('/api/v1/jobs'), () => user.post('/api/v1/jobs', { roleId: 'cto' }), () => app.inject({ method: 'GET', url: '/readyz' })]) {
      const { ms, res } = await timed(send);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'unavailable' });
      expect(ms).toBeLessThan(2_000);
    }
    // The idle pooled connections that the outage killed were reported to the pool's listener
    // (without one, node-postgres' 'error' event would crash the process).
    expect(poolErrors.length).toBeGreaterThan(0);
    expect(poolErrors.every((m) => /terminated|ECONNRESET|closed/i.test(m))).toBe(true);

    proxy.resume();
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const job = await user.post('/api/v1/jobs', { roleId: 'cto' });
    expect(job.statusCode).toBe(201);
    const session = await user.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(unhandled).toEqual([]);
  });

  it('answers 503 within the pool connection timeout (5 s) when the database stops answering, and recovers', async () => {
    proxy.pause('blackhole');
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const [read, ready] = await Promise.all([timed(() => user.get('/api/v1/jobs')), timed(() => app.inject({ method: 'GET', url: '/readyz' }))]);
    for (const { ms, res } of [read, ready]) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'unavailable' });
      expect(ms).toBeGreaterThan(4_000); // it waited for the timeout, not a fast failure
      expect(ms).toBeLessThan(8_000);
    }
    expect(performance.now() - t0).toBeLessThan(9_000);

    proxy.resume();
    const list = await user.get('/api/v1/jobs');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1); // the job created after the first outage
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(unhandled).toEqual([]);
  });

  it('answers 503 after DB_QUERY_TIMEOUT_MS when the database goes silent under a pooled connection, and recovers', async () => {
    // Warm the pool: the next request reuses an open connection instead of opening one.
    expect((await user.get('/api/v1/jobs')).statusCode).toBe(200);
    proxy.pause('silent');
    const { ms, res } = await timed(() => user.get('/api/v1/jobs'));
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'unavailable' });
    expect(ms).toBeGreaterThan(2_000); // the query timeout (2.5 s + 1 s on the client), not a fast failure
    expect(ms).toBeLessThan(8_000);
    proxy.resume();
    let again = await user.get('/api/v1/jobs');
    // The connection that timed out may still deliver its late answer first; then everything is normal.
    for (let i = 0; i < 20 && again.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await user.get('/api/v1/jobs');
    }
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });
});
