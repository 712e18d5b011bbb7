import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSessionRoute, signInRoute, signOutRoute } from '../../modules/auth/auth.contract.ts';
import { listMembersRoute, removeMemberRoute, updateMemberRoute } from '../../modules/orgs/orgs.contract.ts';
import { ApiError, api, currentCsrfToken, errorFromResponse, rememberCsrfToken } from './api.ts';

type Call = { url: string; init: RequestInit };

function stubFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    }),
  );
  return calls;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

const session = {
  user: { id: 'u1', email: 'ada@example.test', name: 'Ada' },
  organization: null,
  memberships: [],
  csrfToken: 'csrf-from-session',
};

describe('api', () => {
  beforeEach(() => rememberCsrfToken(null));
  afterEach(() => vi.unstubAllGlobals());

  it('GETs with cookies of this origin, fills the query and returns the body', async () => {
    const calls = stubFetch(() => json(200, { items: [], nextCursor: null }));
    const page = await api(listMembersRoute, { query: { limit: 20, cursor: 'abc=' } });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/v1/members?limit=20&cursor=abc%3D');
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(calls[0]!.init.body).toBeUndefined();
    expect((calls[0]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('remembers the CSRF token of a session info and sends it on state-changing calls only', async () => {
    const calls = stubFetch(({ url }) =>
      url === '/api/v1/auth/session' ? json(200, session) : json(200, { userId: '0b0c', name: 'B', email: 'b@x.test', role: 'admin', compliance: false, joinedAt: 'now' }),
    );
    await api(getSessionRoute);
    expect(currentCsrfToken()).toBe('csrf-from-session');
    await api(updateMemberRoute, { params: { userId: '0b0c' }, body: { role: 'admin' } });
    const patch = calls[1]!;
    expect(patch.url).toBe('/api/v1/members/0b0c');
    expect(patch.init.method).toBe('PATCH');
    expect(patch.init.body).toBe('{"role":"admin"}');
    const headers = patch.init.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('csrf-from-session');
    expect(headers['content-type']).toBe('application/json');
    expect((calls[0]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('replaces the token with the one a sign-in returns', async () => {
    rememberCsrfToken('old');
    stubFetch(() => json(200, { ...session, csrfToken: 'fresh' }));
    await api(signInRoute, { body: { email: 'ada@example.test', password: 'long enough password' } });
    expect(currentCsrfToken()).toBe('fresh');
  });

  it('sends no JSON content type on a DELETE without body, and accepts 204', async () => {
    rememberCsrfToken('t');
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    const out = await api(removeMemberRoute, { params: { userId: 'u 2/x' } });
    expect(out).toBeUndefined();
    expect(calls[0]!.url).toBe('/api/v1/members/u%202%2Fx');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('t');
  });

  it('accepts an empty 200 body', async () => {
    stubFetch(() => new Response('', { status: 200 }));
    await expect(api(signOutRoute)).resolves.toBeUndefined();
  });

  it('throws ApiError with code, status, request id and field issues', async () => {
    stubFetch(() =>
      json(400, {
        code: 'invalid',
        message: 'Invalid body: email: Enter a valid email address',
        details: {
          location: 'body',
          issues: [
            { path: 'email', message: 'Enter a valid email address' },
            { path: 'password', message: 'Enter your password' },
          ],
        },
        requestId: 'req-42',
      }),
    );
    const error = await api(signInRoute, { body: { email: 'nope', password: '' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.code).toBe('invalid');
    expect(e.status).toBe(400);
    expect(e.message).toBe('Invalid body: email: Enter a valid email address');
    expect(e.requestId).toBe('req-42');
    expect(e.issues).toEqual({ email: 'Enter a valid email address', password: 'Enter your password' });
  });

  it('turns a network failure into an unavailable ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const e = (await api(getSessionRoute).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('unavailable');
    expect(e.status).toBe(0);
  });
});

describe('errorFromResponse', () => {
  it('maps a conflict about one field onto that field', () => {
    const e = errorFromResponse(409, { code: 'conflict', message: 'That slug is taken', details: { field: 'slug' }, requestId: 'r1' });
    expect(e.code).toBe('conflict');
    expect(e.issues).toEqual({ slug: 'That slug is taken' });
  });

  it('falls back on the status when the body is not our error shape', () => {
    const e = errorFromResponse(502, '<html>Bad gateway</html>', 'hdr-id');
    expect(e.code).toBe('internal');
    expect(e.status).toBe(502);
    expect(e.requestId).toBe('hdr-id');
    expect(e.message).toBe('The server could not handle the request; try again shortly');
    expect(e.issues).toEqual({});
    expect(errorFromResponse(429, undefined).code).toBe('rate_limited');
    expect(errorFromResponse(418, { code: 'teapot' }).code).toBe('internal');
    expect(errorFromResponse(404, null).message).toBe('The request failed (HTTP 404)');
  });

  it('keeps the first message when a path repeats and ignores malformed issues', () => {
    const e = errorFromResponse(400, {
      code: 'invalid',
      message: 'Invalid',
      details: { issues: [{ path: 'a', message: 'first' }, { path: 'a', message: 'second' }, { path: 3, message: 'x' }, 'junk'] },
      requestId: 'r',
    });
    expect(e.issues).toEqual({ a: 'first' });
  });
});
