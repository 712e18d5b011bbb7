import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import * as orgQ from '../orgs/orgs.queries.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

/** A bare API client: no cookie, no Origin, no CSRF header — only the bearer token. */
function api(token: string, method: string, url: string, body?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      host: 'localhost',
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

async function team(roles: Parameters<typeof createOrg>[1] = ['owner', 'admin', 'interviewer']) {
  const org = await createOrg(t.database.db, roles);
  const browsers = await Promise.all(org.members.map((m) => signedIn(t.app, m.email)));
  return { org, browsers };
}

async function newToken(b: Awaited<ReturnType<typeof signedIn>>, scopes: string[], name = 'CI sync') {
  const res = await b.post('/api/v1/api-tokens', { name, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; prefix: string; scopes: string[]; expiresAt: string | null; user: { id: string } };
}

const rowOf = (id: string) => t.database.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('creating and listing API tokens', () => {
  it('shows the secret once, stores only its sha256, dedupes scopes and audits the creation with ids only', async () => {
    const { org, browsers } = await team(['owner']);
    const res = await browsers[0]!.post('/api/v1/api-tokens', { name: 'Warehouse export', scopes: ['read', 'read'], expiresInDays: 30 });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.token).toMatch(/^rbk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(created.scopes).toEqual(['read']);
    expect(created.user.id).toBe(org.members[0]!.id);
    expect(new Date(created.expiresAt).getTime() - new Date(created.createdAt).getTime()).toBe(30 * 86_400_000);

    const row = await rowOf(created.id);
    expect(row.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(Object.values(row).some((v) => typeof v === 'string' && v.includes(created.token))).toBe(false);
    expect(row.scopes).toEqual(['read']);

    const list = await browsers[0]!.get('/api/v1/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect(list.body).not.toContain(created.token);
    expect(list.json().items[0].token).toBeUndefined();

    const entries = await t.database.db.selectFrom('auditLog').selectAll().where('orgId', '=', org.orgId).where('action', '=', 'api_token.created').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toEqual({ tokenId: created.id, scopes: ['read'] });
    expect(JSON.stringify(entries[0])).not.toContain('Warehouse');
  });

  it('shows an interviewer only their own tokens and an admin everyone’s', async () => {
    const { browsers } = await team(['owner', 'admin', 'interviewer']);
    const [owner, admin, interviewer] = browsers as [typeof browsers[0], typeof browsers[0], typeof browsers[0]];
    const a = await newToken(owner!, ['read'], 'owner token');
    const b = await newToken(interviewer!, ['read'], 'interviewer token');
    const mine = (await interviewer!.get('/api/v1/api-tokens')).json().items.map((i: { id: string }) => i.id);
    expect(mine).toEqual([b.id]);
    const all = (await admin!.get('/api/v1/api-tokens')).json().items.map((i: { id: string }) => i.id).sort();
    expect(all).toEqual([a.id, b.id].sort());
    // Someone else's token is not the interviewer's to revoke: 404, and it stays valid.
    expect((await interviewer!.delete(`/api/v1/api-tokens/${a.id}`)).statusCode).toBe(404);
    expect((await rowOf(a.id)).revokedAt).toBeNull();
  });
});

describe('calling the API with a token', () => {
  it('lets a read token GET but not POST, and a write token create without any CSRF header', async () => {
    const { browsers } = await team(['owner']);
    const read = await newToken(browsers[0]!, ['read']);
    const write = await newToken(browsers[0]!, ['read', 'write']);

    const list = await api(read.token, 'GET', '/api/v1/candidates');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([]);

    const refused = await api(read.token, 'POST', '/api/v1/candidates', { name: 'Ada Brook', email: 'ada.brook@example.test' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('This token has the read scope only');

    const made = await api(write.token, 'POST', '/api/v1/candidates', { name: 'Ada Brook', email: 'ada.brook@example.test' });
    expect(made.statusCode, made.body).toBe(201);
    const again = await api(read.token, 'GET', '/api/v1/candidates');
    expect(again.json().items.map((c: { id: string }) => c.id)).toEqual([made.json().id]);
    // Idempotency-Key works for token clients too (scoped to the token's user and organization).
    const k1 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: { host: 'localhost', authorization: `Bearer ${write.token}`, 'content-type': 'application/json', 'idempotency-key': 'import-42' },
      payload: JSON.stringify({ name: 'Bo Lind', email: 'bo.lind@example.test' }),
    });
    const k2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: { host: 'localhost', authorization: `Bearer ${write.token}`, 'content-type': 'application/json', 'idempotency-key': 'import-42' },
      payload: JSON.stringify({ name: 'Bo Lind', email: 'bo.lind@example.test' }),
    });
    expect(k1.statusCode).toBe(201);
    expect(k2.statusCode).toBe(201);
    expect(k2.headers['idempotent-replay']).toBe('true');
    expect(k2.json().id).toBe(k1.json().id);
  });

  it('records the last use at most once a minute', async () => {
    const { browsers } = await team(['owner']);
    const tok = await newToken(browsers[0]!, ['read']);
    expect((await rowOf(tok.id)).lastUsedAt).toBeNull();
    expect((await api(tok.token, 'GET', '/api/v1/candidates')).statusCode).toBe(200);
    const first = (await rowOf(tok.id)).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect((await api(tok.token, 'GET', '/api/v1/candidates')).statusCode).toBe(200);
    expect((await rowOf(tok.id)).lastUsedAt!.getTime()).toBe(first!.getTime());
    const listed = (await browsers[0]!.get('/api/v1/api-tokens')).json().items[0];
    expect(listed.lastUsedAt).toBe(first!.toISOString());
  });

  it('answers 401 for unknown, revoked and expired tokens, and when the user left the organization', async () => {
    const { org, browsers } = await team(['owner', 'admin']);
    const unknown = await api(`rbk_${'x'.repeat(43)}`, 'GET', '/api/v1/candidates');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('unauthenticated');

    const revoked = await newToken(browsers[0]!, ['read']);
    const del = await browsers[0]!.delete(`/api/v1/api-tokens/${revoked.id}`);
    expect(del.statusCode).toBe(200);
    expect((await rowOf(revoked.id)).revokedAt).toBeInstanceOf(Date);
    const r1 = await api(revoked.token, 'GET', '/api/v1/candidates');
    expect(r1.statusCode).toBe(401);
    expect(r1.json().message).toBe('API token revoked');

    const expired = await newToken(browsers[0]!, ['read']);
    await sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${expired.id}`.execute(t.database.db);
    const r2 = await api(expired.token, 'GET', '/api/v1/candidates');
    expect(r2.statusCode).toBe(401);
    expect(r2.json().message).toBe('API token expired');

    const leaver = await newToken(browsers[1]!, ['read']);
    expect((await api(leaver.token, 'GET', '/api/v1/candidates')).statusCode).toBe(200);
    await orgQ.deleteMembership(t.database.db, org.orgId, org.members[1]!.id);
    const r3 = await api(leaver.token, 'GET', '/api/v1/candidates');
    expect(r3.statusCode).toBe(401);
    expect(r3.json().code).toBe('unauthenticated');
  });

  it('acts with the member’s current role: an admin demoted to interviewer loses admin routes at once', async () => {
    const { org, browsers } = await team(['owner', 'admin']);
    const tok = await newToken(browsers[1]!, ['read']);
    expect((await api(tok.token, 'GET', '/api/v1/audit')).statusCode).toBe(200);
    await orgQ.updateMembership(t.database.db, org.orgId, org.members[1]!.id, { role: 'interviewer' });
    expect((await api(tok.token, 'GET', '/api/v1/audit')).statusCode).toBe(403);
  });

  it('cannot manage tokens or reach the session routes, whatever its scopes', async () => {
    const { browsers } = await team(['owner']);
    const tok = await newToken(browsers[0]!, ['read', 'write']);
    expect((await api(tok.token, 'POST', '/api/v1/api-tokens', { name: 'escalate', scopes: ['write'] })).statusCode).toBe(403);
    expect((await api(tok.token, 'GET', '/api/v1/api-tokens')).statusCode).toBe(403);
    expect((await api(tok.token, 'DELETE', `/api/v1/api-tokens/${tok.id}`)).statusCode).toBe(403);
    expect((await api(tok.token, 'GET', '/api/v1/auth/session')).statusCode).toBe(403);
    expect((await api(tok.token, 'GET', '/api/v1/auth/sessions')).statusCode).toBe(403);
    expect((await api(tok.token, 'POST', '/api/v1/auth/two-factor/enrol', {})).statusCode).toBe(403);
    expect((await rowOf(tok.id)).revokedAt).toBeNull();
  });

  it('answers 404 when revoking another organization’s token, and never touches it', async () => {
    const a = await team(['owner']);
    const b = await team(['owner']);
    const theirs = await newToken(b.browsers[0]!, ['read']);
    await expectOtherOrgIdsNotFound(t.app, a.browsers[0]!, '/api/v1/api-tokens', [{ method: 'DELETE', route: '/api/v1/api-tokens/:id', params: { id: theirs.id } }], [theirs.prefix]);
    expect((await rowOf(theirs.id)).revokedAt).toBeNull();
    expect((await api(theirs.token, 'GET', '/api/v1/candidates')).statusCode).toBe(200);
  });

  it('leaves the cookie path as it was: a session still needs Origin and CSRF on unsafe requests', async () => {
    const { browsers } = await team(['owner']);
    const b = browsers[0]!;
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/candidates',
      headers: { host: 'localhost', origin: 'http://localhost', cookie: `rubric_session=${b.cookie}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Cy Dale', email: 'cy.dale@example.test' }),
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
