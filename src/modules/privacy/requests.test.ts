import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, hiringWorld } from '../../server/testing/hiring.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { Browser, openTestApp, type TestApp, TestClock } from '../../server/testing/test-app.ts';

const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof hiringWorld>>;

const outbox = (orgId: string, kind: string) => t.database.db.selectFrom('outbox').selectAll().where('orgId', '=', orgId).where('kind', '=', kind).orderBy('createdAt').execute();
const auditOf = (orgId: string, action: string) => t.database.db.selectFrom('auditLog').selectAll().where('orgId', '=', orgId).where('action', '=', action).orderBy('id').execute();

let lastIp = 0;
function submit(path: string, fields: Record<string, string>) {
  lastIp++;
  return t.app.inject({
    method: 'POST',
    url: path,
    remoteAddress: `10.8.${Math.floor(lastIp / 250)}.${lastIp % 250}`,
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}
const page = (path: string) => new Browser(t.app, '10.8.200.2').request('GET', path, undefined, { accept: 'text/html' });

async function sendLink(w: World, candidateId: string) {
  const res = await w.as.recruiter.post(`/api/v1/candidates/${candidateId}/privacy-link`);
  expect(res.statusCode, res.body).toBe(201);
  const path = new URL(res.json().url as string).pathname;
  return { res, path };
}

describe('the notice link', () => {
  it('is created by a recruiter, emailed through the outbox with the link, and audited with ids only', async () => {
    const w = await hiringWorld(t);
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Noor Haddad', 'noor.haddad@example.test');
    const { res, path } = await sendLink(w, candidateId);
    const body = res.json();
    expect(body.sentTo).toBe('noor.haddad@example.test');
    expect(body.url).toMatch(/^http:\/\/localhost(:\d+)?\/my-data\/[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(new Date(clock.now().getTime() + 30 * DAY).toISOString());
    const mails = await outbox(w.org.orgId, 'privacy_notice');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe('noor.haddad@example.test');
    expect(mails[0]!.bodyText).toContain(body.url);
    // Only the hash of the token is stored.
    const links = await t.database.db.selectFrom('privacyLinks').selectAll().where('candidateId', '=', candidateId).execute();
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).not.toContain(path.split('/').pop()!);
    const entries = await auditOf(w.org.orgId, 'privacy.link_created');
    expect(entries.map((e) => [e.targetType, e.targetId, e.details])).toEqual([['candidate', candidateId, { linkId: links[0]!.id }]]);
    // Interviewers may not send it; another organization's candidate is 404.
    expect((await w.as.iv1.post(`/api/v1/candidates/${candidateId}/privacy-link`)).statusCode).toBe(403);
  });
});

describe('the notice and request page', () => {
  it('shows the organization, retention in plain words and the competencies per job, escaping everything', async () => {
    const w = await hiringWorld(t);
    await t.database.db.updateTable('openings').set({ title: '<script>alert(1)</script> CTO' }).where('id', '=', w.job.id).execute();
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Ilse <b>Berg</b>', 'ilse.berg@example.test');
    const policy = (name: string, appliesTo: 'rejected' | 'hired', afterMonths: number, action: 'erase' | 'purge_interview_data', enabled: boolean) => ({
      id: crypto.randomUUID(), orgId: w.org.orgId, name, appliesTo, afterMonths, action, enabled, createdAt: clock.now(), updatedAt: clock.now(),
    });
    await t.database.db
      .insertInto('retentionPolicies')
      .values([policy('Rejected', 'rejected', 12, 'erase', true), policy('Interview data', 'hired', 6, 'purge_interview_data', true), policy('Off', 'hired', 48, 'erase', false)])
      .execute();
    const { path } = await sendLink(w, candidateId);
    const res = await page(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain(`Org ${w.org.slug}`);
    expect(html).toContain('Hello Ilse &lt;b&gt;Berg&lt;/b&gt;.');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; CTO');
    // Enabled policies only, in plain words.
    expect(html).toContain('rejected applications: erased 12 months after the decision');
    expect(html).toContain('applications that led to a hire: interview notes, transcripts and the résumé deleted 6 months after the decision (ratings and the decision are kept)');
    expect(html).not.toContain('48 months');
    // The CTO plan's competency names.
    const version = await t.database.db
      .selectFrom('plans as p')
      .innerJoin('documents as d', 'd.id', 'p.documentId')
      .innerJoin('documentVersions as v', 'v.id', 'd.currentVersionId')
      .select('v.body')
      .where('p.id', '=', w.job.planId)
      .executeTakeFirstOrThrow();
    const body = version.body as { competencies: { id: string; name: string }[]; scorecard: { rounds: { competencies: string[] }[] } };
    const rated = new Set(body.scorecard.rounds.flatMap((r) => r.competencies));
    const names = body.competencies.filter((c) => rated.has(c.id));
    expect(names.length).toBeGreaterThan(0);
    for (const c of names) expect(html).toContain(c.name.replace(/&/g, '&amp;'));
    for (const label of ['A copy of my data', 'Erase my data', 'Human review of an automated analysis']) expect(html).toContain(label);
    expect(html).toContain('draft never replaces');
  });

  it('takes one request (due in 30 days), notifies owners and admins without the name, then answers 409; 410 expired, 404 unknown, 400 without a kind', async () => {
    const w = await hiringWorld(t);
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Pia Lund', 'pia.lund@example.test');
    const { path } = await sendLink(w, candidateId);

    const missing = await submit(path, { message: 'Please tell me <everything>' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose what you are asking for');
    expect(missing.body).toContain('Please tell me &lt;everything&gt;</textarea>');
    const tooLong = await submit(path, { kind: 'access', message: 'x'.repeat(2001) });
    expect(tooLong.statusCode).toBe(400);

    const sent = await submit(path, { kind: 'access', message: 'I would like a copy, please.' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${path}?sent=1`);
    const thanks = await page(`${path}?sent=1`);
    expect(thanks.statusCode).toBe(200);
    const due = new Date(clock.now().getTime() + 30 * DAY);
    expect(thanks.body).toContain(due.toISOString().slice(0, 10));

    const rows = await t.database.db.selectFrom('privacyRequests').selectAll().where('candidateId', '=', candidateId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'access', message: 'I would like a copy, please.', status: 'open', orgId: w.org.orgId });
    expect(rows[0]!.dueAt.toISOString()).toBe(due.toISOString());

    const notes = await outbox(w.org.orgId, 'privacy_request');
    expect(notes.map((n) => n.recipientUserId).sort()).toEqual([w.ids.owner, w.ids.admin].sort());
    for (const n of notes) {
      expect(n.subject).toBe(`A privacy request is due on ${due.toISOString().slice(0, 10)}`);
      expect(n.bodyText).toContain('/privacy');
      expect(n.bodyText).not.toContain('Pia');
      expect(n.subject).not.toContain('Pia');
    }
    const entries = await auditOf(w.org.orgId, 'privacy.request_submitted');
    expect(entries.map((e) => [e.actorUserId, e.targetType, e.targetId, e.details])).toEqual([[null, 'privacy_request', rows[0]!.id, { candidateId, kind: 'access' }]]);

    // Single use.
    expect((await page(path)).statusCode).toBe(409);
    expect((await submit(path, { kind: 'erasure' })).statusCode).toBe(409);
    expect(await t.database.db.selectFrom('privacyRequests').select('id').where('candidateId', '=', candidateId).execute()).toHaveLength(1);

    // Expired and unknown links.
    const second = await sendLink(w, candidateId);
    await t.database.db.updateTable('privacyLinks').set({ expiresAt: new Date(clock.now().getTime() - 1000) }).where('candidateId', '=', candidateId).where('usedAt', 'is', null).execute();
    expect((await page(second.path)).statusCode).toBe(410);
    expect((await submit(second.path, { kind: 'access' })).statusCode).toBe(410);
    expect((await page('/my-data/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await page('/my-data/short')).statusCode).toBe(404);
  });
});

describe('the request queue', () => {
  it('lists open requests first by due date with overdue, resolves once, refuses to complete an erasure, and is for owners and admins only', async () => {
    const w = await hiringWorld(t);
    const a = await addCandidate(w.as.recruiter, w.job.id, 'Ona Vidal', 'ona.vidal@example.test');
    const b = await addCandidate(w.as.recruiter, w.job.id, 'Rui Maia', 'rui.maia@example.test');
    const la = await sendLink(w, a.candidateId);
    expect((await submit(la.path, { kind: 'human_review', message: 'Please review' })).statusCode).toBe(303);
    clock.advance(DAY);
    const lb = await sendLink(w, b.candidateId);
    expect((await submit(lb.path, { kind: 'erasure' })).statusCode).toBe(303);

    const list = await w.as.admin.get('/api/v1/privacy/requests');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; candidateName: string; kind: string; status: string; dueAt: string; overdue: boolean }[];
    expect(items.map((i) => [i.candidateName, i.kind, i.status, i.overdue])).toEqual([
      ['Ona Vidal', 'human_review', 'open', false],
      ['Rui Maia', 'erasure', 'open', false],
    ]);
    expect(items[0]!.dueAt < items[1]!.dueAt).toBe(true);

    // The first one passes its due date (sessions would not survive a month of clock).
    await t.database.db.updateTable('privacyRequests').set({ dueAt: new Date(clock.now().getTime() - 1000) }).where('id', '=', items[0]!.id).execute();
    const later = (await w.as.owner.get('/api/v1/privacy/requests')).json().items as { overdue: boolean }[];
    expect(later.map((i) => i.overdue)).toEqual([true, false]);

    const [review, erasure] = items as [(typeof items)[number], (typeof items)[number]];
    const done = await w.as.owner.post(`/api/v1/privacy/requests/${review.id}/resolve`, { status: 'declined', note: 'Not an automated decision' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: review.id, status: 'declined', resolutionNote: 'Not an automated decision', overdue: false, resolvedBy: { id: w.ids.owner } });
    expect(done.json().resolvedAt).toBe(clock.now().toISOString());
    const again = await w.as.owner.post(`/api/v1/privacy/requests/${review.id}/resolve`, { status: 'completed', note: 'Twice' });
    expect(again.statusCode).toBe(409);
    const complete = await w.as.owner.post(`/api/v1/privacy/requests/${erasure.id}/resolve`, { status: 'completed', note: 'Done' });
    expect(complete.statusCode).toBe(409);
    expect(complete.json().message).toContain(erasure.id);
    expect((await w.as.owner.post(`/api/v1/privacy/requests/${erasure.id}/resolve`, { status: 'declined', note: 'Legal obligation to keep' })).statusCode).toBe(200);

    const open = (await w.as.owner.get('/api/v1/privacy/requests')).json().items;
    expect(open).toEqual([]);
    const all = (await w.as.owner.get('/api/v1/privacy/requests?status=all')).json().items as { status: string }[];
    expect(all.map((i) => i.status)).toEqual(['declined', 'declined']);
    const resolved = await auditOf(w.org.orgId, 'privacy.request_resolved');
    expect(resolved.map((e) => [e.targetId, e.details])).toEqual([
      [review.id, { status: 'declined' }],
      [erasure.id, { status: 'declined' }],
    ]);

    // Recruiters (and below) cannot read the queue.
    expect((await w.as.recruiter.get('/api/v1/privacy/requests')).statusCode).toBe(403);
    expect((await w.as.hm.post(`/api/v1/privacy/requests/${review.id}/resolve`, { status: 'declined', note: 'x' })).statusCode).toBe(403);

    // Another organization sees nothing and gets 404 for these ids.
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.get('/api/v1/privacy/requests?status=all')).json().items).toEqual([]);
    await expectOtherOrgIdsNotFound(t.app, outsider, '/api/v1/privacy/requests', [{ method: 'POST', route: '/api/v1/privacy/requests/:id/resolve', params: { id: erasure.id }, body: { status: 'declined', note: 'Hijack' } }], ['Ona Vidal', 'Rui Maia']);
  });
});
