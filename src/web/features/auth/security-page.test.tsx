// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { SecondFactorForm } from './second-factor-form.tsx';
import { SessionsSection, TwoFactorSection } from './security-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

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
async function render(node: React.ReactNode) {
  await act(async () => {
    dom.root.render(<QueryClientProvider client={createQueryClient()}>{node}</QueryClientProvider>);
  });
}

const sessionInfo = {
  user: { id: 'u1', email: 'a@example.com', name: 'A' },
  organization: null,
  memberships: [],
  twoFactor: { enabled: true, setupRequired: false },
  csrfToken: 'csrf',
};

describe('TwoFactorSection', () => {
  it('enrols: shows the secret and URI, checks the code, shows the recovery codes once; then turns off with the password', async () => {
    let enabled = false;
    api.routes['GET /api/v1/auth/two-factor'] = () => json(200, { enabled, recoveryCodesLeft: enabled ? 10 : 0 });
    api.routes['GET /api/v1/auth/session'] = () => json(200, sessionInfo);
    api.routes['POST /api/v1/auth/two-factor/enrol'] = () =>
      json(200, { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/Rubric:a%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Rubric' });
    await render(<TwoFactorSection />);
    await waitFor(() => text().includes('Set up two-factor sign-in'));
    await click('Set up two-factor sign-in');
    await waitFor(() => text().includes('JBSWY3DPEHPK3PXP'));
    expect(text()).toContain('otpauth://totp/Rubric:a%40example.com');

    // a malformed code is refused in the browser; a wrong one shows the server's message under the field
    await type('Code from the app', '12ab');
    await click('Turn on');
    expect(text()).toContain('Enter the 6-digit code');
    api.routes['POST /api/v1/auth/two-factor/confirm'] = () =>
      json(400, { code: 'invalid', message: 'That code is not right', details: { issues: [{ path: 'code', message: 'Wrong or used code' }] }, requestId: 'r' });
    await type('Code from the app', '123456');
    await click('Turn on');
    await waitFor(() => text().includes('Wrong or used code'));

    const codes = Array.from({ length: 10 }, (_, i) => `abcde-fgh${String(i).padStart(2, '0')}`);
    api.routes['POST /api/v1/auth/two-factor/confirm'] = () => {
      enabled = true;
      return json(200, { recoveryCodes: codes });
    };
    await click('Turn on');
    await waitFor(() => text().includes('abcde-fgh09'));
    expect(api.calls.find((c) => c.url === '/api/v1/auth/two-factor/confirm' && c.body)?.body).toEqual({ code: '123456' });
    await click('I have saved them');
    await waitFor(() => text().includes('Recovery codes left: 10'));
    expect(text()).not.toContain('abcde-fgh09');
    expect(text()).not.toContain('JBSWY3DPEHPK3PXP');

    await click('Turn off…');
    api.routes['POST /api/v1/auth/two-factor/disable'] = () => {
      enabled = false;
      return json(200, { ok: true });
    };
    await type('Password', 'my password');
    await click('Turn off two-factor sign-in');
    await waitFor(() => text().includes('Set up two-factor sign-in'));
    expect(api.calls.find((c) => c.url === '/api/v1/auth/two-factor/disable')).toMatchObject({ method: 'POST', body: { password: 'my password' } });
  });
});

describe('SessionsSection', () => {
  it('lists sessions, signs one out and signs out everywhere else', async () => {
    let items = [
      { id: 'a'.repeat(32), createdAt: '2026-11-01T10:00:00.000Z', lastSeenAt: '2026-11-28T10:00:00.000Z', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0', current: true },
      { id: 'b'.repeat(32), createdAt: '2026-11-02T10:00:00.000Z', lastSeenAt: '2026-11-20T10:00:00.000Z', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X) Firefox/119.0', current: false },
      { id: 'c'.repeat(32), createdAt: '2026-11-03T10:00:00.000Z', lastSeenAt: '2026-11-21T10:00:00.000Z', userAgent: null, current: false },
    ];
    api.routes['GET /api/v1/auth/sessions'] = () => json(200, { items });
    await render(<SessionsSection />);
    await waitFor(() => text().includes('Chrome on Windows'));
    expect(text()).toContain('This session');
    expect(text()).toContain('Firefox on macOS');
    expect(text()).toContain('Unknown device');

    api.routes[`DELETE /api/v1/auth/sessions/${'b'.repeat(32)}`] = () => {
      items = items.filter((s) => s.id !== 'b'.repeat(32));
      return json(200, { ok: true });
    };
    const rows = [...dom.container.querySelectorAll('tbody tr')];
    const signOut = rows[1]!.querySelector('button')!;
    await act(async () => signOut.click());
    await waitFor(() => text().includes('Signed out that session.'));
    await waitFor(() => !text().includes('Firefox on macOS'));

    api.routes['POST /api/v1/auth/sessions/sign-out-others'] = () => {
      items = items.filter((s) => s.current);
      return json(200, { revoked: 1 });
    };
    await click('Sign out everywhere else');
    await waitFor(() => text().includes('Signed out 1 other session.'));
    await waitFor(() => !text().includes('Unknown device'));
    const everywhere = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Sign out everywhere else')!;
    expect(everywhere.disabled).toBe(true);
  });
});

describe('SecondFactorForm', () => {
  it('sends a code, shows a wrong code under the field, and switches to a recovery code', async () => {
    const done: unknown[] = [];
    let answer = json(401, { code: 'unauthenticated', message: 'That code is not right', requestId: 'r' });
    api.routes['POST /api/v1/auth/sign-in/second-factor'] = () => answer;
    await render(<SecondFactorForm onDone={async (info) => void done.push(info)} onRestart={() => undefined} />);
    await type('Authentication code', '123');
    await click('Verify');
    expect(text()).toContain('Enter the 6-digit code');
    await type('Authentication code', '123 456');
    await click('Verify');
    await waitFor(() => text().includes('That code is not right'));
    expect(api.calls.at(-1)?.body).toEqual({ code: '123456' });

    await click('Use a recovery code');
    answer = json(200, sessionInfo);
    await type('Recovery code', 'abcde-fghij');
    await click('Verify');
    await waitFor(() => done.length === 1);
    expect(api.calls.at(-1)?.body).toEqual({ recoveryCode: 'abcde-fghij' });
  });
});
