// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { CandidatePrivacy } from '../../../modules/privacy/privacy.contract.ts';
import type { OrgRole } from '../../../shared/common.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { PrivacyCard } from './privacy-card.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const empty: CandidatePrivacy = {
  candidateId: 'c-1',
  legalHold: null,
  requests: [],
  consents: [],
  retention: [],
  interviewDataPurgedAt: null,
  lastNoticeLink: null,
};

async function render(role: OrgRole) {
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter>
          <PrivacyCard candidateId="c-1" candidateName="Tobias Grün" role={role} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
  });
}
async function click(label: string) {
  const b = [...dom.container.querySelectorAll('button')].find((x) => x.textContent === label);
  if (!b) throw new Error(`no button ${label}; the page says: ${text()}`);
  await act(async () => b.click());
}
const buttons = () => [...dom.container.querySelectorAll('button')].map((b) => b.textContent);

describe('PrivacyCard', () => {
  it('is hidden from hiring managers and interviewers', async () => {
    await render('hiring_manager');
    expect(dom.container.innerHTML).toBe('');
    expect(api.calls).toEqual([]);
  });

  it('lets a recruiter send the notice link and read it, without hold, export or erase', async () => {
    api.routes['GET /api/v1/candidates/c-1/privacy'] = () => json(200, empty);
    api.routes['POST /api/v1/candidates/c-1/privacy-link'] = () =>
      json(201, { sentTo: 'tobias@example.test', url: 'http://rubric.test/my-data/abc123', expiresAt: '2026-04-01T00:00:00.000Z' });
    await render('recruiter');
    await waitFor(() => text().includes('No retention action scheduled.'));
    expect(text()).toContain('No legal hold.');
    expect(buttons()).toEqual(['Send privacy notice link']);
    expect(dom.container.querySelectorAll('a')).toHaveLength(0);
    await click('Send privacy notice link');
    await waitFor(() => text().includes('Sent to tobias@example.test.'));
    expect(control('Privacy notice link').value).toBe('http://rubric.test/my-data/abc123');
    expect(control('Privacy notice link').readOnly).toBe(true);
  });

  it('shows an owner the schedule, requests, exports; places a hold; the erase dialog reports the 409', async () => {
    let privacy: CandidatePrivacy = {
      ...empty,
      retention: [{ action: 'erase', dueAt: '2027-01-15T12:00:00.000Z', policyIds: ['p-1'] }],
      requests: [
        {
          id: 'r-1', candidateId: 'c-1', candidateName: 'Tobias Grün', kind: 'human_review', message: null, status: 'open',
          createdAt: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-31T00:00:00.000Z', overdue: false,
          resolvedAt: null, resolvedBy: null, resolutionNote: null, receiptId: null,
        },
      ],
    };
    api.routes['GET /api/v1/candidates/c-1/privacy'] = () => json(200, privacy);
    api.routes['GET /api/v1/privacy/retention-policies'] = () =>
      json(200, { items: [{ id: 'p-1', name: 'Closed after two years', appliesTo: 'any_closed', afterMonths: 24, action: 'erase', enabled: true, createdAt: 'x', updatedAt: 'x' }] });
    await render('owner');
    await waitFor(() => text().includes('policy “Closed after two years”'));
    expect(text()).toMatch(/Scheduled for erasure on Jan 15, 2027 by policy “Closed after two years”/);
    expect(text()).toContain('Human review of an automated analysis');
    expect([...dom.container.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/candidates/c-1/export?format=json',
      '/api/v1/candidates/c-1/export?format=html',
      '/api/v1/candidates/c-1/export?format=pdf',
    ]);

    await click('Place a legal hold…');
    await click('Place the hold');
    expect(text()).toContain('Say why the data must be kept');
    api.routes['PUT /api/v1/candidates/c-1/legal-hold'] = (body) => {
      privacy = { ...privacy, legalHold: { reason: (body as { reason: string }).reason, placedAt: '2026-03-02T00:00:00.000Z', placedBy: { id: 'u-1', name: 'Ada Okafor' } } };
      return json(200, privacy.legalHold);
    };
    const reason = control<HTMLTextAreaElement>('Reason for the hold');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(reason, 'Employment tribunal claim 2026-17');
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('Place the hold');
    await waitFor(() => text().includes('Employment tribunal claim 2026-17'));
    expect(text()).toContain('Legal hold placed');
    expect(text()).toContain('suspended while the legal hold lasts');
    expect(buttons()).toContain('Release the hold');

    api.routes['POST /api/v1/candidates/c-1/erase'] = () => json(409, { code: 'conflict', message: 'The candidate is under a legal hold', requestId: 'r' });
    await click('Erase candidate…');
    const name = control('Type the candidate’s name to confirm');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(name, 'Tobias Grün');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('Erase for good');
    await waitFor(() => text().includes('Not erased: The candidate is under a legal hold'));
  });
});
