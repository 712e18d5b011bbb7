import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type Interview, updateInterviewRoute } from '../../../modules/interviews/interviews.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { dateTimeLocalToIso, formatSpan, isoToDateTimeLocal, shiftWallTime } from './scheduling-model.ts';

/**
 * A scheduler's actions on one interview of the candidate page: move it ("Reschedule", with the new
 * start and end in the interview's zone) or cancel it. The server sends the updated invites.
 * Every PATCH repeats the location: the contract's partial body defaults an absent location to ''.
 */
export function InterviewActions({ interview: i }: { interview: Interview }) {
  const client = useQueryClient();
  const formId = useId();
  const [editing, setEditing] = useState(false);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [errors, setErrors] = useState<{ startsAt?: string | undefined; endsAt?: string | undefined }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'move' | 'cancel' | null>(null);

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['application-interviews', i.applicationId] }),
      client.invalidateQueries({ queryKey: ['candidate', i.candidateId] }),
      client.invalidateQueries({ queryKey: ['my-interviews'] }),
    ]);

  const open = () => {
    setStartsAt(isoToDateTimeLocal(i.startsAt, i.timeZone));
    setEndsAt(isoToDateTimeLocal(i.endsAt, i.timeZone));
    setErrors({});
    setProblem(null);
    setNotice(null);
    setEditing(true);
  };

  const onMove = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const start = dateTimeLocalToIso(startsAt, i.timeZone);
    const end = dateTimeLocalToIso(endsAt, i.timeZone);
    const next: typeof errors = {};
    if (!start) next.startsAt = 'Enter the new start date and time';
    if (!end) next.endsAt = 'Enter the new end date and time';
    if (start && end && Date.parse(end) <= Date.parse(start)) next.endsAt = 'The interview must end after it starts';
    setErrors(next);
    if (next.startsAt || next.endsAt || !start || !end) return;
    setBusy('move');
    try {
      const moved = await api(updateInterviewRoute, { params: { id: i.id }, body: { startsAt: start, endsAt: end, location: i.location } });
      setEditing(false);
      setNotice(`Moved to ${formatSpan(moved.startsAt, moved.endsAt, moved.timeZone)} (${moved.timeZone}); updated invites are in the outbox.`);
      await refresh();
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
      setBusy(null);
    }
  };

  const onCancel = async () => {
    setProblem(null);
    setNotice(null);
    setBusy('cancel');
    try {
      await api(updateInterviewRoute, { params: { id: i.id }, body: { status: 'cancelled', location: i.location } });
      setEditing(false);
      setNotice('Interview cancelled; updated invites are in the outbox.');
      await refresh();
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="sch-interview-actions">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {problem && !editing ? <Alert tone="error">{problem}</Alert> : null}
      {i.status === 'scheduled' && !editing ? (
        <div className="form__actions">
          <Button size="sm" variant="secondary" aria-controls={formId} aria-expanded={false} onClick={open}>
            Reschedule
          </Button>
          <Button size="sm" variant="danger" busy={busy === 'cancel'} busyLabel="Cancelling…" onClick={() => void onCancel()}>
            Cancel interview
          </Button>
        </div>
      ) : null}
      {editing ? (
        <div id={formId}>
          <Form onSubmit={(e) => void onMove(e)} aria-label={`Reschedule ${i.roundName}`} className="sch-reschedule">
            <FormAlert message={problem ?? undefined} />
            <div className="sch-grid">
              <TextField
                label="Starts"
                type="datetime-local"
                hint={`In ${i.timeZone}.`}
                value={startsAt}
                error={errors.startsAt}
                onChange={(e) => {
                  const v = e.target.value;
                  setStartsAt(v);
                  // Keep the interview's length: the end follows the start.
                  const minutes = Math.round((Date.parse(i.endsAt) - Date.parse(i.startsAt)) / 60_000);
                  const shifted = shiftWallTime(v, minutes);
                  if (shifted) setEndsAt(shifted);
                  setErrors((x) => ({ ...x, startsAt: undefined }));
                }}
              />
              <TextField
                label="Ends"
                type="datetime-local"
                hint={`In ${i.timeZone}.`}
                value={endsAt}
                error={errors.endsAt}
                onChange={(e) => {
                  setEndsAt(e.target.value);
                  setErrors((x) => ({ ...x, endsAt: undefined }));
                }}
              />
            </div>
            <FormActions>
              <Button type="submit" size="sm" busy={busy === 'move'} busyLabel="Saving…">
                Save new time
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Keep the current time
              </Button>
            </FormActions>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
