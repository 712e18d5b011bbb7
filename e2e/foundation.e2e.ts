import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

describe('foundation journey', () => {
  it('signs up, invites a member, reads the outbox, accepts as the member in a second context, sees the member list', async () => {
    const owner = await newUser(journey.browser);
    const { page } = owner;
    await page.goto(journey.server.url + '/');
    await expectAccessible(page, 'home');
    await screenshot(page, '01-home');
    await page.getByRole('link', { name: 'Sign up' }).first().click();

    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Work email').fill('grace@acme.example');
    await page.getByLabel('Password').fill('too short');
    await page.getByLabel('Organization name').fill('Acme Robotics');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText(/at least 10 characters/i).count()).toBeGreaterThan(0);
    await page.getByLabel('Password').fill('correct horse battery');
    await expectAccessible(page, 'signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    await expect.poll(() => page.getByRole('heading', { name: /Welcome, Grace Hopper/ }).count()).toBe(1);
    await expectAccessible(page, 'dashboard');
    await screenshot(page, '02-dashboard');

    // invite a recruiter
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/settings/members');
    await page.getByLabel('Email', { exact: true }).fill('rae@acme.example');
    await page.getByLabel('Role', { exact: true }).selectOption('recruiter');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'rae@acme.example' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'members');
    await screenshot(page, '03-members-invited');

    // the invitation email is held in the outbox
    await page.goto(journey.server.url + '/admin/outbox');
    const link = page.getByRole('link', { name: /\/invite\// });
    await link.first().waitFor();
    const inviteUrl = await link.first().getAttribute('href');
    expect(inviteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{20,}$/);
    await expectAccessible(page, 'outbox');
    await screenshot(page, '04-outbox');

    // the invitee, in their own browser context
    const invitee = await newUser(journey.browser);
    await invitee.page.goto(inviteUrl!);
    await expect.poll(() => invitee.page.getByText(/Acme Robotics/).count()).toBeGreaterThan(0);
    await invitee.page.getByLabel('Your name').fill('Rae Cruiter');
    await invitee.page.getByLabel('Password').fill('another long password');
    await expectAccessible(invitee.page, 'accept-invite');
    await screenshot(invitee.page, '05-accept-invite');
    await invitee.page.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.page.waitForURL('**/dashboard');
    await expect.poll(() => invitee.page.getByRole('heading', { name: /Welcome, Rae Cruiter/ }).count()).toBe(1);

    // the invitee sees the member list (read-only for a recruiter)
    await invitee.page.goto(journey.server.url + '/settings/members');
    await expect.poll(() => invitee.page.getByRole('cell', { name: 'grace@acme.example' }).count()).toBe(1);
    expect(await invitee.page.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    await screenshot(invitee.page, '06-members-as-recruiter');

    // the owner, after a reload (client route survives), sees the new member
    await page.goto(journey.server.url + '/settings/members');
    await expect.poll(() => page.getByRole('cell', { name: 'Rae Cruiter' }).count()).toBe(1);
    await screenshot(page, '07-members-owner');

    // sign out returns to public pages
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/settings'));
    await page.goto(journey.server.url + '/settings/members');
    await page.waitForURL('**/login**');

    expectCleanConsole(owner.errors);
    expectCleanConsole(invitee.errors);
    await owner.context.close();
    await invitee.context.close();
  });
});
