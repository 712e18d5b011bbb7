import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCandidate, addInterview, fillScorecard, hiringWorld, jdSettings } from '../../server/testing/hiring.ts';
import { type Browser, openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import { getOrgQuestionnaire } from '../advisor/advisor.service.ts';
import { mcpTools } from './mcp.tools.ts';

// Monday 2 March 2026, 08:00 UTC: the schedule search looks at the days after it.
const clock = new TestClock(new Date('2026-03-02T08:00:00Z').getTime());
let t: TestApp;
let base: string;
let w: Awaited<ReturnType<typeof hiringWorld>>;
let applicationId: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await openTestApp({ clock });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  w = await hiringWorld(t);
  ({ applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Omar Haddad', 'omar.haddad@example.test'));
  // iv1 interviews and submits a scorecard; iv2 has nothing to do with this application.
  const interviewId = await addInterview(w.as.recruiter, applicationId, 'deep-dive', [w.ids.iv1]);
  await fillScorecard(w.as.iv1, interviewId, 3, 'yes');
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t?.close();
});

async function tokenFor(b: Browser, scopes: string[]): Promise<string> {
  const res = await b.post('/api/v1/api-tokens', { name: 'MCP agent', scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'rubric-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = res.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  return { isError: !!res.isError, text, data: res.structuredContent as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('MCP over streamable HTTP', () => {
  it('lists every tool with an input schema and answers each with real data as the token’s member', async () => {
    const owner = await connect(await tokenFor(w.as.owner, ['read', 'write']));
    const { tools } = await owner.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(mcpTools.map((x) => x.name).sort());
    expect(tools).toHaveLength(12);
    for (const x of tools) {
      expect(x.inputSchema.type).toBe('object');
      expect(Object.keys(x.inputSchema.properties ?? {}).length, x.name).toBeGreaterThan(0);
      expect(x.description!.length).toBeGreaterThan(40);
    }
    const sched = tools.find((x) => x.name === 'find_schedule_slots')!;
    expect(sched.inputSchema.required).toEqual(expect.arrayContaining(['applicationId', 'rounds', 'horizon']));

    const compare = await call(owner, 'compare_roles', { roles: 'cpo,cto' });
    expect(compare.isError).toBe(false);
    expect(compare.data.profiles.map((p: { id: string }) => p.id)).toEqual(['cpo', 'cto']);
    expect(compare.text).toBe(compare.data.markdown);

    const questionnaire = getOrgQuestionnaire();
    const answers = Object.fromEntries(questionnaire.questions.filter((q) => q.kind === 'single').map((q) => [q.id, q.options[0]!.id]));
    const org = await call(owner, 'advise_organization', { answers });
    expect(org.data.ranking).toHaveLength(questionnaire.outcomes.length);
    expect(org.data.ranking[0].score).toBeGreaterThanOrEqual(org.data.ranking.at(-1).score);

    const me = await call(owner, 'advise_individual', {
      answers: { currentRole: 'staff-engineer', yearsOfExperience: 12, enjoys: -2, peopleLeadership: 3, ratings: { 'technology-strategy-architecture': 4, 'infrastructure-operations': 4 } },
    });
    expect(me.data.fits).toHaveLength(9);

    const jd = await call(owner, 'generate_job_description', { roleId: 'cto', settings: jdSettings });
    expect(jd.isError).toBe(false);
    expect(jd.data.title).toBe('Chief Technology Officer');
    expect(jd.data.markdown).toContain('Harbourline');
    expect(jd.text.startsWith(jd.data.markdown)).toBe(true);

    const lint = await call(owner, 'lint_job_description', { text: 'We want an aggressive, competitive ninja who dominates the market.' });
    expect(lint.data.gender.masculine.map((m: { word: string }) => m.word)).toEqual(expect.arrayContaining(['aggressive', 'competitive']));

    const guide = await call(owner, 'get_interview_guide', { roleId: 'cto' });
    expect(guide.data.roleId).toBe('cto');
    expect(guide.text).toMatch(/^# .*Chief Technology Officer/);
    expect(guide.text).toContain('Hiring-manager deep dive');

    const questions = await call(owner, 'search_questions', { q: 'architecture', limit: 5 });
    expect(questions.data.items.length).toBeGreaterThan(0);
    expect(questions.data.items.length).toBeLessThanOrEqual(5);

    const pipeline = await call(owner, 'list_pipeline', { jobId: w.job.id });
    expect(pipeline.data.job).toEqual({ id: w.job.id, title: 'Chief Technology Officer', status: 'open' });
    expect(pipeline.data.total).toBe(1);
    const occupied = pipeline.data.stages.filter((s: { count: number }) => s.count > 0);
    expect(occupied).toHaveLength(1);
    expect(occupied[0].applications.map((a: { candidateName: string }) => a.candidateName)).toEqual(['Omar Haddad']);
    expect(pipeline.data.stages.map((s: { id: string }) => s.id)).toEqual(w.job.stages.map((s: { id: string }) => s.id));

    const debrief = await call(owner, 'get_debrief', { applicationId });
    expect(debrief.isError).toBe(false);
    expect(debrief.data.candidate.name).toBe('Omar Haddad');
    expect(debrief.data.interviewers.map((i: { roundName: string; recommendation: string }) => [i.roundName, i.recommendation])).toEqual([['Hiring-manager deep dive', 'yes']]);
    const rated = debrief.data.competencies.filter((c: { mean: number | null }) => c.mean !== null);
    expect(rated.length).toBe(3);
    expect(rated.every((c: { mean: number }) => c.mean === 3)).toBe(true);
    expect(debrief.data.recommendations).toEqual({ strong_no: 0, no: 0, yes: 1, strong_yes: 0 });

    const transcript = await call(owner, 'analyze_transcript', {
      content: [
        'Anna Berg: Tell me about a time you changed the architecture of a platform under load.',
        'Omar Haddad: In 2023 our checkout failed at peak. I led the move to a queue-based design; we measured p99 latency and cut it from 2 seconds to 300 milliseconds.',
        'Anna Berg: How did you decide what to build first?',
        'Omar Haddad: I ranked the failure modes by revenue at risk and shipped the order queue first, then the retries.',
      ].join('\n'),
      candidate: 'Omar Haddad',
      interviewers: ['Anna Berg'],
      roleId: 'cto',
      round: 'deep-dive',
    });
    expect(transcript.isError, transcript.text).toBe(false);
    expect(transcript.data.format).toBe('text');
    expect(transcript.data.speakers.map((s: { name: string; role: string; turns: number }) => [s.name, s.role, s.turns])).toEqual([
      ['Anna Berg', 'interviewer', 2],
      ['Omar Haddad', 'candidate', 2],
    ]);
    expect(transcript.data.exchanges.map((e: { question: string }) => e.question)).toEqual([
      'Tell me about a time you changed the architecture of a platform under load.',
      'How did you decide what to build first?',
    ]);
    expect(transcript.data.talk.questionsAsked).toBe(2);
    expect(transcript.data.coverage.skipped.length).toBeGreaterThan(0);

    const funnel = await call(owner, 'run_analytics_report', { report: 'funnel', jobId: w.job.id });
    expect(funnel.isError, funnel.text).toBe(false);
    expect(funnel.data.applications).toBe(1);
    expect(funnel.data.filter).toEqual({ jobId: w.job.id });

    // Scheduling: iv2 works 9–17 Berlin on weekdays, the candidate is free on Tuesday 3 March 9–17 Berlin.
    const weekdays = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [[540, 1020]]]));
    expect((await w.as.iv2.request('PUT', `/api/v1/availability/${w.ids.iv2}`, { timeZone: 'Europe/Berlin', workingHours: weekdays })).statusCode).toBe(200);
    await w.as.recruiter.request('PUT', `/api/v1/applications/${applicationId}/availability`, { timeZone: 'Europe/Berlin', windows: [{ startsAt: '2026-03-03T08:00:00Z', endsAt: '2026-03-03T16:00:00Z' }] });
    const slots = await call(owner, 'find_schedule_slots', { applicationId, rounds: [{ roundId: 'deep-dive', interviewerIds: [w.ids.iv2] }], horizon: { start: '2026-03-03', days: 1 } });
    expect(slots.isError, slots.text).toBe(false);
    expect(slots.data.explanation).toEqual([]);
    const first = slots.data.schedules[0].rounds[0];
    expect(first.roundId).toBe('deep-dive');
    expect(first.interviewers.map((i: { userId: string }) => i.userId)).toEqual([w.ids.iv2]);
    expect(first.startsAt >= '2026-03-03T08:00:00.000Z' && first.endsAt <= '2026-03-03T16:00:00.000Z').toBe(true);
  });

  it('applies the same permission checks as the API: blind rule and visibility, roles, token scope', async () => {
    // iv2 does not interview this candidate: the application is invisible (404 over REST).
    const iv2Token = await tokenFor(w.as.iv2, ['read']);
    const rest = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${applicationId}/debrief`, headers: { host: 'localhost', authorization: `Bearer ${iv2Token}` } });
    expect(rest.statusCode).toBe(404);
    const iv2 = await connect(iv2Token);
    const hidden = await call(iv2, 'get_debrief', { applicationId });
    expect(hidden.isError).toBe(true);
    expect(hidden.data.error).toMatchObject({ code: 'not_found', message: rest.json().message });
    expect(hidden.text).toMatch(/^not_found: /);
    const restJob = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${w.job.id}/applications`, headers: { host: 'localhost', authorization: `Bearer ${iv2Token}` } });
    const pipeline = await call(iv2, 'list_pipeline', { jobId: w.job.id });
    expect(restJob.statusCode).toBe(404);
    expect(pipeline.data.error).toMatchObject({ code: 'not_found', message: restJob.json().message });

    // The blind rule: iv3 interviews the candidate but has not submitted, so the debrief is refused (403).
    const otherRound = w.job.stages.find((s: { roundId: string | null }) => s.roundId && s.roundId !== 'deep-dive').roundId as string;
    await addInterview(w.as.recruiter, applicationId, otherRound, [w.ids.iv3], '2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z');
    const iv3Token = await tokenFor(w.as.iv3, ['read', 'write']);
    const blindRest = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${applicationId}/debrief`, headers: { host: 'localhost', authorization: `Bearer ${iv3Token}` } });
    expect(blindRest.statusCode).toBe(403);
    const blind = await call(await connect(iv3Token), 'get_debrief', { applicationId });
    expect(blind.isError).toBe(true);
    expect(blind.data.error).toMatchObject({ code: 'forbidden', message: blindRest.json().message });
    expect(blind.text).not.toContain('Evidence on');

    // Analytics are for owners, admins, recruiters and hiring managers (403 over REST).
    const report = await call(iv2, 'run_analytics_report', { report: 'reliability' });
    expect(report.data.error).toMatchObject({ code: 'forbidden' });

    // A read-scope token cannot call a tool whose route needs the write scope; read tools work.
    const readOwner = await connect(await tokenFor(w.as.owner, ['read']));
    const lint = await call(readOwner, 'lint_job_description', { text: 'A calm and supportive leader.' });
    expect(lint.isError).toBe(true);
    expect(lint.data.error).toEqual({ code: 'forbidden', message: 'This token has the read scope only' });
    const guide = await call(readOwner, 'get_interview_guide', { roleId: 'cpo' });
    expect(guide.isError).toBe(false);
    const debrief = await call(readOwner, 'get_debrief', { applicationId });
    expect(debrief.data.applicationId).toBe(applicationId);

    // Input is validated by the contract's schema before anything runs.
    const bad = await call(readOwner, 'compare_roles', { roles: 'cto' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('Compare at least 2 roles');
  });

  it('answers 401 without a valid token, ignores session cookies, and 405 to GET and DELETE', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const none = await fetch(`${base}/mcp`, { method: 'POST', headers, body: JSON.stringify(init) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="rubric"');
    expect(await none.json()).toMatchObject({ code: 'unauthenticated' });
    const wrong = await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, authorization: `Bearer rbk_${'x'.repeat(43)}` }, body: JSON.stringify(init) });
    expect(wrong.status).toBe(401);
    // A signed-in browser's cookie is no credential here.
    const cookie = await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, cookie: `rubric_session=${w.as.owner.cookie}` }, body: JSON.stringify(init) });
    expect(cookie.status).toBe(401);
    await expect(connect('rbk_not-a-token')).rejects.toThrow();

    const token = await tokenFor(w.as.recruiter, ['read']);
    const ok = await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' }, body: JSON.stringify(init) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).result.serverInfo).toEqual({ name: 'rubric', version: '0.1.0' });
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    // The API's per-token rate limit counts MCP requests too.
    expect(ok.headers.get('ratelimit-policy')).toBe('600;w=60');
    expect(Number(ok.headers.get('ratelimit-remaining'))).toBeLessThan(600);
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${base}/mcp`, { method, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    expect((await fetch(`${base}/mcp`, { method: 'GET' })).status).toBe(401);
  });
});
