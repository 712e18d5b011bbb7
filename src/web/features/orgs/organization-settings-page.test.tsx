// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { OrganizationSettingsPage } from './organization-settings-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;

const session = {
  user: { id: 'u1', email: 'owner@example.com', name: 'Owner' },
  organization: { id: 'o1', name: 'Acme', slug: 'acme', role: 'owner' as const, compliance: false },
  memberships: [{ organizationId: 'o1', name: 'Acme', slug: 'acme', role: 'owner' as const }],
  twoFactor: { enabled: false, setupRequired: false },
  csrfToken: 'csrf',
};
const org = { id: 'o1', name: 'Acme', slug: 'acme', requireTwoFactor: false, createdAt: '2026-01-01T00:00:00.000Z', memberCount: 3 };

describe('OrganizationSettingsPage', () => {
  it('lets an owner require two-factor sign-in, showing the server’s refusal under the toggle', async () => {
    api.routes['GET /api/v1/organization'] = () => json(200, org);
    api.routes['GET /api/v1/auth/session'] = () => json(200, session);
    const client = createQueryClient();
    client.setQueryData(sessionQueryKey, session);
    await act(async () => {
      dom.root.render(
        <QueryClientProvider client={client}>
          <MemoryRouter>
            <OrganizationSettingsPage />
          </MemoryRouter>
        </QueryClientProvider>,
      );
    });
    await api.waitFor(() => text().includes('Require two-factor sign-in'));
    const box = control('Require two-factor sign-in');
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    api.routes['PATCH /api/v1/organization'] = () =>
      json(409, { code: 'conflict', message: 'Turn on two-factor sign-in for your own account first, then require it', details: { field: 'requireTwoFactor' }, requestId: 'r' });
    const save = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Save')!;
    await act(async () => save.click());
    await api.waitFor(() => text().includes('first, then require it'));
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Acme', slug: 'acme', requireTwoFactor: true });

    api.routes['PATCH /api/v1/organization'] = () => json(200, { ...org, requireTwoFactor: true });
    await act(async () => save.click());
    await api.waitFor(() => !text().includes('first, then require it'));
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2);
    expect(control('Require two-factor sign-in').checked).toBe(true);
  });
});
