import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import * as analyticsQ from '../analytics/analytics.queries.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { eraseCandidate, purgeInterviewData, receiptDigest } from './erasure.service.ts';
import { renderReceipt } from './receipt.render.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof hiringWorld>>;
const db = () => t.database.db;
const unique = () => Math.random().toString(16).slice(2, 10);

async function candidate(w: World, name = `Kai Example ${unique()}`) {
  const c = await addCandidate(w.as.recruiter, w.job.id, name, `kai.${unique()}@example.test`);
  return { ...c, name };
}

/** A snapshot of what erasure would touch, to prove a refused erasure changed nothing. */
async function snapshot(candidateId: string, applicationId: string) {
  return {
    candidate: await db().selectFrom('candidates').select(['name', 'email', 'notes']).where('id', '=', candidateId).executeTakeFirst(),
    application: await db().selectFrom('applications').select(['candidateId', 'erasedAt', 'subjectId']).where('id', '=', applicationId).executeTakeFirst(),
    moves: await db().selectFrom('stageMoves').select(['seq', 'note']).where('applicationId', '=', applicationId).orderBy('seq').execute(),
    receipts: (await db().selectFrom('erasureReceipts').select('id').execute()).length,
    erasedAudit: (await db().selectFrom('auditLog').select('id').where('action', '=', 'candidate.erased').where('targetId', '=', candidateId).execute()).length,
  };
}

const newRequest = (orgId: string, candidateId: string, kind: 'access' | 'erasure' = 'erasure', status: 'open' | 'completed' = 'open') => {
  const id = randomUUID();
  return db()
    .insertInto('privacyRequests')
    .values({ id, orgId, candidateId, kind, status, message: 'Please remove my data.', dueAt: new Date(Date.now() + 30 * 86_400_000) })
    .execute()
    .then(() => id);
};

describe('refused erasures', () => {
  it('answers 409 under a legal hold, 400 naming confirmName on a wrong name, 403 to a recruiter — and changes nothing', async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w, 'Mara Lind');
    await w.as.recruiter.post(`/api/v1/applications/${c.applicationId}/move`, { toStage: 'screen', note: 'Good first call.' });
    const url = `/api/v1/candidates/${c.candidateId}/erase`;
    const before = await snapshot(c.candidateId, c.applicationId);
    expect(before.candidate?.name).toBe('Mara Lind');

    const recruiter = await w.as.recruiter.post(url, { confirmName: 'Mara Lind' });
    expect(recruiter.statusCode).toBe(403);

    const wrong = await w.as.admin.post(url, { confirmName: 'Mara Lindt' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'invalid', details: { issues: [{ path: 'confirmName' }] } });
    expect(await snapshot(c.candidateId, c.applicationId)).toEqual(before);

    await db().insertInto('legalHolds').values({ candidateId: c.candidateId, orgId: w.org.orgId, reason: 'Pending tribunal claim', placedBy: w.ids.owner, placedAt: new Date('2026-05-04T10:00:00Z') }).execute();
    const held = await w.as.owner.post(url, { confirmName: 'Mara Lind' });
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'conflict' });
    expect(held.json().message).toContain('legal hold since 2026-05-04');
    expect(await snapshot(c.candidateId, c.applicationId)).toEqual(before);
    // Retention is held back the same way.
    await expect(purgeInterviewData(t.ctx(), c.candidateId, { orgId: w.org.orgId })).rejects.toMatchObject({ code: 'conflict' });

    await db().deleteFrom('legalHolds').where('candidateId', '=', c.candidateId).execute();
    expect((await w.as.owner.post(url, { confirmName: 'Mara Lind' })).statusCode).toBe(200);
    expect((await w.as.owner.post(url, { confirmName: 'Mara Lind' })).statusCode).toBe(404);
  });

  it("answers 404 for another organization's candidates, receipts and requests", async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w, 'Noor Haddad');
    const other = await hiringWorld(t);
    const theirs = await candidate(other, 'Ines Ruiz');
    const theirReceipt = await eraseCandidate(t.ctx(), theirs.candidateId, { trigger: 'retention', orgId: other.org.orgId });
    const theirRequest = await newRequest(other.org.orgId, (await candidate(other)).candidateId);

    expect((await w.as.owner.post(`/api/v1/candidates/${theirs.candidateId}/erase`, { confirmName: 'Ines Ruiz' })).statusCode).toBe(404);
    const outsider = await signedIn(t.app, (await createOrg(db(), ['owner'])).members[0]!.email);
    const res = await outsider.post(`/api/v1/candidates/${c.candidateId}/erase`, { confirmName: 'Noor Haddad' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Noor');
    expect((await db().selectFrom('candidates').select('id').where('id', '=', c.candidateId).execute()).length).toBe(1);
    expect((await w.as.owner.get(`/api/v1/privacy/receipts/${theirReceipt.id}`)).statusCode).toBe(404);
    expect((await w.as.owner.get('/api/v1/privacy/receipts')).json().items).toEqual([]);
    // Someone else's request cannot be completed through our erasure.
    const withTheirs = await w.as.owner.post(`/api/v1/candidates/${c.candidateId}/erase`, { confirmName: 'Noor Haddad', requestId: theirRequest });
    expect(withTheirs.statusCode).toBe(404);
    expect((await db().selectFrom('privacyRequests').select('status').where('id', '=', theirRequest).executeTakeFirstOrThrow()).status).toBe('open');
  });
});

describe('erasure answering a request', () => {
  it('completes the open erasure request with the receipt; refuses other kinds, closed requests and other candidates', async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w, 'Theo Brandt');
    const someoneElse = await candidate(w);
    const url = `/api/v1/candidates/${c.candidateId}/erase`;
    const access = await newRequest(w.org.orgId, c.candidateId, 'access');
    const closed = await newRequest(w.org.orgId, c.candidateId, 'erasure', 'completed');
    const notTheirs = await newRequest(w.org.orgId, someoneElse.candidateId);
    for (const requestId of [access, closed, notTheirs]) {
      const res = await w.as.admin.post(url, { confirmName: 'Theo Brandt', requestId });
      expect(res.statusCode, requestId).toBe(409);
    }
    expect((await w.as.admin.post(url, { confirmName: 'Theo Brandt', requestId: randomUUID() })).statusCode).toBe(404);

    const requestId = await newRequest(w.org.orgId, c.candidateId);
    const res = await w.as.admin.post(url, { confirmName: 'Theo Brandt', requestId });
    expect(res.statusCode, res.body).toBe(200);
    const receipt = res.json();
    expect(receipt).toMatchObject({ trigger: 'request', requestId, erasedBy: { id: w.ids.admin } });
    const req = await db().selectFrom('privacyRequests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(req).toMatchObject({ status: 'completed', candidateId: null, message: null, resolvedBy: w.ids.admin, receiptId: receipt.id, resolutionNote: `Erased; receipt ${receipt.id}` });
    expect(req.resolvedAt?.toISOString()).toBe(receipt.erasedAt);
    // Every other request of the person lost its text and its link to them.
    const rest = await db().selectFrom('privacyRequests').select(['candidateId', 'message', 'status']).where('id', 'in', [access, closed]).execute();
    expect(rest).toEqual([
      { candidateId: null, message: null, status: 'open' },
      { candidateId: null, message: null, status: 'completed' },
    ]);
    // The digest is sha256 over the stored receipt's canonical content.
    const { digest, erasedBy, ...fields } = receipt;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptDigest({ ...fields, erasedBy: erasedBy.id, erasedAt: new Date(fields.erasedAt) })).toBe(digest);
  });
});

describe('erasure by the retention job', () => {
  it('runs without an actor for a named organization and records no staff member', async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w);
    await expect(eraseCandidate(t.ctx(), c.candidateId, { trigger: 'retention' })).rejects.toThrow(/organization/);
    const policyId = randomUUID();
    const receipt = await eraseCandidate(t.ctx(), c.candidateId, { trigger: 'retention', policyId, orgId: w.org.orgId });
    expect(receipt).toMatchObject({ trigger: 'retention', policyId, erasedBy: null, requestId: null, kept: { applications: 1 }, removed: { candidates: 1 } });
    const entry = await db().selectFrom('auditLog').select(['orgId', 'actorUserId', 'details']).where('action', '=', 'candidate.erased').where('targetId', '=', c.candidateId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ orgId: w.org.orgId, actorUserId: null, details: { receiptId: receipt.id, subjectId: receipt.subjectId, trigger: 'retention' } });
    const html = await w.as.owner.get(`/api/v1/privacy/receipts/${receipt.id}?format=html`);
    expect(html.body).toContain('The retention job');
    expect(html.body).toContain(policyId);
  });
});

describe('emails about the candidate', () => {
  it('deletes emails to the address or naming the person as whole words (any case, odd characters), and keeps the rest', async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w, 'Jo (A.) Lin');
    const email = (await db().selectFrom('candidates').select('email').where('id', '=', c.candidateId).executeTakeFirstOrThrow()).email;
    const mail = async (to: string, subject: string, bodyText: string, attachments: unknown[] = []) => {
      const id = randomUUID();
      await db()
        .insertInto('outbox')
        .values({ id, orgId: w.org.orgId, toAddress: to, subject, bodyText, kind: 'test', status: 'held', createdAt: new Date(), attachments: JSON.stringify(attachments) })
        .execute();
      return id;
    };
    const gone = [
      await mail(email.toUpperCase(), 'Hello', 'Plain text.'),
      await mail('iv@example.test', 'Your scorecard for JO (A.) LIN', 'Please submit it.'),
      await mail('hm@example.test', 'Debrief', `Notes mention ${email} in passing.`),
      await mail('hm@example.test', 'Invite', 'See the attachment.', [{ fileName: 'invite.ics', contentType: 'text/calendar', content: 'SUMMARY:Interview: Jo (A.) Lin' }]),
    ];
    const kept = [await mail('iv@example.test', 'Your scorecard for Jo (A.) Linden', 'Please submit it.'), await mail('iv@example.test', 'Your scorecard for Jo Lin', 'Another person.')];
    const receipt = await eraseCandidate(t.ctx(), c.candidateId, { trigger: 'retention', orgId: w.org.orgId });
    expect(receipt.removed.outbox).toBe(gone.length);
    const left = (await db().selectFrom('outbox').select('id').where('id', 'in', [...gone, ...kept]).execute()).map((r) => r.id).sort();
    expect(left).toEqual([...kept].sort());
  });
});

describe('purging interview data', () => {
  it('removes transcripts, scorecard text, revisions, windows, links and the résumé; keeps the candidate and the ratings', async () => {
    const w = await hiringWorld(t);
    const c = await candidate(w, 'Lou Perrin');
    await w.as.recruiter.request('PUT', `/api/v1/candidates/${c.candidateId}/resume`, { fileName: 'cv.txt', contentType: 'text/plain', dataBase64: Buffer.from('Lou Perrin, engineer').toString('base64') });
    const interviewId = await addInterview(w.as.recruiter, c.applicationId, 'deep-dive', [w.ids.iv1]);
    await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'v1' });
    const panel = (await w.as.recruiter.get(`/api/v1/interviews/${interviewId}`)).json().interviewers[0].name as string;
    const up = await w.as.iv1.request('PUT', `/api/v1/interviews/${interviewId}/transcript`, { fileName: 'call.vtt', content: `WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v ${panel}>Welcome, Lou.\n` });
    expect(up.statusCode, up.body).toBe(200);
    const card = await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
    await w.as.recruiter.request('PUT', `/api/v1/applications/${c.applicationId}/availability`, { timeZone: 'UTC', windows: [{ startsAt: '2027-02-01T09:00:00Z', endsAt: '2027-02-01T12:00:00Z' }] });
    const ratingsBefore = await db().selectFrom('ratings').select(['competencyId', 'rating']).where('applicationId', '=', c.applicationId).orderBy('competencyId').execute();

    const policyId = randomUUID();
    const { removed } = await purgeInterviewData(t.ctx(), c.candidateId, { orgId: w.org.orgId, policyId });
    expect(removed).toMatchObject({ transcripts: 1, 'scorecards.body': 1, candidate_windows: 1, 'candidates.resume': 1 });
    expect(removed.scorecard_revisions).toBeGreaterThan(0);

    const cand = await db().selectFrom('candidates').selectAll().where('id', '=', c.candidateId).executeTakeFirstOrThrow();
    expect(cand).toMatchObject({ name: 'Lou Perrin', resumeName: null, resumeData: null, resumeText: null });
    expect(cand.interviewDataPurgedAt).toBeInstanceOf(Date);
    expect(await db().selectFrom('transcripts').select('id').where('interviewId', '=', interviewId).execute()).toEqual([]);
    expect(await db().selectFrom('scorecardRevisions').select('number').where('scorecardId', '=', card.id).execute()).toEqual([]);
    const body = (await db().selectFrom('scorecards').select('body').where('id', '=', card.id).executeTakeFirstOrThrow()).body as { ratings: Record<string, { rating: number; evidence: string }> };
    expect(Object.values(body.ratings).every((r) => r.rating === 3 && r.evidence === '')).toBe(true);
    expect(await db().selectFrom('ratings').select(['competencyId', 'rating']).where('applicationId', '=', c.applicationId).orderBy('competencyId').execute()).toEqual(ratingsBefore);
    expect((await db().selectFrom('applications').select('candidateId').where('id', '=', c.applicationId).executeTakeFirstOrThrow()).candidateId).toBe(c.candidateId);
    // The scorecard still reads through the API (the blanked body is a valid body).
    expect((await w.as.iv1.get(`/api/v1/scorecards/${card.id}`)).statusCode).toBe(200);
    const entry = await db().selectFrom('auditLog').select(['details']).where('action', '=', 'candidate.interview_data_purged').where('targetId', '=', c.candidateId).executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ policyId, transcripts: 1, turns: 1, scorecards: 1, revisions: removed.scorecard_revisions, windows: 1, links: 0, resume: 1 });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});

describe('reports after erasure (DECISIONS 36)', () => {
  it('keeps the funnel identical and drops the erased applications from adverse impact', async () => {
    const w = await hiringWorld(t);
    const people = [await candidate(w), await candidate(w), await candidate(w)];
    const sexes = ['female', 'male', 'female'] as const;
    for (const [i, p] of people.entries()) {
      await db().updateTable('candidates').set({ source: 'Referral' }).where('id', '=', p.candidateId).execute();
      await db().insertInto('demographics').values({ candidateId: p.candidateId, orgId: w.org.orgId, sex: sexes[i]!, raceEthnicity: 'declined', ageBand: 'declined', source: 'import' }).execute();
    }
    await w.as.recruiter.post(`/api/v1/applications/${people[0]!.applicationId}/move`, { toStage: 'rejected', reasonCode: 'skills_gap' });
    await w.as.recruiter.post(`/api/v1/applications/${people[1]!.applicationId}/move`, { toStage: 'hired' });
    const f = { jobId: w.job.id };
    const orgId = w.org.orgId;
    const report = async () => ({
      funnel: await analyticsQ.funnelStages(db(), orgId, f),
      bySource: await analyticsQ.funnelGroups(db(), orgId, f, 'source'),
      counts: await analyticsQ.demographicCounts(db(), orgId, f, 'sex'),
      final: await analyticsQ.finalSelections(db(), orgId, f, 'sex'),
    });
    const before = await report();
    expect(before.counts).toEqual({ provided: 3, declined: 0, notprovided: 0 });
    expect(before.final).toEqual([
      { grp: 'female', n: 1, selected: 0 },
      { grp: 'male', n: 1, selected: 1 },
    ]);
    expect(before.bySource).toEqual([{ key: 'Referral', label: 'Referral', applications: 3, hired: 1, decided: 2 }]);

    await eraseCandidate(t.ctx(), people[0]!.candidateId, { trigger: 'retention', orgId });
    const after = await report();
    expect(after.funnel).toEqual(before.funnel);
    expect(after.counts).toEqual({ provided: 2, declined: 0, notprovided: 0 });
    expect(after.final).toEqual([{ grp: 'male', n: 1, selected: 1 }]);
    // The erased application still counts in the funnel by source, under "Unknown".
    expect(after.bySource).toEqual([
      { key: '', label: 'Unknown', applications: 1, hired: 0, decided: 1 },
      { key: 'Referral', label: 'Referral', applications: 2, hired: 1, decided: 1 },
    ]);
  });
});

describe('the printable receipt', () => {
  it('escapes every value it shows', () => {
    const html = renderReceipt({
      id: randomUUID(),
      subjectId: randomUUID(),
      trigger: 'manual',
      requestId: null,
      policyId: null,
      erasedBy: { id: randomUUID(), name: '<img src=x onerror=alert(1)>' },
      erasedAt: '2026-11-28T12:00:00.000Z',
      removed: { '<b>odd</b>': 2, candidates: 1 },
      kept: { applications: 1 },
      digest: 'a'.repeat(64),
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>odd');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Candidate profile');
  });
});
