import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { type Application, moveApplicationRoute } from '../../../modules/candidates/candidates.contract.ts';
import type { Job } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, LoadError } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { applicationStatusLabels, groupByStage } from './job-format.ts';
import { rejectionReasonsQuery } from './job-queries.ts';

export type MovedApplication = Awaited<ReturnType<typeof moveApplication>>;

function moveApplication(app: Application, toStage: string, extra: { reasonCode?: string; note?: string } = {}) {
  return api(moveApplicationRoute, { params: { id: app.id }, body: { toStage, baseVersion: app.version, ...extra } });
}

/** The pipeline: one column per stage (an h3 each) with a card per candidate; managers move cards with a select. */
export function PipelineBoard({
  job,
  applications,
  canManage,
  onMoved,
}: {
  job: Job;
  applications: readonly Application[];
  canManage: boolean;
  onMoved: (moved: MovedApplication, before: Application) => void;
}) {
  const columns = groupByStage(job.stages, applications);
  const anyRejected = applications.some((a) => a.rejectionReason);
  const reasons = useQuery({ ...rejectionReasonsQuery, enabled: anyRejected });
  const reasonLabel = (code: string) => reasons.data?.items.find((r) => r.code === code)?.label ?? code;
  return (
    <div className="jobs-board">
      {columns.map((column) => {
        const headingId = `stage-${column.id}`;
        return (
          <section key={column.id} className={`jobs-board__column jobs-board__column--${column.kind}`} aria-labelledby={headingId}>
            <div className="jobs-board__head">
              <h3 id={headingId}>{column.name}</h3>
              <p className="jobs-board__count">
                {column.items.length} {column.items.length === 1 ? 'candidate' : 'candidates'}
              </p>
            </div>
            {column.items.length ? (
              <ul className="jobs-board__cards">
                {column.items.map((app) => (
                  <li key={app.id} className="jobs-card">
                    <p className="jobs-card__name" id={`card-${app.id}`}>
                      <Link to={`/candidates/${app.candidateId}`}>{app.candidateName}</Link>
                    </p>
                    <p className="jobs-card__meta muted">{app.candidateEmail}</p>
                    {app.status !== 'active' ? (
                      <p className="jobs-card__meta">
                        <Badge tone={app.status === 'hired' ? 'success' : 'danger'}>{applicationStatusLabels[app.status]}</Badge>
                        {app.rejectionReason ? <span className="muted"> {reasonLabel(app.rejectionReason)}</span> : null}
                      </p>
                    ) : null}
                    {canManage ? <MoveControl job={job} app={app} nameId={`card-${app.id}`} onMoved={onMoved} /> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted jobs-board__empty">No candidates</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** "Move to" + "Move"; a stage of kind `rejected` asks for a reason and a note first. */
function MoveControl({ job, app, nameId, onMoved }: { job: Job; app: Application; nameId: string; onMoved: (moved: MovedApplication, before: Application) => void }) {
  const selectId = useId();
  const others = job.stages.filter((s) => s.id !== app.stage);
  const currentIndex = job.stages.findIndex((s) => s.id === app.stage);
  const next = job.stages.slice(currentIndex + 1).find((s) => s.kind !== 'rejected') ?? others[0];
  const [target, setTarget] = useState(next?.id ?? '');
  const [rejecting, setRejecting] = useState(false);
  const targetStage = job.stages.find((s) => s.id === target);

  const move = useMutation({
    mutationFn: (extra: { reasonCode?: string; note?: string }) => moveApplication(app, target, extra),
    onSuccess: (moved) => {
      setRejecting(false);
      onMoved(moved, app);
    },
  });

  if (!others.length) return null;
  const onMove = (e: FormEvent) => {
    e.preventDefault();
    move.reset();
    if (!targetStage) return;
    if (targetStage.kind === 'rejected') setRejecting(true);
    else move.mutate({});
  };

  return (
    <div className="jobs-card__move">
      <form className="jobs-move" onSubmit={onMove}>
        <div className="field">
          <label className="field__label" htmlFor={selectId}>
            Move to
          </label>
          <select
            id={selectId}
            className="field__control field__control--select"
            aria-describedby={nameId}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setRejecting(false);
            }}
          >
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size="sm" variant="secondary" aria-describedby={nameId} busy={move.isPending && !rejecting} busyLabel="Moving…">
          Move
        </Button>
      </form>
      {move.isError && !rejecting ? <Alert tone="error">{toApiError(move.error).message}</Alert> : null}
      {rejecting && targetStage ? (
        <RejectForm
          candidateName={app.candidateName}
          stageName={targetStage.name}
          busy={move.isPending}
          error={move.isError ? move.error : null}
          onCancel={() => {
            setRejecting(false);
            move.reset();
          }}
          onReject={(reasonCode, note) => move.mutate({ reasonCode, ...(note.trim() ? { note } : {}) })}
        />
      ) : null}
    </div>
  );
}

function RejectForm({
  candidateName,
  stageName,
  busy,
  error,
  onCancel,
  onReject,
}: {
  candidateName: string;
  stageName: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onReject: (reasonCode: string, note: string) => void;
}) {
  const reasons = useQuery(rejectionReasonsQuery);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const serverError = error ? toApiError(error) : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onReject(reason, note);
  };

  return (
    <form className="jobs-reject" onSubmit={onSubmit} aria-labelledby={titleId} noValidate>
      <p id={titleId} className="jobs-reject__title">
        Move {candidateName} to {stageName}
      </p>
      {reasons.isError ? <LoadError error={reasons.error} what="the rejection reasons" onRetry={() => void reasons.refetch()} /> : null}
      {serverError && !serverError.issues.reasonCode && !serverError.issues.note ? <Alert tone="error">{serverError.message}</Alert> : null}
      <SelectField
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        options={[{ value: '', label: 'Choose a reason' }, ...(reasons.data?.items ?? []).map((r) => ({ value: r.code, label: r.label }))]}
        error={missing ? 'Choose a reason' : serverError?.issues.reasonCode}
        autoFocus
      />
      <TextAreaField label="Note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={serverError?.issues.note} maxLength={2000} />
      <div className="form__actions">
        <Button type="submit" size="sm" variant="danger" busy={busy} busyLabel="Rejecting…">
          Reject
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
