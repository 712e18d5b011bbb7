import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

describe('HTTP kernel', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().ok).toBe(true);
  });

  it('serves an OpenAPI document listing the v1 routes with their schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/members/{userId}');
    const post = doc.paths['/api/v1/invitations'].post;
    expect(post.requestBody.content['application/json'].schema.required.sort()).toEqual(['email', 'role']);
    expect(Object.keys(post.responses)).toContain('201');
    const docs = await t.app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers unknown API routes with the JSON 404 shape and HTML requests with the SPA shell', async () => {
    const api = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    const page = await t.app.inject({ url: '/settings/members', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const asset = await t.app.inject({ url: '/assets/missing.js' });
    expect(asset.statusCode).toBe(404);
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('5xx hiding', () => {
  it('answers an unexpected failure with 500 internal and no internals', async () => {
    const app = (await import('fastify')).default({ logger: false });
    const { registerErrorHandling } = await import('./errors.ts');
    registerErrorHandling(app);
    app.get('/boom', async () => {
      throw new Error('secret stack detail: password=hunter2');
    });
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal' });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toMatch(/\.ts:\d+|Error:/);
    await app.close();
  });

  it('maps an unexpected error to internal without its message', async () => {
    const { toAppError } = await import('./errors.ts');
    const e = toAppError(new Error('secret stack detail'));
    expect(e.code).toBe('internal');
    expect(e.message).not.toContain('secret');
    expect(toAppError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code).toBe('unavailable');
  });
});
