import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { type applicationDetailSchema, getApplicationRoute } from '../../../modules/candidates/candidates.contract.ts';
import {
  bookScheduleRoute,
  createAvailabilityLinkRoute,
  getCandidateAvailabilityRoute,
  saveCandidateAvailabilityRoute,
  searchSchedulesRoute,
  type searchResultSchema,
} from '../../../modules/scheduling/scheduling.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { isScheduler } from '../interviews/interview-format.ts';
import { CopyField } from './copy-field.tsx';
import {
  browserZone,
  describeRound,
  emptyErrors,
  formatSpan,
  layoutTimeline,
  nextDate,
  type RoundDraft,
  rowsFromWindows,
  searchBody,
  type SearchErrors,
  searchIssues,
  type SearchOptions,
  todayLocal,
  type WindowRow,
  type WindowRowErrors,
  windowIssueTarget,
  windowsFromRows,
} from './scheduling-model.ts';
import { candidateAvailabilityKey, membersQuery, poolsQuery } from './scheduling-queries.ts';
import { TimeZoneField } from './time-zone-field.tsx';
import { WindowRowsEditor } from './window-rows.tsx';

type ApplicationDetail = z.infer<typeof applicationDetailSchema>;
type SearchResult = z.infer<typeof searchResultSchema>;
type Schedule = SearchResult['schedules'][number];

/** Scheduling a candidate's interview loop: their availability, the rounds to staff, proposed schedules and booking one. */
export function SchedulePage() {
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const detail = useQuery({ queryKey: ['application', id], queryFn: () => api(getApplicationRoute, { params: { id } }), retry: false });
  if (detail.isPending) return <Loading label="Loading the application…" />;
  if (detail.isError) {
    const e = detail.error;
    if (isApiError(e) && [400, 403, 404].includes(e.status)) {
      return (
        <>
          <PageHeader title="Application not found" />
          <Alert tone="warning" title="There is no such application, or you cannot see it.">
            <p>{e.message}</p>
          </Alert>
          <p>
            See <Link to="/jobs">the jobs</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={e} what="this application" onRetry={() => void detail.refetch()} />;
  }
  const a = detail.data;
  if (!a.canManage || !isScheduler(session.organization?.role)) {
    return (
      <>
        <PageHeader title={`Schedule: ${a.candidateName}`} />
        <Alert tone="warning" title="Only recruiters and managers of this job's hiring team can schedule its interviews.">
          <p>
            Back to <Link to={`/candidates/${a.candidateId}`}>{a.candidateName}</Link>.
          </p>
        </Alert>
      </>
    );
  }
  return <ScheduleView application={a} />;
}

function ScheduleView({ application: a }: { application: ApplicationDetail }) {
  return (
    <>
      <PageHeader
        title={`Schedule: ${a.candidateName}`}
        description={
          <>
            Interview loop for {a.jobTitle} · <Link to={`/candidates/${a.candidateId}`}>{a.candidateName}</Link>
          </>
        }
      />
      <CandidateAvailabilitySection applicationId={a.id} />
      <LoopSection application={a} />
    </>
  );
}

// ---------- Candidate availability ----------

function CandidateAvailabilitySection({ applicationId }: { applicationId: string }) {
  const availability = useQuery({
    queryKey: candidateAvailabilityKey(applicationId),
    queryFn: () => api(getCandidateAvailabilityRoute, { params: { id: applicationId } }),
  });
  return (
    <section className="section-block" aria-labelledby="sch-candidate">
      <h2 id="sch-candidate">Candidate availability</h2>
      {availability.isPending ? <Loading label="Loading the candidate's availability…" /> : null}
      {availability.isError ? <LoadError error={availability.error} what="the candidate's availability" onRetry={() => void availability.refetch()} /> : null}
      {availability.isSuccess ? (
        <>
          <WindowList windows={availability.data.windows} />
          <WindowsEditor applicationId={applicationId} windows={availability.data.windows} />
          <LinkCard applicationId={applicationId} links={availability.data.links} />
        </>
      ) : null}
    </section>
  );
}

type CandidateWindow = { id: string; startsAt: string; endsAt: string; timeZone: string; source: 'recruiter' | 'candidate' };

function WindowList({ windows }: { windows: CandidateWindow[] }) {
  const sorted = [...windows].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt));
  if (sorted.length === 0) {
    return <EmptyState>No availability yet: enter the candidate's times below or send them a link. Without any, schedules are searched in working hours only.</EmptyState>;
  }
  return (
    <ul className="plain-list sch-window-list" aria-label="Availability windows">
      {sorted.map((w) => (
        <li key={w.id}>
          {formatSpan(w.startsAt, w.endsAt, w.timeZone)} <span className="muted">({w.timeZone})</span>{' '}
          <Badge tone={w.source === 'candidate' ? 'success' : 'neutral'}>{w.source === 'candidate' ? 'From the candidate' : 'Entered by the team'}</Badge>
        </li>
      ))}
    </ul>
  );
}

function WindowsEditor({ applicationId, windows }: { applicationId: string; windows: CandidateWindow[] }) {
  const client = useQueryClient();
  const titleId = useId();
  const own = windows.filter((w) => w.source === 'recruiter');
  const initialZone = own[0]?.timeZone ?? windows[0]?.timeZone ?? browserZone();
  const nextKey = useRef(own.length + 2);
  const [zone, setZone] = useState(initialZone);
  const [rows, setRows] = useState<WindowRow[]>(() => {
    const existing = rowsFromWindows(own, initialZone);
    return existing.length ? existing : [{ key: 1, date: '', from: '', to: '' }];
  });
  const [rowErrors, setRowErrors] = useState<WindowRowErrors>({});
  const [zoneError, setZoneError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(null);
    const r = windowsFromRows(rows, zone);
    setRowErrors(r.errors);
    setZoneError(r.zoneError);
    if (r.zoneError || Object.keys(r.errors).length) return;
    setBusy(true);
    try {
      const next = await api(saveCandidateAvailabilityRoute, { params: { id: applicationId }, body: { timeZone: zone.trim(), windows: r.windows } });
      client.setQueryData(candidateAvailabilityKey(applicationId), next);
      setSaved(r.windows.length ? `Saved ${r.windows.length} availability ${r.windows.length === 1 ? 'window' : 'windows'}.` : 'Removed the windows entered by the team.');
    } catch (err) {
      const apiError = toApiError(err);
      const placed: WindowRowErrors = {};
      let unplaced = Object.keys(apiError.issues).length === 0;
      for (const [path, message] of Object.entries(apiError.issues)) {
        const p = path.replace(/^body\./, '');
        const target = windowIssueTarget(p, r.keys);
        if (target) placed[target.key] = { ...placed[target.key], [target.field]: message };
        else if (p === 'timeZone') setZoneError(message);
        else unplaced = true;
      }
      setRowErrors(placed);
      if (unplaced) setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h3 className="card__title" id={titleId}>
        Enter availability
      </h3>
      <Form onSubmit={(e) => void onSubmit(e)} aria-labelledby={titleId}>
        <p className="field__hint">Times the candidate gave you by phone or email. Saving replaces the windows entered by the team; the candidate's own stay.</p>
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        <FormAlert message={problem ?? undefined} />
        <TimeZoneField
          label="Candidate time zone"
          value={zone}
          error={zoneError}
          onChange={(e) => {
            setZone(e.target.value);
            setZoneError(undefined);
            setSaved(null);
          }}
        />
        <WindowRowsEditor
          rows={rows}
          errors={rowErrors}
          rowLabel={(i) => `Window ${i + 1}`}
          addLabel="Add another window"
          onAdd={() => setRows((rs) => [...rs, { key: nextKey.current++, date: rs.at(-1)?.date ?? '', from: '', to: '' }])}
          onChange={(next, key) => {
            setRows(next);
            setSaved(null);
            if (rowErrors[key]) setRowErrors((x) => ({ ...x, [key]: {} }));
          }}
        />
        <FormActions>
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save availability windows
          </Button>
        </FormActions>
      </Form>
    </div>
  );
}

function LinkCard({ applicationId, links }: { applicationId: string; links: { id: string; expiresAt: string; usedAt: string | null; createdAt: string }[] }) {
  const client = useQueryClient();
  const titleId = useId();
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const r = await api(createAvailabilityLinkRoute, { params: { id: applicationId } });
      setCreated(r);
      await client.invalidateQueries({ queryKey: candidateAvailabilityKey(applicationId) });
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const sorted = [...links].sort((x, y) => Date.parse(y.createdAt) - Date.parse(x.createdAt));
  return (
    <div className="card">
      <h3 className="card__title" id={titleId}>
        Ask the candidate
      </h3>
      <p>A link where the candidate enters their availability themselves, without an account. It works once, for seven days.</p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {created ? (
        <CopyField key={created.url} label="Availability link" value={created.url} hint={`Send this to the candidate. It expires on ${formatDate(created.expiresAt)}.`} />
      ) : null}
      <Button variant="secondary" busy={busy} busyLabel="Creating…" onClick={() => void send()}>
        Send availability link
      </Button>
      {sorted.length ? (
        <>
          <p className="iv-label">Links sent</p>
          <ul className="plain-list">
            {sorted.map((l) => (
              <li key={l.id}>
                {formatDateTime(l.createdAt)}:{' '}
                {l.usedAt ? (
                  <Badge tone="success">Answered {formatDateTime(l.usedAt)}</Badge>
                ) : Date.parse(l.expiresAt) < Date.now() ? (
                  <Badge>Expired</Badge>
                ) : (
                  <Badge tone="info">Waiting until {formatDate(l.expiresAt)}</Badge>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

// ---------- Rounds, search and booking ----------

type Stage = ApplicationDetail['stages'][number];

function interviewRounds(stages: Stage[]): { roundId: string; name: string }[] {
  const seen = new Set<string>();
  const out: { roundId: string; name: string }[] = [];
  for (const s of stages) {
    if (s.kind !== 'interview' || !s.roundId || seen.has(s.roundId)) continue;
    seen.add(s.roundId);
    out.push({ roundId: s.roundId, name: s.name });
  }
  return out;
}

interface Booked {
  count: number;
  interviews: { id: string; roundName: string }[];
}

function LoopSection({ application: a }: { application: ApplicationDetail }) {
  const client = useQueryClient();
  const rounds = interviewRounds(a.stages);
  const members = useQuery(membersQuery);
  const pools = useQuery(poolsQuery);
  const [drafts, setDrafts] = useState<RoundDraft[]>(() =>
    rounds.map((r) => ({ roundId: r.roundId, name: r.name, include: true, interviewerIds: [], poolId: '', count: '1', withShadows: false })),
  );
  const [options, setOptions] = useState<SearchOptions>(() => ({
    start: nextDate(todayLocal()),
    days: '10',
    sameDay: true,
    minGap: '0',
    maxGap: '60',
    anyOrder: false,
  }));
  const [errors, setErrors] = useState<SearchErrors>(emptyErrors);
  const [problem, setProblem] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [location, setLocation] = useState('');
  const [locationError, setLocationError] = useState<string | undefined>();
  const [bookProblem, setBookProblem] = useState<string | null>(null);
  const [booking, setBooking] = useState<number | null>(null);
  const [booked, setBooked] = useState<Booked | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const bookedRef = useRef<HTMLDivElement>(null);
  const [focusResults, setFocusResults] = useState(0);
  const [focusBooked, setFocusBooked] = useState(0);
  useEffect(() => {
    if (focusResults) resultsRef.current?.focus();
  }, [focusResults]);
  useEffect(() => {
    if (focusBooked) bookedRef.current?.focus();
  }, [focusBooked]);

  const setDraft = (roundId: string, patch: Partial<RoundDraft>) => {
    setDrafts((ds) => ds.map((d) => (d.roundId === roundId ? { ...d, ...patch } : d)));
    if (errors.rounds[roundId] || errors.fields.rounds) {
      setErrors((e) => {
        const { [roundId]: _gone, ...rest } = e.rounds;
        const { rounds: _r, ...fields } = e.fields;
        return { fields, rounds: rest };
      });
    }
  };
  const setOption = <K extends keyof SearchOptions>(key: K, value: SearchOptions[K], field?: keyof SearchErrors['fields']) => {
    setOptions((o) => ({ ...o, [key]: value }));
    if (field && errors.fields[field]) setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
  };

  const onSearch = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setBookProblem(null);
    setBooked(null);
    const built = searchBody(drafts, options);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors(emptyErrors());
    setSearching(true);
    try {
      const r = await api(searchSchedulesRoute, { params: { id: a.id }, body: built.body });
      setResult(r);
      setFocusResults((n) => n + 1);
    } catch (err) {
      const apiError = toApiError(err);
      const placed = searchIssues(apiError.issues, built.roundIds);
      setErrors(placed.errors);
      if (placed.unplaced.length || Object.keys(apiError.issues).length === 0) setProblem(apiError.message);
    } finally {
      setSearching(false);
    }
  };

  const onBook = async (s: Schedule, index: number) => {
    if (!result) return;
    setBookProblem(null);
    setLocationError(undefined);
    if (location.trim().length > 500) {
      setLocationError('Use at most 500 characters');
      return;
    }
    setBooking(index);
    try {
      const r = await api(bookScheduleRoute, {
        params: { id: a.id },
        body: {
          rounds: s.rounds.map((x) => ({
            roundId: x.roundId,
            startsAt: x.startsAt,
            endsAt: x.endsAt,
            interviewerIds: x.interviewers.map((p) => p.userId),
            shadowIds: x.shadows.map((p) => p.userId),
          })),
          timeZone: result.timeZone,
          location: location.trim(),
        },
      });
      setBooked({ count: r.interviewIds.length, interviews: r.interviewIds.map((id, i) => ({ id, roundName: s.rounds[i]?.roundName ?? `Interview ${i + 1}` })) });
      setResult(null);
      setFocusBooked((n) => n + 1);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['application-interviews', a.id] }),
        client.invalidateQueries({ queryKey: ['candidate', a.candidateId] }),
        client.invalidateQueries({ queryKey: ['my-interviews'] }),
      ]);
    } catch (err) {
      const apiError = toApiError(err);
      const locationIssue = Object.entries(apiError.issues).find(([p]) => p.replace(/^body\./, '') === 'location');
      if (locationIssue) setLocationError(locationIssue[1]);
      else setBookProblem(apiError.status === 409 ? `${apiError.message} Find schedules again to see what is free now.` : apiError.message);
    } finally {
      setBooking(null);
    }
  };

  const poolOptions = [{ value: '', label: 'No pool' }, ...(pools.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))];

  return (
    <>
      <section className="section-block" aria-labelledby="sch-rounds">
        <h2 id="sch-rounds">Rounds</h2>
        {rounds.length === 0 ? (
          <EmptyState>This job's pipeline has no interview stages tied to a plan round.</EmptyState>
        ) : (
          <Form onSubmit={(e) => void onSearch(e)} aria-labelledby="sch-rounds">
            <FormAlert message={problem ?? undefined} />
            {errors.fields.rounds ? <Alert tone="error">{errors.fields.rounds}</Alert> : null}
            {members.isError ? <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} /> : null}
            {pools.isError ? <LoadError error={pools.error} what="the pools" onRetry={() => void pools.refetch()} /> : null}
            {members.isPending || pools.isPending ? <Loading label="Loading the interviewers…" /> : null}
            {drafts.map((d) => (
              <RoundFieldset
                key={d.roundId}
                draft={d}
                error={errors.rounds[d.roundId]}
                members={members.data?.items ?? []}
                poolOptions={poolOptions}
                onChange={(patch) => setDraft(d.roundId, patch)}
              />
            ))}
            <fieldset className="sch-fieldset">
              <legend className="choice-group__legend">Search options</legend>
              <div className="sch-grid">
                <TextField label="Start date" type="date" value={options.start} error={errors.fields.start} onChange={(e) => setOption('start', e.target.value, 'start')} />
                <TextField
                  label="Days to search"
                  type="number"
                  min={1}
                  max={42}
                  inputMode="numeric"
                  value={options.days}
                  error={errors.fields.days}
                  onChange={(e) => setOption('days', e.target.value, 'days')}
                />
                <TextField
                  label="Minimum gap (minutes)"
                  type="number"
                  min={0}
                  max={240}
                  inputMode="numeric"
                  value={options.minGap}
                  error={errors.fields.minGap}
                  onChange={(e) => setOption('minGap', e.target.value, 'minGap')}
                />
                <TextField
                  label="Maximum gap (minutes)"
                  type="number"
                  min={0}
                  max={480}
                  inputMode="numeric"
                  value={options.maxGap}
                  error={errors.fields.maxGap}
                  onChange={(e) => setOption('maxGap', e.target.value, 'maxGap')}
                />
              </div>
              <div className="sch-checks">
                <label className="choice">
                  <input type="checkbox" checked={options.sameDay} onChange={(e) => setOption('sameDay', e.target.checked)} />
                  <span className="choice__label">All rounds on one day</span>
                </label>
                <label className="choice">
                  <input type="checkbox" checked={options.anyOrder} onChange={(e) => setOption('anyOrder', e.target.checked)} />
                  <span className="choice__label">Any order</span>
                </label>
              </div>
            </fieldset>
            <FormActions>
              <Button type="submit" busy={searching} busyLabel="Searching…">
                Find schedules
              </Button>
            </FormActions>
          </Form>
        )}
      </section>

      <div ref={bookedRef} tabIndex={-1}>
        {booked ? (
          <Alert tone="success" title={`Booked ${booked.count} ${booked.count === 1 ? 'interview' : 'interviews'}; invites are in the outbox.`}>
            <p>
              <Link to={`/candidates/${a.candidateId}`}>Back to {a.candidateName}</Link>
            </p>
            {booked.interviews.length ? (
              <ul className="plain-list">
                {booked.interviews.map((i) => (
                  <li key={i.id}>
                    <a href={`/api/v1/interviews/${encodeURIComponent(i.id)}/ics`} download>
                      {i.roundName} (.ics)
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
      </div>

      {result ? (
        <section className="section-block" aria-labelledby="sch-results">
          <h2 id="sch-results" ref={resultsRef} tabIndex={-1}>
            Proposed schedules
          </h2>
          {result.schedules.length === 0 ? (
            <Alert tone="error" title="No schedule fits">
              {result.explanation.length ? (
                <ul>
                  {result.explanation.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p>Try more days, other interviewers or a larger pool.</p>
              )}
            </Alert>
          ) : (
            <>
              <p className="muted">
                Times in {result.timeZone}, the candidate's time zone. Best first.
              </p>
              {result.explanation.length ? (
                <ul className="muted">
                  {result.explanation.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : null}
              <TextField
                label="Location or video link"
                hint="Shared by every interview of the booked option; it goes into the invites."
                value={location}
                maxLength={500}
                error={locationError}
                onChange={(e) => {
                  setLocation(e.target.value);
                  setLocationError(undefined);
                }}
              />
              {bookProblem ? <Alert tone="error">{bookProblem}</Alert> : null}
              <ol className="sch-options">
                {result.schedules.map((s, i) => (
                  <ScheduleOption
                    key={i}
                    schedule={s}
                    index={i + 1}
                    zone={result.timeZone}
                    busy={booking === i + 1}
                    disabled={booking !== null}
                    onBook={() => void onBook(s, i + 1)}
                  />
                ))}
              </ol>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

function RoundFieldset({
  draft: d,
  error,
  members,
  poolOptions,
  onChange,
}: {
  draft: RoundDraft;
  error: string | undefined;
  members: { userId: string; name: string }[];
  poolOptions: { value: string; label: string }[];
  onChange: (patch: Partial<RoundDraft>) => void;
}) {
  const errorId = `sch-round-${d.roundId.replace(/[^a-zA-Z0-9_-]/g, '')}-error`;
  return (
    <fieldset className={['sch-fieldset', 'sch-round', error ? 'choice-group--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={error ? errorId : undefined}>
      <legend className="choice-group__legend">{d.name}</legend>
      <label className="choice">
        <input type="checkbox" checked={d.include} onChange={(e) => onChange({ include: e.target.checked })} />
        <span className="choice__label">Include {d.name}</span>
      </label>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {d.include ? (
        <div className="sch-round__body">
          <CheckboxGroup
            legend="Interviewers"
            description="Everyone ticked attends."
            name={`interviewers-${d.roundId}`}
            inline
            options={members.map((m) => ({ value: m.userId, label: m.name }))}
            value={d.interviewerIds}
            onChange={(next) => onChange({ interviewerIds: next })}
          />
          <div className="sch-grid">
            <SelectField label="Pool" value={d.poolId} options={poolOptions} onChange={(e) => onChange({ poolId: e.target.value })} />
            <TextField
              label="From pool"
              hint="Trained members drawn from the pool."
              type="number"
              min={1}
              max={6}
              inputMode="numeric"
              className="field--short"
              value={d.count}
              onChange={(e) => onChange({ count: e.target.value })}
            />
          </div>
          <label className="choice">
            <input type="checkbox" checked={d.withShadows} onChange={(e) => onChange({ withShadows: e.target.checked })} />
            <span className="choice__label">Include shadows</span>
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}

function ScheduleOption({
  schedule: s,
  index,
  zone,
  busy,
  disabled,
  onBook,
}: {
  schedule: Schedule;
  index: number;
  zone: string;
  busy: boolean;
  disabled: boolean;
  onBook: () => void;
}) {
  const titleId = useId();
  const timeline = layoutTimeline(s.rounds, zone);
  const summary = [`${s.days} ${s.days === 1 ? 'day' : 'days'}`, s.gapMinutes ? `${s.gapMinutes} minutes of gaps` : 'no gaps'].join(' · ');
  return (
    <li className="sch-option" aria-labelledby={titleId}>
      <div className="sch-option__head">
        <h3 id={titleId}>Option {index}</h3>
        <span className="muted">{summary}</span>
      </div>
      <div className="sch-timeline" aria-hidden="true">
        <div className="sch-timeline__row">
          <span className="sch-timeline__label" />
          <div className="sch-timeline__scale">
            {timeline.ticks.map((t) => (
              <span key={t.label} className="sch-timeline__tick" style={{ left: `${t.leftPct}%` }}>
                {t.label}
              </span>
            ))}
          </div>
        </div>
        {timeline.days.map((day) => (
          <div key={day.date} className="sch-timeline__row">
            <span className="sch-timeline__label">{day.label}</span>
            <div className="sch-timeline__track">
              {day.blocks.map((b, i) => (
                <span
                  key={`${b.roundName}-${i}`}
                  className={`sch-timeline__block sch-timeline__block--${i % 4}`}
                  style={{ left: `${b.leftPct}%`, width: `${b.widthPct}%` }}
                  title={`${b.roundName}, ${b.from}–${b.to}`}
                >
                  <span className="sch-timeline__name">{b.roundName}</span> <span className="sch-timeline__time">{b.from}–{b.to}</span>
                </span>
              ))}
            </div>
          </div>
        ))}
      </div>
      <ul className="plain-list sch-option__rounds">
        {s.rounds.map((r) => (
          <li key={`${r.roundId}-${r.startsAt}`}>{describeRound(r, zone)}</li>
        ))}
      </ul>
      <Button busy={busy} busyLabel="Booking…" disabled={disabled && !busy} onClick={onBook}>
        Book option {index}
      </Button>
    </li>
  );
}
