import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  addBusyRoute,
  type Availability,
  createCalendarFeedRoute,
  deleteBusyRoute,
  getAvailabilityRoute,
  importIcsRoute,
  refreshFeedRoute,
  revokeCalendarFeedRoute,
  saveAvailabilityRoute,
  saveAvailabilitySchema,
} from '../../../modules/scheduling/scheduling.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { InterviewsNav } from '../interviews/interviews-nav.tsx';
import {
  browserZone,
  busySourceLabels,
  dateTimeLocalToIso,
  type DayRow,
  hoursFromRows,
  importedText,
  parseLimit,
  rowsFromHours,
  shiftWallTime,
  spanParts,
  type WeekdayKey,
  weekdayOfIssue,
  weekdays,
  type WeekRows,
  zoneProblem,
} from './scheduling-model.ts';
import { CopyField } from './copy-field.tsx';
import { availabilityKey } from './scheduling-queries.ts';
import { TimeZoneField } from './time-zone-field.tsx';

/** The signed-in member's own weekly hours, limits, busy times and private calendar URL. */
export function MyAvailabilityPage() {
  const session = useSignedInSession();
  return <AvailabilityScreen userId={session.user.id} own />;
}

/** Someone else's availability, for owners, admins and recruiters who keep it up to date. */
export function UserAvailabilityPage() {
  const { userId = '' } = useParams();
  const session = useSignedInSession();
  return <AvailabilityScreen userId={userId} own={userId === session.user.id} />;
}

function AvailabilityScreen({ userId, own }: { userId: string; own: boolean }) {
  const availability = useQuery({ queryKey: availabilityKey(userId), queryFn: () => api(getAvailabilityRoute, { params: { userId } }), retry: false });
  if (availability.isPending) return <Loading label="Loading the availability…" />;
  if (availability.isError) {
    const e = availability.error;
    if (isApiError(e) && [400, 403, 404].includes(e.status)) {
      return (
        <>
          <InterviewsNav />
          <PageHeader title="Availability" />
          <Alert tone="warning" title="There is no such member, or you cannot see their availability.">
            <p>{e.message}</p>
          </Alert>
          <p>
            <Link to="/me/availability">Your own availability</Link>
          </p>
        </>
      );
    }
    return <LoadError error={e} what="the availability" onRetry={() => void availability.refetch()} />;
  }
  return <AvailabilityView availability={availability.data} own={own} />;
}

function AvailabilityView({ availability: a, own }: { availability: Availability; own: boolean }) {
  // A profile nobody has saved is shown in the browser's zone (its stored default is UTC).
  const displayZone = a.isDefault ? browserZone() : a.timeZone;
  return (
    <>
      <InterviewsNav />
      <PageHeader
        title={own ? 'Availability' : `Availability: ${a.name}`}
        description={
          own
            ? 'When you can interview, how many interviews you take, and when you are busy. Schedulers see only the times, never what you are busy with.'
            : `When ${a.name} can interview, their limits and busy times.`
        }
      />
      <HoursForm availability={a} />
      <ImportSection availability={a} />
      <BusySection availability={a} zone={displayZone} />
      {own ? <PrivateUrlSection /> : null}
    </>
  );
}

interface HoursErrors {
  timeZone?: string | undefined;
  maxPerDay?: string | undefined;
  maxPerWeek?: string | undefined;
  feedUrl?: string | undefined;
  days: Partial<Record<WeekdayKey, string>>;
}

const fieldNames = ['timeZone', 'maxPerDay', 'maxPerWeek', 'feedUrl'] as const;
type HoursField = (typeof fieldNames)[number];
function isHoursField(p: string): p is HoursField {
  return (fieldNames as readonly string[]).includes(p);
}

function HoursForm({ availability: a }: { availability: Availability }) {
  const client = useQueryClient();
  const initial = rowsFromHours(a.workingHours as Record<string, [number, number][]>, a.isDefault);
  const [zone, setZone] = useState(a.isDefault ? browserZone() : a.timeZone);
  const [rows, setRows] = useState<WeekRows>(initial.rows);
  const [merged, setMerged] = useState<WeekdayKey[]>(initial.merged);
  const [perDay, setPerDay] = useState(a.maxPerDay === null ? '' : String(a.maxPerDay));
  const [perWeek, setPerWeek] = useState(a.maxPerWeek === null ? '' : String(a.maxPerWeek));
  const [feedUrl, setFeedUrl] = useState(a.feedUrl ?? '');
  const [errors, setErrors] = useState<HoursErrors>({ days: {} });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const idBase = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const setRow = (key: WeekdayKey, patch: Partial<DayRow>) => {
    setRows((r) => ({ ...r, [key]: { ...r[key], ...patch } }));
    setSaved(false);
    if (errors.days[key]) setErrors((e) => ({ ...e, days: { ...e.days, [key]: undefined } }));
  };
  const clear = (field: HoursField) => {
    setSaved(false);
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    const next: HoursErrors = { days: {} };
    next.timeZone = zoneProblem(zone);
    const { hours, errors: dayErrors } = hoursFromRows(rows);
    next.days = dayErrors;
    const day = parseLimit(perDay);
    const week = parseLimit(perWeek);
    if (day === 'invalid' || (day !== null && (day < 1 || day > 20))) next.maxPerDay = 'Enter a whole number from 1 to 20, or leave it blank for no limit';
    if (week === 'invalid' || (week !== null && (week < 1 || week > 60))) next.maxPerWeek = 'Enter a whole number from 1 to 60, or leave it blank for no limit';
    const body = {
      timeZone: zone.trim(),
      workingHours: hours,
      maxPerDay: day === 'invalid' ? null : day,
      maxPerWeek: week === 'invalid' ? null : week,
      feedUrl: feedUrl.trim() || null,
    };
    const parsed = saveAvailabilitySchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) placeIssue(next, issue.path.map(String).join('.'), issue.message);
    }
    if (next.timeZone || next.maxPerDay || next.maxPerWeek || next.feedUrl || Object.values(next.days).some(Boolean)) {
      setErrors(next);
      return;
    }
    setErrors({ days: {} });
    setBusy(true);
    try {
      const saved = await api(saveAvailabilityRoute, { params: { userId: a.userId }, body });
      client.setQueryData(availabilityKey(a.userId), saved);
      const r = rowsFromHours(saved.workingHours as Record<string, [number, number][]>, saved.isDefault);
      setRows(r.rows);
      setMerged(r.merged);
      setZone(saved.timeZone);
      setSaved(true);
    } catch (err) {
      const apiError = toApiError(err);
      const placed: HoursErrors = { days: {} };
      let unplaced = false;
      for (const [path, message] of Object.entries(apiError.issues)) if (!placeIssue(placed, path, message)) unplaced = true;
      setErrors(placed);
      if (unplaced || Object.keys(apiError.issues).length === 0) setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        Weekly hours and limits
      </h2>
      <Form onSubmit={(e) => void onSubmit(e)} aria-labelledby={titleId}>
        {saved ? <Alert tone="success">Availability saved.</Alert> : null}
        <FormAlert message={problem ?? undefined} />
        {a.isDefault ? (
          <p className="muted">Nothing saved yet: these are suggested hours. Adjust them and save.</p>
        ) : null}
        <TimeZoneField
          label="Time zone"
          hint="An IANA time zone such as Europe/Berlin; the hours below are read in it."
          value={zone}
          error={errors.timeZone}
          onChange={(e) => {
            setZone(e.target.value);
            clear('timeZone');
          }}
        />
        <fieldset className="sch-week">
          <legend className="choice-group__legend">Working days and hours</legend>
          <p className="field__hint">Tick the days you interview on.</p>
          <table className="sch-week__table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {weekdays.map((d) => {
                const row = rows[d.key];
                const error = errors.days[d.key];
                const errorId = `${idBase}-${d.key}-error`;
                const noteId = `${idBase}-${d.key}-note`;
                const describedBy = [error ? errorId : '', merged.includes(d.key) ? noteId : ''].filter(Boolean).join(' ') || undefined;
                return (
                  <tr key={d.key} className={row.on ? undefined : 'sch-week__off'}>
                    <th scope="row">
                      <label className="choice sch-week__day">
                        <input type="checkbox" checked={row.on} onChange={(e) => setRow(d.key, { on: e.target.checked })} />
                        <span className="choice__label">{d.name}</span>
                      </label>
                    </th>
                    <td>
                      <input
                        type="time"
                        className="field__control field__control--compact"
                        aria-label={`${d.name} from`}
                        value={row.from}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy}
                        onChange={(e) => setRow(d.key, { from: e.target.value, on: true })}
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        className="field__control field__control--compact"
                        aria-label={`${d.name} to`}
                        value={row.to}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy}
                        onChange={(e) => setRow(d.key, { to: e.target.value, on: true })}
                      />
                      {error ? (
                        <p className="field__error" id={errorId}>
                          {error}
                        </p>
                      ) : null}
                      {merged.includes(d.key) ? (
                        <p className="field__hint" id={noteId}>
                          Saved with a break; saving keeps one span from start to end.
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="field__hint">“To” at 00:00 means until midnight.</p>
        </fieldset>
        <div className="sch-grid">
          <TextField
            label="Interviews per day"
            hint="Blank for no limit."
            inputMode="numeric"
            className="field--short"
            value={perDay}
            error={errors.maxPerDay}
            onChange={(e) => {
              setPerDay(e.target.value);
              clear('maxPerDay');
            }}
          />
          <TextField
            label="Interviews per week"
            hint="Blank for no limit."
            inputMode="numeric"
            className="field--short"
            value={perWeek}
            error={errors.maxPerWeek}
            onChange={(e) => {
              setPerWeek(e.target.value);
              clear('maxPerWeek');
            }}
          />
        </div>
        <TextField
          label="Calendar feed URL"
          hint="Optional: the secret iCalendar address of your calendar (often ending in .ics). Rubric reads your busy times from it, never the titles."
          type="url"
          value={feedUrl}
          error={errors.feedUrl}
          onChange={(e) => {
            setFeedUrl(e.target.value);
            clear('feedUrl');
          }}
        />
        <FormActions>
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save availability
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

/** Puts one issue on the hours form; false when it belongs to no field. */
function placeIssue(errors: HoursErrors, rawPath: string, message: string): boolean {
  const path = rawPath.replace(/^body\./, '');
  const day = weekdayOfIssue(path);
  if (day) {
    errors.days[day] ??= `${weekdays.find((d) => d.key === day)?.name ?? 'This day'}: ${message}`;
    return true;
  }
  if (path === 'workingHours') {
    errors.days['1'] ??= message;
    return true;
  }
  if (isHoursField(path)) {
    errors[path] ??= message;
    return true;
  }
  return false;
}

function ImportSection({ availability: a }: { availability: Availability }) {
  const client = useQueryClient();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<'file' | 'feed' | null>(null);

  const done = async (imported: number) => {
    setResult({ tone: 'success', text: `${importedText(imported)}.` });
    await client.invalidateQueries({ queryKey: availabilityKey(a.userId) });
  };

  const onFile = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    if (file.size > 10 * 1024 * 1024) {
      setResult({ tone: 'error', text: `${file.name} is larger than 10 MB; export a shorter period of your calendar.` });
      return;
    }
    setBusy('file');
    try {
      const ics = await file.text();
      const r = await api(importIcsRoute, { params: { userId: a.userId }, body: { ics } });
      await done(r.imported);
    } catch (err) {
      setResult({ tone: 'error', text: toApiError(err).message });
    } finally {
      setBusy(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const onRefresh = async () => {
    setResult(null);
    setBusy('feed');
    try {
      const r = await api(refreshFeedRoute, { params: { userId: a.userId } });
      await done(r.imported);
    } catch (err) {
      setResult({ tone: 'error', text: toApiError(err).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        Import busy times
      </h2>
      <p>
        Export your calendar as an .ics file and choose it here: its busy times are imported at once (repeating events included, titles
        never stored) and replace any earlier import.
      </p>
      {result ? (
        <Alert tone={result.tone} title={result.tone === 'error' ? 'The import failed' : undefined}>
          <p>{result.text}</p>
        </Alert>
      ) : null}
      <TextField
        ref={inputRef}
        label="Calendar file (.ics)"
        type="file"
        accept=".ics,text/calendar"
        disabled={busy !== null}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {busy === 'file' ? <Loading label="Importing…" /> : null}
      {a.feedUrl ? (
        <div className="sch-feed">
          <p className="muted">
            Calendar feed: {a.feedFetchedAt ? `last read ${formatDateTime(a.feedFetchedAt)}` : 'not read yet'}.
          </p>
          <Button variant="secondary" busy={busy === 'feed'} busyLabel="Refreshing…" disabled={busy === 'file'} onClick={() => void onRefresh()}>
            Refresh feed
          </Button>
        </div>
      ) : null}
    </section>
  );
}

const busyPageSize = 50;

function BusySection({ availability: a, zone }: { availability: Availability; zone: string }) {
  const client = useQueryClient();
  const titleId = useId();
  const rowIdBase = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [showAll, setShowAll] = useState(false);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<{ startsAt?: string | undefined; endsAt?: string | undefined }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);

  const now = Date.now();
  const upcoming = a.busy.filter((b) => Date.parse(b.endsAt) > now).sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt));
  const shown = showAll ? upcoming : upcoming.slice(0, busyPageSize);

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setNotice(null);
    const startsAt = dateTimeLocalToIso(from, zone);
    const endsAt = dateTimeLocalToIso(until, zone);
    const next: typeof errors = {};
    if (!startsAt) next.startsAt = 'Enter the date and time the busy time starts';
    if (!endsAt) next.endsAt = 'Enter the date and time it ends';
    if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) next.endsAt = 'End after the start';
    setErrors(next);
    if (next.startsAt || next.endsAt || !startsAt || !endsAt) return;
    setAdding(true);
    try {
      const saved = await api(addBusyRoute, { params: { userId: a.userId }, body: { startsAt, endsAt } });
      client.setQueryData(availabilityKey(a.userId), saved);
      setFrom('');
      setUntil('');
      setNotice('Busy time added.');
    } catch (err) {
      const apiError = toApiError(err);
      const placed: typeof errors = {};
      for (const [path, message] of Object.entries(apiError.issues)) {
        const p = path.replace(/^body\./, '');
        if (p === 'startsAt' || p === 'endsAt') placed[p] ??= message;
      }
      setErrors(placed);
      if (!placed.startsAt && !placed.endsAt) setProblem(apiError.message);
    } finally {
      setAdding(false);
    }
  };

  const onRemove = async (blockId: string) => {
    setProblem(null);
    setNotice(null);
    setRemoving(blockId);
    try {
      const saved = await api(deleteBusyRoute, { params: { userId: a.userId, blockId } });
      client.setQueryData(availabilityKey(a.userId), saved);
      setNotice('Busy time removed.');
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section className="section-block" aria-labelledby={titleId}>
      <h2 id={titleId}>Busy times</h2>
      <p className="muted">Upcoming busy times of the next eight weeks, shown in {zone}.</p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {upcoming.length === 0 ? (
        <EmptyState>No busy times coming up.</EmptyState>
      ) : (
        <Table caption="Upcoming busy times" captionHidden>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((b, i) => {
              const parts = spanParts(b.startsAt, b.endsAt, zone);
              const rowId = `${rowIdBase}-${i}`;
              return (
                <tr key={b.id}>
                  <th scope="row" id={rowId}>
                    {parts.date}
                  </th>
                  <td>{parts.time}</td>
                  <td>{busySourceLabels[b.source]}</td>
                  <td>
                    {b.source === 'manual' ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-describedby={rowId}
                        busy={removing === b.id}
                        busyLabel="Removing…"
                        onClick={() => void onRemove(b.id)}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {upcoming.length > busyPageSize ? (
        <Button variant="secondary" size="sm" onClick={() => setShowAll((v) => !v)}>
          {showAll ? `Show the first ${busyPageSize}` : `Show all ${upcoming.length} busy times`}
        </Button>
      ) : null}

      <Form onSubmit={(e) => void onAdd(e)} aria-label="Add busy time" className="sch-add-busy">
        <h3>Add busy time</h3>
        <div className="sch-grid">
          <TextField
            label="Busy from"
            type="datetime-local"
            hint={`In ${zone}.`}
            value={from}
            error={errors.startsAt}
            onChange={(e) => {
              const v = e.target.value;
              setFrom(v);
              if (!until && v) setUntil(shiftWallTime(v, 60));
              setErrors((x) => ({ ...x, startsAt: undefined }));
            }}
          />
          <TextField
            label="Busy until"
            type="datetime-local"
            hint={`In ${zone}.`}
            value={until}
            error={errors.endsAt}
            onChange={(e) => {
              setUntil(e.target.value);
              setErrors((x) => ({ ...x, endsAt: undefined }));
            }}
          />
        </div>
        <FormActions>
          <Button type="submit" variant="secondary" busy={adding} busyLabel="Adding…">
            Add busy time
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

function PrivateUrlSection() {
  const [url, setUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'revoke' | null>(null);

  const create = async () => {
    setProblem(null);
    setNotice(null);
    setBusy('create');
    try {
      const r = await api(createCalendarFeedRoute);
      setUrl(r.url);
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };
  const revoke = async () => {
    setProblem(null);
    setNotice(null);
    setBusy('revoke');
    try {
      await api(revokeCalendarFeedRoute);
      setUrl(null);
      setNotice('Private URL revoked: calendars subscribed to it no longer update.');
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  // Not a named region: "Private calendar URL" names the field with the address.
  return (
    <section className="card">
      <h2 className="card__title">Private calendar URL</h2>
      <p>
        Subscribe to this address in your calendar app to see your upcoming Rubric interviews there. Anyone who has it can read them, so keep
        it to yourself. Creating a new URL revokes the previous one.
      </p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {url ? <CopyField label="Private calendar URL" value={url} hint="Shown once: copy it now. Create a new one if you lose it." /> : null}
      <div className="form__actions">
        <Button variant="secondary" busy={busy === 'create'} busyLabel="Creating…" disabled={busy === 'revoke'} onClick={() => void create()}>
          Create private URL
        </Button>
        <Button variant="danger" busy={busy === 'revoke'} busyLabel="Revoking…" disabled={busy === 'create'} onClick={() => void revoke()}>
          Revoke URL
        </Button>
      </div>
    </section>
  );
}
