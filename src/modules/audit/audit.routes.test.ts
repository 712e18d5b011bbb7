import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp, TestClock } from '../../server/testing/test-app.ts';
import { guideFor } from '../plans/plans.service.ts';

const DAY = 86_400_000;
const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

type Entry = { id: number; action: string; actorUserId: string | null; targetType: string | null; targetId: string | null; details: Record<string, unknown>; createdAt: string };

const entriesOf = (orgId: string, action: string) =>
  t.database.db.selectFrom('auditLog').selectAll().where('orgId', '=', orgId).where('action', '=', action).orderBy('id').execute();

/**
 * An organization with a few entries on three days (2026-03-02, -03, -04, noon UTC): the owner adds a
 * candidate each day, the admin adds one on the second day, and the owner creates an API token on the third
 * (the clock moves on three days per call).
 */
async function loggedOrg() {
  const org = await createOrg(t.database.db, ['owner', 'admin', 'recruiter']);
  const [owner, admin] = await Promise.all(org.members.slice(0, 2).map((m) => signedIn(t.app, m.email)));
  const ids = { owner: org.members[0]!.id, admin: org.members[1]!.id };
  const day0 = clock.now().getTime();
  const at = (d: number) => new Date(day0 + d * DAY).toISOString();
  const candidate = async (b: typeof owner, name: string) => {
    const res = await b!.post('/api/v1/candidates', { name, email: `${name.toLowerCase().replace(' ', '.')}.${Math.random().toString(16).slice(2)}@example.test` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const c1 = await candidate(owner, 'Iris Vale');
  clock.advance(DAY);
  const c2 = await candidate(owner, 'Jon Reyes');
  const c3 = await candidate(admin, 'Kai Moreau');
  clock.advance(DAY);
  const c4 = await candidate(owner, 'Lou Hart');
  const token = await owner!.post('/api/v1/api-tokens', { name: 'sync', scopes: ['read'] });
  expect(token.statusCode).toBe(201);
  clock.advance(DAY);
  return { org, owner: owner!, admin: admin!, ids, candidates: [c1, c2, c3, c4], tokenId: token.json().id as string, days: [at(0), at(1), at(2)] };
}

const list = async (b: { get(url: string): Promise<{ statusCode: number; json(): { items: Entry[]; nextCursor: string | null } }> }, query: string) => {
  const res = await b.get(`/api/v1/audit?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

describe('audit log filters', () => {
  it('narrows by action, action prefix, actor, target type and target id', async () => {
    const w = await loggedOrg();
    const created = await list(w.owner, 'action=candidate.created');
    expect(created.map((e) => e.targetId).sort()).toEqual([...w.candidates].sort());
    expect(new Set(created.map((e) => e.action))).toEqual(new Set(['candidate.created']));

    // A prefix ends with a dot; `api_token.` must not be read as a LIKE pattern.
    const tokens = await list(w.owner, 'action=api_token.');
    expect(tokens.map((e) => [e.action, e.targetId])).toEqual([['api_token.created', w.tokenId]]);
    const candidateActions = await list(w.owner, 'action=candidate.');
    expect(candidateActions).toHaveLength(4);
    expect(await list(w.owner, 'action=candidate')).toEqual([]);

    const byAdmin = await list(w.owner, `actorUserId=${w.ids.admin}&action=candidate.created`);
    expect(byAdmin.map((e) => e.targetId)).toEqual([w.candidates[2]]);

    const byType = await list(w.owner, 'targetType=api_token');
    expect(byType.map((e) => e.targetId)).toEqual([w.tokenId]);
    const byId = await list(w.owner, `targetId=${w.candidates[1]}`);
    expect(byId.map((e) => e.action)).toEqual(['candidate.created']);

    // Filters compose with the cursor pagination: newest first, one at a time.
    const first = (await w.owner.get('/api/v1/audit?action=candidate.created&limit=3')).json() as { items: Entry[]; nextCursor: string };
    expect(first.items.map((e) => e.targetId)).toEqual([w.candidates[3], w.candidates[2], w.candidates[1]]);
    const second = (await w.owner.get(`/api/v1/audit?action=candidate.created&limit=3&cursor=${first.nextCursor}`)).json() as { items: Entry[]; nextCursor: string | null };
    expect(second.items.map((e) => e.targetId)).toEqual([w.candidates[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('bounds dates: from inclusive, to exclusive, a bare to date meaning the end of that day', async () => {
    const w = await loggedOrg();
    const ids = async (q: string) => (await list(w.owner, `action=candidate.created&${q}`)).map((e) => e.targetId).sort();
    const [c1, c2, c3, c4] = w.candidates;
    const day2 = w.days[1]!.slice(0, 10);
    expect(await ids(`from=${day2}`)).toEqual([c2, c3, c4].sort());
    expect(await ids(`to=${day2}`)).toEqual([c1, c2, c3].sort());
    expect(await ids(`from=${day2}&to=${day2}`)).toEqual([c2, c3].sort());
    // Exact instants: from is inclusive, to exclusive.
    expect(await ids(`from=${encodeURIComponent(w.days[1]!)}`)).toEqual([c2, c3, c4].sort());
    expect(await ids(`to=${encodeURIComponent(w.days[1]!)}`)).toEqual([c1]);
    // An offset is honoured: noon UTC is 13:00 in UTC+1.
    expect(await ids(`from=${encodeURIComponent(`${day2}T13:00:00+01:00`)}&to=${day2}`)).toEqual([c2, c3].sort());
    expect(await ids(`from=${encodeURIComponent(`${day2}T13:00:01+01:00`)}&to=${day2}`)).toEqual([]);

    const bad = await w.owner.get('/api/v1/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toContain('from');
  });

  it('is for owners and admins only', async () => {
    const w = await loggedOrg();
    expect((await w.admin.get('/api/v1/audit?action=candidate.')).statusCode).toBe(200);
    const recruiter = await signedIn(t.app, w.org.members[2]!.email);
    expect((await recruiter.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await recruiter.get('/api/v1/audit/export')).statusCode).toBe(403);
  });
});

describe('audit log export', () => {
  it('writes the filtered log as CSV oldest first, with quoted details and hashes, and audits the export once', async () => {
    const w = await loggedOrg();
    const res = await w.owner.get('/api/v1/audit/export?action=candidate.created');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-${w.org.slug}-${clock.now().toISOString().slice(0, 10)}.csv"`);
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,created_at,actor_user_id,actor_name,action,target_type,target_id,details,request_id,hash');
    expect(lines).toHaveLength(5);
    const rows = await entriesOf(w.org.orgId, 'candidate.created');
    const first = rows[0]!;
    expect(lines[1]).toBe(
      [first.id, first.createdAt.toISOString(), first.actorUserId, 'owner person', 'candidate.created', 'candidate', first.targetId, '{}', first.requestId, first.hash].join(','),
    );
    expect(lines.slice(1).map((l) => l.split(',')[6])).toEqual(w.candidates);

    // Details are JSON in one quoted cell, inner quotes doubled (RFC 4180).
    const tok = await w.owner.get('/api/v1/audit/export?action=api_token.created');
    const line = tok.body.split('\r\n')[1]!;
    expect(line).toContain(`"{""scopes"":[""read""],""tokenId"":""${w.tokenId}""}"`);

    const exported = await entriesOf(w.org.orgId, 'audit.exported');
    expect(exported.map((e) => e.details)).toEqual([{ rows: 4 }, { rows: 1 }]);
  });

  it('guards cells a spreadsheet would run as formulas', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    await t.database.db.updateTable('users').set({ name: '=HYPERLINK("http://evil.test")' }).where('id', '=', org.members[0]!.id).execute();
    const owner = await signedIn(t.app, org.members[0]!.email);
    expect((await owner.post('/api/v1/candidates', { name: 'Mo Diaz', email: 'mo.diaz@example.test' })).statusCode).toBe(201);
    const res = await owner.get('/api/v1/audit/export?action=candidate.created');
    const cells = res.body.split('\r\n')[1]!;
    expect(cells).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });
});

describe('audited reads of feedback and transcripts', () => {
  it('writes one scorecard.read per request that shows someone else’s feedback, none for redacted or own cards', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Nia Park', `nia.park.${Math.random().toString(16).slice(2)}@example.test`);
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1, w.ids.iv2]);
    const card = await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
    const reads = () => entriesOf(w.org.orgId, 'scorecard.read');

    // Still blind for iv2 (their own card is unsubmitted): redacted, so nothing was read.
    const blind = await w.as.iv2.get(`/api/v1/scorecards/${card.id}`);
    expect(blind.statusCode).toBe(200);
    expect(blind.json().redacted).toBe(true);
    // Your own card is not someone else's data.
    expect((await w.as.iv1.get(`/api/v1/scorecards/${card.id}`)).json().redacted).toBe(false);
    // Another organization's id: 404 and no entry.
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.get(`/api/v1/scorecards/${card.id}`)).statusCode).toBe(404);
    expect(await reads()).toEqual([]);

    const seen = await w.as.hm.get(`/api/v1/scorecards/${card.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().redacted).toBe(false);
    let entries = await reads();
    expect(entries.map((e) => [e.actorUserId, e.targetType, e.targetId, e.details])).toEqual([[w.ids.hm, 'scorecard', card.id, { view: 'scorecard', scorecards: 1 }]]);

    await fillScorecard(w.as.iv2, interviewId, 2, 'no');
    const listRes = await w.as.hm.get(`/api/v1/applications/${applicationId}/scorecards`);
    expect(listRes.json().items).toHaveLength(2);
    const debrief = await w.as.hm.get(`/api/v1/applications/${applicationId}/debrief`);
    expect(debrief.statusCode).toBe(200);
    const brief = await w.as.hm.get(`/api/v1/applications/${applicationId}/decision-brief?format=md`);
    expect(brief.statusCode).toBe(200);
    entries = await reads();
    expect(entries.slice(1).map((e) => [e.targetType, e.targetId, e.details])).toEqual([
      ['application', applicationId, { view: 'scorecards', scorecards: 2 }],
      ['application', applicationId, { view: 'debrief', scorecards: 2 }],
      ['application', applicationId, { view: 'decision_brief', scorecards: 2 }],
    ]);
    // One entry per request, each with its own request id; no names or text in any of them.
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(entries.length);
    expect(JSON.stringify(entries)).not.toMatch(/Nia|Evidence/);
  });

  it('writes one transcript.read per transcript view and per search with results', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Oda Lund', `oda.lund.${Math.random().toString(16).slice(2)}@example.test`);
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1]);
    const question = guideFor('cto').plan.rounds.find((r) => r.id === 'deep-dive')!.questions[0]!.text;
    const vtt = ['WEBVTT', '', '00:00:01.000 --> 00:00:09.000', `<v Speaker 1>${question}`, '', '00:00:10.000 --> 00:00:30.000', '<v Speaker 2>We moved the batch jobs to spot instances and cut the bill by a third.', ''].join('\n');
    expect((await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'recording-notice-2026-01' })).statusCode).toBe(201);
    const up = await w.as.iv1.request('PUT', `/api/v1/interviews/${interviewId}/transcript`, { fileName: 'call.vtt', content: vtt });
    expect(up.statusCode, up.body).toBe(200);
    const reads = () => entriesOf(w.org.orgId, 'transcript.read');
    expect(await reads()).toEqual([]); // the upload answers with the view but is audited as an upload

    const got = await w.as.recruiter.get(`/api/v1/interviews/${interviewId}/transcript`);
    expect(got.statusCode).toBe(200);
    let entries = await reads();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: w.ids.recruiter, targetType: 'interview', targetId: interviewId });
    expect(entries[0]!.details).toMatchObject({ view: 'transcript', redacted: false });

    expect((await w.as.recruiter.get('/api/v1/transcripts/search?q=zeppelin')).json().items).toEqual([]);
    expect(await reads()).toHaveLength(1);
    const hits = await w.as.recruiter.get('/api/v1/transcripts/search?q=spot%20instances');
    expect(hits.json().items).toHaveLength(1);
    entries = await reads();
    expect(entries).toHaveLength(2);
    expect(entries[1]!.details).toEqual({ view: 'search', results: 1, interviews: 1 });
    expect(JSON.stringify(entries)).not.toMatch(/spot|Oda/);
  });
});
