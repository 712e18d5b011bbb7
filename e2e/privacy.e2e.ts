import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/modules/demo/demo.service.ts';
import { expectAccessible, expectCleanConsole, newUser, root, screenshot, useJourney } from './harness.ts';

// The default start: an empty embedded database gets the demo workspace, its hiring data (the CTO job
// with Maya, Jonas, Priya and Tobias) follows as a job right after the server listens.
const journey = useJourney();

const admin = DEMO_USERS.find((u) => u.role === 'admin')!;
const subject = { name: 'Priya Raman', email: 'priya.raman@example.com' };
const competencyNames = new Set(
  fs
    .readdirSync(path.join(root, 'content', 'competencies'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(fs.readFileSync(path.join(root, 'content', 'competencies', f), 'utf8')) as { name: string }).name),
);

async function readDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
}

/** The demo admin signs in and lands on the dashboard. */
async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto(journey.server.url + '/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
}

/** Applications counted by the funnel (the whole organization, default period). */
async function funnelApplications(page: Page): Promise<number> {
  const res = await page.request.get(journey.server.url + '/api/v1/analytics/funnel');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { applications: number }).applications;
}

/** The CTO job's candidate list, searched by name through the page's search field. */
async function searchJobCandidates(page: Page, q: string) {
  await page.goto(journey.server.url + '/jobs');
  await page.getByRole('link', { name: /Chief Technology Officer/ }).first().click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
  await page.goto(page.url() + '?view=list');
  await page.getByLabel('Search candidates').fill(q);
  return page.getByRole('table', { name: 'Candidates of this job' });
}

describe('privacy journey', () => {
  it('admin sends the notice link → candidate asks for erasure → admin erases from the queue → receipt → gone, still counted', async () => {
    const base = journey.server.url;
    const me = await newUser(journey.browser);
    const { page } = me;

    // 1. Sign in as the demo admin; wait for the demo's hiring data (seeded by a job after start-up).
    await signInAsAdmin(page);
    await expect
      .poll(async () => ((await (await page.request.get(`${base}/api/v1/candidates?q=Priya`)).json()) as { items: unknown[] }).items.length, { timeout: 60_000 })
      .toBe(1);
    const before = await funnelApplications(page);
    expect(before).toBeGreaterThanOrEqual(4);
    // "Privacy" is in the main navigation of owners and admins.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy', exact: true }).waitFor();

    // 2. Find the candidate through the job's search and open her page.
    const found = await searchJobCandidates(page, 'Priya');
    await found.getByRole('link', { name: subject.name, exact: true }).click();
    await page.waitForURL(/\/candidates\/[0-9a-f-]+$/);
    const candidateUrl = page.url();
    const card = page.getByRole('region', { name: 'Privacy and data rights' });
    await card.getByText('No legal hold.').waitFor();
    await card.getByText('No retention action scheduled.').waitFor();
    await card.getByText('No privacy requests from this candidate.').waitFor();
    await expectAccessible(page, 'candidate page with the privacy card');

    // 3. Send the privacy notice link and read it from the page.
    await card.getByRole('button', { name: 'Send privacy notice link' }).click();
    await card.getByText(`Sent to ${subject.email}.`).waitFor();
    const link = await card.getByLabel('Privacy notice link').inputValue();
    expect(link).toMatch(new RegExp(`^${base.replace(/[.:/]/g, '\\$&')}/my-data/[A-Za-z0-9_-]{20,}$`));
    await screenshot(page, 'a1-privacy-card-link');

    // 4. The candidate, not signed in, in her own browser context: the notice names the organization and
    //    what she is assessed on; she asks for erasure.
    const candidate = await newUser(journey.browser);
    await candidate.page.goto(link);
    await candidate.page.getByRole('heading', { level: 1, name: 'Your personal data' }).waitFor();
    const notice = (await candidate.page.textContent('body')) ?? '';
    expect(notice).toContain('Lumen Harbor');
    expect(notice).toContain(`Hello ${subject.name}`);
    const assessed = (await candidate.page.locator('h3 + ul li').allTextContents()).map((t) => t.trim());
    expect(assessed.length).toBeGreaterThan(0);
    expect(assessed.filter((c) => competencyNames.has(c))).toEqual(assessed);
    await expectAccessible(candidate.page, 'privacy notice');
    await candidate.page.getByLabel('Erase my data').check();
    await candidate.page.getByLabel('Message (optional)').fill('I have taken another position; please delete what you hold about me.');
    await candidate.page.getByRole('button', { name: 'Send my request' }).click();
    await candidate.page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    const thanks = (await candidate.page.getByRole('status').textContent()) ?? '';
    const due = /will answer it by (\d{4}-\d{2}-\d{2})/.exec(thanks)?.[1];
    expect(due, thanks).toBeDefined();
    const daysAhead = (Date.parse(due!) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(28);
    expect(daysAhead).toBeLessThan(31);
    await screenshot(candidate.page, 'a2-privacy-notice-thanks');
    // The link was single-use.
    expect((await candidate.page.goto(link))!.status()).toBe(409);
    await candidate.context.close();

    // 5. Back as the admin: the queue shows the request with its due date.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy', exact: true }).click();
    await page.waitForURL('**/privacy');
    const queue = page.getByRole('table', { name: 'Privacy requests' });
    const row = queue.getByRole('row').filter({ has: page.getByRole('link', { name: subject.name, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('Erase my data');
    expect((await row.locator('time').nth(1).getAttribute('datetime'))!.slice(0, 10)).toBe(due);
    await row.getByText('I have taken another position').waitFor();
    await expectAccessible(page, 'privacy request queue');

    // 6. Erase from the queue: the button waits for the exact name; the receipt follows.
    await row.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: `Erase ${subject.name}?` });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the candidate’s name to confirm').fill('Priya');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the candidate’s name to confirm').fill(subject.name);
    expect(await confirm.isDisabled()).toBe(false);
    await expectAccessible(page, 'erasure confirmation');
    await confirm.click();
    const done = page.getByRole('dialog', { name: 'Candidate erased' });
    await done.waitFor();
    const receiptId = (await done.locator('dd code').first().textContent())!.trim();
    expect(receiptId).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'a3-privacy-receipt');

    // 7. The receipt download: named after the receipt, without the candidate's name or email.
    const receipt = await readDownload(page, () => done.getByRole('link', { name: 'Download receipt (JSON)' }).click());
    expect(receipt.name).toBe(`erasure-receipt-${receiptId}.json`);
    const parsed = JSON.parse(receipt.text) as { id: string; trigger: string; removed: Record<string, number>; kept: Record<string, number> };
    expect(parsed.id).toBe(receiptId);
    expect(parsed.trigger).toBe('request');
    expect(Object.values(parsed.removed).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    for (const personal of ['Priya', 'Raman', subject.email]) expect(receipt.text).not.toContain(personal);

    // The request is closed; the receipt is listed.
    await page.getByLabel('Show closed requests').check();
    const closed = queue.getByRole('row').filter({ hasText: 'Erase my data' });
    await closed.getByText('Completed').waitFor();
    expect(await closed.getByText('Erased', { exact: true }).count()).toBe(1);
    await page.getByRole('navigation', { name: 'Privacy' }).getByRole('link', { name: 'Receipts' }).click();
    await page.waitForURL('**/privacy/receipts');
    await page.getByRole('table', { name: 'Erasure receipts' }).getByRole('link', { name: `Download JSON of receipt ${receiptId}` }).waitFor();
    await expectAccessible(page, 'privacy receipts');

    // 8. The candidate is gone: not found by the search, her page answers "not found".
    const after = await searchJobCandidates(page, 'Priya');
    await page.getByText('No candidates match.').waitFor();
    expect(await after.count()).toBe(0);
    expect(((await (await page.request.get(`${base}/api/v1/candidates?q=Priya`)).json()) as { items: unknown[] }).items).toEqual([]);
    await page.goto(candidateUrl);
    await page.getByRole('heading', { level: 1, name: 'Candidate not found' }).waitFor();

    // 9. …and her application still counts in the funnel.
    expect(await funnelApplications(page)).toBe(before);

    // 10. The audit log, filtered to erasures, shows the entry without her name; the CSV link follows the filter.
    await page.goto(base + '/admin/audit');
    await page.getByLabel('Action').fill('candidate.erased');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/admin\/audit\?action=candidate\.erased$/);
    const entries = page.getByRole('region', { name: 'Audit entries' });
    await entries.getByText('candidate.erased', { exact: true }).waitFor();
    expect(await entries.textContent()).not.toContain('Priya');
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/v1/audit/export?action=candidate.erased');
    await expectAccessible(page, 'audit log with filters');

    expectCleanConsole(me.errors);
  });

  it('an API token: created with its secret shown once, usable, then revoked', async () => {
    const base = journey.server.url;
    const me = await newUser(journey.browser);
    const { page } = me;
    await signInAsAdmin(page);
    await page.goto(base + '/settings/security');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/settings/api-tokens');
    await page.getByLabel('Token name').fill('Journey export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretField = page.getByLabel('Your new API token');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^rbk_/);
    await expectAccessible(page, 'API tokens with a new secret');
    // The token reads the API as its user.
    const viaToken = await fetch(`${base}/api/v1/candidates?limit=1`, { headers: { authorization: `Bearer ${secret}` } });
    expect(viaToken.status).toBe(200);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.content()).not.toContain(secret);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Journey export' }).click();
    await page.getByText('Token “Journey export” revoked.').waitFor();
    expect((await fetch(`${base}/api/v1/candidates?limit=1`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expectCleanConsole(me.errors);
  });

  it('integrations: a webhook endpoint with its secret shown once, a candidates CSV with its own headers mapped, and a JSON Resume imported into a job', async () => {
    const base = journey.server.url;
    const me = await newUser(journey.browser);
    const { page } = me;
    await signInAsAdmin(page);

    await page.goto(base + '/settings/security');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL('**/settings/webhooks');
    await page.getByLabel('Endpoint URL').fill('ftp://hooks.example.test/rubric');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText(/http/i).first().waitFor();
    await page.getByLabel('Endpoint URL').fill('https://hooks.example.test/rubric');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByLabel('Signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhooks with a new secret');

    await page.goto(base + '/jobs');
    await page.getByRole('link', { name: /Chief Technology Officer/ }).first().click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
    // The candidates CSV with the file's own headers, matched to ours on the page.
    await page.getByLabel('CSV text').fill('Full name,E-mail address\nKasimir Oduya,kasimir.oduya@example.test\n');
    await page.getByLabel('Column “Full name”').selectOption('name');
    await page.getByLabel('Column “E-mail address”').selectOption('email');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Preview: 1 row. Nothing was imported yet.').waitFor();
    await expectAccessible(page, 'candidate CSV import with a column mapping');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 1 of 1 row.').waitFor();
    await page.getByRole('link', { name: 'Import history' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+\/import$/);
    await page.getByLabel('JSON Resume (one candidate)').check();
    await page.getByLabel('File').setInputFiles(path.join(root, 'src', 'modules', 'imports', 'fixtures', 'resume-good.json'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Preview — would import: 1 new candidate, 1 application, 0 interviews, 0 scorecards (0 ratings).').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported: 1 new candidate, 1 application, 0 interviews, 0 scorecards (0 ratings).').waitFor();
    await expectAccessible(page, 'import history');
    const table = await searchJobCandidates(page, 'Yevgenia');
    await table.getByRole('link', { name: 'Yevgenia Hartcourt' }).waitFor();
    expectCleanConsole(me.errors);
  });
});
