import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/connect.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, addInterview, fillScorecard, hiringWorld } from '../../server/testing/hiring.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';
import { type Browser, openTestApp, type TestApp, TestClock, testConfig } from '../../server/testing/test-app.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { deliverWebhook } from './webhooks.deliver.ts';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_MAX_ATTEMPTS } from './webhooks.events.ts';
import { verifyWebhook } from './webhooks.sign.ts';

/** A local receiver on 127.0.0.1: records every request and answers with the next queued status (200 when none). */
class Receiver {
  requests: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  statuses: number[] = [];
  always: number | null = null;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.requests.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = this.always ?? this.statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  bodies() {
    return this.requests.map((r) => JSON.parse(r.body) as { id: string; type: string; createdAt: string; organizationId: string; data: Record<string, unknown> });
  }
}

const handlers = { [WEBHOOK_DELIVER_JOB]: deliverWebhook };
const clock = new TestClock(new Date('2026-03-05T09:00:00Z').getTime());
let t: TestApp;
let receiver: Receiver;
beforeAll(async () => {
  t = await openTestApp({ clock });
  receiver = new Receiver();
  await receiver.start();
});
afterAll(async () => {
  await receiver?.stop();
  await t?.close();
});

const runJobs = (app: TestApp = t) => runDueJobs(app.ctx(), handlers, 'test-worker');

async function adminWithEndpoint(b: Browser, body: Record<string, unknown> = {}, allowPrivate = true) {
  expect((await b.request('PUT', '/api/v1/webhooks/settings', { allowPrivateTargets: allowPrivate })).json()).toEqual({ allowPrivateTargets: allowPrivate });
  const res = await b.post('/api/v1/webhooks/endpoints', { url: receiver.url, description: 'warehouse', ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string; events: string[] };
}

async function deliveries(b: Browser, endpointId: string) {
  const res = await b.get(`/api/v1/webhooks/endpoints/${endpointId}/deliveries`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ id: string; eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; body: string; attemptLog: Array<{ attempt: number; statusCode: number | null; error: string | null }> }>;
}

describe('webhook endpoints', () => {
  it('sign every delivery with the documented algorithm over the timestamp and body', async () => {
    receiver.requests = [];
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const ep = await adminWithEndpoint(owner);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(ep.events).toEqual([]);
    // The secret is shown once: neither the list nor the endpoint carries it, and it is not stored in clear.
    expect((await owner.get('/api/v1/webhooks/endpoints')).body).not.toContain(ep.secret);
    const stored = await t.database.db.selectFrom('webhookEndpoints').select('secretEncrypted').where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(stored.secretEncrypted).not.toContain(ep.secret.slice(6));

    const ping = await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`);
    expect(ping.statusCode).toBe(202);
    expect(ping.json()).toMatchObject({ eventType: 'ping', status: 'pending', attempts: 0 });
    expect(await runJobs()).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const { headers, body } = receiver.requests[0]!;
    const ts = Math.floor(clock.now().getTime() / 1000);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('Rubric-Webhooks/1');
    expect(headers['webhook-id']).toBe(ping.json().id);
    expect(headers['webhook-timestamp']).toBe(String(ts));
    // Recomputed here by hand, exactly as docs/webhooks.md tells receivers to.
    const expected = `v1=${createHmac('sha256', ep.secret).update(`${ts}.${body}`).digest('hex')}`;
    expect(headers['webhook-signature']).toBe(expected);
    expect(JSON.parse(body)).toEqual({ id: ping.json().eventId, type: 'ping', createdAt: clock.now().toISOString(), organizationId: org.orgId, data: { endpointId: ep.id } });
    const sig = { signature: String(headers['webhook-signature']), timestamp: String(headers['webhook-timestamp']) };
    expect(verifyWebhook(ep.secret, sig, body, ts + 299)).toEqual({ ok: true });
    expect(verifyWebhook(ep.secret, sig, body, ts + 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhook(ep.secret, sig, body.replace('ping', 'pong'), ts)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook('whsec_other', sig, body, ts)).toEqual({ ok: false, reason: 'bad_signature' });

    const [d] = await deliveries(owner, ep.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, body });
    expect(d!.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);

    // Rotation: the old secret stops signing at once.
    const rotated = (await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/rotate-secret`)).json().secret as string;
    expect(rotated).not.toBe(ep.secret);
    await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`);
    await runJobs();
    const second = receiver.requests[1]!;
    const sig2 = { signature: String(second.headers['webhook-signature']), timestamp: String(second.headers['webhook-timestamp']) };
    expect(verifyWebhook(rotated, sig2, second.body, ts)).toEqual({ ok: true });
    expect(verifyWebhook(ep.secret, sig2, second.body, ts)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('validate the URL (http and https only) and name the field', async () => {
    const org = await createOrg(t.database.db, ['admin']);
    const admin = await signedIn(t.app, org.members[0]!.email);
    for (const url of ['ftp://example.com/hook', 'not a url', 'https://user:secret@example.com/hook']) {
      const res = await admin.post('/api/v1/webhooks/endpoints', { url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
      expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['url']);
    }
    const bad = await admin.post('/api/v1/webhooks/endpoints', { url: 'https://example.com/h', events: ['application.deleted'] });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.post('/api/v1/webhooks/endpoints', { url: 'https://example.com/h', events: ['decision.made', 'application.created', 'decision.made'] });
    expect(ok.json()).toMatchObject({ url: 'https://example.com/h', events: ['application.created', 'decision.made'], active: true });
    const patched = await admin.patch(`/api/v1/webhooks/endpoints/${ok.json().id}`, { url: 'ftp://x' });
    expect(patched.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['url']);
    const off = await admin.patch(`/api/v1/webhooks/endpoints/${ok.json().id}`, { active: false, description: 'paused' });
    expect(off.json()).toMatchObject({ active: false, description: 'paused' });
    expect((await admin.delete(`/api/v1/webhooks/endpoints/${ok.json().id}`)).json()).toEqual({ ok: true });
    expect((await admin.get(`/api/v1/webhooks/endpoints/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('are for owners and admins only, and another organization’s ids answer 404', async () => {
    const org = await createOrg(t.database.db, ['owner', 'recruiter', 'hiring_manager', 'interviewer']);
    const [owner, recruiter, hm, iv] = await Promise.all(org.members.map((m) => signedIn(t.app, m.email)));
    const ep = await adminWithEndpoint(owner!);
    await owner!.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`);
    await runJobs();
    const [d] = await deliveries(owner!, ep.id);
    for (const b of [recruiter!, hm!, iv!]) {
      expect((await b.get('/api/v1/webhooks/endpoints')).statusCode).toBe(403);
      expect((await b.post('/api/v1/webhooks/endpoints', { url: 'https://example.com/h' })).statusCode).toBe(403);
      expect((await b.get('/api/v1/webhooks/settings')).statusCode).toBe(403);
      expect((await b.request('PUT', '/api/v1/webhooks/settings', { allowPrivateTargets: true })).statusCode).toBe(403);
      expect((await b.get(`/api/v1/webhooks/endpoints/${ep.id}/deliveries`)).statusCode).toBe(403);
    }
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    await expectOtherOrgIdsNotFound(
      t.app,
      outsider,
      '/api/v1/webhooks',
      [
        { method: 'GET', route: '/api/v1/webhooks/endpoints/:id', params: { id: ep.id } },
        { method: 'PATCH', route: '/api/v1/webhooks/endpoints/:id', params: { id: ep.id }, body: { description: 'mine now' } },
        { method: 'DELETE', route: '/api/v1/webhooks/endpoints/:id', params: { id: ep.id } },
        { method: 'POST', route: '/api/v1/webhooks/endpoints/:id/rotate-secret', params: { id: ep.id } },
        { method: 'POST', route: '/api/v1/webhooks/endpoints/:id/ping', params: { id: ep.id } },
        { method: 'GET', route: '/api/v1/webhooks/endpoints/:id/deliveries', params: { id: ep.id } },
        { method: 'POST', route: '/api/v1/webhooks/deliveries/:id/redeliver', params: { id: d!.id } },
      ],
      [receiver.url],
    );
    // Nothing changed for the owner.
    expect((await owner!.get(`/api/v1/webhooks/endpoints/${ep.id}`)).json()).toMatchObject({ description: 'warehouse', deliveries: { delivered: 1 } });
  });
});

describe('events', () => {
  it('fire for a real flow with exactly the documented payloads, without names or emails', async () => {
    receiver.requests = [];
    const w = await hiringWorld(t);
    const ep = await adminWithEndpoint(w.as.admin);
    // A second endpoint subscribed to decisions only.
    const decisionsOnly = (await w.as.owner.post('/api/v1/webhooks/endpoints', { url: `${receiver.url}?only=decisions`, events: ['decision.made'] })).json();

    const { candidateId, applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Dana Whitfield', 'dana.whitfield@example.test');
    const moved = await w.as.recruiter.post(`/api/v1/applications/${applicationId}/move`, { toStage: 'deep-dive' });
    expect(moved.statusCode).toBe(200);
    const moveId = moved.json().history.at(-1).id as string;
    const fromStage = moved.json().history.at(-1).fromStage as string;
    const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1], '2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z');
    const card = await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
    const decided = await w.as.hm.post(`/api/v1/applications/${applicationId}/decision`, { decision: 'advance', reasonCode: 'meets_bar', rationale: 'Clear evidence on architecture.' });
    expect(decided.statusCode).toBe(201);
    const decision = decided.json().decisions.at(-1) as { id: string };
    const decisionMove = decided.json();

    expect(await runJobs()).toBe(7); // 6 events to the all-events endpoint, 1 to the decisions-only one
    expect(receiver.requests).toHaveLength(7);
    for (const r of receiver.requests) {
      expect(r.body).not.toContain('Dana');
      expect(r.body).not.toContain('dana.whitfield');
      expect(r.body).not.toContain('Clear evidence');
    }
    const toAll = receiver.bodies().filter((_, i) => receiver.requests[i]!.url === '/hooks');
    const orgId = w.org.orgId;
    const ofType = (type: string) => toAll.filter((b) => b.type === type);
    expect(toAll.map((b) => b.type)).toEqual([
      'application.created',
      'application.stage_changed',
      'interview.scheduled',
      'scorecard.submitted',
      'application.stage_changed',
      'decision.made',
    ]);
    for (const b of toAll) expect(b).toMatchObject({ organizationId: orgId, createdAt: clock.now().toISOString() });
    expect(ofType('application.created')[0]!.data).toEqual({ applicationId, jobId: w.job.id, candidateId, stage: fromStage });
    expect(ofType('application.stage_changed')[0]!.data).toEqual({ applicationId, jobId: w.job.id, moveId, fromStage, toStage: 'deep-dive', status: 'active' });
    expect(ofType('application.stage_changed')[1]!.data).toEqual({
      applicationId,
      jobId: w.job.id,
      moveId: expect.any(String),
      fromStage: 'deep-dive',
      toStage: decisionMove.stage,
      status: 'active',
    });
    expect(ofType('interview.scheduled')[0]!.data).toEqual({ interviewId, applicationId, roundId: 'deep-dive', startsAt: '2026-03-04T09:00:00.000Z', endsAt: '2026-03-04T10:00:00.000Z' });
    expect(ofType('scorecard.submitted')[0]!.data).toEqual({ scorecardId: card.id, applicationId, interviewId, interviewerId: w.ids.iv1, roundId: 'deep-dive' });
    const decisionData = { decisionId: decision.id, applicationId, jobId: w.job.id, decision: 'advance', reasonCode: 'meets_bar', moveId: ofType('application.stage_changed')[1]!.data.moveId };
    expect(ofType('decision.made')[0]!.data).toEqual(decisionData);
    // One event, one id: the decisions-only endpoint got the same event (same id and data), nothing else.
    const other = receiver.bodies().filter((_, i) => receiver.requests[i]!.url === '/hooks?only=decisions');
    expect(other).toEqual([ofType('decision.made')[0]]);
    expect((await deliveries(w.as.admin, decisionsOnly.id)).map((d) => d.eventType)).toEqual(['decision.made']);
    expect((await deliveries(w.as.admin, ep.id)).every((d) => d.status === 'delivered')).toBe(true);

    // Reschedule, then cancel: one event each; an edit that moves nothing sends none.
    receiver.requests = [];
    await w.as.recruiter.patch(`/api/v1/interviews/${interviewId}`, { location: 'Room 9' });
    await w.as.recruiter.patch(`/api/v1/interviews/${interviewId}`, { startsAt: '2026-03-06T13:00:00Z', endsAt: '2026-03-06T14:00:00Z' });
    await w.as.recruiter.patch(`/api/v1/interviews/${interviewId}`, { status: 'cancelled' });
    await runJobs();
    expect(receiver.bodies().map((b) => [b.type, b.data])).toEqual([
      ['interview.rescheduled', { interviewId, applicationId, roundId: 'deep-dive', startsAt: '2026-03-06T13:00:00.000Z', endsAt: '2026-03-06T14:00:00.000Z' }],
      ['interview.cancelled', { interviewId, applicationId, roundId: 'deep-dive', startsAt: '2026-03-06T13:00:00.000Z', endsAt: '2026-03-06T14:00:00.000Z' }],
    ]);
  });

  it('candidate.erased carries the receipt and subject ids, never the old candidate id, which stored events forget', async () => {
    receiver.requests = [];
    const w = await hiringWorld(t);
    const ep = await adminWithEndpoint(w.as.admin, { events: ['application.created', 'candidate.erased'] });
    const { candidateId, applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Ira Lindqvist', 'ira.lindqvist@example.test');
    await runJobs();
    expect(receiver.bodies()[0]!.data.candidateId).toBe(candidateId);

    const erased = await w.as.admin.post(`/api/v1/candidates/${candidateId}/erase`, { confirmName: 'Ira Lindqvist' });
    expect(erased.statusCode).toBe(200);
    const receipt = erased.json() as { id: string; subjectId: string };
    await runJobs();
    const event = receiver.bodies()[1]!;
    expect(event).toMatchObject({ type: 'candidate.erased', data: { receiptId: receipt.id, subjectId: receipt.subjectId, trigger: 'manual' } });
    expect(Object.keys(event.data).sort()).toEqual(['receiptId', 'subjectId', 'trigger']);
    expect(receiver.requests[1]!.body).not.toContain(candidateId);
    expect(receiver.requests[1]!.body).not.toContain(applicationId);
    // The stored application.created event no longer links the old id (a redelivery would not resend it).
    const stored = await t.database.db.selectFrom('webhookDeliveries').select(['eventType', 'data']).where('endpointId', '=', ep.id).orderBy('createdAt').execute();
    expect(stored.map((s) => s.eventType)).toEqual(['application.created', 'candidate.erased']);
    expect(stored[0]!.data).toEqual({ applicationId, jobId: w.job.id, candidateId: null, stage: expect.any(String) });
    expect(JSON.stringify(stored)).not.toContain(candidateId);
  });
});

describe('delivery', () => {
  it('records a failure, retries with backoff and succeeds across a restart (same database)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-webhooks-'));
    const restartClock = new TestClock(new Date('2026-03-05T09:00:00Z').getTime());
    const config = testConfig({ RUBRIC_DATA_DIR: dataDir });
    let database: Database = await openDatabase(config);
    let app = await openTestApp({ database, clock: restartClock, env: { RUBRIC_DATA_DIR: dataDir } });
    try {
      const org = await createOrg(database.db, ['owner']);
      const owner = await signedIn(app.app, org.members[0]!.email);
      const ep = await adminWithEndpoint(owner);
      const ping = (await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`)).json();
      receiver.requests = [];
      receiver.statuses = [500];
      expect(await runJobs(app)).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      const failed = (await deliveries(owner, ep.id))[0]!;
      expect(failed).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 500, lastError: 'The receiver answered HTTP 500', nextAttemptAt: new Date(restartClock.now().getTime() + 10_000).toISOString() });
      // Not due yet: nothing runs.
      expect(await runJobs(app)).toBe(0);

      // Restart: close the app and the embedded database, open both again from the data folder.
      await app.close();
      await database.close();
      database = await openDatabase(config);
      app = await openTestApp({ database, clock: restartClock, env: { RUBRIC_DATA_DIR: dataDir } });
      restartClock.advance(11_000);
      expect(await runJobs(app)).toBe(1);
      expect(receiver.requests).toHaveLength(2);
      // Same delivery id and body on the retry; a fresh timestamp and signature.
      expect(receiver.requests[1]!.headers['webhook-id']).toBe(ping.id);
      expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
      expect(Number(receiver.requests[1]!.headers['webhook-timestamp']) - Number(receiver.requests[0]!.headers['webhook-timestamp'])).toBe(11);
      const owner2 = await signedIn(app.app, org.members[0]!.email);
      const done = (await deliveries(owner2, ep.id))[0]!;
      expect(done).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      expect(done.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, 'The receiver answered HTTP 500'],
        [2, 200, null],
      ]);
      const job = await database.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', WEBHOOK_DELIVER_JOB).executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'done', attempts: 2 });
    } finally {
      receiver.statuses = [];
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it(`goes dead after ${WEBHOOK_MAX_ATTEMPTS} attempts, and a manual redelivery starts a new round`, async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const ep = await adminWithEndpoint(owner);
    const ping = (await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`)).json();
    expect((await owner.post(`/api/v1/webhooks/deliveries/${ping.id}/redeliver`)).statusCode).toBe(409);
    receiver.requests = [];
    receiver.always = 503;
    try {
      for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
        expect(await runJobs()).toBe(1);
        clock.advance(3_600_000); // past the longest backoff
      }
      expect(await runJobs()).toBe(0);
    } finally {
      receiver.always = null;
    }
    expect(receiver.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    const dead = (await deliveries(owner, ep.id))[0]!;
    expect(dead).toMatchObject({ status: 'dead', attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503 });
    expect(dead.attemptLog.map((a) => a.attempt)).toEqual(Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => i + 1));
    expect((await owner.get(`/api/v1/webhooks/endpoints/${ep.id}`)).json().deliveries).toEqual({ pending: 0, retrying: 0, delivered: 0, dead: 1 });
    const job = await t.database.db.selectFrom('jobs').select(['status']).where(sql<string>`payload->>'deliveryId'`, '=', ping.id as string).executeTakeFirstOrThrow();
    expect(job.status).toBe('dead');
    expect((await deliveries(owner, ep.id)).filter((d) => d.status === 'dead')).toHaveLength(1);

    const again = await owner.post(`/api/v1/webhooks/deliveries/${ping.id}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id: ping.id, status: 'pending', attempts: 0 });
    expect(await runJobs()).toBe(1);
    expect(receiver.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS + 1);
    expect(receiver.requests.at(-1)!.body).toBe(receiver.requests[0]!.body);
    const redone = (await deliveries(owner, ep.id))[0]!;
    expect(redone).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(redone.attemptLog.at(-1)).toMatchObject({ attempt: WEBHOOK_MAX_ATTEMPTS + 1, statusCode: 200 });
  });

  it('refuses private and loopback targets unless the organization allows them; nothing reaches the receiver', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    expect((await owner.get('/api/v1/webhooks/settings')).json()).toEqual({ allowPrivateTargets: false });
    const ep = await adminWithEndpoint(owner, {}, false);
    await owner.post(`/api/v1/webhooks/endpoints/${ep.id}/ping`);
    receiver.requests = [];
    expect(await runJobs()).toBe(1);
    expect(receiver.requests).toHaveLength(0);
    const [d] = await deliveries(owner, ep.id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toBe('127.0.0.1 is a private or loopback address; private and loopback addresses are refused (an owner or admin can allow private network targets in the webhook settings)');
  });

  it('do not go to disabled endpoints, nor to endpoints not subscribed to the event', async () => {
    const w = await hiringWorld(t);
    const ep = await adminWithEndpoint(w.as.admin, { events: ['scorecard.submitted'] });
    const off = (await w.as.admin.post('/api/v1/webhooks/endpoints', { url: receiver.url, active: false })).json();
    await addCandidate(w.as.recruiter, w.job.id, 'Noor Haddad', 'noor.haddad@example.test');
    expect(await deliveries(w.as.admin, ep.id)).toEqual([]);
    expect(await deliveries(w.as.admin, off.id)).toEqual([]);
  });
});
