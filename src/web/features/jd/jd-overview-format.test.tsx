// @vitest-environment happy-dom
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useDomRoot } from '../../testing/dom-root.ts';
import { type JdOverviewItem, overviewRow, verdictText } from './jd-overview-format.ts';
import { JdOverviewTable } from './jd-overview-page.tsx';

const jobId = '00000000-0000-4000-8000-000000000001';
const draftId = '00000000-0000-4000-8000-000000000002';

const published: JdOverviewItem = {
  jobId,
  jobTitle: 'Chief Product Officer',
  jobStatus: 'open',
  location: 'New York, NY, USA',
  current: { versionNumber: 3, updatedAt: '2026-03-02T10:00:00.000Z', score: 86, genderVerdict: 'neutral' },
  published: { versionNumber: 2, publishedAt: '2026-03-01T09:30:00.000Z', url: '/careers/northwind/jobs/' + jobId },
};

const empty: JdOverviewItem = {
  jobId: draftId,
  jobTitle: 'Chief Technology Officer',
  jobStatus: 'on_hold',
  location: '',
  current: null,
  published: null,
};

const day = (iso: string) => iso.slice(0, 10);

describe('overviewRow', () => {
  it('sums up a described, published job in one line each', () => {
    const row = overviewRow(published, day);
    expect(row.status).toEqual({ label: 'Open', tone: 'success' });
    expect(row.description).toBe('Version 3 · score 86 · neutral');
    expect(row.published).toEqual({ text: 'Version 2 on 2026-03-01', url: `/careers/northwind/jobs/${jobId}` });
    expect(row.action).toEqual({ label: 'Open editor', to: `/jobs/${jobId}/description` });
    expect(row.jobPath).toBe(`/jobs/${jobId}`);
  });

  it('says so when a job has no description and is not published', () => {
    const row = overviewRow(empty, day);
    expect(row.status).toEqual({ label: 'On hold', tone: 'warning' });
    expect(row.description).toBe('None yet');
    expect(row.published).toBeNull();
    expect(row.action).toEqual({ label: 'Write description', to: `/jobs/${draftId}/description` });
  });

  it('words the gender verdicts and rounds the score; unknown statuses and verdicts stay readable', () => {
    const coded = { ...published, jobStatus: 'paused_forever', current: { ...published.current!, score: 71.6, genderVerdict: 'strongly masculine-coded' } };
    const row = overviewRow(coded, day);
    expect(row.description).toBe('Version 3 · score 72 · strongly masculine-coded');
    expect(row.status).toEqual({ label: 'Paused forever', tone: 'neutral' });
    expect(verdictText('empty')).toBe('neutral (no coded words)');
    expect(verdictText('future_verdict')).toBe('future verdict');
  });

  it('formats the publication date with the app’s date format by default', () => {
    expect(overviewRow(published).published?.text).toMatch(/^Version 2 on .*2026/);
  });
});

describe('JdOverviewTable', () => {
  const dom = useDomRoot();

  it('renders one row per job with the editor link and the careers page link', async () => {
    const router = createMemoryRouter([{ path: '/job-descriptions', element: <JdOverviewTable items={[published, empty]} /> }], {
      initialEntries: ['/job-descriptions'],
    });
    await act(async () => dom.root.render(<RouterProvider router={router} />));
    const rows = [...dom.container.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    const cells = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    const first = cells(rows[0]!);
    expect(first[0]).toBe('Chief Product Officer · New York, NY, USA');
    expect(first[1]).toBe('Open');
    expect(first[2]).toBe('Version 3 · score 86 · neutral');
    expect(first[3]).toMatch(/^Version 2 on .+ · careers page$/);
    expect(first[4]).toBe('Open editor');
    expect(cells(rows[1]!)).toEqual(['Chief Technology Officer', 'On hold', 'None yet', 'Not published', 'Write description']);
    const links = (tr: Element) => Object.fromEntries([...tr.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links(rows[0]!)).toEqual({
      'Chief Product Officer': `/jobs/${jobId}`,
      'careers page': `/careers/northwind/jobs/${jobId}`,
      'Open editor': `/jobs/${jobId}/description`,
    });
    expect(links(rows[1]!)['Write description']).toBe(`/jobs/${draftId}/description`);
  });
});
