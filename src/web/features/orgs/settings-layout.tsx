import { NavLink, Outlet } from 'react-router';
import { isOrgAdmin, useSignedInSession } from '../../lib/session.ts';

/** Settings pages share a sub-navigation; outbox and audit log are for owners and admins. */
export function SettingsLayout() {
  const session = useSignedInSession();
  const isAdmin = isOrgAdmin(session);
  const canEditPools = isAdmin || session.organization?.role === 'recruiter';
  const items = [
    { to: '/settings/organization', label: 'Organization' },
    { to: '/settings/members', label: 'Members' },
    { to: '/settings/security', label: 'Security' },
    { to: '/settings/api-tokens', label: 'API tokens' },
    ...(canEditPools ? [{ to: '/settings/pools', label: 'Pools' }] : []),
    ...(isAdmin
      ? [
          { to: '/settings/hiring', label: 'Hiring' },
          { to: '/settings/webhooks', label: 'Webhooks' },
          { to: '/admin/outbox', label: 'Outbox' },
          { to: '/admin/audit', label: 'Audit log' },
        ]
      : []),
  ];
  return (
    <>
      <nav aria-label="Settings" className="subnav">
        <ul>
          {items.map((i) => (
            <li key={i.to}>
              <NavLink to={i.to}>{i.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
