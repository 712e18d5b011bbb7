import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../core/auth/totp.ts';
import { Browser, openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, FACTORY_PASSWORD, signedIn } from '../../server/testing/factories.ts';
import { openTestDatabase } from '../../server/testing/test-db.ts';
import type { Database } from '../../server/db/connect.ts';

let database: Database;
let t: TestApp;
const clock = new TestClock();
beforeAll(async () => {
  database = await openTestDatabase();
  t = await openTestApp({ clock, database });
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

let ipSeq = 0;
const freshIp = () => `10.77.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

/** Enrols the signed-in browser's account; returns the secret and the recovery codes. */
async function enrol(b: Browser) {
  const start = await b.post('/api/v1/auth/two-factor/enrol');
  expect(start.statusCode).toBe(200);
  const { secret, otpauthUri } = start.json() as { secret: string; otpauthUri: string };
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Rubric:.+\?secret=[A-Z2-7]+&issuer=Rubric/);
  const key = base32Decode(secret);
  const confirm = await b.post('/api/v1/auth/two-factor/confirm', { code: totp(key, clock.now()) });
  expect(confirm.statusCode).toBe(200);
  const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
  expect(recoveryCodes).toHaveLength(10);
  clock.advance(30_000); // the confirming code's step is used
  return { key, recoveryCodes };
}

async function passwordStep(email: string) {
  const b = new Browser(t.app, freshIp());
  const res = await b.post('/api/v1/auth/sign-in', { email, password: FACTORY_PASSWORD });
  expect(res.statusCode).toBe(200);
  return { b, res };
}

describe('two-factor sign-in', () => {
  it('enrol → sign-in needs a code; wrong code 401, right code a session, replay refused, recovery code once', async () => {
    const org = await createOrg(database.db, ['owner']);
    const email = org.members[0]!.email;
    const owner = await signedIn(t.app, email, freshIp());
    expect((await owner.get('/api/v1/auth/two-factor')).json()).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    const { key, recoveryCodes } = await enrol(owner);
    expect((await owner.get('/api/v1/auth/two-factor')).json()).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expect((await owner.get('/api/v1/auth/session')).json().twoFactor).toEqual({ enabled: true, setupRequired: false });
    // the secret is never returned again
    expect((await owner.post('/api/v1/auth/two-factor/enrol')).statusCode).toBe(409);
    const stored = await database.db.selectFrom('userTwoFactor').select('secretEncrypted').where('userId', '=', org.members[0]!.id).executeTakeFirstOrThrow();
    expect(stored.secretEncrypted).not.toContain(Buffer.from(key).toString('base64url'));
    const hashes = await database.db.selectFrom('recoveryCodes').select('codeHash').where('userId', '=', org.members[0]!.id).execute();
    expect(hashes.map((h) => h.codeHash)).not.toContain(recoveryCodes[0]);

    // password alone: no session, only a pending sign-in
    const { b, res } = await passwordStep(email);
    expect(res.json()).toMatchObject({ secondFactorRequired: true });
    expect(res.json().csrfToken).toBeUndefined();
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await b.get('/api/v1/members')).statusCode).toBe(401);

    const good = totp(key, clock.now());
    const wrong = good === '000000' ? '111111' : '000000';
    const bad = await b.post('/api/v1/auth/sign-in/second-factor', { code: wrong });
    expect(bad.statusCode).toBe(401);
    const ok = await b.post('/api/v1/auth/sign-in/second-factor', { code: good });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email);
    expect((await b.get('/api/v1/members')).statusCode).toBe(200);

    // the same code within its step is refused (replay)
    const { b: b2 } = await passwordStep(email);
    expect((await b2.post('/api/v1/auth/sign-in/second-factor', { code: good })).statusCode).toBe(401);
    // a recovery code works once
    const rec = await b2.post('/api/v1/auth/sign-in/second-factor', { recoveryCode: recoveryCodes[0]!.toUpperCase() });
    expect(rec.statusCode).toBe(200);
    expect((await b2.get('/api/v1/auth/session')).statusCode).toBe(200);
    const { b: b3 } = await passwordStep(email);
    expect((await b3.post('/api/v1/auth/sign-in/second-factor', { recoveryCode: recoveryCodes[0]! })).statusCode).toBe(401);
    expect((await owner.get('/api/v1/auth/two-factor')).json().recoveryCodesLeft).toBe(9);

    const actions = await database.db.selectFrom('auditLog').select('action').where('orgId', '=', org.orgId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.two_factor_enabled', 'auth.recovery_code_used']));
  });

  it('a pending sign-in expires, and without one the second step answers 401', async () => {
    const org = await createOrg(database.db, ['owner']);
    const email = org.members[0]!.email;
    const { key } = await enrol(await signedIn(t.app, email, freshIp()));
    expect((await new Browser(t.app, freshIp()).post('/api/v1/auth/sign-in/second-factor', { code: totp(key, clock.now()) })).statusCode).toBe(401);
    const { b } = await passwordStep(email);
    clock.advance(11 * 60_000);
    expect((await b.post('/api/v1/auth/sign-in/second-factor', { code: totp(key, clock.now()) })).statusCode).toBe(401);
  });

  it('rate-limits second-step attempts per account', async () => {
    const org = await createOrg(database.db, ['owner']);
    const email = org.members[0]!.email;
    const { key } = await enrol(await signedIn(t.app, email, freshIp()));
    const { b } = await passwordStep(email);
    const good = totp(key, clock.now());
    const wrong = good === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await b.post('/api/v1/auth/sign-in/second-factor', { code: wrong })).statusCode);
    expect(statuses).toContain(429);
    expect((await b.post('/api/v1/auth/sign-in/second-factor', { code: good })).statusCode).toBe(429);
  });

  it('disable needs a current code or the password', async () => {
    const org = await createOrg(database.db, ['owner']);
    const email = org.members[0]!.email;
    const owner = await signedIn(t.app, email, freshIp());
    await enrol(owner);
    expect((await owner.post('/api/v1/auth/two-factor/disable', {})).statusCode).toBe(400);
    expect((await owner.post('/api/v1/auth/two-factor/disable', { password: 'not the password' })).statusCode).toBe(400);
    expect((await owner.post('/api/v1/auth/two-factor/disable', { password: FACTORY_PASSWORD })).statusCode).toBe(200);
    expect((await owner.get('/api/v1/auth/two-factor')).json().enabled).toBe(false);
    // sign-in is one step again
    const { res } = await passwordStep(email);
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const actions = await database.db.selectFrom('auditLog').select('action').where('orgId', '=', org.orgId).execute();
    expect(actions.map((a) => a.action)).toContain('auth.two_factor_disabled');
  });

  it('counts failed disable attempts even when each carries an Idempotency-Key (no rollback of the count)', async () => {
    const org = await createOrg(database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email, freshIp());
    await enrol(owner);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await owner.post('/api/v1/auth/two-factor/disable', { password: `wrong password ${i}` }, { 'idempotency-key': `guess-${i}` })).statusCode);
    // The default per-account limit is 5: the sixth attempt is refused before the password is checked.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    expect((await owner.post('/api/v1/auth/two-factor/disable', { password: FACTORY_PASSWORD }, { 'idempotency-key': 'right' })).statusCode).toBe(429);
    expect(await database.db.selectFrom('idempotencyKeys').select('key').where('key', 'like', 'guess-%').execute()).toEqual([]);
  });
});

describe('invitations', () => {
  it('a password alone does not accept an invitation for an account with two-factor sign-in; signed in, it does', async () => {
    const a = await createOrg(database.db, ['owner']);
    const b = await createOrg(database.db, ['owner']);
    const invitee = b.members[0]!;
    const inviteeBrowser = await signedIn(t.app, invitee.email, freshIp());
    await enrol(inviteeBrowser);
    const ownerA = await signedIn(t.app, a.members[0]!.email, freshIp());
    expect((await ownerA.post('/api/v1/invitations', { email: invitee.email, role: 'interviewer' })).statusCode).toBe(201);
    const mail = (await ownerA.get('/api/v1/outbox')).json().items[0];
    const token = (mail.body as string).match(/\/invite\/([A-Za-z0-9_-]+)/)![1]!;
    const visitor = new Browser(t.app, freshIp());
    const refused = await visitor.post(`/api/v1/invites/${token}/accept`, { password: FACTORY_PASSWORD });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toMatch(/two-factor/);
    expect(visitor.cookie).toBeUndefined();
    const accepted = await inviteeBrowser.post(`/api/v1/invites/${token}/accept`, { password: 'ignored when signed in' });
    expect(accepted.statusCode).toBe(200);
  });
});

describe('organization enforcement', () => {
  it('members without two-factor reach only enrolment until they set it up', async () => {
    const org = await createOrg(database.db, ['owner', 'interviewer']);
    const owner = await signedIn(t.app, org.members[0]!.email, freshIp());
    // the owner must have it first
    const refused = await owner.patch('/api/v1/organization', { requireTwoFactor: true });
    expect(refused.statusCode).toBe(409);
    await enrol(owner);
    const on = await owner.patch('/api/v1/organization', { requireTwoFactor: true });
    expect(on.statusCode).toBe(200);
    expect(on.json().requireTwoFactor).toBe(true);

    const member = await signedIn(t.app, org.members[1]!.email, freshIp());
    const blocked = await member.get('/api/v1/members');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('two_factor_required');
    expect(blocked.json().message).toMatch(/two-factor/);
    const session = await member.get('/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().twoFactor).toEqual({ enabled: false, setupRequired: true });
    expect((await member.get('/api/v1/auth/sessions')).statusCode).toBe(200);

    await enrol(member);
    expect((await member.get('/api/v1/members')).statusCode).toBe(200);
    expect((await owner.get('/api/v1/members')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('lists my sessions, revokes one, and signs out everywhere else', async () => {
    const org = await createOrg(database.db, ['owner', 'admin']);
    const email = org.members[0]!.email;
    const a = await signedIn(t.app, email, freshIp());
    const b = await signedIn(t.app, email, freshIp());
    const c = await signedIn(t.app, email, freshIp());
    const other = await signedIn(t.app, org.members[1]!.email, freshIp());

    const list = (await a.get('/api/v1/auth/sessions')).json().items as { id: string; current: boolean; createdAt: string }[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const mine = list.find((s) => s.current)!;
    const cId = ((await c.get('/api/v1/auth/sessions')).json().items as { id: string; current: boolean }[]).find((s) => s.current)!.id;

    // another user's session id is not found
    expect((await other.delete(`/api/v1/auth/sessions/${cId}`)).statusCode).toBe(404);
    expect((await a.delete(`/api/v1/auth/sessions/${cId}`)).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await a.get('/api/v1/auth/sessions')).json().items).toHaveLength(2);

    const out = await a.post('/api/v1/auth/sessions/sign-out-others');
    expect(out.json()).toEqual({ revoked: 1 });
    expect((await b.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await a.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/session')).statusCode).toBe(200);
    const items = (await a.get('/api/v1/auth/sessions')).json().items as { id: string }[];
    expect(items.map((s) => s.id)).toEqual([mine.id]);

    const actions = await database.db.selectFrom('auditLog').select(['action', 'details']).where('orgId', '=', org.orgId).execute();
    expect(actions.map((x) => x.action)).toEqual(expect.arrayContaining(['auth.session_revoked', 'auth.signed_out_everywhere']));
  });
});
