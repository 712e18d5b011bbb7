import { useEffect, useRef } from 'react';
import { isRouteErrorResponse, Link, Outlet, useLocation, useNavigation, useRouteError } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { useDocumentTitle } from '../components/page-header.tsx';

/** Skip link, navigation progress, and focus moved to the new page's content after each navigation. */
export function RootLayout() {
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const isFirst = useRef(true);

  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {navigation.state !== 'idle' ? <div className="nav-progress" aria-hidden="true" /> : null}
      <Outlet />
    </>
  );
}

/** Last-resort error page: a route failed to load or threw while rendering. */
export function RouteErrorPage() {
  const error = useRouteError();
  useDocumentTitle('Something went wrong');
  const isChunkError = error instanceof TypeError && /import|module/i.test(error.message);
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <main id="main" tabIndex={-1} className="public-main">
      <div className="narrow">
        <h1>Something went wrong</h1>
        <Alert tone="error" title={isChunkError ? 'A new version of Rubric may have been installed.' : 'This page could not be shown.'}>
          <p>{detail}</p>
        </Alert>
        <p className="stack-sm">
          <a href={window.location.href}>Reload the page</a> or <Link to="/">go to the home page</Link>.
        </p>
      </div>
    </main>
  );
}
