import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { classifiableColumns } from './registry.queries.ts';

/**
 * The proof of erasure (DECISIONS 36): two candidates of one organization carry a unique marker in
 * every free-text place the product lets them reach. After candidate A is erased through the API, no
 * column the registry lists (text, jsonb, bytea, tsvector, arrays — every one in the schema, see
 * registry.test.ts) holds A's marker, address or id (ids only in the audit log), B is untouched,
 * and A's applications survive with their dated moves, ratings, decisions and outcomes.
 */

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

type World = Awaited<ReturnType<typeof hiringWorld>>;

const db = () => t.database.db;

/** Columns whose rows contain `needle` (case-insensitive), as `table.column`. */
async function columnsContaining(needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const c of await classifiableColumns(db())) {
    if (!/^[a-z_][a-z0-9_]*$/.test(c.table) || !/^[a-z_][a-z0-9_]*$/.test(c.column)) throw new Error(`odd identifier ${c.key}`);
    const col = sql.raw(`"${c.column}"`);
    const text = c.type === 'bytea' ? sql`encode(${col}, 'escape')` : sql`${col}::text`;
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(`"${c.table}"`)} where position(${needle.toLowerCase()} in lower(${text})) > 0`.execute(db());
    if (r.rows[0]!.n > 0) hits.push(c.key);
  }
  return hits;
}

/** uuid columns named like a candidate reference that hold `id`. */
async function candidateRefsTo(id: string): Promise<string[]> {
  const cols = await sql<{ tab: string; col: string }>`
    select table_name as tab, column_name as col from information_schema.columns
    where table_schema = 'public' and data_type = 'uuid' and column_name in ('candidate_id', 'id')`.execute(db());
  const hits: string[] = [];
  for (const c of cols.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(`"${c.tab}"`)} where ${sql.raw(`"${c.col}"`)} = ${id}::uuid`.execute(db());
    if (r.rows[0]!.n > 0) hits.push(`${c.tab}.${c.col}`);
  }
  return hits;
}

function vtt(interviewer: string, candidate: string, marker: string) {
  return [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:09.000',
    `<v ${interviewer}>Thanks for joining. Tell me about a platform migration you led.`,
    '',
    '00:00:10.000 --> 00:00:40.000',
    `<v ${candidate}>At ${marker} Logistics I moved our batch jobs to a new scheduler and cut the cost per run by a third.`,
    '',
  ].join('\n');
}

async function ok(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
}

/**
 * A candidate with two applications (one hired with an outcome, one rejected) and the marker in
 * every place a member, an interviewer or the candidate can write text.
 */
async function populate(w: World, job2: string, marker: string) {
  const lower = marker.toLowerCase();
  const name = `Robin ${marker}`;
  const email = `${lower}.robin@example.test`;
  const created = await ok(
    await w.as.recruiter.post(
      '/api/v1/candidates',
      { name, email, jobId: w.job.id, phone: `+49 ${marker} 0151`, links: [`https://example.test/in/${lower}`], source: `${marker} referral`, notes: `Met ${marker} at a meetup.` },
      { 'idempotency-key': `create-${lower}` },
    ),
    201,
  );
  const candidateId = created.id as string;
  const app1 = created.applications[0].id as string;
  const app2 = (await ok(await w.as.recruiter.post(`/api/v1/jobs/${job2}/applications`, { candidateId }), 201)).id as string;

  const resume = `Curriculum vitae of ${name}\nSenior engineer at ${marker} Logistics\n`;
  await ok(await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: `cv-${lower}.txt`, contentType: 'text/plain', dataBase64: Buffer.from(resume).toString('base64') }));

  // Application 1: a stage move with a note, an interview with a meeting link, consent, transcript, scorecard, hire, outcome.
  await ok(await w.as.recruiter.post(`/api/v1/applications/${app1}/move`, { toStage: 'screen', note: `Phone call went well, ${marker}.` }));
  const res = await w.as.recruiter.post(`/api/v1/applications/${app1}/interviews`, {
    roundId: 'deep-dive',
    interviewerIds: [w.ids.iv1],
    startsAt: '2026-03-01T09:00:00Z',
    endsAt: '2026-03-01T10:00:00Z',
    timeZone: 'Europe/Berlin',
    location: `https://meet.example.test/${lower}-robin`,
  });
  const interviewId = (await ok(res, 201)).id as string;
  // The wording version is a label of the notice, not the candidate's text (and the consent audit entry carries it).
  await ok(await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'recording-notice-2026-01' }), 201);
  const panelName = (await ok(await w.as.recruiter.get(`/api/v1/interviews/${interviewId}`))).interviewers[0].name as string;
  await ok(await w.as.iv1.request('PUT', `/api/v1/interviews/${interviewId}/transcript`, { fileName: `${lower}-call.vtt`, content: vtt(panelName, name, marker) }));

  const card = await ok(await w.as.iv1.post(`/api/v1/interviews/${interviewId}/scorecard`));
  const body = (rating: number) => ({
    ratings: Object.fromEntries(card.form.competencies.map((c: { id: string }) => [c.id, { rating, evidence: `${marker} described the migration in detail.` }])),
    recommendation: 'yes',
    notes: `Overall notes on ${name}.`,
    redFlags: [`${marker} arrived late`],
    questionRatings: [],
  });
  const draft = await ok(await w.as.iv1.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: card.version, body: body(2), submit: false }));
  await ok(await w.as.iv1.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: draft.version, body: body(3), submit: true }));
  await ok(await w.as.hm.post(`/api/v1/applications/${app1}/decision`, { decision: 'hire', reasonCode: 'meets_bar', rationale: `Hire: ${marker} showed the strongest judgement.` }), 201);
  await ok(await w.as.hm.request('PUT', `/api/v1/applications/${app1}/outcomes/6m`, { performanceRating: 4, retained: true, note: `${marker} ramped quickly.` }));

  // Application 2: candidate windows, an availability link (emailed), a rejection with a written rationale.
  await ok(await w.as.recruiter.request('PUT', `/api/v1/applications/${app2}/availability`, { timeZone: 'Europe/Berlin', windows: [{ startsAt: '2027-01-05T08:00:00Z', endsAt: '2027-01-05T16:00:00Z' }] }));
  await ok(await w.as.recruiter.post(`/api/v1/applications/${app2}/availability-links`), 201);
  await ok(await w.as.hm.post(`/api/v1/applications/${app2}/decision`, { decision: 'reject', reasonCode: 'skills_gap', rationale: `Not now: ${marker} lacks the scope.` }), 201);

  // Demographics through the emailed single-use link (consent recorded with them).
  await ok(await w.as.recruiter.post(`/api/v1/candidates/${candidateId}/demographics/request`), 201);
  const mail = await db().selectFrom('outbox').select('bodyText').where('toAddress', '=', email).where('kind', '=', 'demographics_request').executeTakeFirstOrThrow();
  const path = /http:\/\/localhost(\/self-id\/[A-Za-z0-9_-]+)/.exec(mail.bodyText)![1]!;
  const form = await t.app.inject({
    method: 'POST',
    url: path,
    remoteAddress: `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ sex: 'female', raceEthnicity: 'Asian', ageBand: 'under 40', consent: 'yes' }).toString(),
  });
  expect(form.statusCode, form.body).toBe(303);

  // A privacy request with a free-text message (written directly: the candidate's page is another route's test).
  await db()
    .insertInto('privacyRequests')
    .values({ id: randomUUID(), orgId: w.org.orgId, candidateId, kind: 'access', message: `Please send everything about ${name}.`, dueAt: new Date(Date.now() + 30 * 86_400_000) })
    .execute();

  return { candidateId, name, email, marker, appIds: [app1, app2], interviewId, scorecardId: card.id as string };
}

async function appState(appIds: string[]) {
  const count = async (table: 'stageMoves' | 'ratings' | 'decisions' | 'outcomes' | 'scorecards' | 'applicationSummaries') =>
    Number((await db().selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).where('applicationId', 'in', appIds).executeTakeFirstOrThrow()).n);
  return {
    stage_moves: await count('stageMoves'),
    ratings: await count('ratings'),
    decisions: await count('decisions'),
    outcomes: await count('outcomes'),
    scorecards: await count('scorecards'),
    application_summaries: await count('applicationSummaries'),
    moves: await db().selectFrom('stageMoves').select(['applicationId', 'seq', 'fromStage', 'toStage', 'reasonCode', 'movedAt']).where('applicationId', 'in', appIds).orderBy('applicationId').orderBy('seq').execute(),
    ratingRows: await db().selectFrom('ratings').select(['applicationId', 'competencyId', 'rating']).where('applicationId', 'in', appIds).orderBy('applicationId').orderBy('competencyId').execute(),
    decisionRows: await db().selectFrom('decisions').select(['applicationId', 'decision', 'reasonCode', 'decidedAt']).where('applicationId', 'in', appIds).orderBy('decidedAt').execute(),
    outcomeRows: await db().selectFrom('outcomes').select(['applicationId', 'checkpoint', 'performanceRating', 'retained']).where('applicationId', 'in', appIds).execute(),
    apps: await db().selectFrom('applications').select(['id', 'openingId', 'stage', 'status', 'rejectionReason', 'createdAt']).where('id', 'in', appIds).orderBy('id').execute(),
  };
}

describe('erasing a candidate', () => {
  it('leaves no trace of the person in any classified column, keeps the anonymized statistics and the other candidate intact', async () => {
    const w = await hiringWorld(t);
    const job2 = (await ok(await w.as.recruiter.post('/api/v1/jobs', { roleId: 'cto', location: 'Lisbon', remotePolicy: 'remote', team: [{ userId: w.ids.hm, teamRole: 'hiring_manager' }] }), 201)).id as string;
    const a = await populate(w, job2, 'Zqxmarkalpha');
    const b = await populate(w, job2, 'Vwkmarkbeta');

    // The marker really reached every place a person's data can be written.
    const before = await columnsContaining(a.marker);
    const expected = [
      'candidates.name', 'candidates.email', 'candidates.phone', 'candidates.links', 'candidates.source', 'candidates.notes',
      'candidates.resume_name', 'candidates.resume_data', 'candidates.resume_text', 'candidates.search',
      'applications.rejection_note', 'stage_moves.note', 'decisions.rationale', 'outcomes.note', 'interviews.location',
      'scorecards.body', 'scorecard_revisions.body', 'transcripts.file_name', 'transcripts.cues', 'transcript_turns.text', 'transcript_turns.search',
      'privacy_requests.message', 'outbox.to_address', 'outbox.body_text', 'idempotency_keys.response',
    ];
    expect(before).toEqual(expect.arrayContaining(expected));
    const bBefore = await columnsContaining(b.marker);
    expect(bBefore).toEqual(expect.arrayContaining(expected));
    expect(await db().selectFrom('demographics').select('sex').where('candidateId', '=', a.candidateId).executeTakeFirst()).toEqual({ sex: 'female' });
    const revisions = (await db().selectFrom('scorecardRevisions').select('number').where('scorecardId', '=', a.scorecardId).execute()).length;
    expect(revisions).toBeGreaterThan(0);
    const stateBefore = await appState(a.appIds);
    expect(stateBefore).toMatchObject({ stage_moves: 5, decisions: 2, outcomes: 1, scorecards: 1 });
    expect(stateBefore.ratings).toBeGreaterThan(0);

    const res = await w.as.admin.post(`/api/v1/candidates/${a.candidateId}/erase`, { confirmName: `  ${a.name} ` });
    const receipt = await ok(res);
    expect(receipt).toMatchObject({ trigger: 'manual', requestId: null, policyId: null, erasedBy: { id: w.ids.admin, name: 'admin person' } });
    expect(receipt.kept).toEqual({
      applications: 2,
      stage_moves: stateBefore.stage_moves,
      ratings: stateBefore.ratings,
      decisions: 2,
      outcomes: 1,
      scorecards: 1,
      application_summaries: stateBefore.application_summaries,
    });
    expect(receipt.removed).toMatchObject({
      candidates: 1,
      'applications.rejection_note': 1,
      'stage_moves.note': 2,
      'decisions.rationale': 2,
      'outcomes.note': 1,
      'interviews.location': 1,
      'scorecards.body': 1,
      scorecard_revisions: revisions,
      transcripts: 1,
      transcript_turns: 2,
      candidate_windows: 1,
      availability_links: 1,
      demographics: 1,
      demographic_links: 1,
      consents: 2,
      'privacy_requests.message': 1,
      outbox: 2,
      idempotency_keys: 1,
    });

    // Nothing of A anywhere: marker, address, id (the id only as an audit target or in audit details, DECISIONS 8).
    expect(await columnsContaining(a.marker)).toEqual([]);
    expect(await columnsContaining(a.email)).toEqual([]);
    expect((await columnsContaining(a.candidateId)).filter((k) => !k.startsWith('audit_log.'))).toEqual([]);
    expect(await candidateRefsTo(a.candidateId)).toEqual([]);
    const auditDetails = await sql<{ n: number }>`select count(*)::int as n from audit_log where position(lower(${a.marker}) in lower(details::text)) > 0`.execute(db());
    expect(auditDetails.rows[0]!.n).toBe(0);
    const erasedEntry = await db().selectFrom('auditLog').select(['targetType', 'targetId', 'details', 'actorUserId']).where('action', '=', 'candidate.erased').where('targetId', '=', a.candidateId).execute();
    expect(erasedEntry).toEqual([{ targetType: 'candidate', targetId: a.candidateId, actorUserId: w.ids.admin, details: { receiptId: receipt.id, subjectId: receipt.subjectId, trigger: 'manual' } }]);

    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });

    // B is untouched.
    expect(await columnsContaining(b.marker)).toEqual(bBefore);
    expect((await ok(await w.as.recruiter.get(`/api/v1/candidates/${b.candidateId}`))).notes).toContain(b.marker);

    // A's applications remain, detached, with everything the statistics need.
    const apps = await db().selectFrom('applications').select(['id', 'candidateId', 'erasedAt', 'subjectId', 'rejectionNote']).where('id', 'in', a.appIds).execute();
    expect(apps).toHaveLength(2);
    for (const app of apps) expect(app).toMatchObject({ candidateId: null, rejectionNote: null, subjectId: receipt.subjectId, erasedAt: new Date(receipt.erasedAt) });
    const stateAfter = await appState(a.appIds);
    expect(stateAfter).toEqual(stateBefore);
    const card = await db().selectFrom('scorecards').select('body').where('id', '=', a.scorecardId).executeTakeFirstOrThrow();
    const ratings = Object.values((card.body as { ratings: Record<string, { rating: number; evidence: string }> }).ratings);
    expect(ratings.every((r) => r.rating === 3 && r.evidence === '')).toBe(true);
    expect(card.body).toMatchObject({ recommendation: 'yes', notes: '', redFlags: [] });
    expect((await db().selectFrom('decisions').select('rationale').where('applicationId', 'in', a.appIds).execute()).map((d) => d.rationale)).toEqual(['(erased)', '(erased)']);

    // The product no longer knows A.
    expect((await w.as.recruiter.get(`/api/v1/candidates/${a.candidateId}`)).statusCode).toBe(404);
    const list = (await ok(await w.as.owner.get('/api/v1/candidates?limit=100'))).items.map((c: { id: string }) => c.id);
    expect(list).toContain(b.candidateId);
    expect(list).not.toContain(a.candidateId);
    expect((await ok(await w.as.owner.get(`/api/v1/candidates?q=${a.marker}`))).items).toEqual([]);
    expect((await ok(await w.as.owner.get(`/api/v1/candidates?q=${b.marker}`))).items).toHaveLength(1);

    // The receipt: listed, downloadable as JSON and HTML, none of them with A's data.
    const listed = await ok(await w.as.owner.get('/api/v1/privacy/receipts'));
    expect(listed.items).toEqual([receipt]);
    const json = await w.as.owner.get(`/api/v1/privacy/receipts/${receipt.id}`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['content-disposition']).toContain(`erasure-receipt-${receipt.id}.json`);
    expect(JSON.parse(json.body)).toEqual(receipt);
    const html = await w.as.owner.get(`/api/v1/privacy/receipts/${receipt.id}?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(receipt.digest);
    expect(html.body).toContain('admin person');
    expect(html.body).toContain('holds no personal data');
    for (const body of [res.body, json.body, html.body]) {
      expect(body.toLowerCase()).not.toContain(a.marker.toLowerCase());
      expect(body).not.toContain(a.candidateId);
    }
    expect((await w.as.recruiter.get('/api/v1/privacy/receipts')).statusCode).toBe(403);
  });
});
