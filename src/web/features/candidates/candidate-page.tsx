import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Link, useParams } from 'react-router';
import {
  type Application,
  type candidateDetailSchema,
  getApplicationRoute,
  getCandidateRoute,
  updateCandidateRoute,
  uploadResumeRoute,
} from '../../../modules/candidates/candidates.contract.ts';
import { applicationScorecardsRoute } from '../../../modules/feedback/feedback.contract.ts';
import { createInterviewRoute, type Interview, listApplicationInterviewsRoute } from '../../../modules/interviews/interviews.contract.ts';
import { listMembersRoute } from '../../../modules/orgs/orgs.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyServerError, toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { browserTimeZone, formatInterviewTime, isScheduler, scorecardStateLabels } from '../interviews/interview-format.ts';
import { ScorecardReadonly } from '../interviews/scorecard-view.tsx';
import { InterviewActions } from '../scheduling/interview-actions.tsx';
import {
  addMinutesToWallTime,
  formatBytes,
  profileDefaults,
  profileFields,
  profileFormSchema,
  readFileAsBase64,
  renameIssues,
  RESUME_MAX_BYTES,
  resumeAccept,
  type ScheduleErrors,
  type ScheduleValues,
  scheduleBody,
  scheduleFieldOf,
} from './candidate-model.ts';
import { PrivacyCard } from '../privacy/privacy-card.tsx';
import { OutcomesCard } from './outcomes-card.tsx';
import { SelfIdCard } from './self-id-card.tsx';

const candidateKey = (id: string) => ['candidate', id];
const statusLabels: Record<Application['status'], string> = { active: 'Active', rejected: 'Rejected', hired: 'Hired' };
const statusTones = { active: 'info', rejected: 'neutral', hired: 'success' } as const;

/** A candidate: profile, résumé, timeline and one section per application with its interviews and scorecards. */
export function CandidatePage() {
  const { id = '' } = useParams();
  const candidate = useQuery({ queryKey: candidateKey(id), queryFn: () => api(getCandidateRoute, { params: { id } }) });
  if (candidate.isPending) return <Loading label="Loading the candidate…" />;
  if (candidate.isError) {
    const e = candidate.error;
    if (isApiError(e) && [400, 403, 404].includes(e.status)) {
      return (
        <>
          <PageHeader title="Candidate not found" />
          <Alert tone="warning" title="There is no such candidate, or you cannot see them.">
            <p>{e.message}</p>
          </Alert>
          <p>
            See <Link to="/jobs">the jobs</Link> or <Link to="/me/interviews">your interviews</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={e} what="this candidate" onRetry={() => void candidate.refetch()} />;
  }
  return <CandidateView candidate={candidate.data} />;
}

type CandidateDetail = z.infer<typeof candidateDetailSchema>;

function CandidateView({ candidate: c }: { candidate: CandidateDetail }) {
  const session = useSignedInSession();
  const canManage = isScheduler(session.organization?.role);
  const jobOf = (applicationId: string) => c.applications.find((a) => a.id === applicationId)?.jobTitle;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          c.applications.length ? `Candidate for ${c.applications.map((a) => a.jobTitle).join(', ')}.` : 'Candidate without an application yet.'
        }
      />
      <div className="iv-two-col">
        <ProfileSection candidate={c} canEdit={canManage} />
        <ResumeSection candidate={c} canUpload={canManage} />
      </div>
      <SelfIdCard candidateId={c.id} org={session.organization} />
      <PrivacyCard candidateId={c.id} candidateName={c.name} role={session.organization?.role} />

      {c.applications.map((a) => (
        <ApplicationSection key={a.id} application={a} />
      ))}

      <section className="profile-section" aria-labelledby="cand-timeline">
        <h2 id="cand-timeline">Timeline</h2>
        {c.timeline.length === 0 ? (
          <EmptyState>Nothing has happened yet.</EmptyState>
        ) : (
          <ol className="iv-timeline">
            {c.timeline.map((t, i) => (
              <li key={`${t.at}-${i}`}>
                <time dateTime={t.at} className="iv-timeline__at">
                  {formatDateTime(t.at)}
                </time>{' '}
                {t.text}
                {t.actorName ? <span className="muted"> — {t.actorName}</span> : null}
                {c.applications.length > 1 && jobOf(t.applicationId) ? <span className="muted"> ({jobOf(t.applicationId)})</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function ProfileSection({ candidate: c, canEdit }: { candidate: CandidateDetail; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const formId = useId();
  return (
    <section className="card" aria-labelledby="cand-profile">
      <h2 className="card__title" id="cand-profile">
        Profile
      </h2>
      {saved && !editing ? <Alert tone="success">Profile saved.</Alert> : null}
      <dl className="definition-list">
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${c.email}`}>{c.email}</a>
        </dd>
        <dt>Phone</dt>
        <dd>{c.phone ?? '—'}</dd>
        <dt>Links</dt>
        <dd>
          {c.links.length ? (
            <ul className="plain-list">
              {c.links.map((l) => (
                <li key={l}>
                  {/* The API only stores http(s) links; anything else (older data) stays plain text, never an href. */}
                  {/^https?:\/\//i.test(l) ? (
                    <a href={l} target="_blank" rel="noopener noreferrer">
                      {l}
                    </a>
                  ) : (
                    l
                  )}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </dd>
        <dt>Source</dt>
        <dd>{c.source ?? '—'}</dd>
        <dt>Notes</dt>
        <dd className="iv-prewrap">{c.notes ?? '—'}</dd>
        <dt>Added</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
      </dl>
      {canEdit ? (
        <div className="card__footer">
          {editing ? null : (
            <Button
              variant="secondary"
              size="sm"
              aria-controls={formId}
              aria-expanded={false}
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit profile
            </Button>
          )}
          {editing ? (
            <div id={formId}>
              <ProfileForm
                candidate={c}
                onDone={(didSave) => {
                  setEditing(false);
                  setSaved(didSave);
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ProfileForm({ candidate: c, onDone }: { candidate: CandidateDetail; onDone: (saved: boolean) => void }) {
  const client = useQueryClient();
  const form = useForm({ resolver: zodResolver(profileFormSchema), defaultValues: profileDefaults(c) });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const next = await api(updateCandidateRoute, { params: { id: c.id }, body });
      client.setQueryData(candidateKey(c.id), next);
      onDone(true);
    } catch (e) {
      applyServerError(
        form.setError,
        renameIssues(toApiError(e), (p) => (p.startsWith('links.') ? 'links' : p)),
        profileFields,
      );
    }
  });
  return (
    <Form onSubmit={(e) => void onSubmit(e)} aria-label="Edit profile">
      <h3>Edit profile</h3>
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <TextField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register('email')} />
      <TextField label="Phone" type="tel" autoComplete="off" error={errors.phone?.message} {...form.register('phone')} />
      <TextAreaField label="Links" hint="One http(s) link per line, at most 10." rows={3} error={errors.links?.message} {...form.register('links')} />
      <TextField label="Source" hint="Where the candidate came from: referral, agency, website…" error={errors.source?.message} {...form.register('source')} />
      <TextAreaField label="Notes" rows={4} error={errors.notes?.message} {...form.register('notes')} />
      <FormActions>
        <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
          Save profile
        </Button>
        <Button variant="secondary" onClick={() => onDone(false)}>
          Cancel
        </Button>
      </FormActions>
    </Form>
  );
}

function ResumeSection({ candidate: c, canUpload }: { candidate: CandidateDetail; canUpload: boolean }) {
  const client = useQueryClient();
  const inputId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const errorId = `${inputId}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    if (!file) {
      setProblem('Choose a PDF, DOCX or TXT file first.');
      inputRef.current?.focus();
      return;
    }
    if (file.size > RESUME_MAX_BYTES) {
      setProblem(`${file.name} is ${formatBytes(file.size)}; a résumé can be at most 5 MB.`);
      return;
    }
    setBusy(true);
    try {
      const dataBase64 = await readFileAsBase64(file);
      const next = await api(uploadResumeRoute, { params: { id: c.id }, body: { fileName: file.name, contentType: file.type || null, dataBase64 } });
      client.setQueryData(candidateKey(c.id), next);
      setDone(`Uploaded ${file.name}.`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
    } catch (err) {
      // The server's own words: unsupported type, unreadable or protected file, too large.
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="cand-resume">
      <h2 className="card__title" id="cand-resume">
        Résumé
      </h2>
      {c.resume ? (
        <p>
          <a href={`/api/v1/candidates/${encodeURIComponent(c.id)}/resume`} download>
            Download résumé
          </a>{' '}
          <span className="muted">
            {c.resume.name} · {formatBytes(c.resume.size)}
            {c.resume.textLength ? ` · ${c.resume.textLength.toLocaleString()} characters of searchable text` : ' · no searchable text found'}
          </span>
        </p>
      ) : (
        <p className="muted">No résumé on file.</p>
      )}
      {canUpload ? (
        <Form onSubmit={(e) => void onSubmit(e)} aria-label="Upload résumé">
          {done ? <Alert tone="success">{done}</Alert> : null}
          <div className="field">
            <label className="field__label" htmlFor={inputId}>
              Résumé file
            </label>
            <p className="field__hint" id={`${inputId}-hint`}>
              PDF, DOCX or TXT, at most 5 MB. {c.resume ? 'Replaces the current one.' : ''}
            </p>
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              accept={resumeAccept}
              className="field__control"
              aria-invalid={problem ? true : undefined}
              aria-describedby={[`${inputId}-hint`, problem ? errorId : ''].filter(Boolean).join(' ')}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setProblem(null);
                setDone(null);
              }}
            />
            {problem ? (
              <p className="field__error" id={errorId} role="alert">
                {problem}
              </p>
            ) : null}
          </div>
          <FormActions>
            <Button type="submit" variant="secondary" busy={busy} busyLabel="Uploading…">
              Upload résumé
            </Button>
          </FormActions>
        </Form>
      ) : null}
    </section>
  );
}

function ApplicationSection({ application: a }: { application: Application }) {
  const session = useSignedInSession();
  const headingId = useId();
  const detail = useQuery({ queryKey: ['application', a.id], queryFn: () => api(getApplicationRoute, { params: { id: a.id } }), retry: false });
  const interviews = useQuery({
    queryKey: ['application-interviews', a.id],
    queryFn: () => api(listApplicationInterviewsRoute, { params: { id: a.id } }),
  });
  const scorecards = useQuery({
    queryKey: ['application-scorecards', a.id],
    queryFn: () => api(applicationScorecardsRoute, { params: { id: a.id } }),
  });
  const canSchedule = !!detail.data?.canManage && isScheduler(session.organization?.role);

  return (
    <section className="profile-section iv-application" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/jobs/${a.jobId}`}>{a.jobTitle}</Link>
      </h2>
      <dl className="definition-list">
        <dt>Stage</dt>
        <dd>{a.stageName}</dd>
        <dt>Status</dt>
        <dd>
          <Badge tone={statusTones[a.status]}>{statusLabels[a.status]}</Badge>
          {a.rejectionReason ? <span className="muted"> {a.rejectionReason.replaceAll('_', ' ')}</span> : null}
        </dd>
        <dt>Applied</dt>
        <dd>{formatDateTime(a.createdAt)}</dd>
      </dl>
      <p className="iv-links">
        <Link to={`/applications/${a.id}/debrief`}>Open debrief</Link>
        {canSchedule ? <Link to={`/applications/${a.id}/schedule`}>Schedule loop</Link> : null}
      </p>

      <h3>Interviews</h3>
      {interviews.isPending ? <Loading label="Loading the interviews…" /> : null}
      {interviews.isError ? <LoadError error={interviews.error} what="the interviews" onRetry={() => void interviews.refetch()} /> : null}
      {interviews.isSuccess && interviews.data.items.length === 0 ? <EmptyState>No interviews yet.</EmptyState> : null}
      {interviews.data?.items.length ? (
        <ul className="item-list iv-interviews">
          {interviews.data.items.map((i) => (
            <InterviewItem key={i.id} interview={i} me={session.user.id} canManage={canSchedule} />
          ))}
        </ul>
      ) : null}

      {canSchedule && detail.data ? (
        <ScheduleForm applicationId={a.id} candidateId={a.candidateId} stages={detail.data.stages} />
      ) : null}

      <h3>Scorecards</h3>
      {scorecards.isPending ? <Loading label="Loading the scorecards…" /> : null}
      {scorecards.isError ? <LoadError error={scorecards.error} what="the scorecards" onRetry={() => void scorecards.refetch()} /> : null}
      {scorecards.isSuccess && scorecards.data.items.length === 0 ? <EmptyState>No scorecards yet.</EmptyState> : null}
      {scorecards.data?.items.length ? (
        <>
          {scorecards.data.canSeeFeedback ? null : (
            <p className="muted">Others' feedback opens once you submit your own scorecard for this candidate.</p>
          )}
          <ul className="item-list">
            {scorecards.data.items.map((s) => (
              <li key={s.id}>
                <ScorecardReadonly card={s} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {a.status === 'hired' && detail.data?.canManage ? <OutcomesCard applicationId={a.id} /> : null}
    </section>
  );
}

function InterviewItem({ interview: i, me, canManage }: { interview: Interview; me: string; canManage: boolean }) {
  const onIt = i.interviewers.some((p) => p.userId === me);
  const shadowing = i.shadows.some((p) => p.userId === me);
  return (
    <li className="iv-interview">
      <p className="iv-interview__head">
        <strong>{i.roundName}</strong> · {formatInterviewTime(i.startsAt, i.endsAt, i.timeZone)}
        {i.location ? <span className="muted"> · {i.location}</span> : null}{' '}
        {i.status === 'cancelled' ? <Badge tone="warning">Cancelled</Badge> : null}
      </p>
      <ul className="plain-list iv-interviewers">
        {i.interviewers.map((p) => (
          <li key={p.userId}>
            {p.name}:{' '}
            <Badge tone={p.scorecard === 'submitted' ? 'success' : p.scorecard === 'draft' ? 'warning' : 'neutral'}>{scorecardStateLabels[p.scorecard]}</Badge>
          </li>
        ))}
        {i.shadows.map((p) => (
          <li key={p.userId}>
            {p.name}: <Badge tone="neutral">shadow</Badge>
          </li>
        ))}
      </ul>
      {onIt && i.status === 'scheduled' ? (
        <p className="iv-links">
          <Link to={`/interviews/${i.id}/kit`}>Interview kit</Link>
          <Link to={`/interviews/${i.id}/scorecard`}>Open scorecard</Link>
        </p>
      ) : shadowing && i.status === 'scheduled' ? (
        <p className="iv-links">
          <Link to={`/interviews/${i.id}/kit`}>Interview kit</Link>
        </p>
      ) : null}
      {canManage ? <InterviewActions interview={i} /> : null}
    </li>
  );
}

function ScheduleForm({
  applicationId,
  candidateId,
  stages,
}: {
  applicationId: string;
  candidateId: string;
  stages: { id: string; name: string; kind: string; roundId: string | null }[];
}) {
  const client = useQueryClient();
  const rounds = stages.filter((s): s is typeof s & { roundId: string } => s.kind === 'interview' && !!s.roundId);
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => api(listMembersRoute, { query: { limit: 200 } }), staleTime: 60_000 });
  const empty = (): ScheduleValues => ({ roundId: rounds[0]?.roundId ?? '', interviewerIds: [], startsAt: '', endsAt: '', timeZone: browserTimeZone(), location: '' });
  const [values, setValues] = useState<ScheduleValues>(empty);
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const set = <K extends keyof ScheduleValues>(key: K, value: ScheduleValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setAdded(null);
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setAdded(null);
    const result = scheduleBody(values);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await api(createInterviewRoute, { params: { id: applicationId }, body: result.body });
      setAdded(`Added ${created.roundName} on ${formatInterviewTime(created.startsAt, created.endsAt, created.timeZone)}.`);
      setValues((v) => ({ ...empty(), roundId: v.roundId, timeZone: v.timeZone, location: v.location }));
      await Promise.all([
        client.invalidateQueries({ queryKey: ['application-interviews', applicationId] }),
        client.invalidateQueries({ queryKey: candidateKey(candidateId) }),
        client.invalidateQueries({ queryKey: ['my-interviews'] }),
      ]);
    } catch (err) {
      const apiError = toApiError(err);
      const fieldErrors: ScheduleErrors = {};
      const other: string[] = [];
      for (const [path, message] of Object.entries(apiError.issues)) {
        const field = scheduleFieldOf(path);
        if (field && !fieldErrors[field]) fieldErrors[field] = message;
        else if (!field) other.push(message);
      }
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0 || other.length) setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="iv-schedule">
      <h3 id={titleId}>Schedule interview</h3>
      {rounds.length === 0 ? (
        <p className="muted">This job's pipeline has no interview stages tied to a plan round.</p>
      ) : (
        <Form onSubmit={(e) => void onSubmit(e)} aria-labelledby={titleId}>
          {added ? <Alert tone="success">{added}</Alert> : null}
          <FormAlert message={problem ?? undefined} />
          <SelectField
            label="Round"
            value={values.roundId}
            error={errors.roundId}
            options={rounds.map((r) => ({ value: r.roundId, label: r.name }))}
            onChange={(e) => set('roundId', e.target.value)}
          />
          {members.isPending ? <Loading label="Loading the members…" /> : null}
          {members.isError ? <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} /> : null}
          {members.isSuccess ? (
            <CheckboxGroup
              legend="Interviewers"
              name={`interviewers-${applicationId}`}
              error={errors.interviewerIds}
              options={members.data.items.map((m) => ({ value: m.userId, label: m.name }))}
              value={values.interviewerIds}
              onChange={(next) => set('interviewerIds', next)}
            />
          ) : null}
          <div className="iv-schedule__times">
            <TextField
              label="Starts"
              type="datetime-local"
              value={values.startsAt}
              error={errors.startsAt}
              onChange={(e) => {
                const startsAt = e.target.value;
                setValues((v) => ({ ...v, startsAt, endsAt: v.endsAt || addMinutesToWallTime(startsAt, 60) }));
                setAdded(null);
                setErrors((x) => ({ ...x, startsAt: undefined }));
              }}
            />
            <TextField label="Ends" type="datetime-local" value={values.endsAt} error={errors.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
            <TextField
              label="Time zone"
              hint="An IANA time zone; the times above are read in it."
              value={values.timeZone}
              error={errors.timeZone}
              spellCheck={false}
              autoCapitalize="none"
              onChange={(e) => set('timeZone', e.target.value)}
            />
          </div>
          <TextField label="Location" hint="A room, an address or a video link." value={values.location} error={errors.location} maxLength={500} onChange={(e) => set('location', e.target.value)} />
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Adding…">
              Add interview
            </Button>
          </FormActions>
        </Form>
      )}
    </div>
  );
}
