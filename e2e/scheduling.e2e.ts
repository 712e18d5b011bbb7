import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney, signUpOwner } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

const owner = { name: 'Ada Lovelace', email: 'ada@fabrikam.example', org: 'Fabrikam Robotics' };
const iv = { name: 'Alan Turing', email: 'alan@fabrikam.example' };
const candidate = { name: 'Sam Rivera', email: 'sam.rivera@example.test' };
const zone = 'Europe/Berlin';
const rounds = ['Hiring-manager deep dive', 'Competency interview A'];

// ---------- Wall-clock time in Berlin, computed independently of the app ----------

const DAY = 86_400_000;
const berlinDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
function offsetAt(ms: number): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(ms / 60_000) * 60_000;
}
/** The instant of a Berlin wall time ("2026-03-03", "15:00"). */
function berlin(date: string, time: string): number {
  const guess = Date.parse(`${date}T${time}:00Z`);
  return guess - offsetAt(guess - offsetAt(guess));
}
const icsDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const compact = (date: string) => date.replaceAll('-', '');
/** "Tue 3 Mar", as the scheduling pages write a day. */
function dayLabel(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}`;
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** An interviewer's calendar export: a daily 10:00–12:00 Berlin meeting, 30 times from three days ago. */
function meetingsIcs(first: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Example Corp//Calendar//EN',
    'BEGIN:VEVENT',
    'UID:standup-series@example.test',
    `DTSTAMP:${compact(first)}T080000Z`,
    `DTSTART;TZID=Europe/Berlin:${compact(first)}T100000`,
    `DTEND;TZID=Europe/Berlin:${compact(first)}T120000`,
    'RRULE:FREQ=DAILY;COUNT=30',
    'SUMMARY:Board prep (private)',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** The text of an outbox attachment, fetched with the page's session. */
async function attachment(page: Page, href: string | null): Promise<string> {
  expect(href).toMatch(/^\/api\/v1\/outbox\/[^/]+\/attachments\/0$/);
  const res = await page.request.get(journey.server.url + href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
  return res.text();
}
const field = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics.replace(/\r\n /g, ''))?.[1]?.trim();

describe('scheduling journey', () => {
  it('import an .ics → candidate windows → proposed loop avoids busy time → book → invites with .ics → reschedule bumps SEQUENCE', async () => {
    // 1. The owner signs up and invites an interviewer, who accepts in their own browser.
    const o = await newUser(journey.browser);
    const { page } = o;
    await signUpOwner(page, journey.server.url, owner);

    await page.goto(journey.server.url + '/settings/members');
    await page.getByLabel('Email', { exact: true }).fill(iv.email);
    await page.getByLabel('Role', { exact: true }).selectOption('interviewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByRole('cell', { name: iv.email }).count()).toBeGreaterThan(0);
    await page.goto(journey.server.url + '/admin/outbox');
    const inviteLink = page.getByRole('article').filter({ hasText: iv.email }).getByRole('link', { name: /\/invite\// }).first();
    await inviteLink.waitFor();
    const inviteUrl = (await inviteLink.getAttribute('href'))!;
    expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

    const alan = await newUser(journey.browser);
    await alan.page.goto(inviteUrl);
    await alan.page.getByLabel('Your name').fill(iv.name);
    await alan.page.getByLabel('Password').fill('a long enough password');
    await alan.page.getByRole('button', { name: 'Accept invitation' }).click();
    await alan.page.waitForURL('**/dashboard');

    // 2. The interviewer saves Berlin working hours, then imports a recurring 10:00–12:00 meeting.
    const ap = alan.page;
    await ap.goto(journey.server.url + '/me/availability');
    await expect.poll(() => ap.getByRole('heading', { level: 1 }).textContent()).toBe('Availability');
    await ap.getByLabel('Time zone', { exact: true }).fill(zone);
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      expect(await ap.getByRole('checkbox', { name: day, exact: true }).isChecked()).toBe(true);
      expect(await ap.getByLabel(`${day} from`, { exact: true }).inputValue()).toBe('09:00');
      expect(await ap.getByLabel(`${day} to`, { exact: true }).inputValue()).toBe('17:00');
    }
    for (const day of ['Saturday', 'Sunday']) expect(await ap.getByRole('checkbox', { name: day, exact: true }).isChecked()).toBe(false);
    await ap.getByRole('button', { name: 'Save availability' }).click();
    await expect.poll(() => ap.getByText('Availability saved.', { exact: true }).count()).toBe(1);

    const today = berlinDate(Date.now());
    const seriesStart = addDays(today, -3);
    // The server keeps occurrences overlapping [now − 1 day, now + 120 days]; the page lists those not over yet.
    const now = Date.now();
    const occurrences = Array.from({ length: 30 }, (_, k) => addDays(seriesStart, k)).map((d) => ({ date: d, end: berlin(d, '12:00') }));
    const imported = occurrences.filter((x) => x.end > now - DAY).length;
    const upcoming = occurrences.filter((x) => x.end > now);
    expect(imported).toBeGreaterThanOrEqual(26);
    await ap.getByLabel('Calendar file (.ics)').setInputFiles({ name: 'work.ics', mimeType: 'text/calendar', buffer: Buffer.from(meetingsIcs(seriesStart)) });
    await expect.poll(() => ap.getByText(`Imported ${imported} busy blocks.`, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    const busyTable = ap.getByRole('table', { name: 'Upcoming busy times' });
    await expect.poll(() => busyTable.locator('tbody tr').count()).toBe(upcoming.length);
    const firstRow = await busyTable.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(firstRow.slice(0, 3)).toEqual([`${dayLabel(upcoming[0]!.date)} ${upcoming[0]!.date.slice(0, 4)}`, '10:00–12:00', 'Imported file']);
    const times = await busyTable.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(times)).toEqual(new Set(['10:00–12:00']));
    // Titles are never stored.
    expect(await ap.getByText('Board prep').count()).toBe(0);
    await expectAccessible(ap, 'availability');
    await screenshot(ap, '41-availability-imported');

    // 3. A CTO job and a candidate.
    await page.goto(journey.server.url + '/roles/cto');
    await page.getByRole('link', { name: 'Create job from this role' }).click();
    await page.waitForURL('**/jobs/new?role=cto');
    await expect.poll(() => page.getByLabel('Job title').inputValue()).toBe('Chief Technology Officer');
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const addCard = page.getByRole('form', { name: 'Add candidate' });
    await addCard.getByLabel('Name').fill(candidate.name);
    await addCard.getByLabel('Email').fill(candidate.email);
    await addCard.getByRole('button', { name: 'Add candidate' }).click();
    await expect.poll(() => addCard.getByText(`Added ${candidate.name} to Applied.`).count()).toBe(1);
    await page.getByRole('region', { name: 'Applied', exact: true }).getByRole('link', { name: candidate.name }).click();
    await page.waitForURL(/\/candidates\/[0-9a-f-]{36}$/);
    const candidateUrl = page.url();

    // 4. The scheduling page: the candidate's window on the next weekday, two rounds with the interviewer.
    await page.getByRole('link', { name: 'Schedule loop' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}\/schedule$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Schedule: ${candidate.name}`);
    let day = addDays(today, 1);
    while ([0, 6].includes(weekday(day))) day = addDays(day, 1);
    const availability = page.getByRole('region', { name: 'Candidate availability' });
    await availability.getByLabel('Candidate time zone').fill(zone);
    const row = availability.getByRole('group', { name: 'Window 1' });
    await row.getByLabel('Date', { exact: true }).fill(day);
    await row.getByLabel('From', { exact: true }).fill('09:00');
    await row.getByLabel('To', { exact: true }).fill('17:00');
    await availability.getByRole('button', { name: 'Save availability windows' }).click();
    await expect.poll(() => availability.getByText('Saved 1 availability window.', { exact: true }).count()).toBe(1);
    await expect.poll(() => availability.getByRole('list', { name: 'Availability windows' }).textContent()).toContain(`${dayLabel(day)}, 09:00–17:00 (${zone})`);

    const roundsForm = page.getByRole('region', { name: 'Rounds', exact: true });
    const roundNames = await roundsForm.locator('fieldset.sch-round > legend').allTextContents();
    for (const r of rounds) expect(roundNames).toContain(r);
    for (const r of roundNames) {
      const include = roundsForm.getByRole('checkbox', { name: `Include ${r}`, exact: true });
      if (rounds.includes(r)) await include.check();
      else await include.uncheck();
    }
    for (const r of rounds) {
      await roundsForm.getByRole('group', { name: r, exact: true }).getByRole('group', { name: 'Interviewers' }).getByLabel(iv.name, { exact: true }).check();
    }
    await roundsForm.getByLabel('Start date').fill(day);
    await roundsForm.getByLabel('Days to search').fill('3');
    await roundsForm.getByRole('button', { name: 'Find schedules' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Proposed schedules' }).count(), { timeout: 15_000 }).toBe(1);
    const options = page.locator('li.sch-option');
    const optionCount = await options.count();
    expect(optionCount).toBeGreaterThanOrEqual(1);
    expect(optionCount).toBeLessThanOrEqual(5);
    expect(await page.getByRole('heading', { name: 'Option 1', exact: true }).count()).toBe(1);
    // Every proposal: both rounds, on the window's day, in working hours, clear of the 10:00–12:00 meetings.
    type Slot = { round: string; from: string; to: string };
    const proposals: Slot[][] = [];
    for (let i = 0; i < optionCount; i++) {
      const lines = await options.nth(i).locator('.sch-option__rounds li').allTextContents();
      const slots = lines.map((line) => {
        const m = /^(.+) — (\w{3} \d{1,2} \w{3}), (\d\d:\d\d)–(\d\d:\d\d) — (.+)$/.exec(line);
        expect(m, line).not.toBeNull();
        expect(m![2]).toBe(dayLabel(day));
        expect(m![5]).toBe(iv.name);
        const [from, to] = [minutes(m![3]!), minutes(m![4]!)];
        expect(from >= 12 * 60 || to <= 10 * 60, line).toBe(true);
        expect(from >= 9 * 60 && to <= 17 * 60, line).toBe(true);
        return { round: m![1]!, from: m![3]!, to: m![4]! };
      });
      expect(slots.map((s) => s.round).sort()).toEqual([...rounds].sort());
      proposals.push(slots);
    }
    const booked = proposals[0]!;
    await expectAccessible(page, 'schedule');
    await screenshot(page, '42-proposed-schedules');
    await page.getByLabel('Location or video link').fill('https://meet.example/rubric');
    await page.getByRole('button', { name: 'Book option 1' }).click();
    await expect.poll(() => page.getByText('Booked 2 interviews; invites are in the outbox.', { exact: true }).count()).toBe(1);

    // 5. The outbox: an invite with an .ics for the interviewer and for the candidate, per round.
    await page.goto(journey.server.url + '/admin/outbox');
    const uids: Record<string, string> = {};
    for (const s of booked) {
      const toIv = page.getByRole('article', { name: `Invitation: interview with ${candidate.name} — ${s.round}`, exact: true });
      const toCandidate = page.getByRole('article', { name: `Invitation: your interview with ${owner.org} — ${s.round}`, exact: true });
      await expect.poll(() => toIv.count()).toBe(1);
      await expect.poll(() => toCandidate.count()).toBe(1);
      expect(await toIv.locator('dd').first().textContent()).toBe(iv.email);
      expect(await toCandidate.locator('dd').first().textContent()).toBe(candidate.email);
      const icsIv = await attachment(page, await toIv.getByRole('link', { name: 'invite.ics' }).getAttribute('href'));
      const icsCandidate = await attachment(page, await toCandidate.getByRole('link', { name: 'invite.ics' }).getAttribute('href'));
      for (const ics of [icsIv, icsCandidate]) {
        expect(field(ics, 'METHOD')).toBe('REQUEST');
        expect(field(ics, 'SEQUENCE')).toBe('0');
        expect(field(ics, 'UID')).toMatch(/^[0-9a-f-]{36}@rubric$/);
        expect(field(ics, 'DTSTART')).toBe(icsDate(berlin(day, s.from)));
        expect(field(ics, 'DTEND')).toBe(icsDate(berlin(day, s.to)));
        expect(field(ics, 'LOCATION')).toBe('https://meet.example/rubric');
      }
      expect(field(icsCandidate, 'UID')).toBe(field(icsIv, 'UID'));
      uids[s.round] = field(icsIv, 'UID')!;
    }
    expect(new Set(Object.values(uids)).size).toBe(2);
    await expectAccessible(page, 'outbox');
    await screenshot(page, '43-outbox-invites');

    // 6. Reschedule the first round later the same day; its invite keeps the UID and bumps SEQUENCE.
    const moved = booked[0]!;
    const other = booked[1]!;
    const length = minutes(moved.to) - minutes(moved.from);
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const newFrom = [15 * 60, 16 * 60 - length, 12 * 60].find((f) => f !== minutes(moved.from) && (f + length <= minutes(other.from) || f >= minutes(other.to)))!;
    const [newStart, newEnd] = [hhmm(newFrom), hhmm(newFrom + length)];
    await page.goto(candidateUrl);
    const item = page.locator('.iv-interview').filter({ hasText: moved.round });
    await item.getByRole('button', { name: 'Reschedule' }).click();
    const form = page.getByRole('form', { name: `Reschedule ${moved.round}` });
    expect(await form.getByLabel('Starts').inputValue()).toBe(`${day}T${moved.from}`);
    await form.getByLabel('Starts').fill(`${day}T${newStart}`);
    await form.getByLabel('Ends').fill(`${day}T${newEnd}`);
    await form.getByRole('button', { name: 'Save new time' }).click();
    await expect
      .poll(() => item.getByText(`Moved to ${dayLabel(day)}, ${newStart}–${newEnd} (${zone}); updated invites are in the outbox.`, { exact: true }).count())
      .toBe(1);
    await screenshot(page, '44-rescheduled');

    await page.goto(journey.server.url + '/admin/outbox');
    const updated = page.getByRole('article', { name: `Updated: interview with ${candidate.name} — ${moved.round}`, exact: true });
    await expect.poll(() => updated.count()).toBe(1);
    // Newest first: the update heads the list.
    expect(await page.getByRole('article').first().getByRole('heading').textContent()).toMatch(/^Updated: /);
    const icsUpdated = await attachment(page, await updated.getByRole('link', { name: 'invite.ics' }).getAttribute('href'));
    expect(field(icsUpdated, 'METHOD')).toBe('REQUEST');
    expect(field(icsUpdated, 'SEQUENCE')).toBe('1');
    expect(field(icsUpdated, 'UID')).toBe(uids[moved.round]);
    expect(field(icsUpdated, 'DTSTART')).toBe(icsDate(berlin(day, newStart)));
    expect(field(icsUpdated, 'DTEND')).toBe(icsDate(berlin(day, newEnd)));
    expect(field(icsUpdated, 'DTSTART')).not.toBe(icsDate(berlin(day, moved.from)));
    const candidateUpdate = page.getByRole('article', { name: `Updated: your interview with ${owner.org} — ${moved.round}`, exact: true });
    await expect.poll(() => candidateUpdate.count()).toBe(1);
    expect(field(await attachment(page, await candidateUpdate.getByRole('link', { name: 'invite.ics' }).getAttribute('href')), 'SEQUENCE')).toBe('1');
    // The other round was not touched.
    expect(await page.getByRole('article', { name: new RegExp(`^Updated: .* — ${other.round}$`) }).count()).toBe(0);

    for (const u of [o, alan]) expectCleanConsole(u.errors);
    for (const u of [o, alan]) await u.context.close();
  });
});
