import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getSessionRoute, type SessionInfo } from '../../modules/auth/auth.contract.ts';
import { type Meta, getMetaRoute } from '../../modules/meta/meta.contract.ts';
import { api, isApiError, rememberCsrfToken } from './api.ts';

export const sessionQueryKey = ['session'] as const;
export const metaQueryKey = ['meta'] as const;

/** The current session, or null when signed out (a 401 is an answer here, not an error). */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api(getSessionRoute);
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export const sessionQuery = { queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000 };
export const metaQuery = { queryKey: metaQueryKey, queryFn: () => api(getMetaRoute), staleTime: Infinity };

export function useSession() {
  return useQuery(sessionQuery);
}

export function useMeta() {
  return useQuery(metaQuery);
}

/** The session of a page inside the signed-in shell, which only renders once it is loaded. */
export function useSignedInSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside the signed-in shell');
  return data;
}

export function isOrgAdmin(session: SessionInfo | null | undefined): boolean {
  const role = session?.organization?.role;
  return role === 'owner' || role === 'admin';
}

/** Queries whose data does not depend on who is signed in. */
const sessionIndependent = new Set<unknown>([sessionQueryKey[0], metaQueryKey[0], 'invite']);

/**
 * Stores a session info a sign-in, sign-up, invitation or organization switch returned, so the
 * app shows it without another round trip. Cached data of the previous session is dropped; the
 * caller invalidates what is on screen when the organization changes.
 */
export function useAdoptSession() {
  const client = useQueryClient();
  return (info: SessionInfo) => {
    client.removeQueries({ type: 'inactive', predicate: (q) => !sessionIndependent.has(q.queryKey[0]) });
    client.setQueryData(sessionQueryKey, info);
    void client.invalidateQueries({ queryKey: metaQueryKey });
  };
}

export type { Meta, SessionInfo };
