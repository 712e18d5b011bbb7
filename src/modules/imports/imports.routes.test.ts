import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type TestApp } from '../../server/testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const attributeMap = { 'Technical depth': 'technology-strategy-architecture', 'Running production': 'infrastructure-operations' };

async function world() {
  const w = await hiringWorld(t);
  const emails = { IV1: w.org.members[4]!.email, IV2: w.org.members[5]!.email, IV3: w.org.members[6]!.email };
  const fill = (text: string, extra: Record<string, string> = {}) => Object.entries({ ...emails, ...extra }).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, v), text);
  const gh = (name: string) => JSON.parse(fill(fixture(name))) as Record<string, unknown[]>;
  return { ...w, emails, fill, gh };
}

/** Row counts of everything an import writes, for the organization. */
async function counts(orgId: string) {
  const db = t.database.db;
  const n = async (table: 'candidates' | 'applications' | 'interviews' | 'scorecards' | 'ratings' | 'stageMoves') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n);
  return { candidates: await n('candidates'), applications: await n('applications'), interviews: await n('interviews'), scorecards: await n('scorecards'), ratings: await n('ratings'), moves: await n('stageMoves') };
}

describe('Greenhouse import', () => {
  it('previews, imports candidates, applications, interviews and scorecards, and analytics count them', async () => {
    const w = await world();
    const url = `/api/v1/jobs/${w.job.id}/import/greenhouse`;
    const before = await counts(w.org.orgId);
    const preview = await w.as.recruiter.post(url, { data: w.gh('greenhouse-good.json'), attributeMap, preview: true });
    expect(preview.statusCode).toBe(200);
    const expected = { candidates: 3, linkedExisting: 0, applications: 3, interviews: 3, scorecards: 4, ratings: 8 };
    expect(preview.json().counts).toEqual(expected);
    expect(preview.json().rows).toBe(12);
    expect(await counts(w.org.orgId)).toEqual(before);

    const res = await w.as.hm.post(url, { data: w.gh('greenhouse-good.json'), attributeMap });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.counts).toEqual(expected);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((x: { path: string }) => x.path)).toEqual([
      'candidates[0].social_media_addresses[1].value',
      'scheduled_interviews[0].interviewers[2].email',
      'scorecards[0].attributes[2].name',
    ]);
    const after = await counts(w.org.orgId);
    expect(after).toEqual({ candidates: 3, applications: 3, interviews: 3, scorecards: 4, ratings: 8, moves: before.moves + 6 });

    const db = t.database.db;
    const apps = await db
      .selectFrom('applications as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidateId')
      .select(['c.name', 'c.email', 'c.phone', 'c.links', 'c.source', 'a.stage', 'a.status', 'a.rejectionReason', 'a.rejectionNote', 'a.createdAt'])
      .where('a.openingId', '=', w.job.id)
      .orderBy('c.name')
      .execute();
    expect(apps.map((a) => [a.name, a.stage, a.status, a.rejectionReason, a.rejectionNote, a.createdAt.toISOString(), a.source])).toEqual([
      ['Ines Quarrington', 'hired', 'hired', null, null, '2025-01-20T08:30:00.000Z', 'Referral'],
      ['Marisol Okonkwo-Lindqvist', 'deep-dive', 'active', null, null, '2025-02-03T09:15:00.000Z', 'Referral'],
      ['Teodor Vashti', 'rejected', 'rejected', 'other', 'Lacked depth in platform operations', '2025-02-04T11:00:00.000Z', 'LinkedIn'],
    ]);
    expect(apps[1]!.links).toEqual(['https://marisol.example.test', 'https://social.example.test/@marisol']);
    expect(apps[1]!.phone).toBe('+49 30 5550 1201');

    const job = (await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}`)).json();
    const cards = await db.selectFrom('scorecards').select(['status', 'planVersionId', 'submittedAt', 'body', 'interviewerId']).where('orgId', '=', w.org.orgId).orderBy('submittedAt').execute();
    expect(cards.every((c) => c.status === 'submitted' && c.planVersionId === job.planVersionId)).toBe(true);
    expect(cards.map((c) => c.submittedAt!.toISOString())).toEqual(['2025-02-10T12:00:00.000Z', '2025-02-11T08:00:00.000Z', '2025-02-12T18:00:00.000Z', '2025-02-13T15:00:00.000Z']);
    const first = cards[0]!.body as { ratings: Record<string, { rating: number; evidence: string }>; recommendation: string; notes: string };
    expect(first.recommendation).toBe('strong_yes');
    expect(first.ratings).toEqual({
      'technology-strategy-architecture': { rating: 4, evidence: 'Walked through a migration off a monolith with numbers.' },
      'infrastructure-operations': { rating: 3, evidence: 'Owned on-call redesign.' },
    });
    expect(first.notes).toBe('Key takeaways\nClear strategic thinker.');
    // "mixed" → 2, "definitely_not" → 1 (docs/imports.md).
    const ratings = await db.selectFrom('ratings').select(['competencyId', 'rating']).where('openingId', '=', w.job.id).orderBy('submittedAt').orderBy('competencyId').execute();
    expect(ratings.map((r) => r.rating)).toEqual([3, 4, 2, 3, 1, 2, 2, 2]);
    // The scheduled interview keeps its members only, and both scorecards of the first candidate sit on it.
    const panel = await db.selectFrom('interviews as i').innerJoin('interviewInterviewers as ii', 'ii.interviewId', 'i.id').select(['i.location', 'i.roundId', 'ii.userId']).where('i.location', '=', 'Room Alder').execute();
    expect(panel.map((p) => p.userId).sort()).toEqual([w.ids.iv1, w.ids.iv2].sort());

    // Analytics see the imported history.
    const funnel = (await w.as.recruiter.get(`/api/v1/analytics/funnel?jobId=${w.job.id}&from=2025-01-01&to=2025-12-31`)).json();
    expect(funnel.applications).toBe(3);
    expect(funnel.stages.find((s: { id: string }) => s.id === 'applied').entered).toBe(3);
    const reliability = await w.as.recruiter.get(`/api/v1/analytics/reliability?jobId=${w.job.id}&from=2025-01-01&to=2025-12-31`);
    expect(reliability.statusCode).toBe(200);
    expect(reliability.json().overall.ratings).toBe(8);
    const tech = reliability.json().competencies.find((c: { id: string }) => c.id === 'technology-strategy-architecture');
    expect(tech.ratings).toBe(4);
    expect(tech.applications).toBe(2);

    // A second import of the same file duplicates nothing: every candidate is already on the job.
    const again = await w.as.recruiter.post(url, { data: w.gh('greenhouse-good.json'), attributeMap });
    expect(again.statusCode).toBe(400);
    expect(again.json().details.errors.filter((e: { reason: string }) => e.reason.startsWith('This candidate already applied')).length).toBe(3);
    expect(await counts(w.org.orgId)).toEqual(after);
  });

  it('reports every bad record by path and imports nothing; skipInvalid imports the good ones in one go', async () => {
    const w = await world();
    const url = `/api/v1/jobs/${w.job.id}/import/greenhouse`;
    const before = await counts(w.org.orgId);
    const res = await w.as.recruiter.post(url, { data: w.gh('greenhouse-bad.json'), attributeMap: { ...attributeMap, Leadership: 'no-such-competency' } });
    expect(res.statusCode).toBe(400);
    const errors = res.json().details.errors as { line: null; path: string; reason: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'applications[0].candidate_id',
      'applications[1].status',
      'attributeMap.Leadership',
      'candidates[0].email_addresses[0].value',
      'scheduled_interviews[0].end.date_time',
      'scorecards[0].interviewer.email',
      'scorecards[1].attributes[0].rating',
      'scorecards[1].overall_recommendation',
      'scorecards[2].application_id',
    ]);
    expect(errors.find((e) => e.path === 'scorecards[0].interviewer.email')!.reason).toContain('not.a.member@example.test');
    expect(errors.find((e) => e.path === 'applications[0].candidate_id')!.reason).toContain('candidate is not valid');
    expect(res.json().details.issues[0]).toEqual({ path: 'applications[0].candidate_id', message: errors[0]!.reason });
    expect(await counts(w.org.orgId)).toEqual(before);

    // Mixed: the good export plus the bad one's records.
    const good = w.gh('greenhouse-good.json');
    const bad = w.gh('greenhouse-bad.json');
    const mixed = Object.fromEntries(Object.keys(good).map((k) => [k, [...good[k]!, ...bad[k]!]]));
    const refused = await w.as.recruiter.post(url, { data: mixed, attributeMap });
    expect(refused.statusCode).toBe(400);
    expect(await counts(w.org.orgId)).toEqual(before);
    const res2 = await w.as.recruiter.post(url, { data: mixed, attributeMap, skipInvalid: true });
    expect(res2.statusCode).toBe(200);
    // Dara (valid, with a valid application) comes in; her bad interview and scorecards do not.
    expect(res2.json().counts).toEqual({ candidates: 4, linkedExisting: 0, applications: 4, interviews: 3, scorecards: 4, ratings: 8 });
    expect(res2.json().errors.length).toBe(8);
    const after = await counts(w.org.orgId);
    expect(after.applications - before.applications).toBe(4);
    expect(after.scorecards - before.scorecards).toBe(4);
  });

  it('is for the job’s managers: interviewers get 403, another organization’s job 404', async () => {
    const w = await world();
    const body = { data: w.gh('greenhouse-good.json'), attributeMap };
    expect((await w.as.iv1.post(`/api/v1/jobs/${w.job.id}/import/greenhouse`, body)).statusCode).toBe(403);
    expect((await w.as.iv1.post(`/api/v1/jobs/${w.job.id}/import/json-resume`, { resume: JSON.parse(fixture('resume-good.json')) })).statusCode).toBe(403);
    expect((await w.as.iv1.post('/api/v1/scorecards/import', { csv: 'a\n1' })).statusCode).toBe(403);
    expect((await w.as.iv1.get(`/api/v1/jobs/${w.job.id}/record`)).statusCode).toBe(403);
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    const before = await counts(w.org.orgId);
    expect((await outsider.post(`/api/v1/jobs/${w.job.id}/import/greenhouse`, body)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/jobs/${w.job.id}/record?format=json`)).statusCode).toBe(404);
    expect(await counts(w.org.orgId)).toEqual(before);
  });
});

describe('JSON Resume import', () => {
  it('adds the candidate with links and notes, and names the JSON path of every problem', async () => {
    const w = await world();
    const url = `/api/v1/jobs/${w.job.id}/import/json-resume`;
    const resume = JSON.parse(fixture('resume-good.json'));
    const preview = await w.as.recruiter.post(url, { resume, preview: true });
    expect(preview.json().counts).toMatchObject({ candidates: 1, applications: 1 });
    expect((await counts(w.org.orgId)).candidates).toBe(0);
    const res = await w.as.recruiter.post(url, { resume });
    expect(res.statusCode).toBe(200);
    const c = await t.database.db.selectFrom('candidates').selectAll().where('orgId', '=', w.org.orgId).executeTakeFirstOrThrow();
    expect([c.name, c.email, c.phone, c.source]).toEqual(['Yevgenia Hartcourt', 'yevgenia.hartcourt@example.test', '+44 20 5550 0142', 'JSON Resume']);
    expect(c.links).toEqual(['https://yevgenia.example.test', 'https://code.example.test/yhart']);
    expect(c.notes).toContain('Director of Platform, Quillmoor Health (2021-04 – present)');
    expect(c.notes).toContain('• Cut deploy lead time from days to 40 minutes');
    expect(c.notes).toContain('MSc Computer Science, University of Fictional Studies (2012 – 2013)');
    expect(c.notes).toContain('Site reliability (Expert): SLOs, incident review');
    expect((await counts(w.org.orgId)).applications).toBe(1);
    // Same person again: already on the job.
    expect((await w.as.recruiter.post(url, { resume })).json().details.issues).toEqual([{ path: 'resume.basics.email', message: 'A candidate with this email is already on this job' }]);

    const bad = await w.as.recruiter.post(url, { resume: JSON.parse(fixture('resume-bad.json')) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['resume.basics.email', 'resume.basics.profiles[0].url', 'resume.basics.url', 'resume.work[0].highlights']);
    expect((await counts(w.org.orgId)).candidates).toBe(1);
  });
});

describe('historical scorecards CSV', () => {
  it('imports with a column mapping, reports every bad row, and skipInvalid imports whole scorecards only', async () => {
    const w = await world();
    const a1 = await addCandidate(w.as.recruiter, w.job.id, 'Ada Csv', 'ada.csv@example.test');
    // iv1 already sits on a deep-dive interview of the application: the imported scorecard attaches to it.
    const interviewId = await addInterview(w.as.recruiter, a1.applicationId, 'deep-dive', [w.ids.iv1]);
    const mapping = { application_id: 'Application', interviewer_email: 'Interviewer', rating: 'Score' };
    const good = w.fill(fixture('scorecards-good.csv'), { APP1: a1.applicationId });
    const before = await counts(w.org.orgId);
    const preview = await w.as.recruiter.post('/api/v1/scorecards/import', { csv: good, mapping, preview: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().counts).toMatchObject({ scorecards: 2, ratings: 4, interviews: 1 });
    expect(await counts(w.org.orgId)).toEqual(before);
    const unmapped = await w.as.recruiter.post('/api/v1/scorecards/import', { csv: good });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().details.errors.map((e: { path: string }) => e.path)).toEqual(['Application', 'Interviewer', 'Score', 'interviewer_email', 'rating', 'application_id']);

    const res = await w.as.hm.post('/api/v1/scorecards/import', { csv: good, mapping });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toMatchObject({ scorecards: 2, ratings: 4, interviews: 1 });
    const cards = await t.database.db.selectFrom('scorecards').select(['interviewId', 'interviewerId', 'body', 'status']).where('applicationId', '=', a1.applicationId).orderBy('submittedAt').execute();
    expect(cards.map((c) => [c.interviewerId, c.status])).toEqual([
      [w.ids.iv1, 'submitted'],
      [w.ids.iv2, 'submitted'],
    ]);
    expect(cards[0]!.interviewId).toBe(interviewId);
    expect(cards[0]!.body).toMatchObject({ recommendation: 'yes', notes: 'Owned the on-call redesign', ratings: { 'innovation-rd-investment': { rating: null } } });

    const bad = w.fill(fixture('scorecards-bad.csv'), { APP1: a1.applicationId });
    const mid = await counts(w.org.orgId);
    const refused = await w.as.recruiter.post('/api/v1/scorecards/import', { csv: bad });
    expect(refused.statusCode).toBe(400);
    const errors = refused.json().details.errors as { line: number; path: string | null; reason: string }[];
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [2, 'rating'],
      [3, 'application_id'],
      [4, 'interviewer_email'],
      [5, 'recommendation'],
      [5, 'submitted_at'],
      [6, 'competency_id'],
      [7, null],
    ]);
    expect(errors[6]!.reason).toBe('Part of a scorecard with a bad row (line 6)');
    expect(await counts(w.org.orgId)).toEqual(mid);

    // Mixed: a good scorecard for iv3 in another round plus the bad rows.
    const mixed = `${bad}${a1.applicationId},${w.emails.IV3},competency-a,business-acumen-commercial,3,yes,2025-02-15T10:00:00Z,\n`;
    const skipped = await w.as.recruiter.post('/api/v1/scorecards/import', { csv: mixed, skipInvalid: true });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json().counts).toMatchObject({ scorecards: 1, ratings: 1 });
    expect(skipped.json().errors.length).toBe(7);
    const end = await counts(w.org.orgId);
    expect([end.scorecards - mid.scorecards, end.ratings - mid.ratings]).toEqual([1, 1]);
  });
});

describe('job record export', () => {
  it('exports plan, applications with history, scorecards under the blind rule, and decisions; CSV one table at a time', async () => {
    const w = await world();
    await w.as.recruiter.post(`/api/v1/jobs/${w.job.id}/import/greenhouse`, { data: w.gh('greenhouse-good.json'), attributeMap });
    // Recruiters do not read others' feedback (the blind rule's "who"): the owner exports.
    const rec = await w.as.owner.get(`/api/v1/jobs/${w.job.id}/record?format=json`);
    expect(rec.statusCode).toBe(200);
    const doc = JSON.parse(rec.body);
    expect(doc.format).toBe('rubric.job-record/v1');
    expect(doc.planVersions.length).toBe(1);
    expect(doc.planVersions[0].current).toBe(true);
    expect(doc.planVersions[0].plan.rounds.length).toBe(7);
    expect(doc.applications.length).toBe(3);
    const teodor = doc.applications.find((a: { candidate: { name: string } }) => a.candidate.name === 'Teodor Vashti');
    expect(teodor.stageMoves.map((m: { toStage: string }) => m.toStage)).toEqual(['applied', 'rejected']);
    expect(doc.scorecards.length).toBe(4);
    expect(doc.scorecardsWithheld).toBe(0);

    // The hiring manager has an unsubmitted scorecard on Marisol's application: her scorecards are withheld from them.
    const marisol = doc.applications.find((a: { candidate: { name: string } }) => a.candidate.name === 'Marisol Okonkwo-Lindqvist');
    const iv = await addInterview(w.as.recruiter, marisol.id, 'case', [w.ids.hm], '2025-02-20T09:00:00Z', '2025-02-20T10:00:00Z');
    expect((await w.as.hm.post(`/api/v1/interviews/${iv}/scorecard`)).statusCode).toBe(200);
    const hmDoc = JSON.parse((await w.as.hm.get(`/api/v1/jobs/${w.job.id}/record`)).body);
    expect(hmDoc.scorecards.length).toBe(2);
    expect(hmDoc.scorecards.every((s: { applicationId: string }) => s.applicationId !== marisol.id)).toBe(true);
    expect(hmDoc.scorecardsWithheld).toBe(1);

    const csv = await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/record?format=csv&table=stage_moves`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n').length).toBe(1 + 6);
    const cardsCsv = await w.as.owner.get(`/api/v1/jobs/${w.job.id}/record?format=csv&table=scorecards`);
    expect(cardsCsv.body.trim().split('\n').length).toBe(1 + 8);
    expect((await w.as.recruiter.get(`/api/v1/jobs/${w.job.id}/record?format=csv`)).json().details.issues[0].path).toBe('table');
    const audits = await t.database.db.selectFrom('auditLog').select(['action']).where('orgId', '=', w.org.orgId).where('action', 'in', ['job_record.exported', 'scorecard.read']).execute();
    expect(audits.filter((a) => a.action === 'job_record.exported').length).toBe(4);
  });
});
