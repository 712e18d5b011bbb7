import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateJobPosting } from '../src/core/generation/jobposting.ts';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney, signUpOwner } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

const owner = { name: 'Katherine Johnson', email: 'katherine@harbor.example', org: 'Harbor Labs' };
const company = {
  name: 'Harbor Labs Inc.',
  mission: 'Make port logistics run on clean, predictable software.',
  industry: 'Logistics software',
  stage: 'Series B',
  headcount: '140',
  headquarters: 'New York, NY, USA',
  locations: 'New York, NY, USA',
  remotePolicy: 'Hybrid',
  reportsTo: 'CEO',
  teamSize: '12',
  benefit: 'Health, dental and vision insurance for you and your family',
};
const job = { title: 'Chief Product Officer', location: 'New York, NY, USA' };
const coded = 'We want a competitive, aggressive leader who thrives under pressure.';
const applicant = { name: 'Priya Natarajan', email: 'priya.natarajan@example.test' };

describe('job description journey', () => {
  it('job → generated description → live bias check and one-click fix → version → publish → careers page with valid JSON-LD → application → pipeline', async () => {
    // 1. The owner signs up and opens a CPO job from the jobs page.
    const me = await newUser(journey.browser);
    const { page } = me;
    await signUpOwner(page, journey.server.url, owner);

    await page.goto(journey.server.url + '/jobs');
    await page.getByRole('link', { name: 'New job' }).click();
    await page.waitForURL('**/jobs/new');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: job.title });
    await expect.poll(() => page.getByLabel('Job title').inputValue()).toBe(job.title);
    await page.getByLabel('Location').fill(job.location);
    await page.getByLabel('Remote policy').selectOption({ label: 'Hybrid' });
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(job.title);

    // 2. From the job to its description; the company context; generate.
    await page.getByRole('link', { name: 'Job description', exact: true }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}\/description$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Job description');
    await page.getByLabel('Company name').fill(company.name);
    await page.getByLabel('Mission (one line)').fill(company.mission);
    await page.getByLabel('Industry').fill(company.industry);
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: company.stage });
    await page.getByLabel('Headcount').fill(company.headcount);
    await page.getByLabel('Headquarters').fill(company.headquarters);
    await page.getByLabel('Locations (one per line)').fill(company.locations);
    await page.getByLabel('Remote policy').selectOption({ label: company.remotePolicy });
    await page.getByLabel('Reports to').fill(company.reportsTo);
    await page.getByLabel('Team size').fill(company.teamSize);
    await page.getByLabel('Salary minimum').fill('210000');
    await page.getByLabel('Salary maximum').fill('260000');
    await page.getByLabel('Currency').fill('USD');
    await page.getByLabel('Pay period').selectOption({ label: 'Per year' });
    await page.getByLabel('Benefits (one per line)').fill(company.benefit);
    await expect.poll(() => page.getByRole('group', { name: 'Tone' }).getByRole('radio').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Generate description' }).click();
    await expect.poll(() => page.getByText(/^Generated version 1\./).count(), { timeout: 20_000 }).toBe(1);

    const markdown = page.getByLabel('Description (Markdown)');
    await expect.poll(() => markdown.inputValue()).toMatch(/^# Chief Product Officer\b/);
    const generated = await markdown.inputValue();
    expect(generated).toContain('$210,000–$260,000');
    expect(generated).toContain(company.name);
    // The generator writes neutral text: the only "competitive" will be the one typed below.
    expect(generated).not.toMatch(/competitive/i);

    // 3. A masculine-coded sentence typed at the end is highlighted live and listed as a finding.
    await markdown.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n\n${coded}`);
    await expect.poll(async () => (await markdown.inputValue()).endsWith(`\n\n${coded}`)).toBe(true);
    const mark = page.locator('.jd-highlight__backdrop mark[data-kinds~="masculine-coded"]').filter({ hasText: /^competitive$/ });
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.isVisible()).toBe(true);
    const analysis = page.getByRole('region', { name: 'Language check' });
    const finding = analysis.getByRole('listitem').filter({ has: page.getByRole('button', { name: '“competitive” (select in the text)' }) });
    await expect.poll(() => finding.count()).toBe(1);
    expect(await finding.textContent()).toContain('Masculine-coded');
    await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);
    await screenshot(page, '71-jd-editor-flagged');

    // 4. One click replaces it; the text no longer says "competitive".
    await page.getByRole('button', { name: 'Replace “competitive” with “motivated”' }).click();
    await expect.poll(() => markdown.inputValue()).toContain('We want a motivated, aggressive leader who thrives under pressure.');
    expect(await markdown.inputValue()).not.toMatch(/competitive/i);
    await expect.poll(() => mark.count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /^Replace “competitive”/ }).count()).toBe(0);

    // 5. Save the version, then publish it (the owner is an approver).
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect.poll(() => page.getByText('Saved version 2.', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);
    // The live check of the saved text, as the overview will summarize it.
    const score = /^Score (\d+)\/100$/.exec((await analysis.locator('.jd-analysis__score').textContent()) ?? '')?.[1];
    const verdict = (await analysis.getByText(/^Gender coding:/).locator('strong').textContent()) ?? '';
    expect(score).toMatch(/^\d+$/);
    expect(verdict).toMatch(/coded|neutral/);
    const publishing = page.getByRole('region', { name: 'Publishing' });
    await publishing.getByLabel('Employment type').selectOption({ label: 'Full time' });
    await publishing.getByRole('button', { name: 'Publish version 2' }).click();
    await expect.poll(() => publishing.getByText('Version 2 is on the careers page.', { exact: true }).count()).toBe(1);
    await expect.poll(() => publishing.getByText('Published version 2', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'jd-editor');
    await screenshot(page, '72-jd-published');

    // 6. The public careers page: JobPosting JSON-LD that a job board accepts.
    await publishing.getByRole('link', { name: 'View on careers page' }).click();
    await page.waitForURL(/\/careers\/[a-z0-9-]+\/jobs\/[0-9a-f-]{36}$/);
    const publicUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(job.title);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '') as Record<string, unknown>;
    expect(ld['@type']).toBe('JobPosting');
    expect(ld.title).toBe(job.title);
    expect(ld.hiringOrganization).toMatchObject({ name: company.name });
    expect(ld.employmentType).toBe('FULL_TIME');
    expect(ld.baseSalary).toMatchObject({ currency: 'USD', value: { minValue: 210000, maxValue: 260000, unitText: 'YEAR' } });
    expect(validateJobPosting(ld).errors).toEqual([]);
    expect(String(ld.description)).not.toMatch(/competitive/i);
    await expect.poll(() => page.getByRole('button', { name: 'Submit application' }).count()).toBe(1);
    await expectAccessible(page, 'careers-job');
    await screenshot(page, '73-careers-job');

    // 7. Someone else, not signed in, applies with a TXT résumé.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-jd-e2e-'));
    const resumePath = path.join(dir, 'priya-natarajan-resume.txt');
    fs.writeFileSync(resumePath, `${applicant.name}\nProduct leader, 15 years: platform strategy, product operations, B2B logistics.\n`);
    const visitor = await newUser(journey.browser);
    try {
      await visitor.page.goto(publicUrl);
      await visitor.page.getByLabel('Full name').fill(applicant.name);
      await visitor.page.getByLabel('Email', { exact: true }).fill(applicant.email);
      await visitor.page.getByLabel('Résumé (PDF, DOCX or TXT, up to 5 MB; optional)').setInputFiles(resumePath);
      await visitor.page.getByLabel(/^I agree that .+ stores and reviews my application/).check();
      await visitor.page.getByRole('button', { name: 'Submit application' }).click();
      await visitor.page.waitForURL(/\?applied=1/);
      await expect.poll(() => visitor.page.getByText('Thank you — your application was received.', { exact: true }).count()).toBe(1);
      expect(await visitor.page.getByRole('button', { name: 'Submit application' }).count()).toBe(0);
      await screenshot(visitor.page, '74-careers-applied');
      expectCleanConsole(visitor.errors);
    } finally {
      await visitor.context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // 8. Back as the owner: the applicant is in the job's pipeline, from the careers page, with the résumé.
    await page.goto(jobUrl);
    const applied = page.getByRole('region', { name: 'Applied', exact: true });
    await expect.poll(() => applied.getByRole('link', { name: applicant.name }).count()).toBe(1);
    await screenshot(page, '75-job-with-applicant');
    await applied.getByRole('link', { name: applicant.name }).click();
    await page.waitForURL(/\/candidates\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(applicant.name);
    await expect.poll(() => page.getByText('Careers page', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/priya-natarajan-resume\.txt/).count()).toBeGreaterThan(0);

    // 9. The job-descriptions module: the job's row, the careers page, and the check of any text.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Job descriptions', exact: true }).click();
    await page.waitForURL('**/job-descriptions');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Job descriptions');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${job.title}`) }) });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('Open');
    expect(cells[1]).toBe(`Version 2 · score ${score} · ${verdict}`);
    expect(cells[2]).toMatch(/^Version 2 on .+ · careers page$/);
    const absolute = (href: string | null) => new URL(href ?? '', page.url()).href;
    expect(absolute(await row.getByRole('link', { name: 'careers page' }).getAttribute('href'))).toBe(publicUrl);
    expect(await row.getByRole('link', { name: 'Open editor' }).getAttribute('href')).toBe(new URL(jobUrl).pathname + '/description');

    const check = page.getByRole('region', { name: 'Check any text' });
    await check.getByLabel('Text to check').fill(`Senior product lead. ${coded}`);
    await expect.poll(() => check.getByText(/^Score \d+\/100$/).count()).toBe(1);
    await expect.poll(() => check.getByText(/^(strongly )?masculine-coded$/).count()).toBe(1);
    await expect.poll(() => check.getByRole('button', { name: 'Replace “competitive” with “motivated”' }).count()).toBe(1);
    await expect.poll(() => check.locator('mark[data-kinds~="masculine-coded"]').filter({ hasText: /^aggressive$/ }).count()).toBe(1);
    await expectAccessible(page, 'jd-overview');
    await screenshot(page, '76-jd-overview');

    await page.getByRole('link', { name: 'Your careers page' }).click();
    await page.waitForURL(/\/careers\/[a-z0-9-]+$/);
    await expect.poll(async () => absolute(await page.getByRole('link', { name: job.title }).getAttribute('href'))).toBe(publicUrl);

    expectCleanConsole(me.errors);
    await me.context.close();
  });
});
