import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type Application, listApplicationsRoute, undoMoveRoute } from '../../../modules/candidates/candidates.contract.ts';
import type { Job } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button, ButtonLink } from '../../components/button.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { AddCandidate } from './add-candidate.tsx';
import { ImportCandidates } from './import-candidates.tsx';
import {
  type ApplicationStatus,
  applicationStatusLabels,
  applicationStatusOrder,
  jobStatusLabels,
  jobStatusTone,
  latestMoveId,
  remotePolicyLabels,
} from './job-format.ts';
import { applicationsKey, jobKey, jobQuery, jobsKey, useCanManageJobs, useRoleTitle } from './job-queries.ts';
import { type MovedApplication, PipelineBoard } from './pipeline-board.tsx';

/** A job: its pipeline as a board or a filtered list, adding and importing candidates. */
export function JobPage() {
  const { id = '' } = useParams();
  const job = useQuery(jobQuery(id));
  if (job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) {
    if (isApiError(job.error) && (job.error.status === 404 || job.error.status === 400)) return <JobNotFound />;
    return <LoadError error={job.error} what="this job" onRetry={() => void job.refetch()} />;
  }
  return <JobView job={job.data} />;
}

export function JobNotFound() {
  return (
    <>
      <PageHeader title="Job not found" />
      <Alert tone="warning" title="This job does not exist or you cannot see it." />
      <p>
        <Link to="/jobs">All jobs</Link>
      </p>
    </>
  );
}

interface LastMove {
  applicationId: string;
  moveId: string;
  candidateName: string;
  text: string;
}

function JobView({ job }: { job: Job }) {
  const client = useQueryClient();
  const roleTitle = useRoleTitle();
  const canManage = useCanManageJobs() && job.access === 'manage';
  const [search, setSearch] = useSearchParams();
  const view = search.get('view') === 'list' ? 'list' : 'board';
  const [lastMove, setLastMove] = useState<LastMove | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Bumped after a move or an undo: the status message takes the focus (the card used has moved). */
  const [focusStatus, setFocusStatus] = useState(0);
  const statusRef = useRef<HTMLDivElement>(null);

  const refresh = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: applicationsKey(job.id) }),
      client.invalidateQueries({ queryKey: jobKey(job.id) }),
      client.invalidateQueries({ queryKey: jobsKey }),
    ]);
  };

  const onMoved = (moved: MovedApplication, before: Application) => {
    const moveId = latestMoveId(moved.history);
    setNotice(null);
    undo.reset();
    setLastMove(
      moveId
        ? {
            applicationId: moved.id,
            moveId,
            candidateName: moved.candidateName,
            text: `Moved ${moved.candidateName} from ${before.stageName} to ${moved.stageName}.`,
          }
        : null,
    );
    if (!moveId) setNotice(`Moved ${moved.candidateName} to ${moved.stageName}.`);
    setFocusStatus((n) => n + 1);
    void refresh();
  };

  const undo = useMutation({
    mutationFn: (m: LastMove) => api(undoMoveRoute, { params: { id: m.applicationId }, body: { moveId: m.moveId } }),
    onSuccess: (restored) => {
      setLastMove(null);
      setNotice(`Undone: ${restored.candidateName} is back in ${restored.stageName}.`);
      setFocusStatus((n) => n + 1);
      void refresh();
    },
  });

  // Once a move or an undo is announced, keyboard users continue from the message (the card they used has moved).
  useEffect(() => {
    if (focusStatus) statusRef.current?.focus();
  }, [focusStatus]);

  const onAdded = () => void refresh();

  const setView = (next: 'board' | 'list') => {
    const params = new URLSearchParams(search);
    if (next === 'list') params.set('view', 'list');
    else params.delete('view');
    setSearch(params, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={job.title}
        description={
          <>
            {roleTitle(job)} · {job.location || 'No location'} · {remotePolicyLabels[job.remotePolicy]}
          </>
        }
        actions={
          <>
            <ButtonLink to={`/jobs/${job.id}/compare`} variant="secondary" size="sm">
              Compare candidates
            </ButtonLink>
            <ButtonLink to={`/jobs/${job.id}/description`} variant="secondary" size="sm">
              Job description
            </ButtonLink>
            {canManage ? (
              <>
                <ButtonLink to={`/jobs/${job.id}/import`} variant="secondary" size="sm">
                  Import history
                </ButtonLink>
                <ButtonLink to={`/jobs/${job.id}/settings`} variant="secondary" size="sm">
                  Job settings
                </ButtonLink>
              </>
            ) : null}
          </>
        }
      />
      <p className="jobs-summary">
        <Badge tone={jobStatusTone(job.status)}>{jobStatusLabels[job.status]}</Badge>
        {job.archived ? <Badge>Archived</Badge> : null}
        <span className="muted">
          {job.counts.active} active of {job.counts.total} {job.counts.total === 1 ? 'candidate' : 'candidates'} · plan{' '}
          {job.planTitle}
        </span>
        <Link to="/jobs">All jobs</Link>
      </p>

      <div ref={statusRef} tabIndex={-1} className="jobs-status">
        {lastMove ? (
          <Alert tone="success">
            <span>{lastMove.text}</span>{' '}
            <Button size="sm" variant="secondary" busy={undo.isPending} busyLabel="Undoing…" onClick={() => undo.mutate(lastMove)}>
              Undo
            </Button>
          </Alert>
        ) : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {undo.isError ? <Alert tone="error">{toApiError(undo.error).message}</Alert> : null}
      </div>

      <section className="section-block" aria-labelledby="pipeline-title">
        <div className="jobs-toolbar">
          <h2 id="pipeline-title">Pipeline</h2>
          <div role="group" aria-label="View" className="jobs-toggle">
            <Button size="sm" variant={view === 'board' ? 'primary' : 'secondary'} aria-pressed={view === 'board'} onClick={() => setView('board')}>
              Board
            </Button>
            <Button size="sm" variant={view === 'list' ? 'primary' : 'secondary'} aria-pressed={view === 'list'} onClick={() => setView('list')}>
              List
            </Button>
          </div>
        </div>
        {view === 'board' ? <BoardView job={job} canManage={canManage} onMoved={onMoved} /> : <ListView job={job} />}
      </section>

      {canManage ? (
        <div className="card-grid jobs-intake">
          <AddCandidate jobId={job.id} onAdded={onAdded} />
          <ImportCandidates jobId={job.id} onImported={onAdded} />
        </div>
      ) : null}
    </>
  );
}

function BoardView({ job, canManage, onMoved }: { job: Job; canManage: boolean; onMoved: (moved: MovedApplication, before: Application) => void }) {
  const apps = usePagedList([...applicationsKey(job.id), 'board'], (cursor) =>
    api(listApplicationsRoute, { params: { id: job.id }, query: { cursor, limit: 200 } }),
  );
  if (apps.isPending) return <Loading label="Loading the candidates…" />;
  if (apps.isError) return <LoadError error={apps.error} what="the candidates" onRetry={() => void apps.refetch()} />;
  return (
    <>
      {apps.items.length === 0 ? <EmptyState>No candidates yet.{canManage ? ' Add one below or import a CSV.' : ''}</EmptyState> : null}
      <PipelineBoard job={job} applications={apps.items} canManage={canManage} onMoved={onMoved} />
      <LoadMore hasMore={!!apps.hasNextPage} isLoading={apps.isFetchingNextPage} onLoadMore={() => void apps.fetchNextPage()} />
    </>
  );
}

function isApplicationStatus(v: string): v is ApplicationStatus {
  return (applicationStatusOrder as readonly string[]).includes(v);
}

function ListView({ job }: { job: Job }) {
  const [stage, setStage] = useState('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setQ(typed.trim()), 300);
    return () => window.clearTimeout(t);
  }, [typed]);

  const filters = { stage: stage || undefined, status: status || undefined, q: q || undefined };
  const apps = usePagedList([...applicationsKey(job.id), 'list', filters], (cursor) =>
    api(listApplicationsRoute, { params: { id: job.id }, query: { cursor, ...filters } }),
  );

  return (
    <>
      <form className="form form--inline jobs-filters" role="search" aria-label="Find candidates" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Stage"
          value={stage}
          onChange={(e) => setStage(e.target.value)}
          options={[{ value: '', label: 'Any stage' }, ...job.stages.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(isApplicationStatus(e.target.value) ? e.target.value : '')}
          options={[{ value: '', label: 'Any status' }, ...applicationStatusOrder.map((s) => ({ value: s, label: applicationStatusLabels[s] }))]}
        />
        <TextField label="Search candidates" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </form>
      {apps.isPending ? <Loading label="Loading the candidates…" /> : null}
      {apps.isError ? <LoadError error={apps.error} what="the candidates" onRetry={() => void apps.refetch()} /> : null}
      {apps.isSuccess && apps.items.length === 0 ? <EmptyState>No candidates match.</EmptyState> : null}
      {apps.items.length ? (
        <Table caption="Candidates of this job" captionHidden>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Email</th>
              <th scope="col">Stage</th>
              <th scope="col">Status</th>
              <th scope="col">Applied</th>
            </tr>
          </thead>
          <tbody>
            {apps.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/candidates/${a.candidateId}`}>{a.candidateName}</Link>
                </th>
                <td>{a.candidateEmail}</td>
                <td>{a.stageName}</td>
                <td>{applicationStatusLabels[a.status]}</td>
                <td>{formatDate(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <LoadMore hasMore={!!apps.hasNextPage} isLoading={apps.isFetchingNextPage} onLoadMore={() => void apps.fetchNextPage()} />
    </>
  );
}
