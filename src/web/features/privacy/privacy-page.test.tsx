// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrivacyRequest, RetentionPolicy } from '../../../modules/privacy/privacy.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { PrivacyPage } from './privacy-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const session = {
  user: { id: 'u-1', email: 'ada@example.test', name: 'Ada Okafor' },
  organization: { id: 'o-1', name: 'Lumen Harbor', slug: 'lumen', role: 'owner', compliance: false },
  memberships: [],
  twoFactor: { enabled: false, setupRequired: false },
  csrfToken: 'csrf',
};

const request = (over: Partial<PrivacyRequest>): PrivacyRequest => ({
  id: 'r-1',
  candidateId: 'c-1',
  candidateName: 'Jonas Ferreira',
  kind: 'access',
  message: 'Please send me a copy.',
  status: 'open',
  createdAt: '2026-01-02T10:00:00.000Z',
  dueAt: '2026-02-01T10:00:00.000Z',
  overdue: true,
  resolvedAt: null,
  resolvedBy: null,
  resolutionNote: null,
  receiptId: null,
  ...over,
});

let confirmAnswer = true;
const realConfirm = window.confirm;
beforeEach(() => {
  window.confirm = () => confirmAnswer;
});
afterEach(() => {
  window.confirm = realConfirm;
});

async function render(path: string) {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, session);
  const router = createMemoryRouter(
    [
      { path: '/privacy', element: <PrivacyPage /> },
      { path: '/privacy/:section', element: <PrivacyPage /> },
    ],
    { initialEntries: [path] },
  );
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
}
async function setValue(label: string, value: string) {
  const el = control<HTMLInputElement | HTMLTextAreaElement>(label);
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(label: string, nth = 0) {
  const b = [...dom.container.querySelectorAll('button')].filter((x) => x.textContent === label)[nth];
  if (!b) throw new Error(`no button ${label}; the page says: ${text()}`);
  await act(async () => b.click());
}
const buttons = () => [...dom.container.querySelectorAll('button')].map((b) => b.textContent);

describe('Privacy page: requests', () => {
  it('lists open requests with their badges and actions, and resolves one with a required note', async () => {
    let items = [request({}), request({ id: 'r-2', kind: 'erasure', candidateName: 'Maya Lindqvist', candidateId: 'c-2', overdue: false, message: null })];
    api.routes['GET /api/v1/privacy/requests?status=open'] = () => json(200, { items });
    await render('/privacy');
    await waitFor(() => text().includes('Jonas Ferreira'));
    expect(text()).toContain('A copy of my data');
    expect(text()).toContain('Erase my data');
    expect(text().match(/Overdue/g)).toHaveLength(1);
    // Erasure requests are answered by erasing; the others by marking them completed.
    expect(buttons().filter((b) => b === 'Erase…')).toHaveLength(1);
    expect(buttons().filter((b) => b === 'Mark completed')).toHaveLength(1);
    expect(buttons().filter((b) => b === 'Decline')).toHaveLength(2);

    await click('Mark completed');
    await click('Save and mark completed'); // with an empty note
    expect(text()).toContain('Record what was done or why it was declined');
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);

    api.routes['POST /api/v1/privacy/requests/r-1/resolve'] = () =>
      json(400, { code: 'invalid', message: 'Check the fields', details: { issues: [{ path: 'note', message: 'At most 2000 characters' }] }, requestId: 'x' });
    await setValue('What was done', 'Sent the export by email.');
    await click('Save and mark completed');
    await waitFor(() => text().includes('At most 2000 characters'));
    expect(control('What was done').getAttribute('aria-invalid')).toBe('true');

    api.routes['POST /api/v1/privacy/requests/r-1/resolve'] = (body) => {
      items = items.slice(1);
      return json(200, request({ status: 'completed', resolutionNote: (body as { note: string }).note }));
    };
    await click('Save and mark completed');
    await waitFor(() => text().includes('Request marked completed.'));
    await waitFor(() => !text().includes('Jonas Ferreira'));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { status: 'completed', note: 'Sent the export by email.' },
      { status: 'completed', note: 'Sent the export by email.' },
    ]);
  });
});

describe('Privacy page: retention', () => {
  it('adds a policy with field errors from the contract, previews and runs', async () => {
    const policy: RetentionPolicy = {
      id: 'p-1',
      name: 'Rejected after a year',
      appliesTo: 'rejected',
      afterMonths: 12,
      action: 'erase',
      enabled: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    let policies: RetentionPolicy[] = [];
    api.routes['GET /api/v1/privacy/retention-policies'] = () => json(200, { items: policies });
    api.routes['GET /api/v1/privacy/retention/runs?limit=20'] = () => json(200, { items: [] });
    await render('/privacy/retention');
    await waitFor(() => text().includes('No retention policies'));

    await click('Add a policy');
    await setValue('Name', '');
    await setValue('After (months)', '-1');
    await click('Add the policy');
    await waitFor(() => text().includes('Name the policy'));
    expect(control('After (months)').getAttribute('aria-invalid')).toBe('true');
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);

    api.routes['POST /api/v1/privacy/retention-policies'] = () => {
      policies = [policy];
      return json(201, policy);
    };
    await setValue('Name', 'Rejected after a year');
    await setValue('After (months)', '12');
    await click('Add the policy');
    await waitFor(() => text().includes('Policy “Rejected after a year” added.'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Rejected after a year', appliesTo: 'rejected', afterMonths: 12, action: 'erase', enabled: true });
    await waitFor(() => text().includes('after 12 months'));

    const item = { candidateId: 'c-3', candidateName: 'Priya Raman', action: 'erase', dueAt: '2026-02-01T00:00:00.000Z', policyIds: ['p-1'] };
    api.routes['GET /api/v1/privacy/retention/preview'] = () =>
      json(200, { asOf: '2026-03-01T00:00:00.000Z', due: [item], held: [{ ...item, candidateId: 'c-4', candidateName: 'Tobias Grün', holdReason: 'Pending claim' }], upcoming: [] });
    await click('Preview next run');
    await waitFor(() => text().includes('Due now (1)'));
    expect(text()).toContain('Held by a legal hold (1)');
    expect(text()).toContain('on hold: Pending claim');
    expect(text()).toContain('Nothing in the next 90 days.');

    api.routes['POST /api/v1/privacy/retention/run'] = () =>
      json(200, { id: 'run-1', trigger: 'manual', ranBy: { id: 'u-1', name: 'Ada Okafor' }, ranAt: '2026-03-01T00:00:00.000Z', erased: 1, purged: 0, held: 1, receiptIds: ['x'] });
    confirmAnswer = false;
    await click('Run now');
    expect(api.calls.some((c) => c.url === '/api/v1/privacy/retention/run')).toBe(false);
    confirmAnswer = true;
    await click('Run now');
    await waitFor(() => text().includes('Retention run finished.'));
    expect(text()).toContain('Erased 1, interview data deleted for 0, held back by a legal hold 1. 1 receipts written.');
  });
});
