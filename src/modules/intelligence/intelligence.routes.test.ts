import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { fakeLlm } from '../../server/testing/fake-llm.ts';
import { addCandidate, addInterview, hiringWorld } from '../../server/testing/hiring.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { guideFor } from '../plans/plans.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const planned = guideFor('cto').plan.rounds.find((r) => r.id === 'deep-dive')!.questions;

/** A deep-dive transcript: the panel member asks a planned question verbatim, a risky one, and the candidate answers. */
function vtt(interviewer: string, candidate: string) {
  return [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:09.000',
    `<v ${interviewer}>Thanks for joining. ${planned[0]!.text}`,
    '',
    '00:00:10.000 --> 00:00:52.000',
    `<v ${candidate}>When I joined, our cloud bill was growing faster than revenue. I led a cost programme: I built a unit-cost dashboard, we moved batch jobs to spot instances and renegotiated our reserved capacity. As a result cost per transaction fell from 4.1 to 2.6 cents within two quarters, and my email is ${candidate.split(' ')[0]!.toLowerCase()}@example.test if you need the numbers.`,
    '',
    '00:00:53.000 --> 00:00:58.000',
    `<v ${interviewer}>Impressive. What year did you graduate, by the way?`,
    '',
    '00:00:59.000 --> 00:01:04.000',
    `<v ${candidate}>I would rather talk about the work, if that is all right.`,
    '',
  ].join('\n');
}

async function world() {
  const w = await hiringWorld(t);
  const { candidateId, applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Ada Quinn', `ada.quinn.${Math.random().toString(16).slice(2)}@example.test`);
  const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1]);
  const panelName = (await w.as.recruiter.get(`/api/v1/interviews/${interviewId}`)).json().interviewers[0].name as string;
  return { ...w, candidateId, applicationId, interviewId, panelName };
}

describe('transcripts of an interview', () => {
  it('needs consent, then parses, maps speakers by name and analyses against the round', async () => {
    const w = await world();
    const url = `/api/v1/interviews/${w.interviewId}/transcript`;
    const body = { fileName: 'deep-dive.vtt', content: vtt(w.panelName, 'Ada Quinn') };
    const refused = await w.as.iv1.request('PUT', url, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.field).toBe('consent');

    const consent = await w.as.iv1.post(`/api/v1/interviews/${w.interviewId}/consents`, { wordingVersion: 'recording-notice-2026-01' });
    expect(consent.statusCode, consent.body).toBe(201);
    expect(consent.json()).toMatchObject({ kind: 'recording', wordingVersion: 'recording-notice-2026-01', withdrawnAt: null, candidateId: w.candidateId });
    const consents = (await w.as.recruiter.get(`/api/v1/interviews/${w.interviewId}/consents`)).json();
    expect(consents).toMatchObject({ required: true, given: true });

    const up = await w.as.iv1.request('PUT', url, body);
    expect(up.statusCode, up.body).toBe(200);
    const tr = up.json();
    expect(tr.format).toBe('vtt');
    expect(tr.turns).toHaveLength(4);
    expect(tr.speakers).toEqual(
      expect.arrayContaining([
        { speaker: w.panelName, role: 'interviewer', participantId: w.ids.iv1, name: w.panelName, source: 'name' },
        { speaker: 'Ada Quinn', role: 'candidate', participantId: w.candidateId, name: 'Ada Quinn', source: 'name' },
      ]),
    );
    expect(tr.competencies.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['infrastructure-operations', 'technology-strategy-architecture']));
    const a = tr.analysis;
    expect(a.engineVersion).toBe('rubric-intel/1');
    expect(a.coverage.asked.map((x: { index: number }) => x.index)).toEqual([0]);
    expect(a.coverage.skipped.map((x: { index: number }) => x.index)).toEqual([1, 2]);
    expect(a.flags).toHaveLength(1);
    expect(a.flags[0]).toMatchObject({ category: 'age', speaker: w.panelName });
    expect(a.flags[0].quote).toContain('What year did you graduate');
    expect(a.flags[0].startMs).toBeGreaterThanOrEqual(53_000);
    expect(a.talk.candidateShare).toBeGreaterThan(0.5);
    const evidence = a.evidence.filter((e: { competencyId: string }) => e.competencyId === 'infrastructure-operations');
    expect(evidence.length).toBeGreaterThan(0);
    const answer = tr.turns[1].text as string;
    for (const e of a.evidence) expect(answer.includes(e.quote) || tr.turns.some((x: { text: string }) => x.text.includes(e.quote))).toBe(true);

    // Blind review: the candidate's name and email are replaced everywhere.
    const blind = (await w.as.iv1.get(`${url}?redact=true`)).json();
    expect(blind.redacted).toBe(true);
    expect(JSON.stringify(blind.turns)).not.toContain('Ada');
    expect(JSON.stringify(blind.turns)).not.toContain('@example.test');
    expect(JSON.stringify(blind.analysis)).not.toContain('Ada Quinn');
    expect(blind.turns[1].text).toContain('[EMAIL]');
    expect(blind.participants.candidate.name).toBe('[CANDIDATE]');
  });

  it('re-runs the analysis when speakers are corrected', async () => {
    const w = await world();
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const owner = w.as.owner;
    await owner.request('PUT', '/api/v1/intelligence/settings', { requireConsent: false });
    // Labels that match nobody by name: roles come from behaviour, then the user corrects them.
    const up = await w.as.recruiter.request('PUT', `/api/v1/interviews/${w.interviewId}/transcript`, { fileName: 'call.vtt', content: vtt('Speaker 1', 'Speaker 2') });
    expect(up.statusCode, up.body).toBe(200);
    const byLabel = Object.fromEntries(up.json().speakers.map((s: { speaker: string; role: string; source: string }) => [s.speaker, `${s.role}/${s.source}`]));
    expect(byLabel).toEqual({ 'Speaker 1': 'interviewer/behaviour', 'Speaker 2': 'candidate/behaviour' });
    const swapped = await w.as.recruiter.request('PUT', `/api/v1/interviews/${w.interviewId}/transcript/speakers`, {
      mapping: [
        { speaker: 'Speaker 1', role: 'candidate', participantId: w.candidateId },
        { speaker: 'Speaker 2', role: 'interviewer', participantId: w.ids.iv1 },
      ],
    });
    expect(swapped.statusCode, swapped.body).toBe(200);
    const s = swapped.json();
    expect(s.speakers.every((m: { source: string }) => m.source === 'user')).toBe(true);
    // The risky question is now the candidate's own words: not a flag against the interviewer.
    expect(s.analysis.flags).toEqual([]);
    const bad = await w.as.recruiter.request('PUT', `/api/v1/interviews/${w.interviewId}/transcript/speakers`, {
      mapping: [
        { speaker: 'Nobody', role: 'other', participantId: null },
        { speaker: 'Speaker 1', role: 'interviewer', participantId: w.candidateId },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['mapping.0.speaker', 'mapping.1.participantId']);
    await owner.request('PUT', '/api/v1/intelligence/settings', { requireConsent: true });
  });

  it('refuses bad files, names the problem and keeps the previous transcript', async () => {
    const w = await world();
    await w.as.iv1.post(`/api/v1/interviews/${w.interviewId}/consents`, { wordingVersion: 'v1' });
    const url = `/api/v1/interviews/${w.interviewId}/transcript`;
    expect((await w.as.iv1.request('PUT', url, { fileName: 'a.vtt', content: vtt(w.panelName, 'Ada Quinn') })).statusCode).toBe(200);
    const garbage = await w.as.iv1.request('PUT', url, { fileName: 'notes.vtt', content: 'WEBVTT\n\nthis is not a cue\n00:00 --> nonsense\n' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().message).toMatch(/No transcript cues found in notes.vtt/);
    expect(garbage.json().details.issues.length).toBeGreaterThan(0);
    const huge = await w.as.iv1.request('PUT', url, { fileName: 'big.txt', content: `Ada Quinn: ${'word '.repeat(1_100_000)}` });
    expect(huge.statusCode).toBe(413);
    const both = await w.as.iv1.request('PUT', url, { fileName: 'x.vtt', content: 'WEBVTT', dataBase64: 'AA==' });
    expect(both.statusCode).toBe(400);
    expect(both.json().details.issues[0].path).toBe('content');
    // UTF-16 with a BOM, as base64.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vtt(w.panelName, 'Ada Quinn'), 'utf16le')]).toString('base64');
    const u = await w.as.iv1.request('PUT', url, { fileName: 'teams.vtt', dataBase64: utf16 });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json().turns).toHaveLength(4);
  });

  it('limits who sees transcripts and search results; withdrawal deletes the transcript', async () => {
    const w = await world();
    await w.as.iv1.post(`/api/v1/interviews/${w.interviewId}/consents`, { wordingVersion: 'v1' });
    const url = `/api/v1/interviews/${w.interviewId}/transcript`;
    expect((await w.as.iv1.request('PUT', url, { fileName: 'a.vtt', content: vtt(w.panelName, 'Ada Quinn') })).statusCode).toBe(200);
    expect((await w.as.iv2.get(url)).statusCode).toBe(404); // not on the panel, not a manager
    expect((await w.as.hm.get(url)).statusCode).toBe(200); // the job's hiring manager

    const hits = (await w.as.hm.get('/api/v1/transcripts/search?q=spot%20instances')).json().items;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ interviewId: w.interviewId, candidateName: 'Ada Quinn', roundName: 'Hiring-manager deep dive', speaker: 'Ada Quinn', startMs: 10_000 });
    expect(hits[0].snippet).toContain('«spot»');
    expect((await w.as.iv2.get('/api/v1/transcripts/search?q=spot%20instances')).json().items).toEqual([]);
    expect((await w.as.iv1.get('/api/v1/transcripts/search?q=spot%20instances')).json().items).toHaveLength(1);

    const consent = (await w.as.iv1.get(`/api/v1/interviews/${w.interviewId}/consents`)).json().items[0];
    const withdrawn = await w.as.recruiter.post(`/api/v1/consents/${consent.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().withdrawnAt).not.toBeNull();
    expect((await w.as.hm.get(url)).statusCode).toBe(404);
    expect((await w.as.hm.get('/api/v1/transcripts/search?q=spot%20instances')).json().items).toEqual([]);
    expect((await w.as.iv1.request('PUT', url, { fileName: 'a.vtt', content: vtt(w.panelName, 'Ada Quinn') })).statusCode).toBe(409);
    const turns = await t.database.db.selectFrom('transcriptTurns').select('idx').where('orgId', '=', w.org.orgId).execute();
    expect(turns).toEqual([]);
  });

  it('summarises with the extractive engine, or with a model whose every sentence cites a turn of the redacted transcript', async () => {
    const w = await world();
    await w.as.owner.request('PUT', '/api/v1/intelligence/settings', { requireConsent: false });
    expect((await w.as.recruiter.request('PUT', `/api/v1/interviews/${w.interviewId}/transcript`, { fileName: 'a.vtt', content: vtt(w.panelName, 'Ada Quinn') })).statusCode).toBe(200);
    const plain = (await w.as.recruiter.post(`/api/v1/interviews/${w.interviewId}/transcript/summary`)).json();
    expect(plain.kind).toBe('extractive');
    expect(plain.notice).toMatch(/No language model/);
    expect(plain.sentences.length).toBeGreaterThan(0);
    expect(plain.sentences.every((x: { turns: number[] }) => x.turns.length === 1)).toBe(true);
    await w.as.owner.request('PUT', '/api/v1/intelligence/settings', { requireConsent: true });

    const model = await fakeLlm((prompt) =>
      prompt.includes('[T1] Candidate:') ? { content: 'The candidate led a cost programme that cut cost per transaction from 4.1 to 2.6 cents [T1]. They declined to give a graduation year [T3].' } : { content: 'Nice person.' },
    );
    const app = await openTestApp({ env: { LLM_BASE_URL: model.url, LLM_MODEL: 'local-test', RUBRIC_DEMO: '0' }, database: t.database });
    try {
      const b = await signedIn(app.app, (await t.database.db.selectFrom('users').select('email').where('id', '=', w.ids.recruiter).executeTakeFirstOrThrow()).email);
      const r = (await b.post(`/api/v1/interviews/${w.interviewId}/transcript/summary`)).json();
      expect(r).toEqual({
        kind: 'abstractive',
        notice: null,
        problems: [],
        sentences: [
          { text: 'The candidate led a cost programme that cut cost per transaction from 4.1 to 2.6 cents.', turns: [1] },
          { text: 'They declined to give a graduation year.', turns: [3] },
        ],
      });
      // The model was sent the redacted transcript: no name, no email.
      const sent = model.seen[0]!.messages.at(-1)!.content;
      expect(sent).not.toContain('Ada');
      expect(sent).not.toContain('@example.test');
      expect(sent).toContain('[EMAIL]');
    } finally {
      await app.close();
      await model.close();
    }
  });

  it("answers 404 for another organization's consents", async () => {
    const w = await world();
    const consent = (await w.as.iv1.post(`/api/v1/interviews/${w.interviewId}/consents`, { wordingVersion: 'v1' })).json();
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    await expectOtherOrgIdsNotFound(t.app, outsider, ['/api/v1/consents'], [{ method: 'POST', route: '/api/v1/consents/:id/withdraw', params: { id: consent.id } }]);
    expect((await w.as.recruiter.request('PUT', '/api/v1/intelligence/settings', { requireConsent: false })).statusCode).toBe(403);
  });
});
