import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { archiveJobRoute, deleteJobRoute, type Job, type Stage, updateJobRoute, updateJobSchema } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { serverIssues } from '../plans/plan-issues.ts';
import {
  addCustomStage,
  friendlyIssueMessage,
  type JobStatus,
  jobStatusLabels,
  jobStatusOrder,
  memberOptions,
  moveItem,
  type RemotePolicy,
  remotePolicyLabels,
  remotePolicyOrder,
  sameStages,
  sameTeam,
  type TeamDraft,
  teamDraftOf,
  teamEntriesOf,
} from './job-format.ts';
import { JobNotFound } from './job-page.tsx';
import { jobKey, jobQuery, jobsKey, useCanManageJobs, useOrgMembers } from './job-queries.ts';

type UpdateJobBody = z.input<typeof updateJobSchema>;

const stageKindLabels: Record<Stage['kind'], string> = {
  applied: 'Applied',
  interview: 'Interview',
  offer: 'Offer',
  hired: 'Hired',
  rejected: 'Rejected',
  custom: 'Custom',
};

/** A job's details, pipeline stages and hiring team; archive, unarchive or delete it. */
export function JobSettingsPage() {
  const { id = '' } = useParams();
  const job = useQuery(jobQuery(id));
  const canManage = useCanManageJobs();
  const [notice, setNotice] = useState<string | null>(null);
  if (job.isPending) return <Loading label="Loading the job…" />;
  if (job.isError) {
    if (isApiError(job.error) && (job.error.status === 404 || job.error.status === 400)) return <JobNotFound />;
    return <LoadError error={job.error} what="this job" onRetry={() => void job.refetch()} />;
  }
  if (!canManage || job.data.access !== 'manage') {
    return (
      <>
        <PageHeader title={`Settings: ${job.data.title}`} />
        <Alert tone="info">Only owners, admins, recruiters and hiring managers who manage this job can change its settings.</Alert>
        <p>
          <Link to={`/jobs/${job.data.id}`}>Back to the job</Link>
        </p>
      </>
    );
  }
  // Remount the editor whenever the saved job changes so it starts from the server's state.
  return <JobSettings key={job.data.updatedAt} job={job.data} notice={notice} setNotice={setNotice} />;
}

interface Problem {
  message: string;
  issues: { path: string; message: string }[];
}

function problemOf(error: unknown): Problem {
  return { message: toApiError(error).message, issues: serverIssues(error) };
}

function JobSettings({ job, notice, setNotice }: { job: Job; notice: string | null; setNotice: (notice: string | null) => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const members = useOrgMembers();
  const [title, setTitle] = useState(job.title);
  const [location, setLocation] = useState(job.location);
  const [remotePolicy, setRemotePolicy] = useState<RemotePolicy>(job.remotePolicy);
  const [status, setStatus] = useState<JobStatus>(job.status);
  const [stages, setStages] = useState<Stage[]>(job.stages);
  const [newStage, setNewStage] = useState('');
  const [newStageError, setNewStageError] = useState<string | undefined>();
  const [team, setTeam] = useState<TeamDraft>(() => teamDraftOf(job.team));
  const [problem, setProblem] = useState<Problem | null>(null);

  const adopt = (saved: Job) => {
    client.setQueryData(jobKey(saved.id), saved);
    void client.invalidateQueries({ queryKey: jobsKey });
  };

  const save = useMutation({
    mutationFn: (body: UpdateJobBody) => api(updateJobRoute, { params: { id: job.id }, body }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: (saved) => {
      // The editor remounts with the saved job (its key is updatedAt); the notice lives in the page.
      adopt(saved);
      setNotice('Saved.');
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const archive = useMutation({
    mutationFn: (archived: boolean) => api(archiveJobRoute, { params: { id: job.id }, body: { archived } }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: (saved) => {
      adopt(saved);
      setNotice(saved.archived ? 'Archived. The job is closed; its candidates and history stay.' : 'Unarchived.');
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const remove = useMutation({
    mutationFn: () => api(deleteJobRoute, { params: { id: job.id } }),
    onMutate: () => {
      setProblem(null);
      setNotice(null);
    },
    onSuccess: async () => {
      client.removeQueries({ queryKey: jobKey(job.id) });
      await client.invalidateQueries({ queryKey: jobsKey });
      await navigate('/jobs');
    },
    onError: (e) => {
      const p = problemOf(e);
      if (isApiError(e) && e.status === 409 && !/archive/i.test(p.message)) p.message = `${p.message} This job has applications: archive it instead.`;
      setProblem(p);
    },
  });

  const fieldIssue = (field: string) => problem?.issues.find((i) => i.path === field)?.message;
  const stageIssue = (index: number) => problem?.issues.find((i) => i.path.startsWith(`stages.${index}`))?.message;
  const otherIssues = (problem?.issues ?? []).filter((i) => !['title', 'location', 'remotePolicy', 'status'].includes(i.path) && !/^stages\.\d+/.test(i.path));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const entries = teamEntriesOf(team);
    const body: UpdateJobBody = {
      ...(title !== job.title ? { title } : {}),
      ...(location !== job.location ? { location } : {}),
      ...(remotePolicy !== job.remotePolicy ? { remotePolicy } : {}),
      ...(status !== job.status ? { status } : {}),
      ...(sameStages(stages, job.stages) ? {} : { stages }),
      ...(sameTeam(entries, job.team) ? {} : { team: entries }),
    };
    if (Object.keys(body).length === 0) {
      setProblem(null);
      setNotice('Nothing to save: no changes.');
      return;
    }
    const parsed = updateJobSchema.safeParse(body);
    if (!parsed.success) {
      setNotice(null);
      setProblem({
        message: 'Check the highlighted fields.',
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: friendlyIssueMessage(i) })),
      });
      return;
    }
    save.mutate(body);
  };

  const addStage = () => {
    const name = newStage.trim();
    if (!name) {
      setNewStageError('Enter a name for the new stage');
      return;
    }
    if (stages.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      setNewStageError(`There is already a stage “${name}”`);
      return;
    }
    setNewStageError(undefined);
    setStages(addCustomStage(stages, name));
    setNewStage('');
  };

  const onNewStageKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addStage();
    }
  };

  const people = memberOptions(members.data?.items ?? []);
  const rounds = roundsOf(stages, team);

  return (
    <>
      <PageHeader title={`Settings: ${job.title}`} description={<Link to={`/jobs/${job.id}`}>Back to the pipeline</Link>} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {problem ? (
        <Alert tone="error" title={problem.message}>
          {otherIssues.length ? (
            <ul className="issue-list">
              {otherIssues.map((i, n) => (
                <li key={`${i.path}-${n}`}>
                  {i.path === 'stages' ? 'Pipeline stages:' : i.path === 'team' || i.path.startsWith('team.') ? 'Hiring team:' : i.path ? <code>{i.path}</code> : null} {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {members.isError ? <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} /> : null}

      <Form onSubmit={onSubmit} aria-label="Job settings" className="jobs-settings">
        <Card title="Details">
          <div className="form">
            <TextField label="Job title" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldIssue('title')} />
            <TextField label="Location" value={location} onChange={(e) => setLocation(e.target.value)} error={fieldIssue('location')} />
            <SelectField
              label="Remote policy"
              value={remotePolicy}
              onChange={(e) => setRemotePolicy(e.target.value as RemotePolicy)}
              options={remotePolicyOrder.map((p) => ({ value: p, label: remotePolicyLabels[p] }))}
              error={fieldIssue('remotePolicy')}
            />
            <SelectField
              label="Status"
              value={status}
              onChange={(e) => setStatus(e.target.value as JobStatus)}
              options={jobStatusOrder.map((s) => ({ value: s, label: jobStatusLabels[s] }))}
              error={fieldIssue('status')}
            />
          </div>
        </Card>

        <Card title="Pipeline stages">
          <p className="muted">Stages run top to bottom. Stages that hold candidates cannot be removed; move the candidates first.</p>
          <ol className="jobs-stages">
            {stages.map((stage, i) => {
              const fieldId = `stage-${stage.id}`;
              const descId = `${fieldId}-hint`;
              const count = job.counts.byStage[stage.id] ?? 0;
              return (
                <li key={stage.id} className="jobs-stages__item">
                  <TextField
                    id={fieldId}
                    label="Stage name"
                    hint={
                      <>
                        {stageKindLabels[stage.kind]} · stage {i + 1} of {stages.length}
                        {count ? ` · ${count} ${count === 1 ? 'candidate' : 'candidates'}` : ''}
                      </>
                    }
                    value={stage.name}
                    onChange={(e) => setStages(stages.map((s, j) => (j === i ? { ...s, name: e.target.value } : s)))}
                    error={stageIssue(i)}
                  />
                  <div className="jobs-stages__actions">
                    <Button size="sm" variant="secondary" aria-describedby={descId} disabled={i === 0} onClick={() => setStages(moveItem(stages, i, -1))}>
                      Move up
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-describedby={descId}
                      disabled={i === stages.length - 1}
                      onClick={() => setStages(moveItem(stages, i, 1))}
                    >
                      Move down
                    </Button>
                    <Button size="sm" variant="ghost" aria-describedby={descId} onClick={() => setStages(stages.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="form form--inline">
            <TextField label="Name of the new stage" value={newStage} onChange={(e) => setNewStage(e.target.value)} onKeyDown={onNewStageKey} error={newStageError} />
            <FormActions>
              <Button variant="secondary" onClick={addStage}>
                Add stage
              </Button>
            </FormActions>
          </div>
        </Card>

        <Card title="Hiring team">
          {members.isPending ? <Loading label="Loading the members…" /> : null}
          <div className="form">
            <SelectField
              label="Hiring manager"
              value={team.hiringManager}
              onChange={(e) => setTeam({ ...team, hiringManager: e.target.value })}
              options={[{ value: '', label: 'No hiring manager' }, ...people]}
            />
            <CheckboxGroup name="recruiters" legend="Recruiters" inline options={people} value={team.recruiters} onChange={(recruiters) => setTeam({ ...team, recruiters })} />
            {rounds.map((round) => (
              <CheckboxGroup
                key={round.id || 'any'}
                name={`interviewers-${round.id || 'any'}`}
                legend={round.id ? `Interviewers for ${round.name}` : 'Interviewers for any round'}
                inline
                options={people}
                value={team.interviewers[round.id] ?? []}
                onChange={(ids) => setTeam({ ...team, interviewers: { ...team.interviewers, [round.id]: ids } })}
              />
            ))}
          </div>
        </Card>

        <FormActions>
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save job
          </Button>
        </FormActions>
      </Form>

      <section className="section-block jobs-danger" aria-labelledby="archive-title">
        <h2 id="archive-title">Archive or delete</h2>
        <p className="muted">
          Archiving closes the job and hides it from the list; its candidates and history stay. Only a job without applications can be deleted.
        </p>
        <div className="form__actions">
          <Button variant="secondary" busy={archive.isPending} busyLabel={job.archived ? 'Unarchiving…' : 'Archiving…'} onClick={() => archive.mutate(!job.archived)}>
            {job.archived ? 'Unarchive job' : 'Archive job'}
          </Button>
          <Button
            variant="danger"
            busy={remove.isPending}
            busyLabel="Deleting…"
            onClick={() => {
              if (window.confirm(`Delete the job “${job.title}”? This cannot be undone.`)) remove.mutate();
            }}
          >
            Delete job
          </Button>
        </div>
      </section>
    </>
  );
}

/** The interview rounds of the job (interview stages with a plan round), plus "any round" and rounds only the team names. */
function roundsOf(stages: readonly Stage[], team: TeamDraft): { id: string; name: string }[] {
  const rounds: { id: string; name: string }[] = [{ id: '', name: 'any round' }];
  const seen = new Set(['']);
  for (const s of stages) {
    if (s.roundId && !seen.has(s.roundId)) {
      seen.add(s.roundId);
      rounds.push({ id: s.roundId, name: s.name });
    }
  }
  for (const id of Object.keys(team.interviewers)) {
    if (!seen.has(id)) {
      seen.add(id);
      rounds.push({ id, name: `round ${id}` });
    }
  }
  return rounds;
}
