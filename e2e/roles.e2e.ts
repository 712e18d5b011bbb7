import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, useJourney } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

describe('roles journey', () => {
  it('home → compare CPO vs CTO → organization advisor with reasons → individual advisor with gaps', async () => {
    const visitor = await newUser(journey.browser);
    const { page } = visitor;
    await page.goto(journey.server.url + '/');
    await page.getByRole('link', { name: 'Compare CPO and CTO' }).first().click();
    await page.waitForURL('**/compare/cpo/cto');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/Chief Product Officer.*Chief Technology Officer/);
    await expect.poll(() => page.getByRole('heading', { name: 'The difference in one breath' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/The CPO faces the market/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'compare');
    await screenshot(page, '11-compare-cpo-cto');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '12-compare-print');
    await page.emulateMedia({ media: 'screen' });

    // organization advisor: a scale-up with reliability incidents and a strong product organization
    await page.goto(journey.server.url + '/advisor/organization');
    const choose = async (label: string) => {
      await page.getByLabel(label, { exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    };
    await choose('Series B–C scale-up: growing fast');
    await choose('100 to 500');
    await choose('Clear fit, scaling to more customers and segments');
    await choose('One');
    await choose('Deep technology, large scale, real-time or safety-critical systems');
    await choose('Moderate: enterprise customers ask for security reviews and certifications');
    await page.getByLabel('We already have a strong product leader', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Outages and reliability incidents', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('One senior hire', { exact: true }).check();
    await expectAccessible(page, 'org-advisor-step');
    await page.getByRole('button', { name: 'See recommendation' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Our recommendation' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Chief Technology Officer').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Outages and incidents call for a technology leader/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'org-advisor-result');
    await screenshot(page, '13-org-advisor-result');

    // individual advisor: a senior product manager who loves customers
    await page.goto(journey.server.url + '/advisor/individual');
    await page.getByLabel('Product manager or senior product manager', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Years of professional experience').fill('9');
    await page.getByRole('button', { name: 'Next' }).click();
    // the remaining steps: scales and ratings; pick the strongest market preference and rate what is shown
    for (let step = 0; step < 12; step++) {
      const submit = page.getByRole('button', { name: 'See my fit' });
      const groups = page.getByRole('group');
      const count = await groups.count();
      for (let i = 0; i < count; i++) {
        const g = groups.nth(i);
        const legend = (await g.locator('legend').first().textContent()) ?? '';
        const radios = g.getByRole('radio');
        const n = await radios.count();
        if (n === 0) continue;
        let pick = n - 1; // the market end of the scale, or the top rating
        if (/Talent|team development/i.test(legend)) pick = 0;
        if (/Technology strategy|Infrastructure|Security|Enterprise systems|Vendor/i.test(legend)) pick = 0;
        await radios.nth(pick).check();
      }
      if (await submit.count()) {
        await submit.click();
        break;
      }
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await expect.poll(() => page.getByRole('heading', { name: 'Your fit by role' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Gaps to close' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Talent & team development/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'individual-advisor-result');
    await screenshot(page, '14-individual-advisor-result');
    expectCleanConsole(visitor.errors);
    await visitor.context.close();
  });
});
