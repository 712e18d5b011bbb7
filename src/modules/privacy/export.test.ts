import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld } from '../../server/testing/hiring.ts';
import { type Browser, openTestApp, type TestApp, TestClock } from '../../server/testing/test-app.ts';
import type { CandidateExport } from './export.service.ts';

const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

/** A distinct marker in every free-text field the candidate's data can hold. */
const M = {
  phone: '+351 900 000 777',
  link: 'https://example.test/marker-link',
  source: 'marker-source-referral',
  notes: 'marker-notes-recruiter',
  resume: 'marker-resume-text Kubernetes',
  move: 'marker-stage-note',
  turn: 'marker-transcript-turn',
  card: 'marker-scorecard-notes',
  decision: 'marker-decision-rationale',
  outcome: 'marker-outcome-note',
  request: 'marker-request-message',
  hold: 'marker-legal-hold-reason',
} as const;
const NAME = 'Mara <script>alert(1)</script> Stone';

async function scorecardWithNotes(b: Browser, interviewId: string, notes: string) {
  const card = (await b.post(`/api/v1/interviews/${interviewId}/scorecard`)).json();
  const body = {
    ratings: Object.fromEntries(card.form.competencies.map((c: { id: string }) => [c.id, { rating: 3, evidence: `Evidence for ${c.id}` }])),
    recommendation: 'yes',
    notes,
    redFlags: [],
    questionRatings: [],
  };
  const draft = await b.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: card.version, body, submit: false });
  expect(draft.statusCode, draft.body).toBe(200);
  const done = await b.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: draft.json().version, body, submit: true });
  expect(done.statusCode, done.body).toBe(200);
  return card.id as string;
}

/** A candidate with rows in every candidate-linked table, a marker in each free-text field. */
async function fullCandidate() {
  const w = await hiringWorld(t);
  const db = t.database.db;
  const email = `mara.${randomUUID().slice(0, 8)}@example.test`;
  const created = await w.as.recruiter.post('/api/v1/candidates', { name: 'Mara Stone', email, jobId: w.job.id, phone: M.phone, links: [M.link], source: M.source, notes: M.notes });
  expect(created.statusCode, created.body).toBe(201);
  const candidateId = created.json().id as string;
  const applicationId = created.json().applications[0].id as string;
  // A second application to another job.
  const job2 = (await w.as.recruiter.post('/api/v1/jobs', { roleId: 'cpo', location: 'Lisbon', remotePolicy: 'remote' })).json();
  const apply2 = await w.as.recruiter.post(`/api/v1/jobs/${job2.id}/applications`, { candidateId });
  expect(apply2.statusCode, apply2.body).toBe(201);
  const secondApp = apply2.json().id as string;

  const resume = await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: 'cv.txt', contentType: 'text/plain', dataBase64: Buffer.from(`Mara Stone\n${M.resume}\n`).toString('base64') });
  expect(resume.statusCode, resume.body).toBe(200);

  const stage = (w.job.stages as { id: string; kind: string }[])[1]!.id;
  const move = await w.as.recruiter.post(`/api/v1/applications/${applicationId}/move`, { toStage: stage, note: M.move });
  expect(move.statusCode, move.body).toBe(200);

  const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1, w.ids.iv2]);
  expect((await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'v1' })).statusCode).toBe(201);
  const vtt = `WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Interviewer>Tell me about a hard call.\n\n00:00:06.000 --> 00:00:20.000\n<v Mara Stone>I made one, ${M.turn}, and it paid off.\n`;
  const tr = await w.as.iv1.request('PUT', `/api/v1/interviews/${interviewId}/transcript`, { fileName: 'deep.vtt', content: vtt });
  expect(tr.statusCode, tr.body).toBe(200);

  await scorecardWithNotes(w.as.iv1, interviewId, M.card);
  await fillScorecard(w.as.iv2, interviewId, 2, 'no');

  const decided = await w.as.hm.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'reject', reasonCode: 'other', rationale: M.decision });
  expect(decided.statusCode, decided.body).toBe(201);

  const now = clock.now();
  await db.insertInto('outcomes').values({ id: randomUUID(), orgId: w.org.orgId, applicationId, checkpoint: '3m', performanceRating: 4, retained: true, rampDays: 30, regrettedAttrition: null, managerSatisfaction: 4, note: M.outcome, recordedBy: w.ids.hm, recordedAt: now, createdAt: now, updatedAt: now }).execute();
  await db.insertInto('candidateWindows').values({ id: randomUUID(), orgId: w.org.orgId, applicationId, startsAt: new Date('2026-03-10T09:00:00Z'), endsAt: new Date('2026-03-10T12:00:00Z'), timeZone: 'Europe/Lisbon', source: 'candidate', createdAt: now }).execute();
  const consentId = randomUUID();
  await db.insertInto('consents').values({ id: consentId, orgId: w.org.orgId, candidateId, interviewId: null, kind: 'demographics', wordingVersion: 'demo-v1', givenAt: now, recordedBy: null, createdAt: now }).execute();
  await db.insertInto('demographics').values({ candidateId, orgId: w.org.orgId, sex: 'female', raceEthnicity: 'Hispanic or Latino', ageBand: '40 and over', consentId, source: 'link', submittedAt: now, createdAt: now, updatedAt: now }).execute();
  await db.insertInto('legalHolds').values({ candidateId, orgId: w.org.orgId, reason: M.hold, placedBy: w.ids.owner, placedAt: now }).execute();

  // A privacy request through the notice link (the link's email goes to the outbox).
  const link = await w.as.recruiter.post(`/api/v1/candidates/${candidateId}/privacy-link`);
  expect(link.statusCode, link.body).toBe(201);
  const sent = await t.app.inject({
    method: 'POST',
    url: new URL(link.json().url).pathname,
    remoteAddress: '10.6.0.9',
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ kind: 'access', message: M.request }).toString(),
  });
  expect(sent.statusCode).toBe(303);

  await db.updateTable('candidates').set({ name: NAME }).where('id', '=', candidateId).execute();
  return { w, candidateId, applicationId, secondApp, interviewId, email };
}

describe('the candidate data export', () => {
  it('holds every candidate-linked row (counts match the tables), every marker, escapes the HTML report, and makes a PDF', async () => {
    const { w, candidateId, applicationId, secondApp, interviewId, email } = await fullCandidate();
    const res = await w.as.admin.get(`/api/v1/candidates/${candidateId}/export?format=json`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain(`candidate-${candidateId}.json`);
    const x = JSON.parse(res.body) as CandidateExport;
    const text = res.body;
    for (const [field, marker] of Object.entries(M)) expect({ field, found: text.includes(JSON.stringify(marker).slice(1, -1)) }).toEqual({ field, found: true });

    expect(x.format).toBe('rubric.candidate-export/v1');
    expect(x.organization).toEqual({ id: w.org.orgId, name: `Org ${w.org.slug}` });
    expect(x.candidate).toMatchObject({ id: candidateId, name: NAME, email, phone: M.phone, links: [M.link], source: M.source, notes: M.notes, legalHold: { reason: M.hold } });
    expect(x.candidate.resume).toMatchObject({ fileName: 'cv.txt', contentType: 'text/plain' });
    expect(x.candidate.resume!.text).toContain(M.resume);
    expect(x.demographics).toMatchObject({ sex: 'female', raceEthnicity: 'Hispanic or Latino', ageBand: '40 and over', source: 'link' });

    // Counts per table, from SQL, for this candidate.
    const db = t.database.db;
    const appIds = (await db.selectFrom('applications').select('id').where('candidateId', '=', candidateId).execute()).map((r) => r.id);
    expect(appIds.sort()).toEqual([applicationId, secondApp].sort());
    expect(x.applications.map((a) => a.id).sort()).toEqual([...appIds].sort());
    const ivIds = (await db.selectFrom('interviews').select('id').where('applicationId', 'in', appIds).execute()).map((r) => r.id);
    const cardIds = (await db.selectFrom('scorecards').select('id').where('applicationId', 'in', appIds).execute()).map((r) => r.id);
    const trIds = (await db.selectFrom('transcripts').select('id').where('interviewId', 'in', ivIds).execute()).map((r) => r.id);
    const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    const sqlCounts = {
      stageMoves: await n(db.selectFrom('stageMoves').select((eb) => eb.fn.countAll().as('n')).where('applicationId', 'in', appIds)),
      availability: await n(db.selectFrom('candidateWindows').select((eb) => eb.fn.countAll().as('n')).where('applicationId', 'in', appIds)),
      interviews: ivIds.length,
      scorecards: cardIds.length,
      revisions: await n(db.selectFrom('scorecardRevisions').select((eb) => eb.fn.countAll().as('n')).where('scorecardId', 'in', cardIds)),
      transcripts: trIds.length,
      turns: await n(db.selectFrom('transcriptTurns').select((eb) => eb.fn.countAll().as('n')).where('transcriptId', 'in', trIds)),
      decisions: await n(db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).where('applicationId', 'in', appIds)),
      outcomes: await n(db.selectFrom('outcomes').select((eb) => eb.fn.countAll().as('n')).where('applicationId', 'in', appIds)),
      consents: await n(db.selectFrom('consents').select((eb) => eb.fn.countAll().as('n')).where('candidateId', '=', candidateId)),
      privacyRequests: await n(db.selectFrom('privacyRequests').select((eb) => eb.fn.countAll().as('n')).where('candidateId', '=', candidateId)),
      emailsTo: await n(db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('toAddress', '=', email)),
      audit: await n(db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('targetId', 'in', [candidateId, ...appIds, ...ivIds, ...cardIds])),
    };
    const ivs = x.applications.flatMap((a) => a.interviews);
    const cards = ivs.flatMap((i) => i.scorecards);
    const exported = {
      stageMoves: x.applications.flatMap((a) => a.stageMoves).length,
      availability: x.applications.flatMap((a) => a.availability).length,
      interviews: ivs.length,
      scorecards: cards.length,
      revisions: cards.flatMap((c) => c.revisions).length,
      transcripts: ivs.filter((i) => i.transcript).length,
      turns: ivs.flatMap((i) => i.transcript?.turns ?? []).length,
      decisions: x.applications.flatMap((a) => a.decisions).length,
      outcomes: x.applications.flatMap((a) => a.outcomes).length,
      consents: x.consents.length,
      privacyRequests: x.privacyRequests.length,
      emailsTo: x.emails.filter((e) => e.to === email).length,
      // The export's own audit entry is written after the bundle is read.
      audit: x.auditEntries.length + 1,
    };
    expect(exported).toEqual(sqlCounts);
    // Non-zero everywhere: the fixture really covers every table.
    for (const [k, v] of Object.entries(sqlCounts)) expect({ k, some: v > 0 }).toEqual({ k, some: true });
    expect(cards).toHaveLength(2);
    expect(cards.map((c) => c.status)).toEqual(['submitted', 'submitted']);
    const app = x.applications.find((a) => a.id === applicationId)!;
    expect(app).toMatchObject({ job: { id: w.job.id }, status: 'rejected' });
    expect(app.interviews[0]).toMatchObject({ id: interviewId, round: 'Hiring-manager deep dive', location: 'Room 2' });
    expect(app.interviews[0]!.interviewers).toHaveLength(2);
    expect(app.interviews[0]!.transcript!.analysis).not.toBeNull();
    expect(x.emails.every((e) => typeof e.body === 'string')).toBe(true);

    // One audit entry per export, format only.
    const audits = await db.selectFrom('auditLog').selectAll().where('orgId', '=', w.org.orgId).where('action', '=', 'candidate.exported').execute();
    expect(audits.map((a) => [a.targetId, a.details])).toEqual([[candidateId, { format: 'json' }]]);

    // HTML: the same content, escaped; the script in the name is inert text.
    const html = await w.as.owner.get(`/api/v1/candidates/${candidateId}/export?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('Mara &lt;script&gt;alert(1)&lt;/script&gt; Stone');
    for (const [field, marker] of Object.entries(M)) expect({ field, found: html.body.includes(marker.replace(/&/g, '&amp;')) }).toEqual({ field, found: true });
    expect(html.body).toContain(`<h2>Applications (${appIds.length})</h2>`);
    expect(html.body).toContain(`<h2>Consents (${sqlCounts.consents})</h2>`);
    expect(html.body).toContain('@media print');

    const pdf = await w.as.owner.get(`/api/v1/candidates/${candidateId}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.rawPayload.length).toBeGreaterThan(2048);
    const all = await db.selectFrom('auditLog').select('details').where('orgId', '=', w.org.orgId).where('action', '=', 'candidate.exported').orderBy('id').execute();
    expect(all.map((a) => a.details)).toEqual([{ format: 'json' }, { format: 'html' }, { format: 'pdf' }]);

    // Recruiters may not export; another organization's owner gets 404.
    expect((await w.as.recruiter.get(`/api/v1/candidates/${candidateId}/export`)).statusCode).toBe(403);
    const other = await createOrg(db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    const foreign = await outsider.get(`/api/v1/candidates/${candidateId}/export`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Mara');
  });
});

describe('withdrawing demographics consent', () => {
  it("deletes the candidate's answers in the same step, audits ids only, and is for candidate managers", async () => {
    const w = await hiringWorld(t);
    const db = t.database.db;
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Tove Lind', 'tove.lind@example.test');
    const now = clock.now();
    const consentId = randomUUID();
    await db.insertInto('consents').values({ id: consentId, orgId: w.org.orgId, candidateId, interviewId: null, kind: 'demographics', wordingVersion: 'demo-v1', givenAt: now, recordedBy: null, createdAt: now }).execute();
    await db.insertInto('demographics').values({ candidateId, orgId: w.org.orgId, sex: 'male', raceEthnicity: 'declined', ageBand: 'under 40', consentId, source: 'link', submittedAt: now, createdAt: now, updatedAt: now }).execute();

    expect((await w.as.iv1.post(`/api/v1/consents/${consentId}/withdraw`)).statusCode).toBe(403);
    const other = await createOrg(db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.post(`/api/v1/consents/${consentId}/withdraw`)).statusCode).toBe(404);
    expect(await db.selectFrom('demographics').select('candidateId').where('candidateId', '=', candidateId).execute()).toHaveLength(1);

    const res = await w.as.recruiter.post(`/api/v1/consents/${consentId}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: consentId, kind: 'demographics', interviewId: null, withdrawnAt: now.toISOString() });
    expect(await db.selectFrom('demographics').select('candidateId').where('candidateId', '=', candidateId).execute()).toEqual([]);
    const entries = await db.selectFrom('auditLog').select(['action', 'targetType', 'targetId', 'details']).where('orgId', '=', w.org.orgId).where('action', 'in', ['consent.withdrawn', 'demographics.deleted']).orderBy('id').execute();
    expect(entries).toEqual([
      { action: 'consent.withdrawn', targetType: 'candidate', targetId: candidateId, details: { consentId, kind: 'demographics' } },
      { action: 'demographics.deleted', targetType: 'candidate', targetId: candidateId, details: { consentId } },
    ]);
    // Withdrawing again changes nothing.
    expect((await w.as.recruiter.post(`/api/v1/consents/${consentId}/withdraw`)).statusCode).toBe(200);
    expect(await db.selectFrom('auditLog').select('id').where('orgId', '=', w.org.orgId).where('action', '=', 'demographics.deleted').execute()).toHaveLength(1);
  });
});
