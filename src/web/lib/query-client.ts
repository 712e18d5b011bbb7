import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

/** Retries only what can succeed on retry: network failures and 5xx, never 4xx answers. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (isApiError(error)) return error.status === 0 || error.status >= 500;
  return false;
}

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired, signed out elsewhere, removed from the
  // organization): re-reading the session lets the guard send the user to log in.
  const onError = (error: unknown, key?: readonly unknown[]) => {
    if (isApiError(error) && error.status === 401 && key?.[0] !== 'session') {
      void client.invalidateQueries({ queryKey: ['session'] });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}

export const queryClient = createQueryClient();
