import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney, signUpOwner } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

const people = {
  owner: { name: 'Grace Hopper', email: 'grace@northwind.example' },
  ivA: { name: 'Alan Turing', email: 'alan@northwind.example', role: 'interviewer' },
  ivB: { name: 'Barbara Liskov', email: 'barbara@northwind.example', role: 'interviewer' },
  hm: { name: 'Margaret Hamilton', email: 'margaret@northwind.example', role: 'hiring_manager' },
};
const candidates = [
  { name: 'Sam Rivera', email: 'sam.rivera@example.test', phone: '+49 30 1234567', source: 'Referral' },
  { name: 'Lin Park', email: 'lin.park@example.test', phone: '', source: 'LinkedIn' },
];

/** As the owner: invite someone from the members page, then read their link from the outbox. */
async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto(journey.server.url + '/settings/members');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect.poll(() => page.getByRole('cell', { name: email }).count()).toBeGreaterThan(0);
  await page.goto(journey.server.url + '/admin/outbox');
  const link = page.getByRole('article').filter({ hasText: email }).getByRole('link', { name: /\/invite\// });
  await link.first().waitFor();
  const url = await link.first().getAttribute('href');
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  return url!;
}

/** The invitee, in their own browser context, accepts and lands on the dashboard. */
async function accept(url: string, name: string) {
  const user = await newUser(journey.browser);
  await user.page.goto(url);
  await user.page.getByLabel('Your name').fill(name);
  await user.page.getByLabel('Password').fill('a long enough password');
  await user.page.getByRole('button', { name: 'Accept invitation' }).click();
  await user.page.waitForURL('**/dashboard');
  await expect.poll(() => user.page.getByRole('heading', { name: new RegExp(`Welcome, ${name}`) }).count()).toBe(1);
  return user;
}

/** The competencies on a scorecard page, in order, with their weights ("Weight 14"). */
async function competenciesOf(page: Page): Promise<{ name: string; weight: number }[]> {
  const groups = page.getByRole('region', { name: 'Competencies' }).getByRole('group');
  await groups.first().waitFor();
  const out: { name: string; weight: number }[] = [];
  for (let i = 0; i < (await groups.count()); i++) {
    const g = groups.nth(i);
    const name = ((await g.locator('legend').first().textContent()) ?? '').trim();
    const weight = Number(/Weight (\d+(?:\.\d+)?)/.exec((await g.textContent()) ?? '')?.[1]);
    out.push({ name, weight });
  }
  return out;
}

const totalText = (list: { weight: number; rating: number }[]) =>
  `Weighted total: ${(list.reduce((s, c) => s + c.weight * c.rating, 0) / list.reduce((s, c) => s + c.weight, 0)).toFixed(2)} / 4`;

/** Rates every competency (`first` on the first, `rest` elsewhere) with evidence, checking the live total as it goes. */
async function fillScorecard(page: Page, first: number, rest: number, recommendation: string) {
  const comps = await competenciesOf(page);
  expect(comps.length).toBeGreaterThanOrEqual(2);
  expect(comps.every((c) => c.name && c.weight > 0)).toBe(true);
  await expect.poll(() => page.getByText('Weighted total: —').count()).toBe(1);
  const rated: { weight: number; rating: number }[] = [];
  for (const [i, c] of comps.entries()) {
    const rating = i === 0 ? first : rest;
    await page.getByRole('radio', { name: `${c.name}: ${rating}`, exact: true }).check();
    await page.getByLabel(`Evidence for ${c.name}`, { exact: true }).fill(`Rated ${rating} on ${c.name} after a concrete example the candidate walked through.`);
    rated.push({ weight: c.weight, rating });
    // The total is live: it follows every rating.
    await expect.poll(() => page.getByText(totalText(rated), { exact: true }).count()).toBe(1);
  }
  await page.getByRole('group', { name: 'Overall recommendation' }).getByLabel(recommendation, { exact: true }).check();
  await expect.poll(() => page.getByText('Draft saved', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
  return { total: totalText(rated), competencies: comps.length };
}

describe('hiring orchestrator journey', () => {
  it('role → job → candidates → interview → blind scorecards → debrief with disagreement → decision → comparison', async () => {
    // 1. The owner signs up and brings in two interviewers and a hiring manager.
    const owner = await newUser(journey.browser);
    const { page } = owner;
    await signUpOwner(page, journey.server.url, { ...people.owner, org: 'Northwind Labs' });

    const links = {
      ivA: await invite(page, people.ivA.email, people.ivA.role),
      ivB: await invite(page, people.ivB.email, people.ivB.role),
      hm: await invite(page, people.hm.email, people.hm.role),
    };
    const ivA = await accept(links.ivA, people.ivA.name);
    const ivB = await accept(links.ivB, people.ivB.name);
    const hm = await accept(links.hm, people.hm.name);
    await page.goto(journey.server.url + '/settings/members');
    for (const p of [people.ivA, people.ivB, people.hm]) {
      await expect.poll(() => page.getByRole('cell', { name: p.name }).count()).toBe(1);
    }

    // 2. A CTO job from the library role, with the hiring manager.
    await page.goto(journey.server.url + '/roles/cto');
    await page.getByRole('link', { name: 'Create job from this role' }).click();
    await page.waitForURL('**/jobs/new?role=cto');
    const roleSelect = page.getByLabel('Role', { exact: true });
    await expect.poll(() => roleSelect.inputValue()).toBe('cto');
    await expect.poll(() => page.getByLabel('Job title').inputValue()).toBe('Chief Technology Officer');
    await page.getByLabel('Location').fill('Berlin');
    await page.getByLabel('Hiring manager').selectOption({ label: people.hm.name });
    await screenshot(page, '31-new-job');
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Chief Technology Officer');

    // 3. Two candidates.
    const addCard = page.getByRole('form', { name: 'Add candidate' });
    for (const c of candidates) {
      await addCard.getByLabel('Name').fill(c.name);
      await addCard.getByLabel('Email').fill(c.email);
      await addCard.getByLabel('Phone').fill(c.phone);
      await addCard.getByLabel('Source').fill(c.source);
      await addCard.getByRole('button', { name: 'Add candidate' }).click();
      await expect.poll(() => addCard.getByText(`Added ${c.name} to Applied.`).count()).toBe(1);
    }
    const applied = page.getByRole('region', { name: 'Applied', exact: true });
    for (const c of candidates) {
      await expect.poll(() => applied.getByRole('link', { name: c.name }).count()).toBe(1);
    }
    const stageNames = await page.locator('.jobs-board h3').allTextContents();
    const deepDive = stageNames.indexOf('Hiring-manager deep dive');
    expect(deepDive).toBeGreaterThan(0);
    // The first candidate goes to the deep-dive column.
    const card = applied.getByRole('listitem').filter({ has: page.getByRole('link', { name: candidates[0]!.name }) });
    await card.getByLabel('Move to').selectOption({ label: 'Hiring-manager deep dive' });
    await card.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => page.getByText(`Moved ${candidates[0]!.name} from Applied to Hiring-manager deep dive.`).count()).toBe(1);
    const deepDiveColumn = page.getByRole('region', { name: 'Hiring-manager deep dive', exact: true });
    await expect.poll(() => deepDiveColumn.getByRole('link', { name: candidates[0]!.name }).count()).toBe(1);
    await expectAccessible(page, 'job');
    await screenshot(page, '32-job-board');

    // 4. An interview that ended an hour ago for the first candidate, with both interviewers (within 24 hours of its
    //    end its scorecards are "to do"; later they would be overdue, so a fixed "yesterday" made the journey depend on the clock).
    await deepDiveColumn.getByRole('link', { name: candidates[0]!.name }).click();
    await page.waitForURL(/\/candidates\/[0-9a-f-]{36}$/);
    const candidateUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(candidates[0]!.name);
    const schedule = page.getByRole('form', { name: 'Schedule interview' });
    await schedule.getByLabel('Round').selectOption({ label: 'Hiring-manager deep dive' });
    await schedule.getByRole('group', { name: 'Interviewers' }).getByLabel(people.ivA.name, { exact: true }).check();
    await schedule.getByRole('group', { name: 'Interviewers' }).getByLabel(people.ivB.name, { exact: true }).check();
    const berlin = (d: Date) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .format(d)
        .replace(' ', 'T');
    await schedule.getByLabel('Starts').fill(berlin(new Date(Date.now() - 2 * 3_600_000)));
    await schedule.getByLabel('Ends').fill(berlin(new Date(Date.now() - 3_600_000)));
    await schedule.getByLabel('Time zone').fill('Europe/Berlin');
    await schedule.getByLabel('Location').fill('Video call');
    await schedule.getByRole('button', { name: 'Add interview' }).click();
    await expect.poll(() => schedule.getByText(/^Added Hiring-manager deep dive on .*\(Europe\/Berlin\)\.$/).count()).toBe(1);
    const interviewItem = page.locator('.iv-interview').filter({ hasText: 'Hiring-manager deep dive' });
    await expect.poll(() => interviewItem.getByText(`${people.ivA.name}:`).count()).toBe(1);
    await expect.poll(() => interviewItem.getByText(`${people.ivB.name}:`).count()).toBe(1);
    const debriefHref = await page.getByRole('link', { name: 'Open debrief' }).first().getAttribute('href');
    expect(debriefHref).toMatch(/^\/applications\/[0-9a-f-]{36}\/debrief$/);
    const debriefUrl = journey.server.url + debriefHref!;
    await screenshot(page, '33-candidate-scheduled');

    // 5. Interviewer A: from My interviews to the scorecard; 1 on the first competency, 2 elsewhere, "No".
    await ivA.page.goto(journey.server.url + '/me/interviews');
    const toDo = ivA.page.getByRole('region', { name: 'To do', exact: true });
    await toDo.getByRole('link', { name: 'Open scorecard' }).first().click();
    await ivA.page.waitForURL(/\/interviews\/[0-9a-f-]{36}\/scorecard$/);
    const scorecardUrl = ivA.page.url();
    await expect.poll(() => ivA.page.getByRole('heading', { level: 1 }).textContent()).toBe(`Scorecard: ${candidates[0]!.name}`);
    const { total: totalA, competencies: rounded } = await fillScorecard(ivA.page, 1, 2, 'No');
    await expectAccessible(ivA.page, 'scorecard');
    await screenshot(ivA.page, '34-scorecard-draft');
    await ivA.page.getByRole('button', { name: 'Submit scorecard' }).click();
    await expect.poll(() => ivA.page.getByText(/^Submitted\. You can still edit it/).count()).toBe(1);
    await expect.poll(() => ivA.page.getByText(totalA, { exact: true }).count()).toBe(1);
    await expect.poll(() => ivA.page.getByRole('button', { name: 'Edit scorecard' }).count()).toBe(1);

    // 6. Interviewer B is blind until their own scorecard is in.
    await ivB.page.goto(debriefUrl);
    const blind = ivB.page.getByRole('alert').filter({ hasText: 'The debrief is not open to you yet' });
    await expect.poll(() => blind.textContent()).toContain("Submit your own scorecard to see the other interviewers' feedback");
    await expect.poll(() => ivB.page.getByRole('heading', { level: 1 }).textContent()).toBe(`Debrief: ${candidates[0]!.name}`);
    await expectAccessible(ivB.page, 'debrief-blind');
    await screenshot(ivB.page, '35-debrief-blind');
    await ivB.page.goto(candidateUrl);
    await expect.poll(() => ivB.page.getByText('Hidden until you submit your own scorecard', { exact: true }).count()).toBe(1);
    expect(await ivB.page.getByText('Rated 1 on').count()).toBe(0);
    await ivB.page.goto(debriefUrl);
    await blind.getByRole('link', { name: 'Open your scorecard' }).click();
    await ivB.page.waitForURL(scorecardUrl);
    const { total: totalB } = await fillScorecard(ivB.page, 4, 3, 'Strong yes');
    await ivB.page.getByRole('button', { name: 'Submit scorecard' }).click();
    await expect.poll(() => ivB.page.getByText(/^Submitted\. You can still edit it/).count()).toBe(1);
    await expect.poll(() => ivB.page.getByText(totalB, { exact: true }).count()).toBe(1);
    await ivB.page.goto(debriefUrl);
    await expect.poll(() => ivB.page.getByRole('table', { name: /Competency × interviewer matrix/ }).count()).toBe(1);
    expect(await ivB.page.getByText('The debrief is not open to you yet').count()).toBe(0);
    await expect.poll(() => ivB.page.getByRole('columnheader', { name: new RegExp(people.ivA.name) }).count()).toBe(1);

    // 7. The hiring manager sees the disagreement and the split, and advances the candidate.
    await hm.page.goto(debriefUrl);
    await expect.poll(() => hm.page.getByRole('heading', { level: 1 }).textContent()).toBe(`Debrief: ${candidates[0]!.name}`);
    const matrix = hm.page.getByRole('table', { name: /Competency × interviewer matrix/ });
    await expect.poll(() => matrix.getByText('Disagreement', { exact: true }).count()).toBe(1);
    await expect.poll(() => hm.page.getByText('Split recommendation', { exact: true }).count()).toBe(1);
    await expect.poll(() => hm.page.getByText('Every interviewer has submitted.').count()).toBe(1);
    await expect.poll(() => hm.page.getByText('Overall weighted score: 2.50 / 4', { exact: true }).count()).toBe(1);
    const comps = await matrix.locator('tbody th[scope="row"]').allTextContents();
    expect(comps[0]).toContain('Disagreement');
    expect(comps.slice(1).every((t) => !t.includes('Disagreement'))).toBe(true);
    await expectAccessible(hm.page, 'debrief');
    await screenshot(hm.page, '36-debrief');
    await hm.page.getByLabel('Decision', { exact: true }).selectOption({ label: 'Advance' });
    await hm.page.getByLabel('Reason', { exact: true }).selectOption({ label: 'Strong so far; references to confirm' });
    await hm.page.getByLabel('Rationale').fill('Split panel: the infrastructure gap needs a second look in the next competency round.');
    await hm.page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => hm.page.getByText('Decision recorded: Advance.', { exact: true }).count()).toBe(1);
    await expect.poll(() => hm.page.getByText('Decision: Advance', { exact: true }).count()).toBe(1);
    await expect.poll(() => hm.page.getByText(/Split panel: the infrastructure gap/).count()).toBe(1);
    await screenshot(hm.page, '37-decision-recorded');

    // 8. The comparison: the first candidate scored, the second not yet.
    await hm.page.goto(jobUrl + '/compare');
    await expect.poll(() => hm.page.getByRole('heading', { level: 1 }).textContent()).toBe('Compare candidates');
    const table = hm.page.getByRole('table', { name: `Candidates for Chief Technology Officer` });
    const rowOf = (name: string) => table.getByRole('row').filter({ has: hm.page.getByRole('rowheader', { name }) });
    await expect.poll(() => rowOf(candidates[0]!.name).count()).toBe(1);
    await expect.poll(() => rowOf(candidates[1]!.name).count()).toBe(1);
    const first = rowOf(candidates[0]!.name);
    const cells = await first.getByRole('cell').allTextContents();
    // Advanced to the next interview stage; 2 scorecards; 1/4 and 2/3 average 2.50 on every competency,
    // so 2.50 overall whatever the weights; the recommendation mix and the disagreement badge.
    const nextStage = stageNames.slice(deepDive + 1).find((n) => n !== 'Rejected');
    expect(cells[0]).toBe(nextStage);
    expect(cells[1]).toBe('2');
    expect(cells[2]).toBe('2.50');
    // The plan's other competencies are not rated yet.
    const means = cells.slice(3, -2);
    expect(means.filter((c) => c === '2.50')).toHaveLength(rounded);
    expect(means.filter((c) => c !== '2.50').every((c) => c === '—')).toBe(true);
    expect(cells.at(-2)).toBe('1 strong yes · 1 no');
    expect(cells.at(-1)).toBe('Disagreement');
    const second = await rowOf(candidates[1]!.name).getByRole('cell').allTextContents();
    expect(second.slice(0, 3)).toEqual(['Applied', '0', '—']);
    await expectAccessible(hm.page, 'compare');
    await screenshot(hm.page, '38-compare');

    for (const u of [owner, ivA, ivB, hm]) expectCleanConsole(u.errors);
    for (const u of [owner, ivA, ivB, hm]) await u.context.close();
  });
});
