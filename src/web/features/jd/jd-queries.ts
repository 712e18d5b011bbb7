import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fillPath } from '../../../shared/route.ts';
import {
  diffJdRoute,
  exportJdRoute,
  getJdRoute,
  getJdVersionRoute,
  type jdExportFormats,
  type JdView,
  listJdRoute,
  listJdVersionsRoute,
} from '../../../modules/jd/jd.contract.ts';
import { api } from '../../lib/api.ts';
import { usePagedList } from '../../lib/paging.ts';

/** Query keys of the job-description page: `jdKey(id)` prefixes everything about one job's description. */
export const jdKey = (jobId: string) => ['jd', jobId] as const;
export const jdVersionsKey = (jobId: string) => ['jd', jobId, 'versions'] as const;

/** The overview of every job's description (`/job-descriptions`); apart from `jd`, so a job's key never matches it. */
export const jdOverviewKey = ['jd-overview'] as const;

export type JdVersionSummary = NonNullable<JdView['currentVersion']>;
export type JdExportFormat = (typeof jdExportFormats)[number];

export function jdQuery(jobId: string) {
  return { queryKey: jdKey(jobId), queryFn: () => api(getJdRoute, { params: { id: jobId } }) };
}

/** The latest view from the server, bypassing the cache (after a conflict). */
export function fetchLatestJd(client: QueryClient, jobId: string): Promise<JdView> {
  return client.fetchQuery({ ...jdQuery(jobId), staleTime: 0 });
}

/** Puts a view the server answered with in the cache; the history changed when a version was added. */
export async function adoptJdView(client: QueryClient, view: JdView, versionsChanged: boolean): Promise<void> {
  client.setQueryData(jdKey(view.jobId), view);
  if (versionsChanged) await client.invalidateQueries({ queryKey: jdVersionsKey(view.jobId) });
}

export function useJdVersions(jobId: string) {
  return usePagedList(jdVersionsKey(jobId), (cursor) => api(listJdVersionsRoute, { params: { id: jobId }, query: { cursor, limit: 20 } }));
}

export function useJdVersion(jobId: string, versionId: string | null) {
  return useQuery({
    queryKey: ['jd', jobId, 'version', versionId],
    queryFn: () => api(getJdVersionRoute, { params: { id: jobId, versionId: versionId! } }),
    enabled: !!versionId,
    staleTime: Infinity,
  });
}

export function useJdDiff(jobId: string, pair: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['jd', jobId, 'diff', pair?.from, pair?.to],
    queryFn: () => api(diffJdRoute, { params: { id: jobId }, query: { from: pair!.from, to: pair!.to } }),
    enabled: !!pair,
    staleTime: Infinity,
  });
}

/** The download link of the current description in one format (the server sends the file). */
export function jdExportHref(jobId: string, format: JdExportFormat): string {
  return `${fillPath(exportJdRoute.path, { id: jobId })}?format=${format}`;
}

/**
 * The jobs with the state of their descriptions, page by page ("Load more"), and the
 * organization's careers page. Read afresh on every visit: saving and publishing happen elsewhere.
 */
export function useJdOverview() {
  const query = useInfiniteQuery({
    queryKey: jdOverviewKey,
    queryFn: ({ pageParam }) => api(listJdRoute, { query: { cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const careersUrl = query.data?.pages[0]?.careersUrl ?? null;
  return { ...query, items, careersUrl };
}
