import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createOrg, signedIn } from '../testing/factories.ts';
import { type Browser, openTestApp, type TestApp, TestClock, testConfig } from '../testing/test-app.ts';

// A small limit so the test reaches it; a settable clock to cross the window.
const LIMIT = 5;
const clock = new TestClock();
let t: TestApp;
let owner: Browser;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  t = await openTestApp({ env: { RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT) }, clock });
  const org = await createOrg(t.database.db, ['owner']);
  owner = await signedIn(t.app, org.members[0]!.email);
  const mk = async (name: string) => {
    const res = await owner.post('/api/v1/api-tokens', { name, scopes: ['read', 'write'] });
    expect(res.statusCode).toBe(201);
    return res.json().token as string;
  };
  tokenA = await mk('rate limit A');
  tokenB = await mk('rate limit B');
});
afterAll(async () => t?.close());

const get = (app: TestApp['app'], token: string, url = '/api/v1/jobs') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('per-token rate limits', () => {
  it('counts every token request: RateLimit-* headers decrease, then 429 rate_limited with Retry-After; other tokens and sessions are unaffected', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await get(t.app, tokenA);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['ratelimit-policy']).toBe(`${LIMIT};w=60`);
      // The window started at the first request and the clock stands still: 60 s to its end.
      expect(res.headers['ratelimit-reset']).toBe('60');
      remaining.push(Number(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);

    const over = await get(t.app, tokenA);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'rate_limited' });
    expect(over.headers['retry-after']).toBe('60');
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(over.headers['ratelimit-limit']).toBe(String(LIMIT));

    // Writes count too, and a limited token cannot write either.
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, payload: JSON.stringify({ roleId: 'cto' }) });
    expect(write.statusCode).toBe(429);

    // Another token of the same user has its own window.
    const other = await get(t.app, tokenB);
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));

    // Sessions are not counted and carry no RateLimit headers.
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await owner.get('/api/v1/jobs');
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('Retry-After counts down; the window resets after a minute; a refused (403) token request is counted and carries the headers', async () => {
    clock.advance(30_000);
    const half = await get(t.app, tokenA);
    expect(half.statusCode).toBe(429);
    expect(half.headers['retry-after']).toBe('30');
    expect(half.headers['ratelimit-reset']).toBe('30');

    clock.advance(30_001);
    const fresh = await get(t.app, tokenA);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
    expect(fresh.headers['ratelimit-reset']).toBe('60');

    // A 403 answer (tokens cannot manage tokens) is counted and says so.
    const forbidden = await get(t.app, tokenA, '/api/v1/api-tokens');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['ratelimit-remaining']).toBe(String(LIMIT - 2));
  });

  it('unknown tokens are refused without creating a counter', async () => {
    const res = await get(t.app, 'rbk_not-a-real-token');
    expect(res.statusCode).toBe(401);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });

  it('two app instances on one database share each token’s window', async () => {
    clock.advance(61_000);
    // A second instance on the same database (as two servers behind a load balancer).
    const second = await buildApp({ config: testConfig({ RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT) }), database: t.database, clock, logger: false });
    await second.ready();
    try {
      const seen: string[] = [];
      for (let i = 0; i < LIMIT; i++) {
        const res = await get(i % 2 ? second : t.app, tokenB);
        expect(res.statusCode).toBe(200);
        seen.push(String(res.headers['ratelimit-remaining']));
      }
      expect(seen).toEqual(['4', '3', '2', '1', '0']);
      expect((await get(second, tokenB)).statusCode).toBe(429);
      expect((await get(t.app, tokenB)).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});
