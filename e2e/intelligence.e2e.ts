import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectCleanConsole, newUser, screenshot, signUpOwner, useJourney } from './harness.ts';

const journey = useJourney({ RUBRIC_DEMO: '0' });

const owner = { name: 'Marta Lindqvist', email: 'marta@tidewater.example', org: 'Tidewater Labs' };
const candidate = { name: 'Daniel Okafor', email: 'daniel.okafor@example.test', phone: '+49 30 7654321', source: 'Referral' };
const round = 'Hiring-manager deep dive';
/** The CTO deep-dive round's first planned question (content/questions/infrastructure-operations.json). */
const plannedQuestion =
  'Tell me about an infrastructure cost initiative you led. What was the unit cost before and after, such as cost per transaction or per customer, and how did you protect reliability?';
const numbers = 'Cost per transaction fell from 4.1 to 2.6 cents within two quarters';

/** The owner asks the planned question, the candidate answers (situation, action, result), and later the owner asks an age proxy. */
const vtt = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:05.000',
  `<v ${owner.name}>Thanks for joining, Daniel. Let's get started.`,
  '',
  '00:00:06.000 --> 00:00:18.000',
  `<v ${owner.name}>${plannedQuestion}`,
  '',
  '00:00:19.000 --> 00:01:20.000',
  `<v ${candidate.name}>At Tidewater Payments I owned a platform of forty services, and the board asked me to bring unit costs down before our Series C. ` +
    'I built a cost dashboard per service and made each team lead own one number. We moved batch processing to spot instances, rightsized the databases and retired two unused clusters. ' +
    `${numbers}, and availability stayed at 99.95 percent because every team kept an error budget and we froze releases when a budget burned.`,
  '',
  '00:01:21.000 --> 00:01:26.000',
  `<v ${owner.name}>How did you measure that reliability held?`,
  '',
  '00:01:27.000 --> 00:01:55.000',
  `<v ${candidate.name}>We tracked error budget burn weekly and paging load per engineer. Paging halved over the same period, because the clean-up removed noisy alerts.`,
  '',
  '00:01:56.000 --> 00:02:02.000',
  `<v ${owner.name}>Thanks. What year did you graduate?`,
  '',
  '00:02:03.000 --> 00:02:10.000',
  `<v ${candidate.name}>I'd rather talk about the work itself, if that is all right.`,
  '',
].join('\n');

describe('interview intelligence journey', () => {
  it('finished interview → consent → VTT upload → risk flag with its quote → coverage → blind review → scorecard evidence → search', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-intelligence-e2e-'));
    const transcriptFile = path.join(dir, 'okafor-deep-dive.vtt');
    fs.writeFileSync(transcriptFile, vtt);
    const me = await newUser(journey.browser);
    const { page } = me;
    try {
      // 1. The owner signs up, creates a CTO job and adds the candidate.
      await signUpOwner(page, journey.server.url, owner);
      await page.goto(journey.server.url + '/jobs');
      await page.getByRole('link', { name: 'New job' }).click();
      await page.waitForURL('**/jobs/new');
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Chief Technology Officer' });
      await expect.poll(() => page.getByLabel('Job title').inputValue()).toBe('Chief Technology Officer');
      await page.getByLabel('Location').fill('Berlin');
      await page.getByRole('button', { name: 'Create job' }).click();
      await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Chief Technology Officer');

      const addCard = page.getByRole('form', { name: 'Add candidate' });
      await addCard.getByLabel('Name').fill(candidate.name);
      await addCard.getByLabel('Email').fill(candidate.email);
      await addCard.getByLabel('Phone').fill(candidate.phone);
      await addCard.getByLabel('Source').fill(candidate.source);
      await addCard.getByRole('button', { name: 'Add candidate' }).click();
      await expect.poll(() => addCard.getByText(`Added ${candidate.name} to Applied.`).count()).toBe(1);
      const applied = page.getByRole('region', { name: 'Applied', exact: true });
      await applied.getByRole('link', { name: candidate.name }).click();
      await page.waitForURL(/\/candidates\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(candidate.name);

      // 2. The deep dive took place yesterday, with the owner on the panel.
      const schedule = page.getByRole('form', { name: 'Schedule interview' });
      await schedule.getByLabel('Round').selectOption({ label: round });
      await schedule.getByRole('group', { name: 'Interviewers' }).getByLabel(owner.name, { exact: true }).check();
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await schedule.getByLabel('Starts').fill(`${yesterday}T10:00`);
      await schedule.getByLabel('Ends').fill(`${yesterday}T11:00`);
      await schedule.getByLabel('Time zone').fill('Europe/Berlin');
      await schedule.getByLabel('Location').fill('Video call');
      await schedule.getByRole('button', { name: 'Add interview' }).click();
      await expect.poll(() => schedule.getByText(new RegExp(`^Added ${round} on .*\\(Europe/Berlin\\)\\.$`)).count()).toBe(1);
      const interviewItem = page.locator('.iv-interview').filter({ hasText: round });
      await interviewItem.getByRole('link', { name: 'Interview kit' }).click();
      await page.waitForURL(/\/interviews\/[0-9a-f-]{36}\/kit$/);
      const interviewId = /\/interviews\/([0-9a-f-]{36})\/kit$/.exec(page.url())![1]!;
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Interview kit: ${candidate.name}`);

      // 3. From the kit to the transcript page: nothing there yet, and consent is required.
      await page.getByRole('link', { name: 'Transcript', exact: true }).click();
      await page.waitForURL(`**/interviews/${interviewId}/transcript`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Transcript');
      await expect.poll(() => page.getByText('No transcript for this interview yet.', { exact: false }).count()).toBe(1);
      await expect.poll(() => page.getByText('No recording consent yet', { exact: true }).count()).toBe(1);

      // Uploading before consent is refused (409), and the page says why and what to do.
      const fileInput = page.getByLabel('Transcript file (VTT, SRT, TXT or JSON)');
      await fileInput.setInputFiles(transcriptFile);
      await page.getByRole('button', { name: 'Upload transcript' }).click();
      const refused = page.locator('.tx-problem');
      await expect.poll(() => refused.getByText('Record the candidate’s consent first', { exact: true }).count()).toBe(1);
      expect(await refused.textContent()).toContain("Record the candidate's consent to recording before adding a transcript");
      expect(await refused.textContent()).toContain('Use the Consent form on this page, then upload again.');
      await screenshot(page, '81-transcript-consent-required');

      // Record consent (the default notice version), then upload.
      const consent = page.getByRole('form', { name: 'Record consent' });
      await expect.poll(() => consent.getByLabel('Consent wording version').inputValue()).toBe('recording-notice-v1');
      await consent.getByRole('button', { name: 'Record consent' }).click();
      await expect.poll(() => page.getByText('Consent recorded. You can add the transcript now.', { exact: true }).count()).toBe(1);
      await expect.poll(() => page.getByText('Recording consent recorded', { exact: true }).count()).toBe(1);
      await expect.poll(() => page.getByRole('form', { name: 'Record consent' }).count()).toBe(0);

      await fileInput.setInputFiles(transcriptFile);
      await page.getByRole('button', { name: 'Upload transcript' }).click();
      await expect.poll(() => page.getByText(/^Transcript added: \d+ turns read from okafor-deep-dive\.vtt\.$/).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.getByRole('button', { name: 'Replace transcript' }).count()).toBe(1);
      expect(await refused.count()).toBe(0);

      // The analysis: sections in order.
      const headings = page.getByRole('heading', { level: 2 });
      await expect.poll(() => headings.allTextContents()).toEqual(
        expect.arrayContaining(['Summary', 'Conversation', 'Risk flags', 'Question coverage', 'Talk metrics', 'Evidence by competency', 'Speakers']),
      );

      // The risky question: an "Age" flag with the quote, where to find it and what to ask instead.
      const flags = page.getByRole('region', { name: 'Risk flags' });
      const flag = flags.getByRole('listitem').filter({ hasText: 'What year did you graduate' });
      await expect.poll(() => flag.count()).toBe(1);
      expect(await flags.getByRole('listitem').count()).toBe(1);
      expect(await flag.locator('.badge').first().textContent()).toContain('Age');
      expect(await flag.locator('blockquote').textContent()).toBe('“What year did you graduate?”');
      expect(await flag.textContent()).toContain(`asked by ${owner.name}`);
      expect(await flag.textContent()).toMatch(/Ask instead: .+/);
      const jump = flag.getByRole('button', { name: /^Jump to \d\d:\d\d$/ });
      expect(await jump.textContent()).toBe('Jump to 01:57');
      // Jumping focuses the owner's turn with the flagged sentence, marked in the conversation.
      await jump.click();
      const conversation = page.getByRole('region', { name: 'Conversation' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('What year did you graduate?');
      const flaggedMark = conversation.locator('mark.tx-mark--flag').filter({ hasText: 'What year did you graduate?' });
      await expect.poll(() => flaggedMark.count()).toBe(1);
      expect(await flaggedMark.getAttribute('title')).toBe('Risk flag: Age');

      // Coverage: the planned question was asked, nearly verbatim.
      const coverage = page.getByRole('region', { name: 'Question coverage' });
      const planned = coverage.getByRole('listitem').filter({ hasText: plannedQuestion });
      await expect.poll(() => planned.count()).toBe(1);
      expect(await planned.textContent()).toContain(`Asked: ${plannedQuestion}`);
      expect(await planned.textContent()).toMatch(/Asked \(\d+% match\)/);
      expect(await coverage.textContent()).toContain('1 of 3 planned questions asked.');

      // Speakers were matched by name; the candidate did most of the talking.
      const speakers = page.getByRole('region', { name: 'Speakers' });
      await expect.poll(() => speakers.getByLabel(`Who is ${owner.name}?`).inputValue()).toMatch(/^interviewer:[0-9a-f-]{36}$/);
      expect(await speakers.getByLabel(`Who is ${candidate.name}?`).inputValue()).toMatch(/^candidate:[0-9a-f-]{36}$/);
      const talk = page.getByRole('region', { name: 'Talk metrics' });
      expect(await talk.textContent()).toMatch(/Candidate share of talk time: \d+%/);

      // Evidence by competency: the answer's numbers count for Infrastructure & operations.
      const evidence = page.getByRole('region', { name: 'Evidence by competency' });
      const infra = evidence.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Infrastructure & operations' }) });
      await expect.poll(() => infra.locator('blockquote').filter({ hasText: numbers }).count()).toBe(1);
      expect(await infra.textContent()).toMatch(/Suggested rating \(draft\): \d — confidence \d+%/);
      await expectAccessible(page, 'transcript');
      await screenshot(page, '82-transcript-analysis');

      // Blind review: the candidate's name disappears from the conversation (the interviewer's stays).
      const blind = page.getByLabel('Blind review (hide personal details)');
      await blind.check();
      await expect.poll(() => page.getByText('Blind review: personal details are hidden.', { exact: true }).count()).toBe(1);
      await expect.poll(async () => (await conversation.textContent()) ?? '').toContain('[CANDIDATE]');
      expect(await conversation.textContent()).not.toContain(candidate.name);
      expect(await conversation.textContent()).not.toContain('Daniel');
      expect(await conversation.textContent()).toContain(owner.name);
      expect(await conversation.textContent()).toContain('spot instances');
      await expectAccessible(page, 'transcript-blind');
      await screenshot(page, '83-transcript-blind');
      await blind.uncheck();
      await expect.poll(async () => (await conversation.textContent()) ?? '').toContain(candidate.name);

      // 4. The scorecard: the transcript's evidence sits beside the competency's rating, which stays unset.
      await page.getByRole('link', { name: 'Scorecard', exact: true }).click();
      await page.waitForURL(`**/interviews/${interviewId}/scorecard`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Scorecard: ${candidate.name}`);
      const competencies = page.getByRole('region', { name: 'Competencies' }).getByRole('group');
      await competencies.first().waitFor();
      expect(((await competencies.first().locator('legend').first().textContent()) ?? '').trim()).toBe('Infrastructure & operations');
      const infraField = page.getByRole('group', { name: 'Infrastructure & operations', exact: true });
      await infraField.scrollIntoViewIfNeeded();
      const disclosure = infraField.locator('details').filter({ has: page.getByText('Evidence from the transcript', { exact: true }) });
      await expect.poll(() => disclosure.count(), { timeout: 10_000 }).toBe(1);
      expect(await disclosure.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await disclosure.getByText('Evidence from the transcript', { exact: true }).click();
      await expect.poll(() => disclosure.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const quote = disclosure.locator('q').filter({ hasText: numbers });
      await expect.poll(() => quote.count()).toBe(1);
      expect(await quote.isVisible()).toBe(true);
      expect(await disclosure.getByText(/^Suggested \(draft\): \d$/).count()).toBe(1);
      // The quote links to its moment in the transcript.
      expect(await disclosure.getByRole('link', { name: /^\d\d:\d\d in the transcript$/ }).first().getAttribute('href')).toMatch(
        new RegExp(`^/interviews/${interviewId}/transcript\\?t=\\d+$`),
      );
      // A draft only: no rating is chosen, and the weighted total is still empty.
      const ratings = infraField.getByRole('radio');
      expect(await ratings.count()).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < (await ratings.count()); i++) expect(await ratings.nth(i).isChecked()).toBe(false);
      expect(await page.getByLabel('Evidence for Infrastructure & operations', { exact: true }).inputValue()).toBe('');
      expect(await page.getByText('Weighted total: —').count()).toBe(1);
      await expectAccessible(page, 'scorecard-evidence');
      await screenshot(page, '84-scorecard-evidence');

      // 5. Search across transcripts: one passage, and it opens the transcript at that turn.
      await page.goto(journey.server.url + '/intelligence');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Interview intelligence');
      await page.getByRole('searchbox', { name: 'Search transcripts' }).fill('spot instances');
      await expect.poll(() => page.getByText('1 passage found.', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
      const hits = page.locator('.intel-hits > li');
      expect(await hits.count()).toBe(1);
      expect(await hits.first().textContent()).toContain(`said by ${candidate.name}`);
      expect(await hits.first().locator('mark').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/spot/i)]));
      const hit = hits.first().getByRole('link', { name: new RegExp(`^${candidate.name} · ${round} at \\d\\d:\\d\\d$`) });
      expect(await hit.getAttribute('href')).toMatch(new RegExp(`^/interviews/${interviewId}/transcript\\?t=\\d+$`));
      await expectAccessible(page, 'intelligence-search');
      await screenshot(page, '85-intelligence-search');
      await hit.click();
      await page.waitForURL(new RegExp(`/interviews/${interviewId}/transcript\\?t=\\d+$`));
      const target = page.locator('li.tx-turn[aria-current="location"]');
      await expect.poll(() => target.count(), { timeout: 10_000 }).toBe(1);
      expect(await target.textContent()).toContain('spot instances');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-current') ?? null)).toBe('location');
      await expect.poll(() => target.isVisible()).toBe(true);
      await screenshot(page, '86-transcript-from-search');

      // 6. No CSP violations or script errors along the way.
      expectCleanConsole(me.errors);
    } finally {
      await me.context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
