import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, openTestApp, TestClock, type TestApp } from '../../server/testing/test-app.ts';
import { createOrg, signedIn } from '../../server/testing/factories.ts';
import { addCandidate, hiringWorld } from '../../server/testing/hiring.ts';
import { expectOtherOrgIdsNotFound } from '../../server/testing/tenancy.ts';

// Monday 2 March 2026, 08:00 UTC.
const clock = new TestClock(new Date('2026-03-02T08:00:00Z').getTime());
let t: TestApp;
let feedServer: http.Server;
let feedUrl: string;
const weeklyIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//EN',
  'BEGIN:VEVENT',
  'UID:standup@test',
  'DTSTAMP:20260301T000000Z',
  'DTSTART;TZID=Europe/Berlin:20260302T100000',
  'DTEND;TZID=Europe/Berlin:20260302T120000',
  'RRULE:FREQ=DAILY;COUNT=10',
  'SUMMARY:Secret board prep',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

beforeAll(async () => {
  t = await openTestApp({ clock, env: { OUTBOUND_ALLOW_PRIVATE: 'true' } });
  feedServer = http.createServer((req, res) => {
    if (req.url === '/cal.ics') {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(weeklyIcs);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/cal.ics`;
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => feedServer?.close(r));
});

const berlinWeekdays = { '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]], '4': [[540, 1020]], '5': [[540, 1020]] };

async function outboxInvites(orgId: string) {
  const rows = await t.database.db.selectFrom('outbox').select(['toAddress', 'subject', 'attachments', 'kind']).where('orgId', '=', orgId).where('kind', '=', 'interview_invite').orderBy('createdAt').execute();
  return rows.map((r) => {
    const cal = new ICAL.Component(ICAL.parse(r.attachments[0]!.content));
    const ev = cal.getFirstSubcomponent('vevent')!;
    return {
      to: r.toAddress,
      subject: r.subject,
      method: String(cal.getFirstPropertyValue('method')),
      uid: String(ev.getFirstPropertyValue('uid')),
      sequence: Number(ev.getFirstPropertyValue('sequence')),
      start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      end: (ev.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    };
  });
}

describe('availability', () => {
  it('saves weekly hours, imports .ics busy times (recurrences, no titles), refuses malformed files and fetches feeds', async () => {
    const w = await hiringWorld(t);
    const url = `/api/v1/availability/${w.ids.iv1}`;
    const fresh = (await w.as.iv1.get(url)).json();
    expect(fresh).toMatchObject({ isDefault: true, timeZone: 'UTC', busy: [] });
    const saved = await w.as.iv1.request('PUT', url, { timeZone: 'Europe/Berlin', workingHours: berlinWeekdays, maxPerDay: 2, maxPerWeek: 5, feedUrl: `webcal://127.0.0.1:1/x.ics` });
    expect(saved.json()).toMatchObject({ isDefault: false, timeZone: 'Europe/Berlin', maxPerDay: 2, feedUrl: 'https://127.0.0.1:1/x.ics' });
    expect((await w.as.iv2.request('PUT', url, { timeZone: 'UTC', workingHours: {} })).statusCode).toBe(403);
    expect((await w.as.iv2.get(url)).statusCode).toBe(403);
    expect((await w.as.recruiter.get(url)).statusCode).toBe(200);
    const badZone = await w.as.iv1.request('PUT', url, { timeZone: 'Mars/Olympus', workingHours: { '1': [[600, 540]] } });
    expect(badZone.json().details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['timeZone', 'workingHours.1.0']);

    const imported = (await w.as.iv1.post(`${url}/ics`, { ics: weeklyIcs })).json();
    expect(imported).toMatchObject({ imported: 10, source: 'ics' });
    const busy = (await w.as.iv1.get(url)).json().busy;
    expect(busy[0]).toMatchObject({ source: 'ics', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z' });
    const rows = await t.database.db.selectFrom('busyBlocks').selectAll().where('userId', '=', w.ids.iv1).execute();
    expect(JSON.stringify(rows)).not.toContain('Secret board prep');

    for (const [ics, message] of [
      [weeklyIcs.replace('END:VCALENDAR\r\n', ''), 'The file is truncated: no END:VCALENDAR'],
      [weeklyIcs.replace(/DTSTART[^\r]*\r\n/, ''), 'Event 1 (standup@test) has no DTSTART'],
      ['hello', 'Not an iCalendar file: no BEGIN:VCALENDAR'],
      [`BEGIN:VCALENDAR\r\n${'X'.repeat(10_000_000)}\r\nEND:VCALENDAR\r\n`, 'The file is larger than 5 MB'],
    ] as const) {
      const res = await w.as.iv1.post(`${url}/ics`, { ics });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues).toEqual([{ path: 'ics', message }]);
    }
    expect((await w.as.iv1.get(url)).json().busy).toHaveLength(10); // nothing replaced

    await w.as.iv1.request('PUT', url, { timeZone: 'Europe/Berlin', workingHours: berlinWeekdays, feedUrl });
    const feed = (await w.as.iv1.post(`${url}/feed/refresh`)).json();
    expect(feed).toMatchObject({ imported: 10, source: 'feed' });
    await w.as.iv1.request('PUT', url, { timeZone: 'Europe/Berlin', workingHours: berlinWeekdays, feedUrl: feedUrl.replace('cal.ics', 'missing.ics') });
    expect((await w.as.iv1.post(`${url}/feed/refresh`)).json().message).toBe('The calendar feed answered HTTP 404');

    const manual = await w.as.iv1.post(`${url}/busy`, { startsAt: '2026-03-04T08:00:00Z', endsAt: '2026-03-04T09:00:00Z' });
    expect(manual.statusCode).toBe(201);
    const block = manual.json().busy.find((b: { source: string }) => b.source === 'manual');
    expect((await w.as.iv1.delete(`${url}/busy/${block.id}`)).json().busy.some((b: { id: string }) => b.id === block.id)).toBe(false);
  });

  it('refuses private feed addresses unless the operator allows them', async () => {
    const strict = await openTestApp({ clock });
    try {
      const org = await createOrg(strict.database.db, ['owner']);
      const owner = await signedIn(strict.app, org.members[0]!.email);
      const url = `/api/v1/availability/${org.members[0]!.id}`;
      await owner.request('PUT', url, { timeZone: 'UTC', workingHours: {}, feedUrl });
      const res = await owner.post(`${url}/feed/refresh`);
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].path).toBe('feedUrl');
      expect(res.json().message).toContain('private and loopback addresses are refused');
    } finally {
      await strict.close();
    }
  });
});

describe('candidate availability link', () => {
  it('is single-use and expires', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Lea Vogt', 'lea.vogt@example.test');
    const link = (await w.as.recruiter.post(`/api/v1/applications/${applicationId}/availability-links`)).json();
    const token = link.url.split('/').pop();
    const mail = await t.database.db.selectFrom('outbox').select(['toAddress', 'bodyText']).where('kind', '=', 'availability_request').where('orgId', '=', w.org.orgId).execute();
    expect(mail).toEqual([{ toAddress: 'lea.vogt@example.test', bodyText: expect.stringContaining(link.url) }]);
    const anon = new Browser(t.app);
    expect((await anon.get(`/api/v1/availability-links/${token}`)).json()).toMatchObject({ candidateName: 'Lea Vogt', jobTitle: 'Chief Technology Officer' });
    const bad = await anon.post(`/api/v1/availability-links/${token}`, { timeZone: 'Europe/Berlin', windows: [{ startsAt: '2026-03-03T12:00:00Z', endsAt: '2026-03-03T08:00:00Z' }] });
    expect(bad.json().details.issues).toEqual([{ path: 'windows.0.endsAt', message: 'A window must end after it starts' }]);
    const ok = await anon.post(`/api/v1/availability-links/${token}`, { timeZone: 'Europe/Berlin', windows: [{ startsAt: '2026-03-03T08:00:00Z', endsAt: '2026-03-03T16:00:00Z' }] });
    expect(ok.json()).toEqual({ saved: 1 });
    expect((await anon.post(`/api/v1/availability-links/${token}`, { timeZone: 'UTC', windows: [{ startsAt: '2026-03-03T08:00:00Z', endsAt: '2026-03-03T09:00:00Z' }] })).statusCode).toBe(409);
    const view = (await w.as.recruiter.get(`/api/v1/applications/${applicationId}/availability`)).json();
    expect(view.windows).toEqual([expect.objectContaining({ source: 'candidate', timeZone: 'Europe/Berlin', startsAt: '2026-03-03T08:00:00.000Z' })]);
    expect(view.links[0].usedAt).not.toBeNull();
    const second = (await w.as.recruiter.post(`/api/v1/applications/${applicationId}/availability-links`)).json();
    clock.advance(8 * 24 * 3_600_000);
    const expired = await anon.get(`/api/v1/availability-links/${second.url.split('/').pop()}`);
    clock.advance(-8 * 24 * 3_600_000);
    expect(expired.json()).toMatchObject({ code: 'conflict', message: 'This link has expired; ask the recruiter for a new one' });
    expect((await anon.get('/api/v1/availability-links/not-a-real-token-at-all-000')).statusCode).toBe(404);
  });
});

describe('search, booking and invites', () => {
  it('finds a loop from availability, pools and candidate windows, books it, sends invites, and reschedules with a growing SEQUENCE', async () => {
    const w = await hiringWorld(t);
    const { applicationId } = await addCandidate(w.as.recruiter, w.job.id, 'Omar Haddad', 'omar.haddad@example.test');
    for (const [who, b] of [
      ['iv1', w.as.iv1],
      ['iv2', w.as.iv2],
      ['iv3', w.as.iv3],
    ] as const) {
      await b.request('PUT', `/api/v1/availability/${w.ids[who]}`, { timeZone: 'Europe/Berlin', workingHours: berlinWeekdays });
    }
    // iv1 is busy 10:00–12:00 Berlin every day (the .ics above).
    await w.as.iv1.post(`/api/v1/availability/${w.ids.iv1}/ics`, { ics: weeklyIcs });
    const pool = (await w.as.recruiter.post('/api/v1/pools', { name: 'Architecture reviewers', members: [{ userId: w.ids.iv2, status: 'trained' }, { userId: w.ids.iv3, status: 'shadowing' }] })).json();
    expect(pool.members.map((m: { status: string }) => m.status).sort()).toEqual(['shadowing', 'trained']);
    expect((await w.as.recruiter.post('/api/v1/pools', { name: 'Architecture reviewers', members: [] })).statusCode).toBe(409);
    // The candidate: Tuesday 3 March, 9:00–17:00 Berlin.
    await w.as.recruiter.request('PUT', `/api/v1/applications/${applicationId}/availability`, { timeZone: 'Europe/Berlin', windows: [{ startsAt: '2026-03-03T08:00:00Z', endsAt: '2026-03-03T16:00:00Z' }] });

    const search = await w.as.recruiter.post(`/api/v1/applications/${applicationId}/schedule/search`, {
      rounds: [
        { roundId: 'deep-dive', interviewerIds: [w.ids.iv1] },
        { roundId: 'case', poolId: pool.id, count: 1, withShadows: true },
      ],
      horizon: { start: '2026-03-03', days: 3 },
      maxGapMinutes: 60,
    });
    expect(search.statusCode).toBe(200);
    const result = search.json();
    expect(result.timeZone).toBe('Europe/Berlin');
    expect(result.explanation).toEqual([]);
    const best = result.schedules[0];
    // iv1 is busy 10–12 Berlin (9–11 UTC); the deep dive (75 min) first fits at 12:00 Berlin; the case follows.
    expect(best.rounds.map((r: { roundId: string }) => r.roundId)).toEqual(['deep-dive', 'case']);
    expect(best.rounds[0].startsAt >= '2026-03-03T08:00:00.000Z').toBe(true);
    for (const r of best.rounds) {
      const s = Date.parse(r.startsAt);
      const e = Date.parse(r.endsAt);
      expect(s >= Date.parse('2026-03-03T08:00:00Z') && e <= Date.parse('2026-03-03T16:00:00Z')).toBe(true);
    }
    expect(Date.parse(best.rounds[0].endsAt) <= Date.parse('2026-03-03T09:00:00Z') || Date.parse(best.rounds[0].startsAt) >= Date.parse('2026-03-03T11:00:00Z')).toBe(true);
    expect(best.rounds[1].interviewers).toEqual([{ userId: w.ids.iv2, name: 'interviewer person' }]);
    expect(best.rounds[1].shadows).toEqual([{ userId: w.ids.iv3, name: 'interviewer person' }]);

    const impossible = (
      await w.as.recruiter.post(`/api/v1/applications/${applicationId}/schedule/search`, {
        rounds: [{ roundId: 'deep-dive', interviewerIds: [w.ids.owner] }],
        horizon: { start: '2026-03-10', days: 2 },
      })
    ).json();
    expect(impossible.schedules).toEqual([]);
    expect(impossible.explanation.length).toBeGreaterThan(0);
    const invalid = await w.as.recruiter.post(`/api/v1/applications/${applicationId}/schedule/search`, { rounds: [{ roundId: 'nope' }], horizon: { start: '2026-03-03', days: 3 } });
    expect(invalid.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['rounds.0.roundId', 'rounds.0.interviewerIds']);

    const booked = await w.as.recruiter.post(`/api/v1/applications/${applicationId}/schedule/book`, {
      rounds: best.rounds.map((r: { roundId: string; startsAt: string; endsAt: string; interviewers: { userId: string }[]; shadows: { userId: string }[] }) => ({
        roundId: r.roundId,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        interviewerIds: r.interviewers.map((p) => p.userId),
        shadowIds: r.shadows.map((p) => p.userId),
      })),
      timeZone: 'Europe/Berlin',
      location: 'https://meet.example/abc',
    });
    expect(booked.statusCode).toBe(201);
    const [deepDive, caseRound] = booked.json().interviewIds;
    const invites = await outboxInvites(w.org.orgId);
    // Deep dive: iv1 + candidate; case: iv2, the shadow iv3 + candidate.
    expect(invites).toHaveLength(5);
    expect(new Set(invites.map((i) => i.method))).toEqual(new Set(['REQUEST']));
    expect(invites.filter((i) => i.to === 'omar.haddad@example.test')).toHaveLength(2);
    const first = invites.filter((i) => i.uid === `${deepDive}@rubric`);
    expect(first.map((i) => [i.sequence, i.start, i.end])).toEqual(first.map(() => [0, best.rounds[0].startsAt, best.rounds[0].endsAt]));
    const caseIv = (await w.as.recruiter.get(`/api/v1/interviews/${caseRound}`)).json();
    expect(caseIv.shadows).toEqual([{ userId: w.ids.iv3, name: 'interviewer person' }]);
    expect((await w.as.iv3.post(`/api/v1/interviews/${caseRound}/scorecard`)).statusCode).toBe(403);
    // Booking the same slot again clashes.
    expect((await w.as.recruiter.post(`/api/v1/applications/${applicationId}/schedule/book`, { rounds: [{ roundId: 'deep-dive', startsAt: best.rounds[0].startsAt, endsAt: best.rounds[0].endsAt, interviewerIds: [w.ids.iv1] }], timeZone: 'UTC' })).statusCode).toBe(409);

    const later = { startsAt: '2026-03-03T14:30:00Z', endsAt: '2026-03-03T15:45:00Z' };
    const moved = (await w.as.recruiter.patch(`/api/v1/interviews/${deepDive}`, later)).json();
    expect(moved.sequence).toBe(1);
    expect(moved.location).toBe('https://meet.example/abc'); // a partial edit keeps what it leaves out
    const afterMove = (await outboxInvites(w.org.orgId)).filter((i) => i.uid === `${deepDive}@rubric` && i.sequence === 1);
    expect(afterMove.map((i) => [i.method, i.start, i.end])).toEqual(afterMove.map(() => ['REQUEST', '2026-03-03T14:30:00.000Z', '2026-03-03T15:45:00.000Z']));
    expect(afterMove.length).toBe(2);
    await w.as.recruiter.patch(`/api/v1/interviews/${deepDive}`, { status: 'cancelled' });
    const cancels = (await outboxInvites(w.org.orgId)).filter((i) => i.uid === `${deepDive}@rubric` && i.sequence === 2);
    expect(cancels.map((i) => i.method)).toEqual(['CANCEL', 'CANCEL']);

    const ics = await w.as.iv2.get(`/api/v1/interviews/${caseRound}/ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const parsed = new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!;
    expect((parsed.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(best.rounds[1].startsAt);

    const feed = (await w.as.iv2.post('/api/v1/me/calendar-feed')).json();
    const anon = new Browser(t.app);
    const feedPath = new URL(feed.url).pathname;
    const cal = new ICAL.Component(ICAL.parse((await anon.get(feedPath)).body));
    expect(cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')))).toEqual([`${caseRound}@rubric`]);
    await w.as.iv2.delete('/api/v1/me/calendar-feed');
    expect((await anon.get(feedPath)).statusCode).toBe(404);
  });
});

describe('scheduling tenancy', () => {
  it("answers 404 for another organization's availability and pools (application and interview routes: orchestrator tenancy test)", async () => {
    const w = await hiringWorld(t);
    const pool = (await w.as.recruiter.post('/api/v1/pools', { name: 'Secret pool', members: [] })).json();
    const block = (await w.as.iv1.post(`/api/v1/availability/${w.ids.iv1}/busy`, { startsAt: '2026-03-04T08:00:00Z', endsAt: '2026-03-04T09:00:00Z' })).json().busy[0];
    const other = await createOrg(t.database.db, ['owner']);
    const outsider = await signedIn(t.app, other.members[0]!.email);
    const user = { userId: w.ids.iv1 };
    await expectOtherOrgIdsNotFound(
      t.app,
      outsider,
      ['/api/v1/availability/', '/api/v1/pools/'],
      [
        { method: 'GET', route: '/api/v1/availability/:userId', params: user },
        { method: 'PUT', route: '/api/v1/availability/:userId', params: user, body: { timeZone: 'UTC', workingHours: {} } },
        { method: 'POST', route: '/api/v1/availability/:userId/ics', params: user, body: { ics: weeklyIcs } },
        { method: 'POST', route: '/api/v1/availability/:userId/feed/refresh', params: user },
        { method: 'POST', route: '/api/v1/availability/:userId/busy', params: user, body: { startsAt: '2026-03-04T08:00:00Z', endsAt: '2026-03-04T09:00:00Z' } },
        { method: 'DELETE', route: '/api/v1/availability/:userId/busy/:blockId', params: { userId: w.ids.iv1, blockId: block.id } },
        { method: 'PUT', route: '/api/v1/pools/:id', params: { id: pool.id }, body: { name: 'Mine now', members: [] } },
        { method: 'DELETE', route: '/api/v1/pools/:id', params: { id: pool.id } },
      ],
      ['Secret pool'],
    );
  });
});
