// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { AuditPage, auditExportUrl, checkDraft, filtersFromSearch, searchFromFilters } from './audit-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const actor = '3f2b6c1a-8d4e-4f5a-9b6c-7d8e9f0a1b2c';
const session = {
  user: { id: actor, email: 'ada@example.test', name: 'Ada Okafor' },
  organization: { id: 'o-1', name: 'Lumen Harbor', slug: 'lumen', role: 'owner', compliance: false },
  memberships: [],
  twoFactor: { enabled: false, setupRequired: false },
  csrfToken: 'csrf',
};
const entry = (id: number, action: string) => ({
  id,
  action,
  actorUserId: actor,
  actorName: 'Ada Okafor',
  targetType: 'candidate',
  targetId: 'c-1',
  details: { fields: ['name'] },
  requestId: 'req',
  createdAt: '2026-03-02T12:00:00.000Z',
});

async function render(initial: string) {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, session);
  const router = createMemoryRouter([{ path: '/admin/audit', element: <AuditPage /> }], { initialEntries: [initial] });
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  });
  return router;
}
async function setValue(label: string, value: string) {
  const el = control<HTMLInputElement | HTMLSelectElement>(label);
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
async function click(label: string) {
  const b = [...dom.container.querySelectorAll('button')].find((x) => x.textContent === label)!;
  await act(async () => b.click());
}
const exportHref = () => [...dom.container.querySelectorAll('a')].find((a) => a.textContent === 'Export CSV')!.getAttribute('href');

describe('audit filters in the URL', () => {
  it('reads only valid filters from the query string and writes them back in a fixed order', () => {
    const f = filtersFromSearch(new URLSearchParams(`to=2026-03-31&action=candidate.&actorUserId=not-a-uuid&from=yesterday&targetId=%20c-1%20`));
    expect(f).toEqual({ action: 'candidate.', targetId: 'c-1', to: '2026-03-31' });
    expect(searchFromFilters(f).toString()).toBe('action=candidate.&targetId=c-1&to=2026-03-31');
    expect(auditExportUrl({})).toBe('/api/v1/audit/export');
    expect(auditExportUrl({ actorUserId: actor, from: '2026-03-01' })).toBe(`/api/v1/audit/export?actorUserId=${actor}&from=2026-03-01`);
    expect(checkDraft({ action: 'Candidate erased', actorUserId: '', targetType: '', targetId: '', from: '2026-03-05', to: '2026-03-01' })).toEqual({
      action: 'Use an action such as candidate.erased, or a prefix ending in a dot such as candidate.',
      to: 'The end date is before the start date',
    });
  });

  it('applies the form to the URL, the list request and the CSV link; Reset clears them', async () => {
    api.routes['GET /api/v1/members?limit=200'] = () =>
      json(200, { items: [{ userId: actor, name: 'Ada Okafor', email: 'ada@example.test', role: 'owner', compliance: false, joinedAt: '2026-01-01T00:00:00.000Z' }], nextCursor: null });
    api.routes['GET /api/v1/audit?action=candidate.'] = () => json(200, { items: [entry(2, 'candidate.erased')], nextCursor: null });
    const filtered = `GET /api/v1/audit?action=privacy.&actorUserId=${actor}&targetType=candidate&from=2026-03-01&to=2026-03-31`;
    api.routes[filtered] = () => json(200, { items: [entry(3, 'privacy.request_resolved')], nextCursor: null });
    api.routes['GET /api/v1/audit'] = () => json(200, { items: [entry(1, 'auth.sign_in')], nextCursor: null });

    const router = await render('/admin/audit?action=candidate.');
    await waitFor(() => text().includes('candidate.erased'));
    expect(control('Action').value).toBe('candidate.');
    expect(exportHref()).toBe('/api/v1/audit/export?action=candidate.');

    await waitFor(() => [...control<HTMLSelectElement>('Actor').options].some((o) => o.textContent === 'Ada Okafor'));
    await setValue('Action', 'privacy.');
    await setValue('Actor', actor);
    await setValue('Target type', 'candidate');
    await setValue('From', '2026-03-01');
    await setValue('To (inclusive)', '2026-03-31');
    await click('Apply filters');
    await waitFor(() => text().includes('privacy.request_resolved'));
    expect(router.state.location.search).toBe(`?action=privacy.&actorUserId=${actor}&targetType=candidate&from=2026-03-01&to=2026-03-31`);
    expect(exportHref()).toBe(`/api/v1/audit/export?action=privacy.&actorUserId=${actor}&targetType=candidate&from=2026-03-01&to=2026-03-31`);

    // A bad date range stays in the form with its message; the URL does not change.
    await setValue('From', '2026-04-10');
    await click('Apply filters');
    expect(text()).toContain('The end date is before the start date');
    expect(router.state.location.search).toContain('from=2026-03-01');

    await click('Reset');
    await waitFor(() => text().includes('auth.sign_in'));
    expect(router.state.location.search).toBe('');
    expect(exportHref()).toBe('/api/v1/audit/export');
    expect(control('Action').value).toBe('');
  });
});
