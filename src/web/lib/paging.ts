import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../../shared/common.ts';

/**
 * A cursor-paginated list (every list route shares `{ items, nextCursor }`): pages are fetched on
 * demand with "Load more" and flattened into `items`.
 */
export function usePagedList<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}
