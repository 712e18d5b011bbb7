import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn, uniqueEmail } from '../../server/testing/factories.ts';
import { openTestDatabase } from '../../server/testing/test-db.ts';
import type { Database } from '../../server/db/connect.ts';

let database: Database;
let t: TestApp;
const clock = new TestClock();
beforeAll(async () => {
  database = await openTestDatabase();
  t = await openTestApp({ clock, database, env: { SESSION_IDLE_HOURS: '2', SESSION_MAX_DAYS: '1' } });
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

describe('sessions', () => {
  it('expire after the idle time, and are kept alive by use', async () => {
    const org = await createOrg(database.db, ['owner']);
    const b = await signedIn(t.app, org.members[0]!.email);
    clock.advance(90 * 60_000);
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(200);
    clock.advance(90 * 60_000); // 3 h since sign-in, 1.5 h since last use
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(200);
    clock.advance(2 * 3_600_000 + 1);
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('expire at the absolute limit however active', async () => {
    const org = await createOrg(database.db, ['owner']);
    const b = await signedIn(t.app, org.members[0]!.email);
    for (let h = 0; h < 23; h++) {
      clock.advance(3_600_000);
      expect((await b.get('/api/v1/auth/session')).statusCode).toBe(200);
    }
    clock.advance(3_600_000 + 1);
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('sends a single-use link; the new password works, the old one and old sessions do not', async () => {
    const org = await createOrg(database.db, ['owner', 'interviewer']);
    const email = org.members[1]!.email;
    const oldSession = await signedIn(t.app, email);
    const anon = new Browser(t.app, '10.4.0.1');
    const unknown = await anon.post('/api/v1/auth/password-reset', { email: uniqueEmail('nobody') });
    const known = await anon.post('/api/v1/auth/password-reset', { email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);

    // the owner sees the held reset email of their member in the outbox
    const owner = await signedIn(t.app, org.members[0]!.email);
    const mail = (await owner.get('/api/v1/outbox')).json().items.find((m: { kind: string }) => m.kind === 'password_reset');
    expect(mail.to).toBe(email);
    const token = mail.body.match(/\/reset-password\/([A-Za-z0-9_-]+)/)[1];

    const weak = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const done = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'brand new password 1' });
    expect(done.statusCode).toBe(200);
    expect((await oldSession.get('/api/v1/auth/session')).statusCode).toBe(401);
    const again = await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'another new password' });
    expect(again.statusCode).toBe(400);
    expect(again.json().details.issues[0].path).toBe('token');
    expect((await new Browser(t.app, '10.4.0.2').post('/api/v1/auth/sign-in', { email, password: 'factory-password-1' })).statusCode).toBe(401);
    expect((await new Browser(t.app, '10.4.0.3').post('/api/v1/auth/sign-in', { email, password: 'brand new password 1' })).statusCode).toBe(200);
  });

  it('expires reset links after an hour', async () => {
    const org = await createOrg(database.db, ['owner']);
    const email = org.members[0]!.email;
    const anon = new Browser(t.app, '10.4.1.1');
    await anon.post('/api/v1/auth/password-reset', { email });
    const owner = await signedIn(t.app, email);
    const mail = (await owner.get('/api/v1/outbox')).json().items[0];
    const token = mail.body.match(/\/reset-password\/([A-Za-z0-9_-]+)/)[1];
    clock.advance(61 * 60_000);
    expect((await anon.post('/api/v1/auth/password-reset/complete', { token, password: 'brand new password 2' })).statusCode).toBe(400);
  });
});

describe('sign-up policy', () => {
  it('refuses a duplicate email with 409 and writes nothing', async () => {
    const org = await createOrg(database.db, ['owner']);
    const res = await new Browser(t.app, '10.5.0.1').post('/api/v1/auth/sign-up', {
      name: 'Dup',
      email: org.members[0]!.email,
      password: 'long enough pass',
      organizationName: 'Dup Org',
    });
    expect(res.statusCode).toBe(409);
    const orgs = await database.db.selectFrom('organizations').select('id').where('name', '=', 'Dup Org').execute();
    expect(orgs).toEqual([]);
  });

  it('SIGNUP=invite refuses sign-up; SIGNUP=first-user allows only the first account', async () => {
    const inviteOnly = await openTestApp({ env: { SIGNUP: 'invite' } });
    const body = { name: 'A', email: uniqueEmail(), password: 'long enough pass', organizationName: 'Org A' };
    const r1 = await new Browser(inviteOnly.app).post('/api/v1/auth/sign-up', body);
    expect(r1.statusCode).toBe(403);
    expect((await inviteOnly.app.inject({ url: '/api/meta' })).json()).toMatchObject({ signup: 'invite', signupOpen: false });
    await inviteOnly.close();

    const firstUser = await openTestApp({ env: { SIGNUP: 'first-user' } });
    expect((await firstUser.app.inject({ url: '/api/meta' })).json().signupOpen).toBe(true);
    expect((await new Browser(firstUser.app, '10.6.0.1').post('/api/v1/auth/sign-up', body)).statusCode).toBe(201);
    const second = await new Browser(firstUser.app, '10.6.0.2').post('/api/v1/auth/sign-up', { ...body, email: uniqueEmail() });
    expect(second.statusCode).toBe(403);
    expect((await firstUser.app.inject({ url: '/api/meta' })).json().signupOpen).toBe(false);
    await firstUser.close();
  });
});
