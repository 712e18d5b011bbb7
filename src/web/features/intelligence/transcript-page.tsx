import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import {
  type Consent,
  deleteTranscriptRoute,
  recordConsentRoute,
  type TranscriptView,
  uploadTranscriptRoute,
  withdrawConsentRoute,
} from '../../../modules/intelligence/intelligence.contract.ts';
import { interviewKitRoute } from '../../../modules/interviews/interviews.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button, ButtonLink } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { describedBy, FieldError, FieldHint, TextField, useFieldIds } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { InterviewsNav } from '../interviews/interviews-nav.tsx';
import { adoptTranscript, consentsKey, consentsQuery, transcriptQuery } from './intelligence-queries.ts';
import { bytesToBase64, parseTimeParam, TRANSCRIPT_MAX_BYTES, type UploadProblem, uploadProblem } from './transcript-format.ts';
import { buildTranscriptModel } from './transcript-model.ts';
import { CoveragePanel, EvidencePanel, RiskFlagsPanel, SpeakersForm, SummaryPanel, TalkMetricsPanel } from './transcript-panels.tsx';
import { TranscriptViewer, turnElementId } from './transcript-viewer.tsx';
import { InterviewLoadError } from '../interviews/interview-load-error.tsx';

/**
 * An interview's transcript (`/interviews/:id/transcript`): the candidate's recording consent, the
 * file (upload, replace, delete), and the analysis against the round — the conversation with risky
 * questions and evidence marked, risk flags, question coverage, talk metrics, evidence and draft
 * ratings per competency, the summary and who each speaker is. `?t=<ms>` opens at that moment.
 */
export function TranscriptPage() {
  const { id = '' } = useParams();
  const kit = useQuery({ queryKey: ['interview-kit', id], queryFn: () => api(interviewKitRoute, { params: { id } }) });
  const consents = useQuery({ ...consentsQuery(id), retry: false });

  if (kit.isPending) return <Loading label="Loading the interview…" />;
  if (kit.isError) return <InterviewLoadError error={kit.error} title="Transcript" forbidden="You cannot open this interview." what="the interview" onRetry={() => void kit.refetch()} />;
  const { interview, round } = kit.data;
  const header = (
    <>
      <InterviewsNav />
      <PageHeader
        title="Transcript"
        description={
          <>
            {interview.candidateName} · {round.name} · {interview.jobTitle}
          </>
        }
        actions={
          <>
            <ButtonLink variant="secondary" size="sm" to={`/interviews/${interview.id}/kit`}>
              Interview kit
            </ButtonLink>
            <ButtonLink variant="secondary" size="sm" to={`/interviews/${interview.id}/scorecard`}>
              Scorecard
            </ButtonLink>
          </>
        }
      />
    </>
  );
  if (consents.isPending) {
    return (
      <>
        {header}
        <Loading label="Loading the transcript…" />
      </>
    );
  }
  if (consents.isError) {
    const e = consents.error;
    return (
      <>
        {header}
        {isApiError(e) && [403, 404].includes(e.status) ? (
          <Alert tone="warning" title="You cannot work with this interview’s transcript.">
            <p>Transcripts are for the job’s managers and the interview’s panel.</p>
          </Alert>
        ) : (
          <LoadError error={e} what="the consents" onRetry={() => void consents.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      {header}
      <Workspace interviewId={id} consents={consents.data} />
    </>
  );
}

type Consents = { required: boolean; given: boolean; items: Consent[] };

function Workspace({ interviewId, consents }: { interviewId: string; consents: Consents }) {
  const client = useQueryClient();
  const [searchParams] = useSearchParams();
  const t = parseTimeParam(searchParams.get('t'));
  const [blind, setBlind] = useState(false);
  const full = useQuery(transcriptQuery(interviewId, false));
  const redacted = useQuery({ ...transcriptQuery(interviewId, true), enabled: blind });
  const current = blind ? redacted : full;
  const view: TranscriptView | null | undefined = blind ? (redacted.data ?? undefined) : full.data;
  const blindId = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const [target, setTarget] = useState<number | null>(null);
  const jumpTo = useCallback((turnIndex: number) => {
    if (turnIndex < 0) return;
    setTarget(turnIndex);
    const el = document.getElementById(turnElementId(turnIndex));
    if (!el) return;
    const reduce = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView?.({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
  }, []);

  const model = useMemo(() => (view ? buildTranscriptModel(view) : null), [view]);

  // `?t=` (a search hit, a scorecard quote): open at that moment once the transcript is on screen.
  const jumped = useRef<string | null>(null);
  useEffect(() => {
    if (t === null || !view || !model) return;
    const key = `${view.id}:${t}`;
    if (jumped.current === key) return;
    jumped.current = key;
    jumpTo(model.turnAt(t));
  }, [t, view, model, jumpTo]);

  const onChanged = async (next: TranscriptView | null) => {
    setTarget(null);
    await adoptTranscript(client, interviewId, next);
  };

  return (
    <>
      <div className="tx-top">
        <ConsentCard interviewId={interviewId} consents={consents} onTranscriptGone={() => onChanged(null)} />
        <FileCard interviewId={interviewId} consents={consents} transcript={full.data ?? null} loading={full.isPending} onChanged={onChanged} />
      </div>

      {full.isError ? <LoadError error={full.error} what="the transcript" onRetry={() => void full.refetch()} /> : null}
      {full.isPending ? <Loading label="Loading the transcript…" /> : null}
      {full.isSuccess && full.data === null ? (
        <EmptyState>No transcript for this interview yet. When one is added, its analysis appears here.</EmptyState>
      ) : null}

      {full.data ? (
        <>
          <div className="field tx-blind">
            <label className="choice" htmlFor={blindId}>
              <input
                id={blindId}
                type="checkbox"
                checked={blind}
                aria-describedby={`${blindId}-hint`}
                onChange={(e) => {
                  setTarget(null);
                  setBlind(e.target.checked);
                }}
              />
              <span className="choice__label">Blind review (hide personal details)</span>
            </label>
            <p className="field__hint" id={`${blindId}-hint`}>
              Replaces the candidate’s name, emails, phone numbers, addresses and profile links with placeholders, everywhere on this page.
            </p>
          </div>
          {blind && redacted.isError ? <LoadError error={redacted.error} what="the blind view" onRetry={() => void redacted.refetch()} /> : null}
          {blind && redacted.isPending ? <Loading label="Loading the blind view…" /> : null}
          {current.isFetching && !current.isPending ? (
            <p className="muted" role="status">
              Updating…
            </p>
          ) : null}
          {view && model ? (
            <div className="tx-analysis" aria-busy={current.isFetching || undefined}>
              {view.redacted ? <Alert tone="info">Blind review: personal details are hidden.</Alert> : null}
              <SummaryPanel view={view} model={model} onJump={jumpTo} />
              <div className="tx-layout">
                <div className="tx-layout__main">
                  <TranscriptViewer view={view} model={model} target={target} />
                </div>
                <div className="tx-layout__side">
                  <RiskFlagsPanel view={view} model={model} onJump={jumpTo} />
                  <CoveragePanel analysis={view.analysis} model={model} onJump={jumpTo} />
                  <TalkMetricsPanel analysis={view.analysis} model={model} onJump={jumpTo} />
                </div>
              </div>
              <EvidencePanel view={view} model={model} onJump={jumpTo} />
              <SpeakersForm key={full.data.id} view={full.data} disabled={blind} onSaved={(v) => onChanged(v)} />
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

const kindLabels: Record<Consent['kind'], string> = { recording: 'Recording and transcript analysis', demographics: 'Demographic data' };

function ConsentCard({ interviewId, consents, onTranscriptGone }: { interviewId: string; consents: Consents; onTranscriptGone: () => Promise<void> }) {
  const client = useQueryClient();
  const [wording, setWording] = useState('recording-notice-v1');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { required, given, items } = consents;

  const record = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFieldError(undefined);
    setProblem(null);
    setNotice(null);
    if (!wording.trim()) {
      setFieldError('Name the notice the candidate agreed to');
      return;
    }
    setBusy(true);
    try {
      await api(recordConsentRoute, { params: { id: interviewId }, body: { wordingVersion: wording.trim() } });
      await client.invalidateQueries({ queryKey: consentsKey(interviewId) });
      setNotice('Consent recorded. You can add the transcript now.');
    } catch (err) {
      const error = toApiError(err);
      if (error.issues.wordingVersion) setFieldError(error.issues.wordingVersion);
      else setProblem(error.message);
    } finally {
      setBusy(false);
    }
  };

  const onWithdrawn = async (c: Consent) => {
    if (c.kind === 'recording') await onTranscriptGone();
    await client.invalidateQueries({ queryKey: consentsKey(interviewId) });
    setNotice(c.kind === 'recording' ? 'Consent withdrawn. The transcript and its analysis were deleted.' : 'Consent withdrawn.');
  };

  return (
    <Card title="Consent">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {given ? (
        <p>
          <Badge tone="success">Recording consent recorded</Badge>
        </p>
      ) : required ? (
        <Alert tone="warning" title="No recording consent yet">
          <p>Your organization requires the candidate’s consent to recording before a transcript can be added.</p>
        </Alert>
      ) : (
        <p className="muted">No recording consent is recorded. Your organization does not require it, but you can record it here.</p>
      )}
      {items.length ? (
        <ul className="tx-consents">
          {items.map((c) => (
            <ConsentItem key={c.id} consent={c} onWithdrawn={onWithdrawn} />
          ))}
        </ul>
      ) : null}
      {!given ? (
        <Form onSubmit={(e) => void record(e)} aria-label="Record consent">
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <TextField
            label="Consent wording version"
            hint="Which recording notice the candidate agreed to, so you can show later what they were told."
            value={wording}
            maxLength={80}
            error={fieldError}
            onChange={(e) => setWording(e.target.value)}
          />
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Recording…">
              Record consent
            </Button>
          </FormActions>
        </Form>
      ) : null}
    </Card>
  );
}

function ConsentItem({ consent: c, onWithdrawn }: { consent: Consent; onWithdrawn: (c: Consent) => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await api(withdrawConsentRoute, { params: { id: c.id } });
      setConfirming(false);
      await onWithdrawn(saved);
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const withdrawn = c.withdrawnAt !== null;
  return (
    <li className="tx-consent">
      <p className="tx-consent__head">
        <strong>{kindLabels[c.kind] ?? c.kind}</strong> {withdrawn ? <Badge tone="warning">Withdrawn</Badge> : <Badge tone="success">Given</Badge>}
      </p>
      <dl className="definition-list">
        <dt>Wording version</dt>
        <dd>{c.wordingVersion}</dd>
        <dt>Given</dt>
        <dd>{formatDateTime(c.givenAt)}</dd>
        <dt>Recorded by</dt>
        <dd>{c.recordedByName ?? '—'}</dd>
        {withdrawn ? (
          <>
            <dt>Withdrawn</dt>
            <dd>{formatDateTime(c.withdrawnAt)}</dd>
          </>
        ) : null}
      </dl>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {withdrawn ? null : confirming ? (
        <div className="tx-confirm">
          <p ref={questionRef} tabIndex={-1}>
            {c.kind === 'recording'
              ? 'Withdrawing the recording consent deletes this interview’s transcript and its analysis (search included). This cannot be undone.'
              : 'Withdrawing records that the candidate no longer agrees.'}
          </p>
          <div className="form__actions">
            <Button variant="danger" size="sm" busy={busy} busyLabel="Withdrawing…" onClick={() => void withdraw()}>
              {c.kind === 'recording' ? 'Withdraw and delete the transcript' : 'Withdraw'}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                window.setTimeout(() => withdrawRef.current?.focus(), 0);
              }}
            >
              Keep consent
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={withdrawRef} variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Withdraw consent
        </Button>
      )}
    </li>
  );
}

function FileCard({
  interviewId,
  consents,
  transcript,
  loading,
  onChanged,
}: {
  interviewId: string;
  consents: Consents;
  transcript: TranscriptView | null;
  loading: boolean;
  onChanged: (view: TranscriptView | null) => Promise<void>;
}) {
  const client = useQueryClient();
  const ids = useFieldIds();
  const fileRef = useRef<HTMLInputElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const blocked = consents.required && !consents.given;

  const showProblem = (p: UploadProblem) => {
    setProblem(p);
    window.setTimeout(() => problemRef.current?.focus(), 0);
  };

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFileError(undefined);
    setProblem(null);
    setNotice(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError('Choose a transcript file');
      fileRef.current?.focus();
      return;
    }
    if (file.size > TRANSCRIPT_MAX_BYTES) {
      showProblem({ title: 'The file is too large', lines: [`Transcripts are limited to 5 MB (this one is ${(file.size / 1024 / 1024).toFixed(1)} MB).`], consent: false });
      return;
    }
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const view = await api(uploadTranscriptRoute, { params: { id: interviewId }, body: { fileName: file.name, dataBase64: bytesToBase64(bytes) } });
      await onChanged(view);
      if (fileRef.current) fileRef.current.value = '';
      const warnings = view.warnings.length;
      setNotice(
        `${transcript ? 'Transcript replaced' : 'Transcript added'}: ${view.turns.length} turns read from ${view.fileName}` +
          (warnings ? `, ${warnings} ${warnings === 1 ? 'line' : 'lines'} skipped.` : '.'),
      );
    } catch (err) {
      const error = toApiError(err);
      const p = uploadProblem(error);
      if (p.consent) void client.invalidateQueries({ queryKey: consentsKey(interviewId) });
      showProblem(p);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    setProblem(null);
    setNotice(null);
    try {
      await api(deleteTranscriptRoute, { params: { id: interviewId } });
      setConfirmDelete(false);
      await onChanged(null);
      setNotice('Transcript deleted, with its analysis.');
    } catch (err) {
      const error = toApiError(err);
      if (error.status === 404) {
        setConfirmDelete(false);
        await onChanged(null);
      } else showProblem({ title: 'The transcript was not deleted', lines: [error.message], consent: false });
    } finally {
      setDeleting(false);
    }
  };

  const hint = blocked
    ? 'At most 5 MB, UTF-8 or UTF-16. Record the candidate’s consent first: your organization requires it.'
    : 'At most 5 MB, UTF-8 or UTF-16: the export of Zoom, Teams, Meet or a transcription tool.';
  return (
    <Card title="Transcript file">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {loading ? <Loading label="Loading…" /> : null}
      {transcript ? (
        <dl className="definition-list tx-file">
          <dt>File</dt>
          <dd>
            {transcript.fileName} <span className="muted">({transcript.format.toUpperCase()})</span>
          </dd>
          <dt>Added</dt>
          <dd>
            {formatDateTime(transcript.uploadedAt)}
            {transcript.uploadedByName ? ` by ${transcript.uploadedByName}` : ''}
          </dd>
          <dt>Turns</dt>
          <dd>{transcript.turns.length}</dd>
        </dl>
      ) : !loading ? (
        <p className="muted">No transcript yet.</p>
      ) : null}
      {transcript && transcript.warnings.length ? (
        <details className="tx-warnings">
          <summary>
            {transcript.warnings.length} {transcript.warnings.length === 1 ? 'line was' : 'lines were'} skipped while reading the file
          </summary>
          <ul>
            {transcript.warnings.slice(0, 50).map((w, i) => (
              <li key={`${w.line}-${i}`}>
                Line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {problem ? (
        <div ref={problemRef} tabIndex={-1} className="tx-problem">
          <Alert tone="error" title={problem.title}>
            {problem.lines.length ? (
              <ul className="issue-list">
                {problem.lines.map((l, i) => (
                  <li key={`${i}-${l}`}>{l}</li>
                ))}
              </ul>
            ) : null}
            {problem.consent ? <p>Use the Consent form on this page, then upload again.</p> : null}
          </Alert>
        </div>
      ) : null}
      <Form onSubmit={(e) => void upload(e)} aria-label="Transcript file">
        <div className="field">
          <label className="field__label" htmlFor={ids.id}>
            Transcript file (VTT, SRT, TXT or JSON)
          </label>
          <FieldHint id={ids.hintId}>{hint}</FieldHint>
          <input
            ref={fileRef}
            id={ids.id}
            type="file"
            className="tx-file-input"
            accept=".vtt,.webvtt,.srt,.txt,.json,text/vtt,text/plain,application/json,application/x-subrip"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy(ids, true, !!fileError)}
            onChange={() => setFileError(undefined)}
          />
          <FieldError id={ids.errorId} message={fileError} />
        </div>
        <FormActions>
          <Button type="submit" busy={busy} busyLabel="Uploading…" disabled={deleting}>
            {transcript ? 'Replace transcript' : 'Upload transcript'}
          </Button>
          {transcript && !confirmDelete ? (
            <Button variant="secondary" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Delete transcript
            </Button>
          ) : null}
        </FormActions>
        {transcript && confirmDelete ? (
          <ConfirmDelete busy={deleting} onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)} />
        ) : null}
      </Form>
    </Card>
  );
}

function ConfirmDelete({ busy, onConfirm, onCancel }: { busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="tx-confirm">
      <p ref={ref} tabIndex={-1}>
        Delete the transcript and its analysis? This cannot be undone; the candidate’s consent stays recorded.
      </p>
      <div className="form__actions">
        <Button variant="danger" size="sm" busy={busy} busyLabel="Deleting…" onClick={onConfirm}>
          Yes, delete the transcript
        </Button>
        <Button variant="secondary" size="sm" disabled={busy} onClick={onCancel}>
          Keep the transcript
        </Button>
      </div>
    </div>
  );
}
