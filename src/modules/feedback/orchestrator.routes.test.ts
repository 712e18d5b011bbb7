import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld, jdSettings } from '../../server/testing/hiring.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { sendFeedbackReminders } from './feedback.service.ts';
import { BLIND_MESSAGE } from './feedback.policy.ts';

const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;

describe('jobs', () => {
  it('opens a CTO job from the role with the guide plan, default pipeline and hiring team', async () => {
    const w = await hiringWorld(t);
    expect(w.job.title).toBe('Chief Technology Officer');
    expect(w.job.roleId).toBe('cto');
    expect(w.job.status).toBe('open');
    expect(w.job.stages.map((s: { id: string }) => s.id)).toEqual(['applied', 'screen', 'deep-dive', 'competency-a', 'competency-b', 'case', 'panel', 'references', 'offer', 'hired', 'rejected']);
    expect(w.job.stages[2]).toEqual({ id: 'deep-dive', name: 'Hiring-manager deep dive', kind: 'interview', roundId: 'deep-dive' });
    expect(w.job.team).toEqual([expect.objectContaining({ userId: w.ids.hm, teamRole: 'hiring_manager', roundId: '' })]);
    const plan = (await w.as.recruiter.get(`/api/v1/plans/${w.job.planId}`)).json();
    expect(plan.roleId).toBe('cto');

    const bad = await w.as.recruiter.post('/api/v1/jobs', { roleId: 'wizard', team: [{ userId: '00000000-0000-4000-8000-000000000000', teamRole: 'recruiter' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([{ path: 'roleId', message: 'There is no library role "wizard"' }]);
    const badTeam = await w.as.recruiter.post('/api/v1/jobs', { roleId: 'cpo', team: [{ userId: '00000000-0000-4000-8000-000000000000', teamRole: 'recruiter' }] });
    expect(badTeam.json().details.issues).toEqual([{ path: 'team.0.userId', message: 'Not a member of this organization' }]);
    expect((await w.as.iv1.post('/api/v1/jobs', { roleId: 'cpo' })).statusCode).toBe(403);
    // Interviewers do not see jobs they have nothing to do with.
    expect((await w.as.iv1.get(`/api/v1/jobs/${w.job.id}`)).statusCode).toBe(404);
    expect((await w.as.iv1.get('/api/v1/jobs')).json().items).toEqual([]);
  });

  it('edits stages (refusing to drop an occupied one), archives instead of deleting a job with applications', async () => {
    const w = await hiringWorld(t);
    await addCandidate(w.as.recruiter, w.job.id, 'Ada Stone', 'ada.stone@example.test');
    const stages = w.job.stages.filter((s: { id: string }) => s.id !== 'applied');
    const dropped = await w.as.recruiter.patch(`/api/v1/jobs/${w.job.id}`, { stages });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().details.issues.map((i: { path: string }) => i.path)).toContain('stages');
    const renamed = w.job.stages.map((s: { id: string; name: string }) => (s.id === 'screen' ? { ...s, name: 'Phone screen' } : s));
    const withCustom = [...renamed.slice(0, 2), { id: 'take-home', name: 'Take-home', kind: 'custom', roundId: null }, ...renamed.slice(2)];
    const ok = await w.as.recruiter.patch(`/api/v1/jobs/${w.job.id}`, { stages: withCustom, status: 'on_hold' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stages[1].name).toBe('Phone screen');
    expect(ok.json().stages[2].id).toBe('take-home');
    expect(ok.json().status).toBe('on_hold');
    expect(ok.json().counts).toEqual({ total: 1, active: 1, byStage: { applied: 1 } });
    // Removing the occupied "applied" stage is a conflict even if the list stays valid otherwise.
    const noApplied = withCustom.map((s: { id: string }) => (s.id === 'applied' ? { ...s, id: 'new' } : s));
    const occupied = await w.as.recruiter.patch(`/api/v1/jobs/${w.job.id}`, { stages: noApplied });
    expect(occupied.statusCode).toBe(409);
    expect(occupied.json().details.stages).toEqual(['applied']);

    const del = await w.as.recruiter.delete(`/api/v1/jobs/${w.job.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toBe('This job has 1 application; archive it instead');
    const archived = await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/archive`, { archived: true });
    expect(archived.json()).toMatchObject({ archived: true, status: 'closed' });
    expect((await w.as.recruiter.get('/api/v1/jobs')).json().items.map((j: { id: string }) => j.id)).not.toContain(w.job.id);
    expect((await w.as.recruiter.get('/api/v1/jobs?archived=true')).json().items.map((j: { id: string }) => j.id)).toContain(w.job.id);
    const empty = (await w.as.recruiter.post('/api/v1/jobs', { roleId: 'cpo' })).json();
    expect((await w.as.recruiter.delete(`/api/v1/jobs/${empty.id}`)).statusCode).toBe(200);
    expect((await w.as.recruiter.get(`/api/v1/jobs/${empty.id}`)).statusCode).toBe(404);
  });
});

describe('candidates and stage history', () => {
  it('detects duplicates by email, searches, and keeps the full history through reject and undo', async () => {
    const w = await hiringWorld(t);
    const { candidateId, applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Grace Okafor', 'Grace.Okafor@Example.test');
    const dup = await w.as.recruiter.post('/api/v1/candidates', { name: 'G. Okafor', email: 'grace.okafor@example.test', jobId: w.job.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details).toEqual({ field: 'email', candidateId });
    const invalid = await w.as.recruiter.post('/api/v1/candidates', { name: '', email: 'nope', links: ['ftp://x'] });
    expect(invalid.json().details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'links.0', 'name']);
    await addCandidate(w.as.recruiter, w.job.id, 'Lin Park', 'lin.park@example.test');
    expect((await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications?q=okafor`)).json().items.map((a: { candidateName: string }) => a.candidateName)).toEqual(['Grace Okafor']);

    const url = `/api/v1/applications/${applicationId}`;
    let app = (await w.as.recruiter.post(`${url}/move`, { toStage: 'screen' })).json();
    expect(app).toMatchObject({ stage: 'screen', stageName: 'Recruiter screen', status: 'active', version: 2 });
    const noReason = await w.as.recruiter.post(`${url}/move`, { toStage: 'rejected' });
    expect(noReason.json().details.issues).toEqual([{ path: 'reasonCode', message: 'Choose a rejection reason' }]);
    const stale = await w.as.recruiter.post(`${url}/move`, { toStage: 'rejected', reasonCode: 'skills_gap', baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.currentVersion).toBe(2);
    app = (await w.as.recruiter.post(`${url}/move`, { toStage: 'rejected', reasonCode: 'skills_gap', note: 'Scope too small', baseVersion: 2 })).json();
    expect(app).toMatchObject({ stage: 'rejected', status: 'rejected', rejectionReason: 'skills_gap', rejectionNote: 'Scope too small' });
    const rejectMove = app.history.at(-1);
    expect((await w.as.recruiter.post(`${url}/undo`, { moveId: app.history[1].id })).statusCode).toBe(409);
    app = (await w.as.recruiter.post(`${url}/undo`, { moveId: rejectMove.id })).json();
    expect(app).toMatchObject({ stage: 'screen', status: 'active', rejectionReason: null });
    expect(app.history.map((h: { fromStage: string | null; toStage: string; undoes: string | null }) => [h.fromStage, h.toStage, h.undoes])).toEqual([
      [null, 'applied', null],
      ['applied', 'screen', null],
      ['screen', 'rejected', null],
      ['rejected', 'screen', rejectMove.id],
    ]);
    expect(app.history[2].movedByName).toBe('recruiter person');
    const candidate = (await w.as.recruiter.get(`/api/v1/candidates/${candidateId}`)).json();
    expect(candidate.timeline.map((e: { text: string }) => e.text)).toContain('Moved from Recruiter screen to Rejected (Chief Technology Officer), reason skills_gap');
    // An interviewer with no interview on the candidate sees nothing of them.
    expect((await w.as.iv1.get(`/api/v1/candidates/${candidateId}`)).statusCode).toBe(404);
    expect((await w.as.iv1.get(url)).statusCode).toBe(404);
    expect((await w.as.iv1.post(`${url}/move`, { toStage: 'applied' })).statusCode).toBe(403);
  });

  it('imports CSV: every bad row reported with its line, nothing written; skipInvalid imports the good rows; preview writes nothing', async () => {
    const w = await hiringWorld(t);
    await addCandidate(w.as.recruiter, w.job.id, 'Existing Person', 'existing@example.test');
    const other = (await w.as.recruiter.post('/api/v1/candidates', { name: 'Known Elsewhere', email: 'known@example.test' })).json();
    const csv = [
      'name,email,phone,links,source',
      'Mara Quinn,mara@example.test,+49 30 1234,https://mara.example,referral',
      'No Email,,,,',
      'Existing Again,existing@example.test,,,',
      'Bad Link,bad.link@example.test,,notaurl,',
      'Known Elsewhere,KNOWN@example.test,,,agency',
      'Mara Twin,mara@example.test,,,',
      'Short,row',
    ].join('\n');
    const url = `/api/v1/jobs/${w.job.id}/candidates/import`;
    const rejected = await w.as.recruiter.post(url, { csv });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().details.errors).toEqual([
      { line: 3, column: 'email', reason: 'Enter a valid email address' },
      { line: 4, column: 'email', reason: 'This candidate already applied to this job' },
      { line: 5, column: 'links', reason: 'Use an http(s) link' },
      { line: 7, column: 'email', reason: 'Same email as line 2' },
      { line: 8, column: null, reason: 'Expected 5 fields, found 2' },
    ]);
    const count = async () => (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/applications`)).json().items.length;
    expect(await count()).toBe(1);
    const preview = (await w.as.recruiter.post(url, { csv, preview: true })).json();
    expect(preview).toMatchObject({ preview: true, rows: 7, imported: 2, linkedExisting: 1 });
    expect(await count()).toBe(1);
    const done = (await w.as.recruiter.post(url, { csv, skipInvalid: true })).json();
    expect(done).toMatchObject({ preview: false, rows: 7, imported: 2, linkedExisting: 1 });
    expect(done.errors).toHaveLength(5);
    expect(await count()).toBe(3);
    const linked = (await w.as.recruiter.get(`/api/v1/candidates/${other.id}`)).json();
    expect(linked.applications.map((a: { jobId: string }) => a.jobId)).toEqual([w.job.id]);
    expect((await w.as.recruiter.post(url, { csv: 'email,nickname\nx@example.test,x' })).json().details.errors).toEqual([
      { line: 1, column: 'nickname', reason: 'Unknown column "nickname" (use name, email, phone, links, source, notes, sex, race_ethnicity, age_band)' },
      { line: 1, column: 'name', reason: 'Missing required column "name"' },
    ]);
  });
});

describe('résumés', () => {
  it('stores a résumé, extracts its text for search, serves it back, and refuses other files clearly', async () => {
    const w = await hiringWorld(t);
    const { candidateId } = await addCandidate(w.as.recruiter, w.job.id, 'Priya Natarajan', 'priya@example.test');
    const text = 'Priya Natarajan\nVP Engineering, Kubernetes platform migration across 40 teams.';
    const up = await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: 'priya.txt', contentType: 'text/plain', dataBase64: Buffer.from(text).toString('base64') });
    expect(up.statusCode).toBe(200);
    expect(up.json().resume).toEqual({ name: 'priya.txt', type: 'text/plain', size: Buffer.byteLength(text), textLength: text.length });
    expect((await w.as.recruiter.get('/api/v1/candidates?q=kubernetes')).json().items.map((c: { id: string }) => c.id)).toEqual([candidateId]);
    expect((await w.as.recruiter.get('/api/v1/candidates?q=cobol')).json().items).toEqual([]);
    const down = await w.as.recruiter.get(`/api/v1/candidates/${candidateId}/resume`);
    expect(down.body).toBe(text);
    expect(down.headers['content-disposition']).toBe('attachment; filename="priya.txt"');
    const exe = await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: 'cv.exe', contentType: null, dataBase64: Buffer.from('MZ\x90').toString('base64') });
    expect(exe.json()).toMatchObject({ code: 'invalid', details: { issues: [{ path: 'fileName', message: 'Not a PDF, DOCX or TXT file' }] } });
    const big = await w.as.recruiter.request('PUT', `/api/v1/candidates/${candidateId}/resume`, { fileName: 'big.txt', contentType: 'text/plain', dataBase64: Buffer.alloc(5 * 1024 * 1024 + 1, 97).toString('base64') });
    expect(big.statusCode).toBe(413);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${candidateId}/resume`)).body).toBe(text);
  });
});

describe('scorecards, blind feedback, debrief and decision', () => {
  it('hides others’ feedback until you submit, flags disagreement, and lets the hiring manager decide', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Sam Rivera', 'sam.rivera@example.test');
    await w.as.recruiter.post(`/api/v1/applications/${applicationId}/move`, { toStage: 'deep-dive' });
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1, w.ids.iv2], '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z');
    // The panel sees the job and the candidate now; the third interviewer still does not.
    expect((await w.as.iv1.get(`/api/v1/jobs/${w.job.id}`)).json().access).toBe('interview');
    expect((await w.as.iv3.get(`/api/v1/applications/${applicationId}`)).statusCode).toBe(404);
    expect((await w.as.iv3.post(`/api/v1/interviews/${interviewId}/scorecard`)).statusCode).toBe(404);

    // Interviewer 1: draft, incomplete submit names the fields, then submit.
    const draft = (await w.as.iv1.post(`/api/v1/interviews/${interviewId}/scorecard`)).json();
    expect(draft.form.competencies.map((c: { id: string }) => c.id)).toEqual(['infrastructure-operations', 'innovation-rd-investment', 'technology-strategy-architecture']);
    expect(draft.form.competencies[0].anchors['4']).toBeTruthy();
    expect(draft).toMatchObject({ status: 'draft', version: 1, mine: true, redacted: false });
    const incomplete = await w.as.iv1.request('PUT', `/api/v1/scorecards/${draft.id}`, {
      baseVersion: 1,
      body: { ratings: { 'infrastructure-operations': { rating: 3, evidence: '' } }, recommendation: null },
      submit: true,
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'ratings.infrastructure-operations.evidence',
      'ratings.innovation-rd-investment.rating',
      'ratings.technology-strategy-architecture.rating',
      'recommendation',
    ]);
    const saved = await w.as.iv1.request('PUT', `/api/v1/scorecards/${draft.id}`, { baseVersion: 1, body: { ratings: { 'infrastructure-operations': { rating: 3, evidence: '' } }, recommendation: null }, submit: false });
    expect(saved.json()).toMatchObject({ status: 'draft', version: 2 });
    const card1 = await fillScorecard(w.as.iv1, interviewId, { 'infrastructure-operations': 1, 'innovation-rd-investment': 2, 'technology-strategy-architecture': null }, 'no');
    expect(card1).toMatchObject({ status: 'submitted', revisions: 0 });

    // Interviewer 2 has not submitted: others' feedback is hidden on every surface.
    const list = (await w.as.iv2.get(`/api/v1/applications/${applicationId}/scorecards`)).json();
    expect(list.canSeeFeedback).toBe(false);
    expect(list.items).toEqual([expect.objectContaining({ id: card1.id, redacted: true, body: null })]);
    expect((await w.as.iv2.get(`/api/v1/scorecards/${card1.id}`)).json()).toMatchObject({ redacted: true, body: null });
    expect((await w.as.iv2.get(`/api/v1/scorecards/${card1.id}/revisions`)).statusCode).toBe(403);
    const blind = await w.as.iv2.get(`/api/v1/applications/${applicationId}/debrief`);
    expect(blind.statusCode).toBe(403);
    expect(blind.json().message).toBe(BLIND_MESSAGE);
    const cmp = (await w.as.iv2.get(`/api/v1/jobs/${w.job.id}/comparison`)).json();
    expect(cmp.rows).toEqual([expect.objectContaining({ applicationId, redacted: true, overall: null, submitted: 1 })]);
    const exp = JSON.parse((await w.as.iv2.get(`/api/v1/jobs/${w.job.id}/scorecards/export?format=json`)).body);
    expect(exp).toMatchObject({ scorecards: [], withheld: 1 });
    expect((await w.as.iv2.get(`/api/v1/applications/${applicationId}/decision-brief?format=md`)).statusCode).toBe(403);
    // Nor may anyone else write someone's scorecard.
    expect((await w.as.iv2.request('PUT', `/api/v1/scorecards/${card1.id}`, { baseVersion: 3, body: { ratings: {}, recommendation: null }, submit: false })).statusCode).toBe(403);

    // Owners (not on the panel) and the job's hiring manager see everything; a plain recruiter does not.
    expect((await w.as.owner.get(`/api/v1/applications/${applicationId}/debrief`)).statusCode).toBe(200);
    expect((await w.as.hm.get(`/api/v1/applications/${applicationId}/debrief`)).statusCode).toBe(200);
    expect((await w.as.recruiter.get(`/api/v1/applications/${applicationId}/debrief`)).statusCode).toBe(403);

    const card2 = await fillScorecard(w.as.iv2, interviewId, { 'infrastructure-operations': 4, 'innovation-rd-investment': 3, 'technology-strategy-architecture': 3 }, 'strong_yes');
    const after = (await w.as.iv2.get(`/api/v1/applications/${applicationId}/scorecards`)).json();
    expect(after.canSeeFeedback).toBe(true);
    expect(after.items.find((c: { id: string }) => c.id === card1.id).body.ratings['infrastructure-operations'].rating).toBe(1);

    const debrief = (await w.as.hm.get(`/api/v1/applications/${applicationId}/debrief`)).json();
    const infra = debrief.competencies.find((c: { id: string }) => c.id === 'infrastructure-operations');
    expect(infra).toMatchObject({ mean: 2.5, min: 1, max: 4, disagreement: true });
    expect(debrief.competencies.find((c: { id: string }) => c.id === 'innovation-rd-investment')).toMatchObject({ mean: 2.5, disagreement: false });
    expect(debrief.competencies.find((c: { id: string }) => c.id === 'technology-strategy-architecture')).toMatchObject({ mean: 3, cells: [{ interviewerId: card1.id, rating: null, evidence: '' }, expect.objectContaining({ interviewerId: card2.id, rating: 3 })] });
    // Weighted over the three rated competencies (14 each): (2.5 + 2.5 + 3) / 3.
    expect(debrief.overall.score).toBeCloseTo(8 / 3, 10);
    expect(debrief.overall.coverage).toBeCloseTo(42 / 100, 10);
    expect(debrief.recommendations).toEqual({ strong_no: 0, no: 1, yes: 0, strong_yes: 1 });
    expect(debrief.splitRecommendation).toBe(true);
    expect(debrief.missing).toEqual([]);
    expect(debrief.summary.join('\n')).toContain('Disagreement on Infrastructure');
    expect(debrief.summary.join('\n')).toContain('rated 1 (“Evidence on');
    expect(debrief.canDecide).toBe(true);

    // Interviewer 1 edits after submitting: a revision, and a stale edit is refused.
    const mine = (await w.as.iv1.get(`/api/v1/scorecards/${card1.id}`)).json();
    const revised = await w.as.iv1.request('PUT', `/api/v1/scorecards/${card1.id}`, { baseVersion: mine.version, body: { ...mine.body, notes: 'Added after the debrief prep' }, submit: true });
    expect(revised.json()).toMatchObject({ status: 'submitted', revisions: 1 });
    expect((await w.as.iv1.request('PUT', `/api/v1/scorecards/${card1.id}`, { baseVersion: mine.version, body: mine.body, submit: true })).json()).toMatchObject({ code: 'conflict', details: { currentVersion: mine.version + 1 } });
    expect((await w.as.hm.get(`/api/v1/scorecards/${card1.id}/revisions`)).json().items.map((r: { number: number }) => r.number)).toEqual([1, 2]);

    // Decisions: interviewers cannot decide; reasons are checked; advance moves to the next interview stage.
    expect((await w.as.iv1.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'advance', reasonCode: 'meets_bar', rationale: 'Strong systems thinking overall.' })).statusCode).toBe(403);
    const badReason = await w.as.hm.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'reject', reasonCode: 'meets_bar', rationale: 'Not a fit for the scope.' });
    expect(badReason.json().details.issues[0].path).toBe('reasonCode');
    const decided = await w.as.hm.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'advance', reasonCode: 'pending_references', rationale: 'Split panel; the infrastructure gap needs a second look in the case round.' });
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toMatchObject({ stage: 'competency-a', decisions: [expect.objectContaining({ decision: 'advance', reasonCode: 'pending_references', decidedByName: 'hiring_manager person' })] });

    const md = await w.as.hm.get(`/api/v1/applications/${applicationId}/decision-brief?format=md`);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toBe('attachment; filename="decision-brief-sam-rivera.md"');
    expect(md.body).toContain('# Decision brief: Sam Rivera');
    expect(md.body).toContain('| Infrastructure & operations ⚑ | 14 |');
    expect(md.body).toContain('**advance** (pending_references)');
    const pdf = await w.as.hm.request('GET', `/api/v1/applications/${applicationId}/decision-brief?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const csv = (await w.as.hm.get(`/api/v1/jobs/${w.job.id}/scorecards/export?format=csv`)).body.trim().split('\n');
    expect(csv[0]).toBe('scorecard_id,application_id,candidate,interviewer,round,competency_id,competency,rating,evidence,recommendation,submitted_at,plan_version_id');
    expect(csv).toHaveLength(1 + 6);
    const cmpHm = (await w.as.hm.get(`/api/v1/jobs/${w.job.id}/comparison`)).json();
    expect(cmpHm.rows[0]).toMatchObject({ redacted: false, submitted: 2, disagreements: 1, recommendations: { no: 1, strong_yes: 1 } });
    expect(cmpHm.rows[0].overall).toBeCloseTo(8 / 3, 10);
  });

  it('turns the blind rule off per organization, and owners on a panel wait like everyone else', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Noor Haddad', 'noor@example.test');
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'panel', [w.ids.owner, w.ids.iv1]);
    await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
    const ownerBlind = await w.as.owner.get(`/api/v1/applications/${applicationId}/debrief`);
    expect(ownerBlind.statusCode).toBe(403);
    expect((await w.as.recruiter.request('PUT', '/api/v1/hiring/settings', { blindFeedback: false, deciderRoles: ['owner'] })).statusCode).toBe(403);
    const off = await w.as.admin.request('PUT', '/api/v1/hiring/settings', { blindFeedback: false, deciderRoles: ['owner', 'admin'] });
    expect(off.json()).toEqual({ blindFeedback: false, deciderRoles: ['owner', 'admin'], approverRoles: ['owner', 'admin'] });
    expect((await w.as.owner.get(`/api/v1/applications/${applicationId}/debrief`)).statusCode).toBe(200);
    expect((await w.as.recruiter.get(`/api/v1/applications/${applicationId}/debrief`)).statusCode).toBe(200);
  });

  it('two interviewers submitting at the same moment both land; the same stale version twice gives one 409', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Ines Duarte', 'ines@example.test');
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'competency-b', [w.ids.iv1, w.ids.iv2, w.ids.iv3]);
    const results = await Promise.all([fillScorecard(w.as.iv1, interviewId, 3, 'yes'), fillScorecard(w.as.iv2, interviewId, 2, 'no'), fillScorecard(w.as.iv3, interviewId, 4, 'strong_yes')]);
    expect(results.map((r) => r.status)).toEqual(['submitted', 'submitted', 'submitted']);
    const debrief = (await w.as.hm.get(`/api/v1/applications/${applicationId}/debrief`)).json();
    expect(debrief.interviewers).toHaveLength(3);
    const card = (await w.as.iv1.get(`/api/v1/scorecards/${results[0].id}`)).json();
    const edits = await Promise.all(
      [1, 2].map((n) => w.as.iv1.request('PUT', `/api/v1/scorecards/${card.id}`, { baseVersion: card.version, body: { ...card.body, notes: `edit ${n}` }, submit: true })),
    );
    expect(edits.map((e) => e.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('interviewer home, waiting list and reminders', () => {
  it('sorts interviews into upcoming, to do and overdue, lists what the team waits on, and reminds once at 24 h and 48 h', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Tomas Berg', 'tomas@example.test');
    const now = clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const past = await addInterview(w.as.recruiter, applicationId, 'screen', [w.ids.iv1], iso(now - 3 * HOUR), iso(now - 2 * HOUR));
    const future = await addInterview(w.as.recruiter, applicationId, 'case', [w.ids.iv1, w.ids.iv2], iso(now + 24 * HOUR), iso(now + 26 * HOUR));
    const home = (await w.as.iv1.get('/api/v1/me/interviews')).json();
    expect(home.upcoming.map((i: { id: string }) => i.id)).toEqual([future]);
    expect(home.toDo.map((i: { id: string }) => i.id)).toEqual([past]);
    expect(home.overdue).toEqual([]);
    const kit = (await w.as.iv1.get(`/api/v1/interviews/${future}/kit`)).json();
    expect(kit.round).toMatchObject({ id: 'case', name: 'Architecture and technology-strategy review' });
    expect(kit.round.questions).toHaveLength(4);
    expect(kit.competencies.map((c: { id: string }) => c.id)).toEqual(['infrastructure-operations', 'innovation-rd-investment', 'business-acumen-commercial', 'cross-functional-collaboration']);

    const waiting = (await w.as.recruiter.get(`/api/v1/feedback/waiting?jobId=${w.job.id}`)).json();
    expect(waiting.items).toEqual([expect.objectContaining({ interviewId: past, interviewerId: w.ids.iv1, hoursOverdue: 2, state: 'none', roundName: 'Recruiter screen' })]);
    expect((await w.as.iv1.get('/api/v1/feedback/waiting')).statusCode).toBe(403);

    const ctx = t.ctx();
    const outboxFor = async () =>
      (await t.database.db.selectFrom('outbox').select(['subject', 'kind']).where('recipientUserId', '=', w.ids.iv1).where('kind', '=', 'feedback_reminder').execute()).map((r) => r.subject);
    await sendFeedbackReminders(ctx);
    expect(await outboxFor()).toEqual([]);
    clock.advance(23 * HOUR);
    await sendFeedbackReminders(ctx);
    expect(await outboxFor()).toEqual(['your scorecard for Tomas Berg (Chief Technology Officer)']);
    await sendFeedbackReminders(ctx);
    expect(await outboxFor()).toHaveLength(1);
    clock.advance(24 * HOUR);
    await sendFeedbackReminders(ctx);
    expect((await outboxFor()).sort()).toEqual(['Overdue: your scorecard for Tomas Berg (Chief Technology Officer)', 'your scorecard for Tomas Berg (Chief Technology Officer)']);
    await sendFeedbackReminders(ctx);
    expect(await outboxFor()).toHaveLength(2);
  });
});

describe('tenancy', () => {
  it("answers 404 for another organization's jobs, candidates, applications, interviews and scorecards", async () => {
    const w = await hiringWorld(t);
    const { candidateId, applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Secret Candidate', 'secret.candidate@example.test');
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'screen', [w.ids.iv1]);
    const card = await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
    const jd = (await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/description/generate`, { settings: jdSettings, baseVersionId: null })).json();
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    const id = { id: w.job.id };
    await expectOtherOrgIdsNotFound(
      t.app,
      outsider,
      ['/api/v1/jobs', '/api/v1/candidates', '/api/v1/applications', '/api/v1/interviews', '/api/v1/scorecards'],
      [
        { method: 'GET', route: '/api/v1/jobs/:id', params: id },
        { method: 'PATCH', route: '/api/v1/jobs/:id', params: id, body: { title: 'Hijack' } },
        { method: 'POST', route: '/api/v1/jobs/:id/archive', params: id, body: { archived: true } },
        { method: 'DELETE', route: '/api/v1/jobs/:id', params: id },
        { method: 'GET', route: '/api/v1/jobs/:id/comparison', params: id },
        { method: 'POST', route: '/api/v1/jobs/:id/applications', params: id, body: { candidateId } },
        { method: 'GET', route: '/api/v1/jobs/:id/applications', params: id },
        { method: 'POST', route: '/api/v1/jobs/:id/candidates/import', params: id, body: { csv: 'name,email\nA B,ab@example.test' } },
        { method: 'GET', route: '/api/v1/jobs/:id/scorecards/export', params: id, query: '?format=csv' },
        { method: 'POST', route: '/api/v1/jobs/:id/import/greenhouse', params: id, body: { data: { candidates: [] }, preview: true } },
        { method: 'POST', route: '/api/v1/jobs/:id/import/json-resume', params: id, body: { resume: { basics: { name: 'A B', email: 'ab@example.test' } }, preview: true } },
        { method: 'GET', route: '/api/v1/jobs/:id/record', params: id, query: '?format=json' },
        { method: 'GET', route: '/api/v1/jobs/:id/description', params: id },
        { method: 'POST', route: '/api/v1/jobs/:id/description/generate', params: id, body: { settings: jdSettings, baseVersionId: null } },
        { method: 'PUT', route: '/api/v1/jobs/:id/description', params: id, body: { baseVersionId: null, title: 'Hijack', markdown: '# Hijack' } },
        { method: 'GET', route: '/api/v1/jobs/:id/description/versions', params: id },
        { method: 'GET', route: '/api/v1/jobs/:id/description/versions/:versionId', params: { ...id, versionId: jd.currentVersion.id } },
        { method: 'GET', route: '/api/v1/jobs/:id/description/diff', params: id, query: `?from=${jd.currentVersion.id}&to=${jd.currentVersion.id}` },
        { method: 'POST', route: '/api/v1/jobs/:id/description/restore', params: id, body: { versionId: jd.currentVersion.id, baseVersionId: jd.currentVersion.id } },
        { method: 'POST', route: '/api/v1/jobs/:id/description/publish', params: id, body: { versionId: jd.currentVersion.id } },
        { method: 'POST', route: '/api/v1/jobs/:id/description/unpublish', params: id },
        { method: 'POST', route: '/api/v1/jobs/:id/description/rewrite', params: id, body: { versionId: jd.currentVersion.id } },
        { method: 'GET', route: '/api/v1/jobs/:id/description/export', params: id, query: '?format=jsonld' },
        { method: 'GET', route: '/api/v1/candidates/:id', params: { id: candidateId } },
        { method: 'PATCH', route: '/api/v1/candidates/:id', params: { id: candidateId }, body: { name: 'X' } },
        { method: 'PUT', route: '/api/v1/candidates/:id/resume', params: { id: candidateId }, body: { fileName: 'a.txt', dataBase64: Buffer.from('hello').toString('base64') } },
        { method: 'GET', route: '/api/v1/candidates/:id/resume', params: { id: candidateId } },
        { method: 'GET', route: '/api/v1/candidates/:id/demographics', params: { id: candidateId } },
        { method: 'POST', route: '/api/v1/candidates/:id/demographics/request', params: { id: candidateId } },
        { method: 'GET', route: '/api/v1/candidates/:id/privacy', params: { id: candidateId } },
        { method: 'PUT', route: '/api/v1/candidates/:id/legal-hold', params: { id: candidateId }, body: { reason: 'Hijack' } },
        { method: 'DELETE', route: '/api/v1/candidates/:id/legal-hold', params: { id: candidateId } },
        { method: 'POST', route: '/api/v1/candidates/:id/erase', params: { id: candidateId }, body: { confirmName: 'Secret Candidate' } },
        { method: 'GET', route: '/api/v1/candidates/:id/export', params: { id: candidateId }, query: '?format=json' },
        { method: 'POST', route: '/api/v1/candidates/:id/privacy-link', params: { id: candidateId } },
        { method: 'GET', route: '/api/v1/applications/:id', params: { id: applicationId } },
        { method: 'POST', route: '/api/v1/applications/:id/move', params: { id: applicationId }, body: { toStage: 'screen' } },
        { method: 'POST', route: '/api/v1/applications/:id/undo', params: { id: applicationId }, body: { moveId: applicationId } },
        { method: 'POST', route: '/api/v1/applications/:id/interviews', params: { id: applicationId }, body: { roundId: 'screen', interviewerIds: [other.members[0]!.id], startsAt: '2026-03-01T09:00:00Z', endsAt: '2026-03-01T10:00:00Z', timeZone: 'UTC' } },
        { method: 'GET', route: '/api/v1/applications/:id/interviews', params: { id: applicationId } },
        { method: 'GET', route: '/api/v1/applications/:id/scorecards', params: { id: applicationId } },
        { method: 'GET', route: '/api/v1/applications/:id/debrief', params: { id: applicationId } },
        { method: 'POST', route: '/api/v1/applications/:id/decision', params: { id: applicationId }, body: { decision: 'reject', reasonCode: 'other', rationale: 'Not for this organization.' } },
        { method: 'GET', route: '/api/v1/applications/:id/decision-brief', params: { id: applicationId } },
        { method: 'GET', route: '/api/v1/applications/:id/availability', params: { id: applicationId } },
        { method: 'PUT', route: '/api/v1/applications/:id/availability', params: { id: applicationId }, body: { timeZone: 'UTC', windows: [] } },
        { method: 'POST', route: '/api/v1/applications/:id/availability-links', params: { id: applicationId } },
        { method: 'GET', route: '/api/v1/applications/:id/outcomes', params: { id: applicationId } },
        { method: 'PUT', route: '/api/v1/applications/:id/outcomes/:checkpoint', params: { id: applicationId, checkpoint: '3m' }, body: { performanceRating: 3 } },
        { method: 'DELETE', route: '/api/v1/applications/:id/outcomes/:checkpoint', params: { id: applicationId, checkpoint: '3m' } },
        { method: 'POST', route: '/api/v1/applications/:id/schedule/search', params: { id: applicationId }, body: { rounds: [{ roundId: 'screen', interviewerIds: [other.members[0]!.id] }], horizon: { start: '2026-03-03', days: 2 } } },
        { method: 'POST', route: '/api/v1/applications/:id/schedule/book', params: { id: applicationId }, body: { rounds: [{ roundId: 'screen', startsAt: '2026-03-05T09:00:00Z', endsAt: '2026-03-05T10:00:00Z', interviewerIds: [other.members[0]!.id] }], timeZone: 'UTC' } },
        { method: 'GET', route: '/api/v1/interviews/:id/ics', params: { id: interviewId } },
        { method: 'GET', route: '/api/v1/interviews/:id', params: { id: interviewId } },
        { method: 'PATCH', route: '/api/v1/interviews/:id', params: { id: interviewId }, body: { location: 'Elsewhere' } },
        { method: 'GET', route: '/api/v1/interviews/:id/kit', params: { id: interviewId } },
        { method: 'GET', route: '/api/v1/interviews/:id/consents', params: { id: interviewId } },
        { method: 'POST', route: '/api/v1/interviews/:id/consents', params: { id: interviewId }, body: { wordingVersion: 'v1' } },
        { method: 'PUT', route: '/api/v1/interviews/:id/transcript', params: { id: interviewId }, body: { fileName: 'a.vtt', content: 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hello?\n' } },
        { method: 'GET', route: '/api/v1/interviews/:id/transcript', params: { id: interviewId } },
        { method: 'PUT', route: '/api/v1/interviews/:id/transcript/speakers', params: { id: interviewId }, body: { mapping: [{ speaker: 'A', role: 'other', participantId: null }] } },
        { method: 'POST', route: '/api/v1/interviews/:id/transcript/summary', params: { id: interviewId } },
        { method: 'DELETE', route: '/api/v1/interviews/:id/transcript', params: { id: interviewId } },
        { method: 'POST', route: '/api/v1/interviews/:id/scorecard', params: { id: interviewId } },
        { method: 'GET', route: '/api/v1/scorecards/:id', params: { id: card.id } },
        { method: 'PUT', route: '/api/v1/scorecards/:id', params: { id: card.id }, body: { baseVersion: 1, body: { ratings: {}, recommendation: null }, submit: false } },
        { method: 'GET', route: '/api/v1/scorecards/:id/revisions', params: { id: card.id } },
      ],
      ['Secret Candidate', 'secret.candidate@example.test'],
    );
  });
});
