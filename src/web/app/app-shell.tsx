import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { signOutRoute, switchOrganizationRoute } from '../../modules/auth/auth.contract.ts';
import { roleLabels } from '../../shared/common.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { api, rememberCsrfToken } from '../lib/api.ts';
import { toApiError } from '../lib/forms.ts';
import { useAdoptSession, useSignedInSession } from '../lib/session.ts';
import { type AppModule, appModules, isModuleActive, isModuleVisible } from './modules.ts';

const navItems: Pick<AppModule, 'path' | 'name' | 'alsoActiveOn' | 'roles'>[] = [{ path: '/dashboard', name: 'Dashboard' }, ...appModules];

/** The signed-in frame: header (organization switcher, user, sign out), main navigation, content. */
export function AppShell() {
  const session = useSignedInSession();
  const client = useQueryClient();
  const adoptSession = useAdoptSession();
  const { pathname } = useLocation();
  const [problem, setProblem] = useState<string | null>(null);

  const switchOrg = useMutation({
    mutationFn: (organizationId: string) => api(switchOrganizationRoute, { body: { organizationId } }),
    onSuccess: async (info) => {
      setProblem(null);
      adoptSession(info);
      await client.invalidateQueries();
    },
    onError: (e) => setProblem(toApiError(e).message),
  });

  const signOut = useMutation({
    mutationFn: () => api(signOutRoute),
    onSuccess: () => {
      rememberCsrfToken(null);
      // A full load leaves nothing of this session in memory (cached members, audit entries…).
      window.location.assign('/login');
    },
    onError: (e) => setProblem(toApiError(e).message),
  });

  const isSettings = pathname.startsWith('/settings') || pathname.startsWith('/admin');
  const org = session.organization;

  return (
    <div className="shell">
      <header className="shell-header">
        <Link to="/dashboard" className="brand">
          <span className="brand__mark" aria-hidden="true">
            R
          </span>
          <span>Rubric</span>
        </Link>
        <div className="shell-header__org">
          <label htmlFor="org-switcher" className="shell-header__label">
            Organization
          </label>
          <select
            id="org-switcher"
            className="field__control field__control--select field__control--compact"
            value={org?.id ?? ''}
            disabled={switchOrg.isPending || session.memberships.length === 0}
            onChange={(e) => {
              if (e.target.value && e.target.value !== org?.id) switchOrg.mutate(e.target.value);
            }}
          >
            {org ? null : <option value="">No organization</option>}
            {session.memberships.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.name} ({roleLabels[m.role]})
              </option>
            ))}
          </select>
        </div>
        <div className="shell-header__user">
          <span className="shell-header__name">{session.user.name}</span>
          <Button variant="secondary" size="sm" busy={signOut.isPending} busyLabel="Signing out…" onClick={() => signOut.mutate()}>
            Sign out
          </Button>
        </div>
      </header>
      <div className="shell-body">
        <nav aria-label="Main" className="shell-nav">
          <ul>
            {navItems.filter((item) => isModuleVisible(item, org?.role)).map((item) => {
              // Pages of a module under other paths (/org-roles, /compare for Roles) mark it current too.
              const isCurrent = isModuleActive(item, pathname);
              return (
                <li key={item.path}>
                  <Link
                    to={item.path}
                    className={isCurrent ? 'shell-nav__link active' : 'shell-nav__link'}
                    aria-current={isCurrent ? 'page' : undefined}
                  >
                    {item.name}
                  </Link>
                </li>
              );
            })}
            <li>
              <Link
                to="/settings"
                className={isSettings ? 'shell-nav__link active' : 'shell-nav__link'}
                aria-current={isSettings ? 'true' : undefined}
              >
                Settings
              </Link>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="shell-main">
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <Outlet />
        </main>
      </div>
    </div>
  );
}
