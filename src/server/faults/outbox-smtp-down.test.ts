// Outbox with the SMTP server down: the message stays queued with the failure recorded and the job
// scheduled for retry; once a receiver listens on that port, the retry delivers it exactly once.
// The real nodemailer SMTP transport (jobHandlers() without an injected transport) is under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../modules/jobs/jobs.service.ts';
import { SEND_EMAIL_JOB } from '../../modules/outbox/outbox.service.ts';
import { jobHandlers } from '../jobs.ts';
import { createOrg, signedIn, uniqueEmail } from '../testing/factories.ts';
import { freePort } from '../testing/server-process.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../testing/smtp-receiver.ts';
import { TestClock, openTestApp, type TestApp } from '../testing/test-app.ts';

const clock = new TestClock(new Date('2026-03-02T12:00:00Z').getTime());
let t: TestApp;
let port: number;
let receiver: SmtpReceiver | undefined;
beforeAll(async () => {
  port = await freePort(); // nothing listens here until the receiver starts
  t = await openTestApp({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Rubric <no-reply@rubric.test>' } });
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

describe('outbox while SMTP is down', () => {
  it('keeps the invitation queued with the error and delivers it once when the server is back', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const owner = await signedIn(t.app, org.members[0]!.email);
    const invitee = uniqueEmail('invitee');
    const res = await owner.post('/api/v1/invitations', { email: invitee, role: 'interviewer' });
    expect(res.statusCode).toBe(201);
    const outboxRow = () => t.database.db.selectFrom('outbox').selectAll().where('toAddress', '=', invitee).executeTakeFirstOrThrow();
    const jobRow = (id: string) =>
      t.database.db.selectFrom('jobs').selectAll().where('name', '=', SEND_EMAIL_JOB).where(({ eb, ref }) => eb(ref('payload', '->>').key('id'), '=', id)).executeTakeFirstOrThrow();
    const queued = await outboxRow();
    expect({ status: queued.status, attempts: queued.attempts }).toEqual({ status: 'queued', attempts: 0 });

    const handlers = jobHandlers();
    const ctx = () => t.ctx();
    // SMTP down: connection refused.
    expect(await runDueJobs(ctx(), handlers)).toBe(1);
    const failed = await outboxRow();
    expect(failed.status).toBe('queued');
    expect(failed.attempts).toBe(1);
    expect(failed.sentAt).toBeNull();
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const job = await jobRow(queued.id);
    expect({ status: job.status, attempts: job.attempts }).toEqual({ status: 'queued', attempts: 1 });
    expect(job.runAt.getTime() - clock.now().getTime()).toBe(10_000); // first backoff
    // Not due yet: nothing runs before the backoff has passed.
    expect(await runDueJobs(ctx(), handlers)).toBe(0);

    receiver = await startSmtpReceiver(port);
    expect(await runDueJobs(ctx(), handlers)).toBe(0); // still waiting for its retry time
    expect(receiver.messages).toHaveLength(0);
    clock.advance(10_001);
    expect(await runDueJobs(ctx(), handlers)).toBe(1);
    expect(receiver.messages).toHaveLength(1);
    const mail = receiver.messages[0]!;
    expect(mail.to).toEqual([invitee]);
    expect(mail.from).toBe('no-reply@rubric.test');
    expect(mail.subject).toBe(queued.subject);
    expect(mail.subject).toMatch(/invit/i);
    const sent = await outboxRow();
    expect({ status: sent.status, attempts: sent.attempts, sentAt: sent.sentAt?.toISOString() }).toEqual({ status: 'sent', attempts: 1, sentAt: clock.now().toISOString() });
    expect((await jobRow(queued.id)).status).toBe('done');

    // Exactly once: later passes send nothing more.
    clock.advance(3_600_000);
    await runDueJobs(ctx(), handlers);
    expect(receiver.messages).toHaveLength(1);
  });
});
