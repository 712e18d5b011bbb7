import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { isOrgAdmin, useSession } from '../lib/session.ts';

const SECURITY_PATH = '/settings/security';

/** Renders its children only with a session; otherwise sends the visitor to log in and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your session…" />;
  if (session.isError) {
    return (
      <main id="main" tabIndex={-1} className="public-main">
        <div className="narrow">
          <LoadError error={session.error} what="your session" onRetry={() => void session.refetch()} />
        </div>
      </main>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // The organization requires two-factor sign-in and this account has none: only the setup is open.
  if (session.data.twoFactor.setupRequired && location.pathname !== SECURITY_PATH) return <Navigate to={SECURITY_PATH} replace />;
  return children;
}

/** Pages for owners and admins of the active organization. */
export function RequireOrgAdmin({ title, children }: { title: string; children: ReactNode }) {
  const session = useSession();
  if (isOrgAdmin(session.data)) return children;
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="warning" title="Only owners and admins can open this page.">
        <p>Ask an owner or admin of your organization if you need access.</p>
      </Alert>
    </>
  );
}
