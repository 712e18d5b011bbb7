import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_HISTORY, DEMO_PASSWORD, DEMO_USERS } from '../src/modules/demo/demo.service.ts';
import { expectCleanConsole, newUser, root, screenshot, useJourney } from './harness.ts';

/**
 * The demo workspace with its generated history, written by the CLI into the empty data folder
 * before the server starts (the server's own history job waits 60 s). The server then sees the
 * `demo` setting and an organization, so it neither reseeds nor wipes it.
 */
function seedDemoWithHistory(dataDir: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'seed', '--demo', '--history', '--format', 'json'], {
    cwd: root,
    env: { ...env, RUBRIC_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`rubric seed --demo --history failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
}

const journey = useJourney({}, { prepare: seedDemoWithHistory });

const owner = DEMO_USERS.find((u) => u.role === 'owner')!;
// The cohort by default is every application of the demo org: the 1,500 generated candidates plus
// the four candidates of the demo's CTO job (Maya, Jonas, Priya, Tobias in demo.hiring.ts).
const cohort = DEMO_HISTORY.candidates + 4;

async function readDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** The report links of the analytics page. */
const report = (page: Page, name: string) => page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name, exact: true });
const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

describe('analytics journey', () => {
  it('demo owner → analytics → funnel (CSV) → calibration → reliability → validity → adverse impact (bias audit) → recommendations', async () => {
    const me = await newUser(journey.browser);
    const { page } = me;
    const base = journey.server.url;
    // The server found the prepared demo and did not seed its own (it seeds only an empty database).
    expect(journey.server.output()).not.toContain('Demo workspace created');

    // 1. Sign in as the demo owner and open Analytics from the main navigation.
    await page.goto(base + '/login');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.waitForURL('**/analytics');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Analytics');

    // 2. Funnel (the default report): the cohort's n, the bars' figures, the stages table.
    await h2(page, 'Funnel').waitFor();
    await page.getByText(new RegExp(`^n = ${cohort} applications in this cohort`)).waitFor();
    const stages = page.getByRole('table', { name: 'Stages', exact: true });
    await stages.waitFor();
    const stageNames = await stages.locator('tbody th[scope="row"]').allTextContents();
    // The generated history's stages, with the demo CTO job's own deep-dive round in between.
    expect(stageNames).toEqual(['Applied', 'Recruiter screen', 'Hiring-manager deep dive', 'Interview loop', 'Offer', 'Hired']);
    const appliedCells = await stages.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Applied', exact: true }) }).getByRole('cell').allTextContents();
    const [appliedEntered, appliedPassed] = appliedCells.map((t) => t.trim());
    expect(appliedEntered).toBe(String(cohort)); // everyone in the cohort entered "Applied"
    const screenCells = await stages.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Recruiter screen', exact: true }) }).getByRole('cell').allTextContents();
    expect(Number(screenCells[0])).toBeGreaterThan(0);
    expect(Number(screenCells[0])).toBeLessThanOrEqual(Number(appliedPassed)); // only those who passed Applied reach the screen

    const funnelFigure = page.getByRole('figure', { name: 'Pass-through rate by stage' });
    await expect.poll(() => funnelFigure.getByRole('img').count()).toBe(1);
    const barTexts = (await funnelFigure.locator('svg text').allTextContents()).filter((t) => t.includes(' entered / '));
    expect(barTexts).toHaveLength(stageNames.length);
    const appliedBar = barTexts[0]!.match(/^(\d+) entered \/ (\d+) passed \/ (\d+)% \(95 % CI (\d+)–(\d+)%\)$/);
    expect(appliedBar, barTexts[0]).not.toBeNull();
    const [, barEntered, barPassed, rate, lower, upper] = appliedBar!.map(Number);
    expect([barEntered, barPassed]).toEqual([cohort, Number(appliedPassed)]);
    expect(rate).toBe(Math.round((100 * Number(appliedPassed)) / cohort));
    expect(lower).toBeLessThanOrEqual(rate!);
    expect(upper).toBeGreaterThanOrEqual(rate!);
    await screenshot(page, '91-analytics-funnel');

    // 8. The funnel's CSV download: one row per stage, with the same figures.
    const csv = await readDownload(page, () => funnelFigure.getByRole('link', { name: 'Download CSV' }).click());
    const csvLines = csv.text.trim().split(/\r?\n/);
    expect(csvLines[0]).toMatch(/^section,id,name,entered/);
    expect(csvLines.find((l) => l.startsWith('stage,applied,'))).toMatch(new RegExp(`^stage,applied,Applied,${cohort},${appliedPassed},`));

    // 3. Interviewer calibration: the dot plot, the interviewers, the planted lenient and severe raters.
    await report(page, 'Interviewer calibration').click();
    await page.waitForURL('**/analytics?report=calibration');
    await h2(page, 'Interviewer calibration').waitFor();
    const dotPlot = page.getByRole('figure', { name: 'Difference from the panel by interviewer' });
    await dotPlot.waitFor();
    expect(await dotPlot.locator('svg[role="img"]').count()).toBe(1);
    const interviewers = page.getByRole('table', { name: 'Interviewers', exact: true });
    expect(await interviewers.locator('tbody tr').count()).toBeGreaterThan(5);
    const withVerdict = (verdict: string) => interviewers.locator('tbody tr').filter({ has: page.getByText(verdict, { exact: true }) });
    expect(await withVerdict('lenient').count()).toBe(1);
    expect(await withVerdict('severe').count()).toBe(1);
    const lenientName = (await withVerdict('lenient').getByRole('rowheader').textContent())!.trim();
    const severeName = (await withVerdict('severe').getByRole('rowheader').textContent())!.trim();
    // The lenient rater's difference from the panel is positive, the severe one's negative.
    expect((await withVerdict('lenient').getByRole('cell').nth(3).textContent())!.trim()).toMatch(/^\+\d/);
    expect((await withVerdict('severe').getByRole('cell').nth(3).textContent())!.trim()).toMatch(/^-\d/);
    await screenshot(page, '92-analytics-calibration');

    // 4. Reliability: the legend and a numeric ICC for all competencies.
    await report(page, 'Reliability').click();
    await h2(page, 'Reliability').waitFor();
    await page.getByRole('heading', { level: 3, name: 'How to read the ICC' }).waitFor();
    const reliability = page.getByRole('table', { name: 'Inter-rater reliability', exact: true });
    await reliability.waitFor();
    const overall = reliability.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'All competencies', exact: true }) });
    const icc1 = (await overall.getByRole('cell').nth(4).textContent())!;
    const icc = icc1.match(/^(-?\d(?:\.\d+)?) \((-?\d(?:\.\d+)?) to (-?\d(?:\.\d+)?)\)/);
    expect(icc, icc1).not.toBeNull();
    const [, iccValue, iccLower, iccUpper] = icc!.map(Number);
    expect(iccValue).toBeGreaterThan(0);
    expect(iccValue).toBeLessThan(1);
    expect(iccLower).toBeLessThanOrEqual(iccValue!);
    expect(iccUpper).toBeGreaterThanOrEqual(iccValue!);
    await screenshot(page, '93-analytics-reliability');

    // 5. Predictive validity: range restriction, the forest plot; then a binary outcome → logistic regression.
    await report(page, 'Predictive validity').click();
    await h2(page, 'Predictive validity').waitFor();
    await page.getByRole('status').filter({ hasText: 'Range restriction' }).waitFor();
    await page.getByRole('figure', { name: 'Correlation with performance at 12 months by predictor' }).locator('svg[role="img"]').waitFor();
    await page.getByLabel('Outcome').selectOption({ label: 'Retained at 12 months' });
    await page.waitForURL(/[?&]outcome=retained_12m\b/);
    await page.getByRole('figure', { name: 'Correlation with retained at 12 months by predictor' }).locator('svg[role="img"]').waitFor();
    await page.getByText(/^Retained at 12 months: recorded for \d+ of \d+ hires/).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Logistic regression' }).waitFor();
    await screenshot(page, '94-analytics-validity');

    // 6. Adverse impact by age band: the planted disparity at the recruiter screen; the bias audit.
    await report(page, 'Adverse impact').click();
    await h2(page, 'Adverse impact').waitFor();
    await page.getByLabel('Characteristic').selectOption({ label: 'Age band' });
    await page.waitForURL(/[?&]characteristic=ageBand\b/);
    const screenImpact = page.getByRole('table', { name: 'Recruiter screen: selection rates', exact: true });
    await screenImpact.waitFor();
    const impactRow = (group: string) => screenImpact.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${group}`) }) });
    await expect.poll(() => impactRow('40 and over').getByText('Below 4/5', { exact: true }).count()).toBe(1);
    expect((await impactRow('under 40').getByRole('rowheader').textContent())!).toContain('(reference)');
    expect(await impactRow('under 40').getByText('Below 4/5', { exact: true }).count()).toBe(0);
    await screenshot(page, '95-analytics-adverse-impact');

    const audit = await readDownload(page, () => page.getByRole('link', { name: 'Download bias audit (Markdown)' }).click());
    expect(audit.name).toMatch(/\.md$/);
    expect(audit.text.startsWith('# Bias-audit summary')).toBe(true);
    expect(audit.text).toContain('## Age band');

    // 7. Recommendations (the outcome chosen above stays in the link): one card per finding.
    await report(page, 'Recommendations').click();
    await h2(page, 'Recommendations').waitFor();
    expect(page.url()).toMatch(/[?&]outcome=retained_12m\b/);
    const cards = page.getByRole('article');
    await cards.first().waitFor();
    const titles = (await cards.getByRole('heading', { level: 3 }).allTextContents()).map((t) => t.trim());
    expect(titles).toContain(`Calibrate ${lenientName} (lenient)`);
    expect(titles).toContain(`Calibrate ${severeName} (severe)`);
    expect(titles).toContain('Review Recruiter screen for age band: 40 and over');
    await screenshot(page, '96-analytics-recommendations');

    expectCleanConsole(me.errors);
    await me.context.close();
  });
});
