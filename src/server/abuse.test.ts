/**
 * Abuse (issue 12, "Bad input at scale"): a sign-in flood from one address is rate limited without
 * slowing other users; a 50 MB streamed body is refused with 413 before it is read whole; deeply
 * nested JSON is a 400, never a stack overflow or a 500. Real app, real database (PGlite or
 * PostgreSQL), no mocks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, FACTORY_PASSWORD } from './testing/factories.ts';
import { openTestApp, type TestApp } from './testing/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signIn = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password }) });

async function timedSignIn(email: string, ip: string): Promise<number> {
  const t0 = performance.now();
  const res = await signIn(email, FACTORY_PASSWORD, ip);
  const ms = performance.now() - t0;
  expect(res.statusCode, res.body).toBe(200);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('sign-in flood from one address', () => {
  it('is rate limited (429 + Retry-After after the configured limit) while another user signs in as fast as before', async () => {
    const limit = t.config.auth.rateLimit.perIp;
    const victim = await createUser(t.database.db);
    const attacker = '203.0.113.7';
    // Before: a few sign-ins of another user from another address (each from its own address, so the
    // victim's own per-address limit is not what is measured).
    const before: number[] = [];
    for (let k = 0; k < 3; k++) before.push(await timedSignIn(victim.email, `198.51.100.${10 + k}`));

    const TARGET = 10_000;
    const BUDGET_MS = 20_000;
    const during: number[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let firstLimited = -1;
    const started = performance.now();
    while (sent < TARGET && performance.now() - started < BUDGET_MS) {
      // 50 attempts in flight at a time, as a client hammering the endpoint would.
      const batch = await Promise.all(Array.from({ length: Math.min(50, TARGET - sent) }, (_, k) => signIn(`nobody${sent + k}@example.com`, 'wrong-password-1', attacker)));
      for (const [k, res] of batch.entries()) {
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 429) {
          firstLimited = firstLimited < 0 ? sent + k : Math.min(firstLimited, sent + k);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(t.config.auth.rateLimit.windowSeconds);
        } else {
          // Only the attempts within the limit reach the password check: the counter is one atomic
          // upsert, so which of a concurrent batch pass varies, but no batch sent after the limit does.
          expect(res.statusCode).toBe(401);
          expect(sent).toBeLessThan(limit);
        }
      }
      sent += batch.length;
      if (sent % 1000 < 50 && during.length < 8) during.push(await timedSignIn(victim.email, `198.51.100.${100 + during.length}`));
    }
    const elapsed = performance.now() - started;
    console.info(
      `sign-in flood: ${sent} attempts in ${(elapsed / 1000).toFixed(1)} s (${Math.round((sent * 1000) / elapsed)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `other user's sign-in median ${median(before).toFixed(0)} ms before, ${median(during).toFixed(0)} ms during (max ${Math.max(...during).toFixed(0)} ms)`,
    );
    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(statuses.get(401)).toBe(limit);
    expect(statuses.get(429)).toBe(sent - limit);
    expect(firstLimited).toBeLessThanOrEqual(limit);
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...during)).toBeLessThan(2_000);
  }, 60_000);
});

describe('request bodies', () => {
  it('a streamed 50 MB body is refused with 413 before it is read whole, and memory does not grow with it', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const TOTAL = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: a valid JSON prefix that never ends
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let written = 0;
    let writtenAtResponse = -1;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      let done = false;
      req.on('response', (res) => {
        writtenAtResponse = written;
        done = true;
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        req.destroy();
      });
      req.on('error', (e) => {
        // The server may close the socket after answering; only an error before the answer counts.
        if (!done) reject(e);
      });
      const pump = () => {
        while (!done && written < TOTAL) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end();
      };
      pump();
    });
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    console.info(`50 MB body: 413 after ${(writtenAtResponse / 1024 / 1024).toFixed(2)} MB written (limit ${t.config.http.bodyLimit} bytes); RSS grew ${(rssGrowth / 1024 / 1024).toFixed(1)} MB`);
    expect(status).toBe(413);
    expect(writtenAtResponse).toBeGreaterThan(0);
    expect(writtenAtResponse).toBeLessThan(TOTAL / 5);
    expect(rssGrowth).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('deeply nested JSON', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('100,000 levels as the whole body is a 400, and the server keeps answering', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress: '192.0.2.50', headers: { 'content-type': 'application/json' }, payload: deep(100_000) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('invalid');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('100,000 levels inside a free JSON field (plan lint takes any JSON as plan) is a 400', async () => {
    for (const payload of [`{"plan":${deep(100_000)}}`, `{"plan":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/lint', remoteAddress: '192.0.2.51', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.json().code).toBe('invalid');
    }
  });
});
