import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TestClock, type Browser, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, hiringWorld } from '../../server/testing/hiring.ts';
import { enqueueRecurring, runDueJobs } from '../jobs/jobs.service.ts';
import { jobHandlers, recurringJobs } from '../../server/jobs.ts';
import { RETENTION_JOB } from './retention.service.ts';

// Retention through the real app and database. The clock stays at 2026-03-01; decisions are dated
// in the past by setting their stage moves' times.
const clock = new TestClock(new Date('2026-03-01T09:00:00Z').getTime());
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ clock });
});
afterAll(async () => t?.close());

const POLICIES = '/api/v1/privacy/retention-policies';
const PREVIEW = '/api/v1/privacy/retention/preview';
const RUN = '/api/v1/privacy/retention/run';
const RUNS = '/api/v1/privacy/retention/runs';

let seq = 0;
const email = (name: string) => `${name.toLowerCase().replace(/\s+/g, '.')}.${++seq}.${randomUUID().slice(0, 6)}@example.test`;

/** A candidate whose application is closed (`rejected`/`hired`) or left active, decided at `decidedAt`. */
async function candidate(b: Browser, jobId: string, name: string, status: 'rejected' | 'hired' | 'active', decidedAt?: string) {
  const c = await addCandidate(b, jobId, name, email(name));
  if (status !== 'active') {
    const body = status === 'rejected' ? { toStage: 'rejected', reasonCode: 'skills_gap' } : { toStage: 'hired' };
    const res = await b.post(`/api/v1/applications/${c.applicationId}/move`, body);
    if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
  }
  if (decidedAt) await sql`update stage_moves set moved_at = ${new Date(decidedAt)} where application_id = ${c.applicationId}`.execute(t.database.db);
  return c;
}

async function policy(b: Browser, p: { appliesTo: string; afterMonths: number; action?: string; name?: string }) {
  const res = await b.post(POLICIES, { name: p.name ?? `${p.action ?? 'erase'} ${p.appliesTo} after ${p.afterMonths}`, action: 'erase', ...p });
  if (res.statusCode !== 201) throw new Error(`policy: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

async function auditOf(orgId: string) {
  return t.database.db.selectFrom('auditLog').select(['action', 'targetType', 'targetId', 'details', 'actorUserId']).where('orgId', '=', orgId).orderBy('id').execute();
}

async function counts(orgId: string) {
  const n = async (table: 'candidates' | 'retentionRuns' | 'erasureReceipts' | 'auditLog' | 'legalHolds') =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n);
  return { candidates: await n('candidates'), runs: await n('retentionRuns'), receipts: await n('erasureReceipts'), audit: await n('auditLog'), holds: await n('legalHolds') };
}

describe('retention policies', () => {
  it('are created, listed, changed and removed by admins, with field-named validation and audit by field name', async () => {
    const w = await hiringWorld(t);
    const created = await w.as.admin.post(POLICIES, { name: 'Rejected: two years', appliesTo: 'rejected', afterMonths: 24, action: 'erase' });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ name: 'Rejected: two years', appliesTo: 'rejected', afterMonths: 24, action: 'erase', enabled: true, createdAt: '2026-03-01T09:00:00.000Z' });

    const bad = await w.as.admin.post(POLICIES, { name: ' ', appliesTo: 'withdrawn', afterMonths: -1, action: 'erase' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['afterMonths', 'appliesTo', 'name']);
    expect((await w.as.admin.post(POLICIES, { name: 'Too long', appliesTo: 'hired', afterMonths: 601, action: 'erase' })).json().details.issues[0].path).toBe('afterMonths');

    const changed = await w.as.owner.request('PUT', `${POLICIES}/${p.id}`, { name: 'Rejected: two years', appliesTo: 'rejected', afterMonths: 18, action: 'erase', enabled: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: p.id, afterMonths: 18, enabled: false });
    expect((await w.as.admin.get(POLICIES)).json().items).toEqual([changed.json()]);

    // Recruiters and below have no say in retention.
    expect((await w.as.recruiter.get(POLICIES)).statusCode).toBe(403);
    expect((await w.as.recruiter.post(POLICIES, { name: 'X', appliesTo: 'hired', afterMonths: 1, action: 'erase' })).statusCode).toBe(403);
    expect((await w.as.hm.get(PREVIEW)).statusCode).toBe(403);
    expect((await w.as.recruiter.post(RUN)).statusCode).toBe(403);

    // Another organization's policy id is 404 for update and delete.
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.request('PUT', `${POLICIES}/${p.id}`, { name: 'Hijack', appliesTo: 'hired', afterMonths: 0, action: 'erase' })).statusCode).toBe(404);
    expect((await outsider.delete(`${POLICIES}/${p.id}`)).statusCode).toBe(404);

    expect((await w.as.admin.delete(`${POLICIES}/${p.id}`)).json()).toEqual({ ok: true });
    expect((await w.as.admin.delete(`${POLICIES}/${p.id}`)).statusCode).toBe(404);
    expect((await w.as.admin.get(POLICIES)).json().items).toEqual([]);

    const entries = (await auditOf(w.org.orgId)).filter((e) => e.action.startsWith('retention.'));
    expect(entries.map((e) => [e.action, e.targetId, e.details])).toEqual([
      ['retention.policy_created', p.id, { fields: ['name', 'appliesTo', 'afterMonths', 'action', 'enabled'] }],
      ['retention.policy_updated', p.id, { fields: ['afterMonths', 'enabled'] }],
      ['retention.policy_deleted', p.id, {}],
    ]);
  });
});

describe('preview, legal hold and runs', () => {
  it('previews without writing, holds a due candidate, then erases them with a receipt', async () => {
    const w = await hiringWorld(t);
    const rej6 = await policy(w.as.admin, { appliesTo: 'rejected', afterMonths: 6 });
    const any12 = await policy(w.as.admin, { appliesTo: 'any_closed', afterMonths: 12 });
    const ann = await candidate(w.as.recruiter, w.job.id, 'Ann Due', 'rejected', '2025-01-15T10:00:00Z'); // due 2026-01-15 (12 months wins)
    const bea = await candidate(w.as.recruiter, w.job.id, 'Bea Soon', 'rejected', '2025-05-10T10:00:00Z'); // due 2026-05-10: upcoming
    const cal = await candidate(w.as.recruiter, w.job.id, 'Cal Active', 'active');
    await sql`update stage_moves set moved_at = ${new Date('2020-01-01T00:00:00Z')} where application_id = ${cal.applicationId}`.execute(t.database.db);
    await candidate(w.as.recruiter, w.job.id, 'Dan Later', 'hired', '2025-12-01T10:00:00Z'); // due 2026-12-01: beyond 90 days

    const before = await counts(w.org.orgId);
    const preview = await w.as.admin.get(PREVIEW);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      asOf: '2026-03-01T09:00:00.000Z',
      due: [{ candidateId: ann.candidateId, candidateName: 'Ann Due', action: 'erase', dueAt: '2026-01-15T10:00:00.000Z', policyIds: [any12] }],
      held: [],
      upcoming: [{ candidateId: bea.candidateId, candidateName: 'Bea Soon', action: 'erase', dueAt: '2026-05-10T10:00:00.000Z', policyIds: [any12] }],
    });
    expect(await counts(w.org.orgId)).toEqual(before); // a dry run writes nothing
    expect(rej6).not.toBe(any12);

    // A legal hold moves Ann to `held`, and a run leaves her alone.
    const hold = await w.as.admin.request('PUT', `/api/v1/candidates/${ann.candidateId}/legal-hold`, { reason: 'Employment tribunal claim 2026/114' });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json()).toEqual({ reason: 'Employment tribunal claim 2026/114', placedAt: '2026-03-01T09:00:00.000Z', placedBy: { id: w.ids.admin, name: 'admin person' } });
    expect((await w.as.recruiter.request('PUT', `/api/v1/candidates/${ann.candidateId}/legal-hold`, { reason: 'x' })).statusCode).toBe(403);
    expect((await w.as.admin.request('PUT', `/api/v1/candidates/${ann.candidateId}/legal-hold`, { reason: '  ' })).json().details.issues[0].path).toBe('reason');
    const heldPreview = (await w.as.admin.get(PREVIEW)).json();
    expect(heldPreview.due).toEqual([]);
    expect(heldPreview.held).toEqual([{ candidateId: ann.candidateId, candidateName: 'Ann Due', action: 'erase', dueAt: '2026-01-15T10:00:00.000Z', policyIds: [any12], holdReason: 'Employment tribunal claim 2026/114' }]);
    expect((await w.as.admin.get('/api/v1/privacy/legal-holds')).json().items).toEqual([
      { candidateId: ann.candidateId, candidateName: 'Ann Due', reason: 'Employment tribunal claim 2026/114', placedAt: '2026-03-01T09:00:00.000Z', placedBy: { id: w.ids.admin, name: 'admin person' } },
    ]);

    const heldRun = await w.as.admin.post(RUN);
    expect(heldRun.statusCode, heldRun.body).toBe(200);
    expect(heldRun.json()).toMatchObject({ trigger: 'manual', ranBy: { id: w.ids.admin, name: 'admin person' }, erased: 0, purged: 0, held: 1, receiptIds: [] });
    expect((await w.as.recruiter.get(`/api/v1/candidates/${ann.candidateId}`)).statusCode).toBe(200);

    // Released, the next run erases her: her record is gone, the run names the receipt.
    expect((await w.as.admin.delete(`/api/v1/candidates/${ann.candidateId}/legal-hold`)).json()).toEqual({ ok: true });
    expect((await w.as.admin.delete(`/api/v1/candidates/${ann.candidateId}/legal-hold`)).statusCode).toBe(404);
    const run = await w.as.owner.post(RUN);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ trigger: 'manual', ranBy: { id: w.ids.owner, name: 'owner person' }, erased: 1, purged: 0, held: 0 });
    const receiptId = run.json().receiptIds[0] as string;
    expect(run.json().receiptIds).toHaveLength(1);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${ann.candidateId}`)).statusCode).toBe(404);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${bea.candidateId}`)).statusCode).toBe(200);
    const receipt = await t.database.db.selectFrom('erasureReceipts').select(['trigger', 'policyId', 'erasedBy']).where('id', '=', receiptId).executeTakeFirstOrThrow();
    expect(receipt).toEqual({ trigger: 'retention', policyId: any12, erasedBy: w.ids.owner });
    const app = await t.database.db.selectFrom('applications').select(['candidateId', 'erasedAt', 'subjectId']).where('id', '=', ann.applicationId).executeTakeFirstOrThrow();
    expect(app.candidateId).toBeNull();
    expect(app.erasedAt).not.toBeNull();

    const runs = (await w.as.admin.get(RUNS)).json().items;
    expect(runs.map((r: { erased: number; held: number; receiptIds: string[] }) => [r.erased, r.held, r.receiptIds])).toEqual(
      expect.arrayContaining([
        [1, 0, [receiptId]],
        [0, 1, []],
      ]),
    );
    expect(runs).toHaveLength(2);
    expect((await w.as.admin.get(PREVIEW)).json().due).toEqual([]);

    // A hold on an erased or unknown candidate is 404.
    expect((await w.as.admin.request('PUT', `/api/v1/candidates/${ann.candidateId}/legal-hold`, { reason: 'Too late' })).statusCode).toBe(404);
    expect((await w.as.admin.request('PUT', `/api/v1/candidates/${randomUUID()}/legal-hold`, { reason: 'Nobody' })).statusCode).toBe(404);

    // The audit trail names ids and counts, never the candidate nor the hold's reason.
    const entries = await auditOf(w.org.orgId);
    const relevant = entries.filter((e) => e.action.startsWith('legal_hold.') || e.action === 'retention.run');
    expect(relevant.map((e) => [e.action, e.details])).toEqual([
      ['legal_hold.placed', { replaced: false }],
      ['retention.run', { trigger: 'manual', erased: 0, purged: 0, held: 1, failed: 0 }],
      ['legal_hold.released', {}],
      ['retention.run', { trigger: 'manual', erased: 1, purged: 0, held: 0, failed: 0 }],
    ]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('Ann Due');
    expect(text).not.toContain('tribunal');
  });

  it('purges a hired candidate’s interview data: transcripts go, the candidate stays and is not purged twice', async () => {
    const w = await hiringWorld(t);
    const purge = await policy(w.as.admin, { appliesTo: 'hired', afterMonths: 24, action: 'purge_interview_data' });
    const c = await addCandidate(w.as.recruiter, w.job.id, 'Hal Hired', email('Hal Hired'));
    const interviewId = await addInterview(w.as.recruiter, c.applicationId, 'deep-dive', [w.ids.iv1]);
    expect((await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'recording-notice-2026-01' })).statusCode).toBe(201);
    const upload = await w.as.iv1.request('PUT', `/api/v1/interviews/${interviewId}/transcript`, {
      fileName: 'deep-dive.txt',
      content: 'Interviewer: Tell me about a migration you led.\nHal Hired: We moved billing to a new ledger over two quarters.\n',
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect((await w.as.recruiter.post(`/api/v1/applications/${c.applicationId}/move`, { toStage: 'hired' })).statusCode).toBe(200);
    await sql`update stage_moves set moved_at = ${new Date('2023-06-30T12:00:00Z')} where application_id = ${c.applicationId}`.execute(t.database.db);
    const transcripts = () => t.database.db.selectFrom('transcripts').select('id').where('interviewId', '=', interviewId).execute();
    expect(await transcripts()).toHaveLength(1);

    const preview = (await w.as.admin.get(PREVIEW)).json();
    expect(preview.due).toEqual([{ candidateId: c.candidateId, candidateName: 'Hal Hired', action: 'purge_interview_data', dueAt: '2025-06-30T12:00:00.000Z', policyIds: [purge] }]);
    const run = (await w.as.admin.post(RUN)).json();
    expect(run).toMatchObject({ erased: 0, purged: 1, held: 0, receiptIds: [] });
    expect(await transcripts()).toEqual([]);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}`)).statusCode).toBe(200);
    const panel = (await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}/privacy`)).json();
    expect(panel.interviewDataPurgedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(panel.retention).toEqual([]);
    expect((await w.as.admin.get(PREVIEW)).json().due).toEqual([]);
    expect((await w.as.admin.post(RUN)).json()).toMatchObject({ erased: 0, purged: 0 });
  });

  it('keeps going when one candidate fails: the others are erased, the failed one is untouched and counted', async () => {
    const w = await hiringWorld(t);
    await policy(w.as.admin, { appliesTo: 'rejected', afterMonths: 1 });
    const ok = await candidate(w.as.recruiter, w.job.id, 'Gil Goes', 'rejected', '2025-01-01T00:00:00Z');
    const bad = await candidate(w.as.recruiter, w.job.id, 'Fay Fails', 'rejected', '2025-01-01T00:00:00Z');
    // The database refuses to delete Fay (as a broken constraint or a lost connection would).
    await sql
      .raw(
        `create function retention_test_refuse() returns trigger language plpgsql as $$ begin if old.id = '${bad.candidateId}' then raise exception 'refused'; end if; return old; end $$;
         create trigger retention_test_refuse before delete on candidates for each row execute function retention_test_refuse();`,
      )
      .execute(t.database.db);
    try {
      const run = (await w.as.admin.post(RUN)).json();
      expect(run).toMatchObject({ erased: 1, purged: 0, held: 0 });
      expect(run.receiptIds).toHaveLength(1);
    } finally {
      await sql.raw('drop trigger retention_test_refuse on candidates; drop function retention_test_refuse();').execute(t.database.db);
    }
    expect((await w.as.recruiter.get(`/api/v1/candidates/${ok.candidateId}`)).statusCode).toBe(404);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${bad.candidateId}`)).statusCode).toBe(200);
    // Her erasure was rolled back whole: the application is still hers.
    const app = await t.database.db.selectFrom('applications').select(['candidateId', 'erasedAt']).where('id', '=', bad.applicationId).executeTakeFirstOrThrow();
    expect(app).toEqual({ candidateId: bad.candidateId, erasedAt: null });
    const runAudit = (await auditOf(w.org.orgId)).filter((e) => e.action === 'retention.run');
    expect(runAudit.map((e) => e.details)).toEqual([{ trigger: 'manual', erased: 1, purged: 0, held: 0, failed: 1 }]);
    // The next run picks her up.
    expect((await w.as.admin.post(RUN)).json()).toMatchObject({ erased: 1 });
    expect((await w.as.recruiter.get(`/api/v1/candidates/${bad.candidateId}`)).statusCode).toBe(404);
  });

  it('the daily job is enqueued once per day however often instances ask, and runs every organization with a policy', async () => {
    const a = await hiringWorld(t);
    const b = await hiringWorld(t);
    const none = await hiringWorld(t);
    await policy(a.as.admin, { appliesTo: 'rejected', afterMonths: 3 });
    await policy(b.as.owner, { appliesTo: 'any_closed', afterMonths: 1 });
    await policy(none.as.owner, { appliesTo: 'any_closed', afterMonths: 1 }).then((id) =>
      none.as.owner.request('PUT', `${POLICIES}/${id}`, { name: 'Off', appliesTo: 'any_closed', afterMonths: 1, action: 'erase', enabled: false }),
    );
    const ca = await candidate(a.as.recruiter, a.job.id, 'Ava Old', 'rejected', '2025-10-01T00:00:00Z');
    const cb = await candidate(b.as.recruiter, b.job.id, 'Bo Old', 'hired', '2026-01-01T00:00:00Z');
    const cn = await candidate(none.as.recruiter, none.job.id, 'Nia Kept', 'rejected', '2025-01-01T00:00:00Z');

    const ctx = t.ctx({ clock });
    const retentionJobs = async () => t.database.db.selectFrom('jobs').select(['uniqueKey', 'status']).where('name', '=', RETENTION_JOB).execute();
    await enqueueRecurring(ctx, recurringJobs);
    await enqueueRecurring(ctx, recurringJobs); // a second instance in the same period
    expect(await retentionJobs()).toEqual([{ uniqueKey: `${RETENTION_JOB}@2026-03-01T00:00:00.000Z`, status: 'queued' }]);
    await runDueJobs(ctx, jobHandlers());
    expect(await retentionJobs()).toEqual([{ uniqueKey: `${RETENTION_JOB}@2026-03-01T00:00:00.000Z`, status: 'done' }]);

    const runsOf = (orgId: string) => t.database.db.selectFrom('retentionRuns').select(['trigger', 'ranBy', 'erased', 'held']).where('orgId', '=', orgId).execute();
    expect(await runsOf(a.org.orgId)).toEqual([{ trigger: 'schedule', ranBy: null, erased: 1, held: 0 }]);
    expect(await runsOf(b.org.orgId)).toEqual([{ trigger: 'schedule', ranBy: null, erased: 1, held: 0 }]);
    expect(await runsOf(none.org.orgId)).toEqual([]);
    for (const [w, c] of [
      [a, ca],
      [b, cb],
    ] as const) {
      expect((await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}`)).statusCode).toBe(404);
    }
    expect((await none.as.recruiter.get(`/api/v1/candidates/${cn.candidateId}`)).statusCode).toBe(200);
    const runAudit = (await auditOf(a.org.orgId)).filter((e) => e.action === 'retention.run');
    expect(runAudit).toEqual([expect.objectContaining({ actorUserId: null, details: { trigger: 'schedule', erased: 1, purged: 0, held: 0, failed: 0 } })]);
    expect((await b.as.admin.get(RUNS)).json().items).toEqual([expect.objectContaining({ trigger: 'schedule', ranBy: null, erased: 1 })]);
  });
});

describe('candidate privacy panel', () => {
  it('shows the hold, requests, consents, notice link and the retention line with the winning date', async () => {
    const w = await hiringWorld(t);
    const short = await policy(w.as.admin, { appliesTo: 'rejected', afterMonths: 6 });
    const long = await policy(w.as.admin, { appliesTo: 'any_closed', afterMonths: 18 });
    await policy(w.as.admin, { appliesTo: 'any_closed', afterMonths: 6, action: 'purge_interview_data' });
    const c = await addCandidate(w.as.recruiter, w.job.id, 'Pia Panel', email('Pia Panel'));
    const interviewId = await addInterview(w.as.recruiter, c.applicationId, 'deep-dive', [w.ids.iv1]);
    const consent = (await w.as.iv1.post(`/api/v1/interviews/${interviewId}/consents`, { wordingVersion: 'recording-notice-2026-01' })).json();
    expect((await w.as.recruiter.post(`/api/v1/applications/${c.applicationId}/move`, { toStage: 'rejected', reasonCode: 'skills_gap' })).statusCode).toBe(200);
    await sql`update stage_moves set moved_at = ${new Date('2025-08-31T08:00:00Z')} where application_id = ${c.applicationId}`.execute(t.database.db);

    const db = t.database.db;
    const overdueId = randomUUID();
    const doneId = randomUUID();
    await db
      .insertInto('privacyRequests')
      .values([
        { id: overdueId, orgId: w.org.orgId, candidateId: c.candidateId, kind: 'access', message: 'Please send my data', dueAt: new Date('2026-02-20T00:00:00Z'), createdAt: new Date('2026-01-21T00:00:00Z') },
        {
          id: doneId,
          orgId: w.org.orgId,
          candidateId: c.candidateId,
          kind: 'human_review',
          message: null,
          status: 'completed',
          dueAt: new Date('2026-01-30T00:00:00Z'),
          createdAt: new Date('2025-12-31T00:00:00Z'),
          resolvedAt: new Date('2026-01-05T00:00:00Z'),
          resolvedBy: w.ids.admin,
          resolutionNote: 'Reviewed by a person',
        },
      ])
      .execute();
    await db
      .insertInto('privacyLinks')
      .values({ id: randomUUID(), orgId: w.org.orgId, candidateId: c.candidateId, tokenHash: randomUUID(), expiresAt: new Date('2026-03-20T00:00:00Z'), createdBy: w.ids.recruiter, createdAt: new Date('2026-02-18T00:00:00Z') })
      .execute();

    const res = await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}/privacy`);
    expect(res.statusCode, res.body).toBe(200);
    const panel = res.json();
    expect(panel.candidateId).toBe(c.candidateId);
    expect(panel.legalHold).toBeNull();
    // Rejected 2025-08-31: 6 months clamps to 2026-02-28, 18 months (the latest) to 2027-02-28; the purge comes first.
    expect(panel.retention).toEqual([
      { action: 'purge_interview_data', dueAt: '2026-02-28T08:00:00.000Z', policyIds: [expect.any(String)] },
      { action: 'erase', dueAt: '2027-02-28T08:00:00.000Z', policyIds: [long] },
    ]);
    expect(panel.retention[1].policyIds).not.toContain(short);
    expect(panel.consents).toEqual([{ id: consent.id, kind: 'recording', interviewId, wordingVersion: 'recording-notice-2026-01', givenAt: '2026-03-01T09:00:00.000Z', withdrawnAt: null }]);
    expect(panel.requests).toEqual([
      expect.objectContaining({ id: overdueId, kind: 'access', status: 'open', candidateName: 'Pia Panel', dueAt: '2026-02-20T00:00:00.000Z', overdue: true, resolvedBy: null }),
      expect.objectContaining({ id: doneId, kind: 'human_review', status: 'completed', overdue: false, resolvedBy: { id: w.ids.admin, name: 'admin person' }, resolutionNote: 'Reviewed by a person' }),
    ]);
    expect(panel.interviewDataPurgedAt).toBeNull();
    expect(panel.lastNoticeLink).toEqual({ createdAt: '2026-02-18T00:00:00.000Z', expiresAt: '2026-03-20T00:00:00.000Z', usedAt: null });

    // Under a legal hold the panel shows the hold and schedules nothing.
    await w.as.admin.request('PUT', `/api/v1/candidates/${c.candidateId}/legal-hold`, { reason: 'Regulator inquiry' });
    const held = (await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}/privacy`)).json();
    expect(held.legalHold).toEqual({ reason: 'Regulator inquiry', placedAt: '2026-03-01T09:00:00.000Z', placedBy: { id: w.ids.admin, name: 'admin person' } });
    expect(held.retention).toEqual([]);

    // Interviewers and hiring managers may not read it; another organization gets 404.
    expect((await w.as.iv1.get(`/api/v1/candidates/${c.candidateId}/privacy`)).statusCode).toBe(403);
    expect((await w.as.hm.get(`/api/v1/candidates/${c.candidateId}/privacy`)).statusCode).toBe(403);
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    expect((await outsider.get(`/api/v1/candidates/${c.candidateId}/privacy`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/candidates/${randomUUID()}/privacy`)).statusCode).toBe(404);
    expect((await outsider.request('PUT', `/api/v1/candidates/${c.candidateId}/legal-hold`, { reason: 'Hijack' })).statusCode).toBe(404);
    expect((await outsider.delete(`/api/v1/candidates/${c.candidateId}/legal-hold`)).statusCode).toBe(404);
    expect((await w.as.recruiter.get(`/api/v1/candidates/${c.candidateId}/privacy`)).json().legalHold.reason).toBe('Regulator inquiry');
  });
});
