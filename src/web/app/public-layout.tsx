import { Link, Outlet } from 'react-router';
import { useMeta } from '../lib/session.ts';

/**
 * Pages anyone can open: home, sign-up, log-in, password reset, invitations. The header holds only
 * the brand; each page offers its own next steps, so no link appears twice on a page.
 */
export function PublicLayout() {
  const meta = useMeta();
  return (
    <div className="public">
      <header className="public-header">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            R
          </span>
          <span>Rubric</span>
        </Link>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
      <footer className="public-footer">
        <p>
          Rubric{meta.data ? ` ${meta.data.version}` : ''} · open-source, self-hosted structured hiring ·{' '}
          <a href="/api/docs">API documentation</a>
        </p>
      </footer>
    </div>
  );
}
