import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney } from './harness.ts';

const journey = useJourney();

describe('guides and plans journey', () => {
  it('public CTO guide → sign in → start a plan → add a bank question → coverage warning appears and disappears → save → reload', async () => {
    const user = await newUser(journey.browser);
    const { page } = user;
    await page.goto(journey.server.url + '/guides/cto');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Chief Technology Officer');
    await expectAccessible(page, 'guide');
    await screenshot(page, '21-guide-cto');

    await page.goto(journey.server.url + '/login?next=%2Fguides%2Fcto');
    await page.getByLabel('Email').fill('owner@lumen-harbor.example');
    await page.getByLabel('Password').fill('rubric-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/guides/cto');
    await page.getByRole('button', { name: 'Start a plan from this guide' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Coverage' }).count()).toBeGreaterThan(0);

    const screen = page.getByRole('region', { name: 'Recruiter screen' });
    const overtime = page.getByText(/Recruiter screen has \d+ minutes of questions/);
    expect(await overtime.count()).toBe(0);
    await screen.getByRole('button', { name: 'Add a question from the bank' }).click();
    await screen.getByLabel('Search the bank').fill('roadmap');
    const addButtons = screen.getByRole('button', { name: /^Add/ }).filter({ hasNotText: 'Add a question from the bank' });
    await addButtons.first().waitFor();
    for (let i = 0; i < 5 && (await overtime.count()) === 0; i++) {
      await addButtons.nth(i).click();
    }
    await expect.poll(() => overtime.count()).toBeGreaterThan(0);
    await screenshot(page, '22-plan-warning');
    const removes = screen.getByRole('button', { name: /^Remove/ }).filter({ hasNotText: 'Remove round' });
    for (let i = 0; i < 5 && (await overtime.count()) > 0; i++) {
      await removes.last().click();
    }
    await expect.poll(() => overtime.count()).toBe(0);
    await expectAccessible(page, 'plan-editor');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Saved version 2').count()).toBeGreaterThan(0);
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect.poll(() => page.getByText('Version 2').count()).toBeGreaterThan(0);
    await screenshot(page, '23-plan-saved');
    expectCleanConsole(user.errors);
    await user.context.close();
  });
});
