import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn, uniqueEmail } from '../../server/testing/factories.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t?.close();
});

function inviteTokenFrom(body: string): string {
  const m = body.match(/\/invite\/([A-Za-z0-9_-]+)/);
  if (!m?.[1]) throw new Error('no invite link in: ' + body);
  return m[1];
}

describe('sign-up → invite → accept → role change → removal', () => {
  it('walks the whole member lifecycle through the API', async () => {
    const owner = new Browser(t.app, '10.1.0.1');
    const ownerEmail = uniqueEmail('founder');
    const signUp = await owner.post('/api/v1/auth/sign-up', {
      name: 'Grace Founder',
      email: ownerEmail.toUpperCase(),
      password: 'a long enough password',
      organizationName: 'Acme Robotics',
    });
    expect(signUp.statusCode).toBe(201);
    const session = signUp.json();
    expect(session.user.email).toBe(ownerEmail.toLowerCase());
    expect(session.organization).toMatchObject({ name: 'Acme Robotics', role: 'owner' });
    expect(session.organization.slug).toMatch(/^acme-robotics(-\d+)?$/);
    expect(signUp.cookies.find((c) => c.name === 'rubric_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    // log out, log in again: a new session id (rotation)
    const firstCookie = owner.cookie;
    expect((await owner.post('/api/v1/auth/sign-out')).statusCode).toBe(200);
    expect((await owner.get('/api/v1/auth/session')).statusCode).toBe(401);
    const signIn = await owner.post('/api/v1/auth/sign-in', { email: ownerEmail, password: 'a long enough password' });
    expect(signIn.statusCode).toBe(200);
    expect(owner.cookie).toBeDefined();
    expect(owner.cookie).not.toBe(firstCookie);

    // invite a recruiter; the email is held in the outbox (no SMTP)
    const inviteeEmail = uniqueEmail('recruiter');
    const invite = await owner.post('/api/v1/invitations', { email: inviteeEmail, role: 'recruiter' });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ email: inviteeEmail, role: 'recruiter', status: 'pending', invitedByName: 'Grace Founder' });
    const outbox = await owner.get('/api/v1/outbox');
    expect(outbox.statusCode).toBe(200);
    const mail = outbox.json().items.find((m: { to: string }) => m.to === inviteeEmail);
    expect(mail).toMatchObject({ status: 'held', kind: 'invitation' });
    expect(mail.subject).toContain('Acme Robotics');
    const token = inviteTokenFrom(mail.body);

    // the invitee looks at the link and accepts it, creating an account
    const invitee = new Browser(t.app, '10.1.0.2');
    const info = await invitee.get(`/api/v1/invites/${token}`);
    expect(info.json()).toMatchObject({ organizationName: 'Acme Robotics', email: inviteeEmail, role: 'recruiter', hasAccount: false });
    const shortPw = await invitee.post(`/api/v1/invites/${token}/accept`, { name: 'Rae Cruiter', password: 'short' });
    expect(shortPw.statusCode).toBe(400);
    expect(shortPw.json().details.issues[0].path).toBe('password');
    const accepted = await invitee.post(`/api/v1/invites/${token}/accept`, { name: 'Rae Cruiter', password: 'another long password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().organization).toMatchObject({ name: 'Acme Robotics', role: 'recruiter' });
    // single use
    expect((await new Browser(t.app).get(`/api/v1/invites/${token}`)).statusCode).toBe(404);
    const reuse = await new Browser(t.app).post(`/api/v1/invites/${token}/accept`, { name: 'X', password: 'another long password' });
    expect(reuse.statusCode).toBe(404);

    // the member list shows both; the recruiter cannot manage members
    const members = (await owner.get('/api/v1/members')).json().items;
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [ownerEmail.toLowerCase(), 'owner'],
      [inviteeEmail, 'recruiter'],
    ]);
    const recruiterId = members[1].userId;
    const denied = await invitee.patch(`/api/v1/members/${session.user.id}`, { role: 'interviewer' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');

    // role change
    const changed = await owner.patch(`/api/v1/members/${recruiterId}`, { role: 'hiring_manager' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().role).toBe('hiring_manager');
    expect((await invitee.get('/api/v1/auth/session')).json().organization.role).toBe('hiring_manager');

    // removal ends the member's session in this organization
    expect((await owner.delete(`/api/v1/members/${recruiterId}`)).statusCode).toBe(200);
    expect((await invitee.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await owner.get('/api/v1/members')).json().items).toHaveLength(1);

    // the audit log recorded the lifecycle, without personal data
    const auditRes = await owner.get('/api/v1/audit?limit=50');
    const actions = auditRes.json().items.map((e: { action: string }) => e.action);
    for (const a of ['org.created', 'auth.sign_up', 'auth.sign_in', 'member.invited', 'member.joined', 'member.role_changed', 'member.removed']) {
      expect(actions).toContain(a);
    }
    expect(auditRes.body).not.toContain(inviteeEmail);
  });

  it('keeps the last owner', async () => {
    const org = await createOrg(t.database.db, ['owner', 'admin']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const demote = await owner.patch(`/api/v1/members/${org.members[0]!.id}`, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    const admin = await signedIn(t.app, org.members[1]!.email);
    const adminRemovesOwner = await admin.delete(`/api/v1/members/${org.members[0]!.id}`);
    expect(adminRemovesOwner.statusCode).toBe(403);
    const adminPromotes = await admin.patch(`/api/v1/members/${org.members[1]!.id}`, { role: 'owner' });
    expect(adminPromotes.statusCode).toBe(403);
    expect((await owner.patch(`/api/v1/members/${org.members[1]!.id}`, { role: 'owner' })).statusCode).toBe(200);
    expect((await owner.patch(`/api/v1/members/${org.members[0]!.id}`, { role: 'admin' })).statusCode).toBe(200);
  });

  it('links an existing account on accept, with its password, and lets the user switch organizations', async () => {
    const a = await createOrg(t.database.db, ['owner']);
    const b = await createOrg(t.database.db, ['owner', 'interviewer']);
    const ownerA = await signedIn(t.app, a.members[0]!.email);
    const existing = b.members[1]!;
    await ownerA.post('/api/v1/invitations', { email: existing.email, role: 'interviewer' });
    const mail = (await ownerA.get('/api/v1/outbox')).json().items[0];
    const token = inviteTokenFrom(mail.body);
    const visitor = new Browser(t.app, '10.1.0.9');
    expect((await visitor.get(`/api/v1/invites/${token}`)).json().hasAccount).toBe(true);
    const wrong = await visitor.post(`/api/v1/invites/${token}/accept`, { password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    const ok = await visitor.post(`/api/v1/invites/${token}/accept`, { password: 'factory-password-1' });
    expect(ok.statusCode).toBe(200);
    const info = ok.json();
    expect(info.memberships.map((m: { organizationId: string }) => m.organizationId).sort()).toEqual([a.orgId, b.orgId].sort());
    expect(info.organization.id).toBe(a.orgId);
    const switched = await visitor.post('/api/v1/auth/switch-organization', { organizationId: b.orgId });
    expect(switched.json().organization.id).toBe(b.orgId);
    const notMine = await visitor.post('/api/v1/auth/switch-organization', { organizationId: (await createOrg(t.database.db)).orgId });
    expect(notMine.statusCode).toBe(404);
  });
});

describe('protection', () => {
  it('answers 429 with Retry-After after repeated wrong passwords for one account', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const email = org.members[0]!.email;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // different addresses: the per-account limit (5) trips before the per-address one
      const res = await new Browser(t.app, `10.2.0.${i + 1}`).post('/api/v1/auth/sign-in', { email, password: 'wrong password!' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.json().code).toBe('rate_limited');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // even the right password is refused until the window passes
    const right = await new Browser(t.app, '10.2.1.1').post('/api/v1/auth/sign-in', { email, password: 'factory-password-1' });
    expect(right.statusCode).toBe(429);
  });

  it('rejects a state change without the CSRF token, or from another origin', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const noToken = await owner.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'interviewer' }, { 'x-csrf-token': '' });
    expect(noToken.statusCode).toBe(403);
    const evil = await owner.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'interviewer' }, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    const noOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { host: 'localhost', cookie: `rubric_session=${owner.cookie}`, 'x-csrf-token': owner.csrf!, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: uniqueEmail(), role: 'interviewer' }),
    });
    expect(noOrigin.statusCode).toBe(403);
    const invitations = (await owner.get('/api/v1/invitations')).json().items;
    expect(invitations).toHaveLength(0);
  });

  it('answers malformed bodies with 400 in the error shape and writes nothing', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const cases: [unknown, string][] = [
      ['{"email": ', '(root)'],
      [{ email: 'not-an-email', role: 'interviewer' }, 'email'],
      [{ email: uniqueEmail(), role: 'emperor' }, 'role'],
      [{ email: uniqueEmail(), role: 'interviewer', extra: 1 }, '(root)'],
      [[1, 2], '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.request('POST', '/api/v1/invitations', body);
      expect(res.statusCode).toBe(400);
      const json = res.json();
      expect(json.code).toBe('invalid');
      expect(typeof json.requestId).toBe('string');
      expect(res.headers['x-request-id']).toBe(json.requestId);
      if (json.details) expect(json.details.issues[0].path).toBe(field);
    }
    const tooBig = await owner.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'interviewer', pad: 'x'.repeat(1_100_000) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('payload_too_large');
    expect((await owner.get('/api/v1/invitations')).json().items).toHaveLength(0);
    expect((await owner.get('/api/v1/outbox')).json().items).toHaveLength(0);
    const badSignUp = await new Browser(t.app, '10.3.0.1').post('/api/v1/auth/sign-up', {
      name: '',
      email: 'x@',
      password: 'short',
      organizationName: 'A',
    });
    expect(badSignUp.statusCode).toBe(400);
    expect(badSignUp.json().details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'name', 'organizationName', 'password']);
  });

  it('refuses a password equal to the email', async () => {
    const email = uniqueEmail('same');
    const res = await new Browser(t.app, '10.3.0.2').post('/api/v1/auth/sign-up', { name: 'Same', email, password: email, organizationName: 'Same Org' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('password');
  });

  it('requires sign-in and membership', async () => {
    const anon = new Browser(t.app);
    const res = await anon.get('/api/v1/members');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
    const org = await createOrg(t.database.db, ['interviewer']);
    const interviewer = await signedIn(t.app, org.members[0]!.email);
    expect((await interviewer.get('/api/v1/outbox')).statusCode).toBe(403);
    expect((await interviewer.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await interviewer.get('/api/v1/members')).statusCode).toBe(200);
  });

  it("answers 404, never data, for another organization's ids", async () => {
    const a = await createOrg(t.database.db, ['owner', 'recruiter']);
    const ownerA = await signedIn(t.app, a.members[0]!.email);
    const inv = (await ownerA.post('/api/v1/invitations', { email: uniqueEmail('secret'), role: 'interviewer' })).json();
    const mailId = (await ownerA.get('/api/v1/outbox')).json().items[0].id;
    const b = await createOrg(t.database.db, ['owner']);
    const ownerB = await signedIn(t.app, b.members[0]!.email);
    await expectOtherOrgIdsNotFound(
      t.app,
      ownerB,
      ['/api/v1/members', '/api/v1/invitations', '/api/v1/outbox'],
      [
        { method: 'PATCH', route: '/api/v1/members/:userId', params: { userId: a.members[1]!.id }, body: { role: 'interviewer' } },
        { method: 'DELETE', route: '/api/v1/members/:userId', params: { userId: a.members[1]!.id } },
        { method: 'DELETE', route: '/api/v1/invitations/:id', params: { id: inv.id } },
        { method: 'GET', route: '/api/v1/outbox/:id', params: { id: mailId } },
        { method: 'GET', route: '/api/v1/outbox/:id/attachments/:index', params: { id: mailId, index: '0' } },
      ],
      [a.members[1]!.email, inv.email],
    );
    // nothing changed in org A
    const members = (await ownerA.get('/api/v1/members')).json().items;
    expect(members.find((m: { userId: string }) => m.userId === a.members[1]!.id).role).toBe('recruiter');
    expect((await ownerA.get('/api/v1/invitations')).json().items[0].status).toBe('pending');
  });
});

describe('pagination and idempotency', () => {
  it('pages members with an opaque cursor', async () => {
    const org = await createOrg(t.database.db, ['owner', 'admin', 'recruiter', 'interviewer', 'interviewer']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await owner.get(url)).json();
      seen.push(...page.items.map((m: { userId: string }) => m.userId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(org.members.map((m) => m.id).sort());
    const bad = await owner.get('/api/v1/members?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('cursor');
    expect((await owner.get('/api/v1/members?limit=0')).statusCode).toBe(400);
  });

  it('replays a create with the same Idempotency-Key and refuses a different body', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const email = uniqueEmail('idem');
    const first = await owner.post('/api/v1/invitations', { email, role: 'interviewer' }, { 'idempotency-key': 'k-1' });
    const second = await owner.post('/api/v1/invitations', { email, role: 'interviewer' }, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replay']).toBe('true');
    const other = await owner.post('/api/v1/invitations', { email, role: 'recruiter' }, { 'idempotency-key': 'k-1' });
    expect(other.statusCode).toBe(409);
    const all = (await owner.get('/api/v1/invitations')).json().items;
    expect(all).toHaveLength(1);
    expect((await owner.get('/api/v1/outbox')).json().items).toHaveLength(1);
  });
});
