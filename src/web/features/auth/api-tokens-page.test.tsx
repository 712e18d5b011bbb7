// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../../modules/auth/api-tokens.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { ApiTokensPage, tokenBody } from './api-tokens-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const session = (role: 'admin' | 'interviewer') => ({
  user: { id: 'u-1', email: 'eli@example.test', name: 'Eli Novak' },
  organization: { id: 'o-1', name: 'Lumen Harbor', slug: 'lumen', role, compliance: false },
  memberships: [],
  twoFactor: { enabled: false, setupRequired: false },
  csrfToken: 'csrf',
});

const existing: ApiToken = {
  id: 't-0',
  name: 'Old sync',
  prefix: 'rbk_ab12cd34',
  scopes: ['read'],
  user: { id: 'u-2', name: 'Dana Fischer' },
  createdAt: '2026-01-02T10:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};

async function render(role: 'admin' | 'interviewer') {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, session(role));
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <ApiTokensPage />
      </QueryClientProvider>,
    );
  });
}
async function type(label: string, value: string) {
  const el = control(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(label: string) {
  const b = [...dom.container.querySelectorAll('button')].find((x) => x.textContent === label);
  if (!b) throw new Error(`no button ${label}; the page says: ${text()}`);
  await act(async () => b.click());
}
const checkbox = (label: string) => [...dom.container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((i) => i.closest('label')?.textContent === label)!;

describe('API tokens page', () => {
  it('turns the form into the contract body ("never" is null)', () => {
    expect(tokenBody({ name: ' CI ', scopes: ['read', 'write'], expiry: '' })).toEqual({ name: 'CI', scopes: ['read', 'write'], expiresInDays: null });
    expect(tokenBody({ name: 'CI', scopes: ['read'], expiry: '365' })).toEqual({ name: 'CI', scopes: ['read'], expiresInDays: 365 });
  });

  it('checks the fields, creates a token and shows its secret once', async () => {
    let items: ApiToken[] = [existing];
    api.routes['GET /api/v1/api-tokens'] = () => json(200, { items });
    await render('admin');
    await waitFor(() => text().includes('Old sync'));
    // Admins see whose token it is.
    expect(text()).toContain('Dana Fischer');

    // Empty name and no scope: both fields say so, nothing is sent.
    await act(async () => checkbox('Read (GET requests only)').click());
    await click('Create token');
    await waitFor(() => text().includes('Name the token after what uses it'));
    expect(text()).toContain('Choose at least one scope');
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);

    const secret = 'rbk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const created: ApiToken = { ...existing, id: 't-1', name: 'Nightly export', prefix: 'rbk_9f8e7d6c', scopes: ['write'], user: { id: 'u-1', name: 'Eli Novak' }, expiresAt: '2026-06-01T10:00:00.000Z' };
    api.routes['POST /api/v1/api-tokens'] = () => {
      items = [created, existing];
      return json(201, { ...created, token: secret });
    };
    await type('Token name', 'Nightly export');
    await act(async () => checkbox('Write (create, change and delete)').click());
    await click('Create token');
    await waitFor(() => text().includes('shown only this once'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Nightly export', scopes: ['write'], expiresInDays: 90 });
    const field = control('Your new API token');
    expect(field.value).toBe(secret);
    expect(field.readOnly).toBe(true);
    await waitFor(() => text().includes('rbk_9f8e7d6c…'));

    // Once dismissed, the secret is nowhere on the page; the list shows only its prefix.
    await click('I have copied it');
    expect(dom.container.innerHTML).not.toContain(secret);
    expect(text()).toContain('rbk_9f8e7d6c…');
    expect(text()).toContain('New token');
  });

  it('revokes after confirming; a member sees no member column', async () => {
    let items: ApiToken[] = [{ ...existing, user: { id: 'u-1', name: 'Eli Novak' } }];
    api.routes['GET /api/v1/api-tokens'] = () => json(200, { items });
    api.routes['DELETE /api/v1/api-tokens/t-0'] = () => {
      items = [{ ...items[0]!, revokedAt: '2026-03-02T12:00:00.000Z' }];
      return json(200, { ok: true });
    };
    const confirm = window.confirm;
    window.confirm = () => true;
    try {
      await render('interviewer');
      await waitFor(() => text().includes('Old sync'));
      expect([...dom.container.querySelectorAll('th')].map((t) => t.textContent)).not.toContain('Member');
      await click('Revoke');
      await waitFor(() => text().includes('Token “Old sync” revoked.'));
      await waitFor(() => text().includes('Revoked'));
      expect([...dom.container.querySelectorAll('button')].some((b) => b.textContent === 'Revoke')).toBe(false);
    } finally {
      window.confirm = confirm;
    }
  });
});
