import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, hiringWorld } from '../../server/testing/hiring.ts';
import { openTestApp, type Browser, type TestApp } from '../../server/testing/test-app.ts';
import { parseOutcomesCsv } from './outcomes.import.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.close());

const unique = () => Math.random().toString(16).slice(2);
const HEADER = 'application_id,candidate_email,job_id,checkpoint,performance_rating,retained,ramp_days,regretted_attrition,manager_satisfaction,note';

async function hire(b: Browser, applicationId: string, stages: { id: string; kind: string }[]) {
  const res = await b.post(`/api/v1/applications/${applicationId}/move`, { toStage: stages.find((s) => s.kind === 'hired')!.id });
  if (res.statusCode !== 200) throw new Error(`hire: ${res.statusCode} ${res.body}`);
}

async function world() {
  const w = await hiringWorld(t);
  const byIdEmail = `ida.${unique()}@example.test`;
  const byEmail = `emil.${unique()}@example.test`;
  const hired = await addCandidate(w.as.recruiter, w.job.id, 'Ida Hired', byIdEmail);
  await hire(w.as.recruiter, hired.applicationId, w.job.stages);
  const hired2 = await addCandidate(w.as.recruiter, w.job.id, 'Emil Hired', byEmail);
  await hire(w.as.recruiter, hired2.applicationId, w.job.stages);
  const active = await addCandidate(w.as.recruiter, w.job.id, 'Arlo Active', `arlo.${unique()}@example.test`);
  // A job the hiring manager is not on: its hire is not visible to them.
  const job2 = (await w.as.recruiter.post('/api/v1/jobs', { roleId: 'cpo', location: 'Lisbon', remotePolicy: 'remote', team: [] })).json();
  const elsewhere = await addCandidate(w.as.recruiter, job2.id, 'Nora Elsewhere', `nora.${unique()}@example.test`);
  await hire(w.as.recruiter, elsewhere.applicationId, job2.stages);
  // Another organization's hire.
  const other = await createOrg(t.database.db, ['owner', 'recruiter']);
  const otherRecruiter = await signedIn(t.app, other.members[1]!.email);
  const otherJob = (await otherRecruiter.post('/api/v1/jobs', { roleId: 'cto', location: 'Oslo', remotePolicy: 'hybrid', team: [] })).json();
  const foreign = await addCandidate(otherRecruiter, otherJob.id, 'Fay Foreign', `fay.${unique()}@example.test`);
  await hire(otherRecruiter, foreign.applicationId, otherJob.stages);
  return { ...w, hired, hired2, byEmail, active, job2, elsewhere, foreign };
}

async function outcomesOf(applicationIds: string[]) {
  return t.database.db.selectFrom('outcomes').selectAll().where('applicationId', 'in', applicationIds).orderBy('checkpoint').execute();
}

describe('outcomes import', () => {
  it('reports every bad row with its line and column and imports nothing; preview writes nothing; skipInvalid imports the good rows', async () => {
    const w = await world();
    const csv = [
      HEADER,
      `${w.hired.applicationId},,,3m,4,yes,30,no,5,Good start`, // 2: good
      `${randomUUID()},,,3m,4,,,,,`, // 3: unknown application
      `${w.active.applicationId},,,3m,4,,,,,`, // 4: not hired
      `${w.elsewhere.applicationId},,,3m,4,,,,,`, // 5: not visible to the hiring manager
      `${w.hired2.applicationId},,,5m,7,maybe,-3,,,`, // 6: bad values
      `${w.hired.applicationId},,,3M,2,,,,,`, // 7: same application and checkpoint as line 2
      `,nobody@example.test,${w.job.id},6m,3,,,,,`, // 8: no such application by email
      `${w.hired2.applicationId},,,12m,,,,,,Only a note`, // 9: no measure
      'abc,,,3m,4,,,,,', // 10: not an id
      `${w.foreign.applicationId},,,3m,4,,,,,`, // 11: another organization's
      `${w.hired2.applicationId},,,3m`, // 12: wrong number of fields
      `,${w.byEmail.toUpperCase()},${w.job.id},24m,,TRUE,,0,2.5,`, // 13: not a whole number
      `,,${w.job.id},24m,3,,,,,`, // 14: job without email
      `"${w.hired2.applicationId}",,,6m,1,no,0,1,1,"Left, regrettably"`, // 15: good
    ].join('\n');
    const expected = [
      { line: 3, column: 'application_id', reason: 'Unknown application' },
      { line: 4, column: 'application_id', reason: 'Not hired (the application is active); outcomes are only recorded for hires' },
      { line: 5, column: 'application_id', reason: 'Not visible to you: only the job’s hiring team records its outcomes' },
      { line: 6, column: 'checkpoint', reason: 'Unknown checkpoint "5m" (use 3m, 6m, 12m, 24m)' },
      { line: 6, column: 'retained', reason: '"maybe" is not a yes/no value (use true/false, yes/no or 1/0)' },
      { line: 6, column: 'performance_rating', reason: 'Use a rating from 1 to 5' },
      { line: 6, column: 'ramp_days', reason: 'Ramp time cannot be negative' },
      { line: 7, column: 'checkpoint', reason: 'Same application and checkpoint as line 2' },
      { line: 8, column: 'candidate_email', reason: 'No application of this candidate to this job' },
      { line: 9, column: null, reason: 'Record at least one measure (performance_rating, retained, ramp_days, regretted_attrition or manager_satisfaction)' },
      { line: 10, column: 'application_id', reason: 'Not a valid application id' },
      { line: 11, column: 'application_id', reason: 'Unknown application' },
      { line: 12, column: null, reason: 'Expected 10 fields, found 4' },
      { line: 13, column: 'manager_satisfaction', reason: '"2.5" is not a whole number' },
      { line: 14, column: 'candidate_email', reason: 'Give the candidate email with job_id (or an application_id)' },
    ];
    const ids = [w.hired.applicationId, w.hired2.applicationId, w.elsewhere.applicationId];

    const refused = await w.as.hm.post('/api/v1/outcomes/import', { csv });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/^15 problems in the file; nothing was imported/);
    expect(refused.json().details.errors).toEqual(expected);
    expect(refused.json().details.issues[0]).toEqual({ path: 'line 3: application_id', message: 'Unknown application' });
    expect(await outcomesOf(ids)).toEqual([]);

    const preview = await w.as.hm.post('/api/v1/outcomes/import', { csv, preview: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ preview: true, rows: 14, imported: 2, created: 2, updated: 0, errors: expected });
    expect(await outcomesOf(ids)).toEqual([]);

    const lenient = await w.as.hm.post('/api/v1/outcomes/import', { csv, skipInvalid: true });
    expect(lenient.statusCode).toBe(200);
    expect(lenient.json()).toMatchObject({ preview: false, rows: 14, imported: 2, created: 2, updated: 0 });
    const rows = await outcomesOf(ids);
    expect(rows.map((r) => [r.applicationId, r.checkpoint, r.performanceRating, r.retained, r.rampDays, r.regrettedAttrition, r.managerSatisfaction, r.note])).toEqual([
      [w.hired.applicationId, '3m', 4, true, 30, false, 5, 'Good start'],
      [w.hired2.applicationId, '6m', 1, false, 0, true, 1, 'Left, regrettably'],
    ]);
  });

  it('imports a good file by id or by candidate email and job in one go, replacing existing checkpoints, and audits counts only', async () => {
    const w = await world();
    await w.as.recruiter.request('PUT', `/api/v1/applications/${w.hired.applicationId}/outcomes/12m`, { performanceRating: 2 });
    const csv = [
      'candidate_email,job_id,application_id,checkpoint,performance_rating,retained,regretted_attrition',
      `,,${w.hired.applicationId},12m,5,y,n`,
      `${w.byEmail},${w.job.id},,3m,3,1,0`,
      `${w.byEmail},${w.job.id},,12m,,no,yes`,
      '',
    ].join('\r\n');
    const res = await w.as.recruiter.post('/api/v1/outcomes/import', { csv });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ preview: false, rows: 3, imported: 3, created: 2, updated: 1, errors: [] });
    const rows = await outcomesOf([w.hired.applicationId, w.hired2.applicationId]);
    expect(rows.map((r) => [r.applicationId, r.checkpoint, r.performanceRating, r.retained, r.regrettedAttrition])).toEqual([
      [w.hired.applicationId, '12m', 5, true, false],
      [w.hired2.applicationId, '12m', null, false, true],
      [w.hired2.applicationId, '3m', 3, true, false],
    ]);
    const entry = await t.database.db.selectFrom('auditLog').select(['targetType', 'targetId', 'details']).where('action', '=', 'outcomes.imported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toEqual({ targetType: null, targetId: null, details: { imported: 3, created: 2, updated: 1, skipped: 0 } });
    // The same file again only updates.
    expect((await w.as.recruiter.post('/api/v1/outcomes/import', { csv, preview: true })).json()).toMatchObject({ imported: 3, created: 0, updated: 3 });
    // Interviewers may not import at all.
    expect((await w.as.iv1.post('/api/v1/outcomes/import', { csv })).statusCode).toBe(403);
  });

  it('rejects a bad header, an empty file and invalid CSV with line numbers', () => {
    const header = (csv: string) => {
      try {
        parseOutcomesCsv(csv);
        return null;
      } catch (e) {
        return (e as { details: { errors: unknown[] } }).details.errors;
      }
    };
    expect(header('checkpoint,performance_rating,salary\n3m,4,1')).toEqual([
      { line: 1, column: 'salary', reason: 'Unknown column "salary" (use application_id, candidate_email, job_id, checkpoint, performance_rating, retained, ramp_days, regretted_attrition, manager_satisfaction, note)' },
      { line: 1, column: 'application_id', reason: 'Identify the application: add an application_id column, or candidate_email and job_id columns' },
    ]);
    expect(header('application_id,checkpoint,note\nx,3m,hi')).toEqual([{ line: 1, column: null, reason: 'Add at least one measure column (performance_rating, retained, ramp_days, regretted_attrition, manager_satisfaction)' }]);
    expect(header('')).toEqual([{ line: 1, column: null, reason: 'Empty file' }]);
    expect(header(`${HEADER}\n`)).toEqual([{ line: 2, column: null, reason: 'No rows' }]);
    expect(header(`${HEADER}\n"unterminated,3m`)).toEqual([expect.objectContaining({ line: 2, column: null })]);
  });
});
