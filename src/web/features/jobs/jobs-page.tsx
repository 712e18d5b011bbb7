import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listJobsRoute } from '../../../modules/openings/openings.contract.ts';
import { ButtonLink } from '../../components/button.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { usePagedList } from '../../lib/paging.ts';
import { type JobStatus, jobStatusLabels, jobStatusOrder, jobStatusTone, remotePolicyLabels } from './job-format.ts';
import { jobsKey, useCanManageJobs, useRoleTitle } from './job-queries.ts';

function isJobStatus(v: string | null): v is JobStatus {
  return !!v && (jobStatusOrder as readonly string[]).includes(v);
}

/**
 * The jobs to list. The list route answers either the current jobs or the archived ones; with
 * "Include archived" the archived ones follow once every current job is loaded.
 */
function useJobList(status: JobStatus | undefined, includeArchived: boolean) {
  const current = usePagedList([...jobsKey, { status, archived: false }], (cursor) => api(listJobsRoute, { query: { cursor, status, archived: 'false' } }));
  const withArchived = includeArchived && current.isSuccess && !current.hasNextPage;
  const archived = usePagedList(
    [...jobsKey, { status, archived: true }],
    (cursor) => api(listJobsRoute, { query: { cursor, status, archived: 'true' } }),
    withArchived,
  );
  return {
    items: withArchived ? [...current.items, ...archived.items] : current.items,
    isPending: current.isPending || (withArchived && archived.isPending),
    isSuccess: current.isSuccess && (!withArchived || archived.isSuccess),
    error: current.error ?? (withArchived ? archived.error : null),
    refetch: () => Promise.all([current.refetch(), withArchived ? archived.refetch() : null]),
    hasNextPage: !!current.hasNextPage || (withArchived && !!archived.hasNextPage),
    isFetchingNextPage: current.isFetchingNextPage || archived.isFetchingNextPage,
    fetchNextPage: () => (current.hasNextPage ? current.fetchNextPage() : archived.fetchNextPage()),
  };
}

/** The jobs the member can see, filtered by status; archived ones on request. Filters live in the URL. */
export function JobsPage() {
  const canManage = useCanManageJobs();
  const [search, setSearch] = useSearchParams();
  // Filters are local state (a controlled checkbox must change at once) mirrored into the URL.
  const [status, setStatus] = useState<JobStatus | undefined>(() => {
    const raw = search.get('status');
    return isJobStatus(raw) ? raw : undefined;
  });
  const [includeArchived, setIncludeArchived] = useState(() => search.get('archived') === 'true');
  const archivedId = useId();
  const roleTitle = useRoleTitle();

  const jobs = useJobList(status, includeArchived);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const changeStatus = (value: string) => {
    setStatus(isJobStatus(value) ? value : undefined);
    setParam('status', isJobStatus(value) ? value : null);
  };
  const changeArchived = (checked: boolean) => {
    setIncludeArchived(checked);
    setParam('archived', checked ? 'true' : null);
  };

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Open searches, their pipelines and hiring teams."
        actions={canManage ? <ButtonLink to="/jobs/new">New job</ButtonLink> : null}
      />
      <form className="form form--inline jobs-filters" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          value={status ?? ''}
          onChange={(e) => changeStatus(e.target.value)}
          options={[{ value: '', label: 'Any status' }, ...jobStatusOrder.map((s) => ({ value: s, label: jobStatusLabels[s] }))]}
        />
        <div className="field jobs-filters__check">
          <label className="choice" htmlFor={archivedId}>
            <input id={archivedId} type="checkbox" checked={includeArchived} onChange={(e) => changeArchived(e.target.checked)} />
            <span className="choice__label">Include archived</span>
          </label>
        </div>
      </form>

      {jobs.isPending ? <Loading label="Loading the jobs…" /> : null}
      {jobs.error ? <LoadError error={jobs.error} what="the jobs" onRetry={() => void jobs.refetch()} /> : null}
      {jobs.isSuccess && jobs.items.length === 0 ? (
        <EmptyState>
          {status || includeArchived ? 'No jobs match these filters.' : 'No jobs yet.'}{' '}
          {canManage ? (
            <>
              <Link to="/jobs/new">Open a job</Link> for a role from the library or one of your role profiles.
            </>
          ) : null}
        </EmptyState>
      ) : null}
      {jobs.items.length ? (
        <Table caption="Jobs" captionHidden>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Active candidates</th>
              <th scope="col">Location</th>
            </tr>
          </thead>
          <tbody>
            {jobs.items.map((job) => (
              <tr key={job.id}>
                <th scope="row">
                  <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                </th>
                <td>{roleTitle(job)}</td>
                <td>
                  <Badge tone={jobStatusTone(job.status)}>{jobStatusLabels[job.status]}</Badge>
                  {job.archived ? (
                    <>
                      {' '}
                      <Badge>Archived</Badge>
                    </>
                  ) : null}
                </td>
                <td>{job.counts.active}</td>
                <td>
                  {job.location || '—'} <span className="muted">({remotePolicyLabels[job.remotePolicy]})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <LoadMore hasMore={!!jobs.hasNextPage} isLoading={jobs.isFetchingNextPage} onLoadMore={() => void jobs.fetchNextPage()} />
    </>
  );
}
