import { Loading } from '../components/status.tsx';
import { useSession } from '../lib/session.ts';
import { AppShell } from './app-shell.tsx';
import { PublicLayout } from './public-layout.tsx';

/**
 * The frame of pages anyone may open that signed-in members also reach from the app (the role
 * library, role pages, comparisons, advisors): visitors see the public layout, members stay in the
 * signed-in shell with its navigation. A session that cannot be read counts as signed out here.
 */
export function SessionAwareLayout() {
  const session = useSession();
  if (session.isPending) return <Loading label="Loading…" />;
  return session.data ? <AppShell /> : <PublicLayout />;
}
