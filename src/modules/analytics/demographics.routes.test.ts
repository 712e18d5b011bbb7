import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, hiringWorld } from '../../server/testing/hiring.ts';
import { Browser, openTestApp, type TestApp, TestClock } from '../../server/testing/test-app.ts';
import * as orgQ from '../orgs/orgs.queries.ts';
import { DEMOGRAPHICS_WORDING_VERSION } from './analytics.contract.ts';

const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof hiringWorld>>;

/** iv3 holds the compliance grant (an interviewer: the grant is independent of the role). */
async function world() {
  const w = await hiringWorld(t);
  await orgQ.updateMembership(t.database.db, w.org.orgId, w.ids.iv3, { compliance: true });
  return w;
}

const outbox = (orgId: string) => t.database.db.selectFrom('outbox').selectAll().where('orgId', '=', orgId).where('kind', '=', 'demographics_request').execute();
const auditOf = (orgId: string, action: string) => t.database.db.selectFrom('auditLog').selectAll().where('orgId', '=', orgId).where('action', '=', action).execute();
const demographicsOf = (candidateId: string) => t.database.db.selectFrom('demographics').selectAll().where('candidateId', '=', candidateId).executeTakeFirst();
const consentsOf = (candidateId: string) => t.database.db.selectFrom('consents').selectAll().where('candidateId', '=', candidateId).where('kind', '=', 'demographics').execute();

/** Sends the request as the recruiter and returns the link path from the email. */
async function requestLink(w: World, candidateId: string) {
  const res = await w.as.recruiter.post(`/api/v1/candidates/${candidateId}/demographics/request`);
  expect(res.statusCode, res.body).toBe(201);
  const messages = await outbox(w.org.orgId);
  const text = messages.at(-1)!.bodyText;
  const path = /http:\/\/localhost(\/self-id\/[A-Za-z0-9_-]+)/.exec(text)![1]!;
  return { res, path, text };
}

/** Each POST from its own address, so the per-address hourly limit never interferes. */
let lastIp = 0;
function submit(path: string, fields: Record<string, string>, ip = `10.7.${Math.floor(++lastIp / 250)}.${lastIp % 250}`) {
  return t.app.inject({
    method: 'POST',
    url: path,
    remoteAddress: ip,
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

const page = (path: string) => new Browser(t.app, '10.7.0.2').request('GET', path, undefined, { accept: 'text/html' });

describe('reading a candidate’s demographics', () => {
  it('answers only members holding compliance, audits each read with ids only, and hides other organizations', async () => {
    const w = await world();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Lena Ortiz', 'lena.ortiz@example.test');
    const url = `/api/v1/candidates/${candidateId}/demographics`;

    const compliance = await signedIn(t.app, w.org.members.find((m) => m.id === w.ids.iv3)!.email);
    const before = await compliance.get(url);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ candidateId, provided: false, sex: null, raceEthnicity: null, ageBand: null, source: null, submittedAt: null, consentWordingVersion: null });

    const { path } = await requestLink(w, candidateId);
    expect((await submit(path, { sex: 'female', raceEthnicity: 'Hispanic or Latino', ageBand: '40 and over', consent: 'yes' })).statusCode).toBe(303);
    const after = await compliance.get(url);
    expect(after.json()).toMatchObject({ candidateId, provided: true, sex: 'female', raceEthnicity: 'Hispanic or Latino', ageBand: '40 and over', source: 'link', consentWordingVersion: DEMOGRAPHICS_WORDING_VERSION });

    for (const who of ['owner', 'admin', 'recruiter', 'hm', 'iv1'] as const) {
      const res = await w.as[who].get(url);
      expect({ who, status: res.statusCode }).toEqual({ who, status: 403 });
      expect(res.json().message).toBe('Only members holding the compliance grant may read individual demographics');
      expect(res.body).not.toContain('Hispanic');
    }

    const reads = await auditOf(w.org.orgId, 'demographics.read');
    expect(reads).toHaveLength(2); // once per request, never for the refused ones
    expect(reads.map((r) => [r.targetType, r.targetId, r.details])).toEqual([
      ['candidate', candidateId, {}],
      ['candidate', candidateId, {}],
    ]);

    // Another organization's compliance holder gets 404, never the data.
    const other = await createOrg(t.database.db, ['owner']);
    await orgQ.updateMembership(t.database.db, other.orgId, other.members[0]!.id, { compliance: true });
    const outsider = await signedIn(t.app, other.members[0]!.email);
    const foreign = await outsider.get(url);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('female');
    expect((await outsider.post(`/api/v1/candidates/${candidateId}/demographics/request`)).statusCode).toBe(404);
  });
});

describe('requesting self-identification', () => {
  it('emails a single-use link through the outbox with no demographic data, for owners, admins and recruiters only', async () => {
    const w = await world();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Noah Brandt', 'noah.brandt@example.test');
    const { res, path, text } = await requestLink(w, candidateId);
    expect(res.json()).toEqual({ sentTo: 'noah.brandt@example.test', expiresAt: new Date(clock.now().getTime() + 14 * DAY).toISOString() });
    expect(path).toMatch(/^\/self-id\/[A-Za-z0-9_-]{40,}$/);
    const [message] = await outbox(w.org.orgId);
    expect(message).toMatchObject({ toAddress: 'noah.brandt@example.test', status: 'held' });
    expect(text).toContain('voluntary');
    expect(text).toContain('decline');
    for (const word of ['female', 'male', 'Hispanic', 'White', 'Asian', 'under 40', '40 and over']) expect(message!.subject + text).not.toContain(word);
    // Only the hash of the token is stored.
    const token = path.split('/').pop()!;
    const links = await t.database.db.selectFrom('demographicLinks').selectAll().where('candidateId', '=', candidateId).execute();
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).not.toContain(token);
    expect(links[0]!.createdBy).toBe(w.ids.recruiter);
    expect((await auditOf(w.org.orgId, 'demographics.requested')).map((a) => [a.targetId, a.details])).toEqual([[candidateId, {}]]);

    expect((await w.as.admin.post(`/api/v1/candidates/${candidateId}/demographics/request`)).statusCode).toBe(201);
    expect((await w.as.owner.post(`/api/v1/candidates/${candidateId}/demographics/request`)).statusCode).toBe(201);
    expect((await w.as.hm.post(`/api/v1/candidates/${candidateId}/demographics/request`)).statusCode).toBe(403);
    expect((await w.as.iv3.post(`/api/v1/candidates/${candidateId}/demographics/request`)).statusCode).toBe(403);
    expect((await w.as.recruiter.post('/api/v1/candidates/00000000-0000-4000-8000-000000000000/demographics/request')).statusCode).toBe(404);
  });
});

describe('the self-identification page', () => {
  it('shows the three questions with decline options; stores the answers with a consent row; works once', async () => {
    const w = await world();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Mia Sato', 'mia.sato@example.test');
    const { path } = await requestLink(w, candidateId);

    const form = await page(path);
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).not.toMatch(/<script/i);
    expect(form.body).toContain('Answering is voluntary.');
    expect(form.body).toContain('never seen by interviewers or by the people who decide');
    expect(form.body).toContain('declining has no effect on your application');
    for (const legend of ['Sex', 'Race/ethnicity', 'Age', 'Consent']) expect(form.body).toContain(`<legend>${legend}</legend>`);
    for (const field of ['sex', 'raceEthnicity', 'ageBand']) expect(form.body).toContain(`name="${field}" value="declined"`);
    expect(form.body.match(/I decline to answer/g)!.length).toBeGreaterThanOrEqual(4);
    for (const v of ['Hispanic or Latino', 'White', 'Black or African American', 'Native Hawaiian or Other Pacific Islander', 'Asian', 'American Indian or Alaska Native', 'Two or More Races', 'under 40', '40 and over']) {
      expect(form.body).toContain(`value="${v}"`);
    }
    expect(form.body).toContain(`action="${path}"`);

    // A missing answer names the question; nothing is stored; what was chosen stays chosen.
    const missing = await submit(path, { sex: 'male', consent: 'yes' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Please answer Race/ethnicity, Age');
    expect(missing.body).toContain('id="raceEthnicity-error"');
    expect(missing.body).toContain('id="ageBand-error"');
    expect(missing.body).not.toContain('id="sex-error"');
    expect(missing.body).toContain('value="male" checked');
    const noConsent = await submit(path, { sex: 'male', raceEthnicity: 'declined', ageBand: 'declined' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('id="consent-error"');
    const bogus = await submit(path, { sex: 'robot', raceEthnicity: 'declined', ageBand: 'declined', consent: 'yes' });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.body).toContain('Please answer Sex');
    expect(await demographicsOf(candidateId)).toBeUndefined();
    expect(await consentsOf(candidateId)).toEqual([]);

    const ok = await submit(path, { sex: 'declined', raceEthnicity: 'Two or More Races', ageBand: 'under 40', consent: 'yes' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${path}?saved=1`);
    const thanks = await page(ok.headers.location!);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Your answers were saved');

    const row = await demographicsOf(candidateId);
    expect(row).toMatchObject({ orgId: w.org.orgId, sex: 'declined', raceEthnicity: 'Two or More Races', ageBand: 'under 40', source: 'link' });
    const consents = await consentsOf(candidateId);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ id: row!.consentId, orgId: w.org.orgId, wordingVersion: DEMOGRAPHICS_WORDING_VERSION, interviewId: null, recordedBy: null, withdrawnAt: null });
    const link = await t.database.db.selectFrom('demographicLinks').selectAll().where('candidateId', '=', candidateId).executeTakeFirstOrThrow();
    expect(link.usedAt).not.toBeNull();

    const submitted = await auditOf(w.org.orgId, 'demographics.submitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ targetType: 'candidate', targetId: candidateId, actorUserId: null, details: { source: 'link' } });
    expect(JSON.stringify(submitted[0]!.details)).not.toMatch(/declined|Two or More|under 40/);

    // The link cannot be reused: the page says so (409) and a second POST changes nothing.
    const used = await page(path);
    expect(used.statusCode).toBe(409);
    expect(used.body).toContain('This link was already used');
    const reuse = await submit(path, { sex: 'male', raceEthnicity: 'White', ageBand: 'under 40', consent: 'yes' });
    expect(reuse.statusCode).toBe(409);
    expect(await demographicsOf(candidateId)).toMatchObject({ sex: 'declined', raceEthnicity: 'Two or More Races' });
    expect(await consentsOf(candidateId)).toHaveLength(1);

    // A new link replaces the answers (one row per candidate) with a new consent row.
    const second = await requestLink(w, candidateId);
    expect((await submit(second.path, { sex: 'female', raceEthnicity: 'Asian', ageBand: 'declined', consent: 'yes' })).statusCode).toBe(303);
    expect(await demographicsOf(candidateId)).toMatchObject({ sex: 'female', raceEthnicity: 'Asian', ageBand: 'declined' });
    expect(await consentsOf(candidateId)).toHaveLength(2);
  });

  it('answers 410 for an expired link and 404 for an unknown token', async () => {
    const w = await world();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Omar Haddad', 'omar.haddad@example.test');
    const { path } = await requestLink(w, candidateId);
    clock.advance(14 * DAY + 1000);
    try {
      const expired = await page(path);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('This link has expired');
      expect((await submit(path, { sex: 'male', raceEthnicity: 'White', ageBand: 'under 40', consent: 'yes' })).statusCode).toBe(410);
      expect(await demographicsOf(candidateId)).toBeUndefined();
    } finally {
      clock.advance(-(14 * DAY + 1000));
    }
    const unknown = await page('/self-id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect((await page('/self-id/short')).statusCode).toBe(404);
    expect((await submit('/self-id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { sex: 'male' })).statusCode).toBe(404);
  });

  it('limits submissions per address', async () => {
    const limited = await openTestApp({ env: { RATE_LIMIT_APPLY_IP: '1' } });
    try {
      const post = () =>
        limited.app.inject({
          method: 'POST',
          url: '/self-id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          remoteAddress: '10.6.0.1',
          headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'sex=male',
        });
      expect((await post()).statusCode).toBe(404);
      const second = await post();
      expect(second.statusCode).toBe(429);
      expect(second.headers['retry-after']).toBeDefined();
      expect(second.body).toContain('Too many submissions');
    } finally {
      await limited.close();
    }
  });

  it('escapes the candidate and organization names (stored XSS)', async () => {
    const w = await world();
    await t.database.db.updateTable('organizations').set({ name: 'Evil <img src=x onerror=alert(2)> Corp' }).where('id', '=', w.org.orgId).execute();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, '<script>alert(1)</script> Eve', 'eve.xss@example.test');
    const { path } = await requestLink(w, candidateId);
    const form = await page(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('<script>alert(1)</script>');
    expect(form.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve');
    expect(form.body).not.toContain('<img src=x');
    expect(form.body).toContain('Evil &lt;img src=x onerror=alert(2)&gt; Corp');
    const again = await submit(path, { consent: 'yes' });
    expect(again.body).not.toContain('<script>alert(1)</script>');
    expect(again.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve');
  });
});

describe('importing demographics with candidates', () => {
  const csv = [
    'name,email,sex,race_ethnicity,age_band',
    'Ivy Chen,ivy.chen@example.test,FEMALE,asian,Under 40',
    'Tom Reyes,tom.reyes@example.test,declined,Declined,40 and over',
    'Plain Person,plain.person@example.test,,,',
  ].join('\n');

  it('refuses demographic columns from members without compliance, naming each column, and imports nothing', async () => {
    const w = await world();
    const res = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/candidates/import`, { csv });
    expect(res.statusCode).toBe(400);
    const reason = 'Only members holding the compliance grant may import demographics';
    expect(res.json().details.errors).toEqual([
      { line: 2, column: 'sex', reason },
      { line: 2, column: 'race_ethnicity', reason },
      { line: 2, column: 'age_band', reason },
      { line: 3, column: 'sex', reason },
      { line: 3, column: 'race_ethnicity', reason },
      { line: 3, column: 'age_band', reason },
    ]);
    expect((await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications`)).json().items).toEqual([]);
    // skipInvalid imports only the row without demographics.
    const skipped = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/candidates/import`, { csv, skipInvalid: true })).json();
    expect(skipped).toMatchObject({ imported: 1, rows: 3 });
    expect(await t.database.db.selectFrom('demographics').selectAll().where('orgId', '=', w.org.orgId).execute()).toEqual([]);
  });

  it('stores valid demographics (any case) with source import and a consent row for compliance holders; names bad values', async () => {
    const w = await world();
    await orgQ.updateMembership(t.database.db, w.org.orgId, w.ids.recruiter, { compliance: true });
    const url = `/api/v1/jobs/${w.job.id}/candidates/import`;
    const bad = await w.as.recruiter.post(url, { csv: 'name,email,sex,race_ethnicity,age_band\nA Person,a.person@example.test,other,Asian,\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.errors).toEqual([
      { line: 2, column: 'sex', reason: 'Use one of: female, male, declined' },
      { line: 2, column: 'age_band', reason: 'Give all three of sex, race_ethnicity, age_band or none (use "declined" for a question the candidate declined)' },
    ]);

    const res = await w.as.recruiter.post(url, { csv });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 3, errors: [] });
    const rows = await t.database.db
      .selectFrom('demographics as d')
      .innerJoin('candidates as c', 'c.id', 'd.candidateId')
      .select(['c.email', 'd.sex', 'd.raceEthnicity', 'd.ageBand', 'd.source', 'd.consentId'])
      .where('d.orgId', '=', w.org.orgId)
      .orderBy('c.email')
      .execute();
    expect(rows.map(({ consentId: _, ...r }) => r)).toEqual([
      { email: 'ivy.chen@example.test', sex: 'female', raceEthnicity: 'Asian', ageBand: 'under 40', source: 'import' },
      { email: 'tom.reyes@example.test', sex: 'declined', raceEthnicity: 'declined', ageBand: '40 and over', source: 'import' },
    ]);
    const consents = await t.database.db.selectFrom('consents').selectAll().where('orgId', '=', w.org.orgId).where('kind', '=', 'demographics').execute();
    expect(consents.map((c) => c.id).sort()).toEqual(rows.map((r) => r.consentId).sort());
    expect(consents.every((c) => c.recordedBy === w.ids.recruiter && c.wordingVersion === DEMOGRAPHICS_WORDING_VERSION)).toBe(true);
    const [entry] = await auditOf(w.org.orgId, 'candidates.imported');
    expect(entry!.details).toEqual({ imported: 3, linkedExisting: 0, skipped: 0, demographics: 2 });
  });
});
