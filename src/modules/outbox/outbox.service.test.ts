import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp, testConfig } from '../../server/testing/test-app.ts';
import { createOrg } from '../../server/testing/factories.ts';
import { jobHandlers } from '../../server/jobs.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { queueEmail } from './outbox.service.ts';
import * as q from './outbox.queries.ts';

/** A minimal SMTP peer on loopback: records messages, or rejects them when `reject` is set. */
function smtpSink() {
  const received: string[] = [];
  const state = { reject: false };
  const server = net.createServer((socket) => {
    let data = false;
    let buf = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line === '.') {
            data = false;
            socket.write(state.reject ? '554 rejected\r\n' : '250 queued\r\n');
          } else received.push(line);
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 sink\r\n');
        else if (cmd === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return { server, received, state };
}

let t: TestApp;
const sink = smtpSink();
beforeAll(async () => {
  await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', r));
  const port = (sink.server.address() as net.AddressInfo).port;
  t = await openTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Rubric <rubric@example.test>' } });
});
afterAll(async () => {
  await t?.close();
  sink.server.close();
});

describe('outbox with SMTP', () => {
  it('stores the email first, then the job delivers it over SMTP and marks it sent', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const ctx = t.ctx();
    const id = await queueEmail(ctx, { to: 'cand@example.test', subject: 'Hello there', text: 'Line one\nLine two', kind: 'test', orgId: org.orgId });
    expect((await q.findMessage(t.database.db, id))!.status).toBe('queued');
    await runDueJobs(ctx, jobHandlers());
    const row = (await q.findMessage(t.database.db, id))!;
    expect(row.status).toBe('sent');
    expect(row.sentAt).toBeInstanceOf(Date);
    const text = sink.received.join('\n');
    expect(text).toContain('Subject: Hello there');
    expect(text).toContain('To: cand@example.test');
    expect(text).toContain('Line two');
  });

  it('records a refused delivery and retries it', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const ctx = t.ctx();
    sink.state.reject = true;
    const id = await queueEmail(ctx, { to: 'x@example.test', subject: 'Refused', text: 'x', kind: 'test', orgId: org.orgId });
    await runDueJobs(ctx, jobHandlers());
    const row = (await q.findMessage(t.database.db, id))!;
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toContain('554');
    sink.state.reject = false;
  });

  it('holds the email when SMTP is not configured', async () => {
    const org = await createOrg(t.database.db, ['owner']);
    const ctx = t.ctx({ config: testConfig() });
    const id = await queueEmail(ctx, { to: 'y@example.test', subject: 'Held', text: 'y', kind: 'test', orgId: org.orgId });
    expect((await q.findMessage(t.database.db, id))!.status).toBe('held');
    const jobs = await t.database.db.selectFrom('jobs').select('payload').execute();
    expect(jobs.some((j) => (j.payload as { id?: string }).id === id)).toBe(false);
  });
});
