import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { recommendations } from '../../../core/scoring/scoring.ts';
import { getMyScorecardRoute, saveScorecardRoute, type Scorecard } from '../../../modules/feedback/feedback.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { RadioGroup } from '../../components/choice-group.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { TranscriptEvidence } from '../intelligence/scorecard-evidence.tsx';
import { recommendationLabels } from './interview-format.ts';
import { InterviewsNav } from './interviews-nav.tsx';
import {
  bodyFromDraft,
  type CompetencyDraft,
  draftFromBody,
  emptyIssues,
  formatWeightedTotal,
  hasIssues,
  liveScore,
  mapScorecardIssues,
  type RatingChoice,
  ratingLevels,
  type ScorecardDraft,
  type ScorecardForm,
  type ScorecardIssues,
} from './scorecard-model.ts';
import { ScorecardReadonly, ScorecardStatus } from './scorecard-view.tsx';
import { InterviewLoadError } from './interview-load-error.tsx';

const AUTOSAVE_DELAY_MS = 1000;
const CONFLICT_TEXT = 'This scorecard was changed elsewhere — reload';

const myScorecardKey = (interviewId: string) => ['my-scorecard', interviewId];

/** Your scorecard for an interview: started (or fetched) as a draft, autosaved, then submitted. */
export function ScorecardPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  // POST is "get or create": the draft exists from the first visit, stamped with the plan version.
  const card = useQuery({
    queryKey: myScorecardKey(id),
    queryFn: () => api(getMyScorecardRoute, { params: { id } }),
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
  if (card.isPending) return <Loading label="Opening your scorecard…" />;
  if (card.isError) return <InterviewLoadError error={card.error} title="Scorecard" forbidden="You cannot write a scorecard for this interview." what="your scorecard" onRetry={() => void card.refetch()} />;
  const reload = async () => {
    await client.resetQueries({ queryKey: myScorecardKey(id) });
  };
  if (!card.data.mine) {
    return (
      <>
        <InterviewsNav />
        <PageHeader title={`Scorecard: ${card.data.candidateName}`} description={`${card.data.roundName}, by ${card.data.interviewer.name}`} />
        <ScorecardReadonly card={card.data} showHeader={false} />
      </>
    );
  }
  return <ScorecardEditor key={`${card.data.id}-${card.dataUpdatedAt}`} initial={card.data} interviewId={id} onReload={reload} />;
}

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

function ScorecardEditor({ initial, interviewId, onReload }: { initial: Scorecard; interviewId: string; onReload: () => Promise<void> }) {
  const form = initial.form;
  const [card, setCard] = useState(initial);
  const [draft, setDraft] = useState<ScorecardDraft>(() => draftFromBody(form, initial.body));
  const [editing, setEditing] = useState(initial.status === 'draft');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [issues, setIssues] = useState<ScorecardIssues>(emptyIssues);
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submittedNow, setSubmittedNow] = useState(false);
  const [reloading, setReloading] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  // The autosave machinery works on refs: timers and queued saves must see the latest values.
  const draftRef = useRef(draft);
  const baseVersion = useRef(initial.version);
  const statusRef = useRef(initial.status);
  const conflictRef = useRef(false);
  const savedJson = useRef(JSON.stringify(bodyFromDraft(form, draft)));
  const timer = useRef<number | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const clearTimer = () => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
  };

  /** Runs save tasks one after the other, so each sends the version the previous one returned. */
  const enqueue = <T,>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => undefined);
    return run;
  };

  const adopt = (saved: Scorecard) => {
    baseVersion.current = saved.version;
    statusRef.current = saved.status;
    setCard(saved);
  };

  const onConflict = () => {
    clearTimer();
    conflictRef.current = true;
    setConflict(true);
    setSaveState('idle');
  };

  const saveDraftNow = async () => {
    if (conflictRef.current || statusRef.current !== 'draft') return;
    const body = bodyFromDraft(form, draftRef.current);
    const json = JSON.stringify(body);
    if (json === savedJson.current) {
      setSaveState((s) => (s === 'pending' || s === 'saving' ? 'saved' : s));
      return;
    }
    setSaveState('saving');
    try {
      const saved = await api(saveScorecardRoute, { params: { id: card.id }, body: { baseVersion: baseVersion.current, body, submit: false } });
      adopt(saved);
      savedJson.current = json;
      setSaveError(null);
      setSaveState(JSON.stringify(bodyFromDraft(form, draftRef.current)) === json ? 'saved' : 'pending');
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) onConflict();
      else {
        setSaveState('error');
        setSaveError(err.message);
        if (err.status === 400) setIssues(mapScorecardIssues(form, draftRef.current, err.issues));
      }
    }
  };

  const flush = () => {
    clearTimer();
    return enqueue(saveDraftNow);
  };

  // Leaving the page within the autosave delay still saves the last change.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      if (timer.current !== null) void flushRef.current();
    },
    [],
  );

  const change = (update: (d: ScorecardDraft) => ScorecardDraft) => {
    const next = update(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    setSubmittedNow(false);
    if (statusRef.current === 'draft' && !conflictRef.current) {
      setSaveState('pending');
      clearTimer();
      timer.current = window.setTimeout(() => {
        timer.current = null;
        void enqueue(saveDraftNow);
      }, AUTOSAVE_DELAY_MS);
    }
  };

  const setCompetency = (id: string, patch: Partial<CompetencyDraft>) =>
    change((d) => ({ ...d, ratings: { ...d.ratings, [id]: { ...(d.ratings[id] ?? { choice: null, evidence: '' }), ...patch } } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (conflictRef.current || submitting) return;
    clearTimer();
    setSubmitting(true);
    setSubmitProblem(null);
    setIssues(emptyIssues());
    try {
      const saved = await enqueue(() => {
        const body = bodyFromDraft(form, draftRef.current);
        return api(saveScorecardRoute, { params: { id: card.id }, body: { baseVersion: baseVersion.current, body, submit: true } });
      });
      adopt(saved);
      const next = draftFromBody(form, saved.body);
      draftRef.current = next;
      setDraft(next);
      savedJson.current = JSON.stringify(bodyFromDraft(form, next));
      setSaveState('idle');
      setSaveError(null);
      setEditing(false);
      setSubmittedNow(true);
    } catch (err) {
      const error = toApiError(err);
      if (error.status === 409) onConflict();
      else {
        const mapped = mapScorecardIssues(form, draftRef.current, error.issues);
        setIssues(mapped);
        setSubmitProblem(error.status === 400 && hasIssues(mapped) ? 'The scorecard needs changes before it can be submitted:' : error.message);
        window.setTimeout(() => alertRef.current?.focus(), 0);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  };

  const cancelEdit = () => {
    const restored = draftFromBody(form, card.body);
    draftRef.current = restored;
    setDraft(restored);
    setIssues(emptyIssues());
    setSubmitProblem(null);
    setEditing(false);
  };

  const score = liveScore(form, draft);
  const submitted = card.status === 'submitted';
  const readOnly = !editing || conflict;
  const ratedCount = score.rated;

  return (
    <>
      <InterviewsNav />
      <PageHeader
        title={`Scorecard: ${card.candidateName}`}
        description={
          <>
            {card.roundName} · <Link to={`/interviews/${interviewId}/kit`}>Interview kit</Link>
          </>
        }
      />
      <p className="iv-status-line">
        <ScorecardStatus card={card} /> <SaveStatus state={saveState} error={saveError} submitted={submitted} editing={editing} />
      </p>
      {submittedNow ? <Alert tone="success">Submitted. You can still edit it: submitting again records a revision.</Alert> : null}
      {conflict ? (
        <Alert tone="error" title={CONFLICT_TEXT}>
          <p>Your latest changes were not saved: this scorecard was saved in another tab or window.</p>
          <Button variant="secondary" size="sm" busy={reloading} busyLabel="Reloading…" onClick={() => void reload()}>
            Reload
          </Button>
        </Alert>
      ) : null}
      {submitProblem ? (
        <div ref={alertRef} tabIndex={-1}>
          <Alert tone="error" title={submitProblem}>
            {issues.other.length ? (
              <ul className="issue-list">
                {issues.other.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
            {hasIssues({ ...issues, other: [] }) ? <p>Each problem is shown next to its field below.</p> : null}
          </Alert>
        </div>
      ) : null}

      <Form onSubmit={(e) => void submit(e)} aria-label="Scorecard" className="iv-scorecard">
        <fieldset className="iv-scorecard__fields" disabled={readOnly}>
          <legend className="visually-hidden">Scorecard</legend>
          <section aria-labelledby="sc-competencies">
            <h2 id="sc-competencies">Competencies</h2>
            <p className="muted">
              Rate what you saw against the anchors, 1 to 4, or mark a competency not assessed.
              {form.evidenceRequired ? ' Every rating needs written evidence.' : ''}
            </p>
            <div className="ratings">
              {form.competencies.map((c) => (
                <CompetencyField
                  key={c.id}
                  interviewId={interviewId}
                  competency={c}
                  value={draft.ratings[c.id] ?? { choice: null, evidence: '' }}
                  evidenceRequired={form.evidenceRequired}
                  ratingError={issues.rating[c.id]}
                  evidenceError={issues.evidence[c.id]}
                  onChange={(patch) => setCompetency(c.id, patch)}
                />
              ))}
            </div>
          </section>

          <p className="iv-total" role="status">
            <strong>{formatWeightedTotal(score.score)}</strong>
          </p>
          <p className="muted iv-total__coverage">
            {ratedCount} of {form.competencies.length} competencies rated
            {score.score === null ? '' : `, ${Math.round(score.coverage * 100)}% of the weight`}.
          </p>

          {form.questions.length ? (
            <QuestionRatings form={form} draft={draft} errors={issues.questions} onChange={(index, rating) =>
              change((d) => {
                const next = { ...d.questionRatings };
                if (rating === null) delete next[index];
                else next[index] = rating;
                return { ...d, questionRatings: next };
              })
            } />
          ) : null}

          <RadioGroup
            legend="Overall recommendation"
            name="recommendation"
            inline
            className="choice-group--rating"
            error={issues.recommendation}
            options={recommendations.map((r) => ({ value: r, label: recommendationLabels[r] }))}
            value={draft.recommendation ?? undefined}
            onChange={(v) => change((d) => ({ ...d, recommendation: v as ScorecardDraft['recommendation'] }))}
          />

          <TextAreaField
            label="Notes"
            hint="Anything else the debrief should know. Stick to what the candidate said and did."
            rows={5}
            value={draft.notes}
            error={issues.notes}
            onChange={(e) => change((d) => ({ ...d, notes: e.target.value }))}
          />

          <RedFlags lines={draft.redFlags} errors={issues.redFlags} onChange={(lines) => change((d) => ({ ...d, redFlags: lines }))} />
        </fieldset>

        <FormActions>
          {/* Keys keep React from turning the clicked "Edit" button into the submit button mid-click (which would submit). */}
          {editing ? (
            <>
              <Button key="submit" type="submit" busy={submitting} busyLabel="Submitting…" disabled={conflict}>
                Submit scorecard
              </Button>
              {submitted ? (
                <Button key="cancel" variant="secondary" onClick={cancelEdit}>
                  Cancel editing
                </Button>
              ) : null}
            </>
          ) : (
            <Button
              key="edit"
              variant="secondary"
              disabled={conflict}
              onClick={() => {
                setSubmittedNow(false);
                setEditing(true);
              }}
            >
              Edit scorecard
            </Button>
          )}
        </FormActions>
        {editing && submitted ? (
          <p className="muted">You are editing a submitted scorecard: submitting it again records revision {card.revisions + 1}.</p>
        ) : null}
      </Form>
    </>
  );
}

function SaveStatus({ state, error, submitted, editing }: { state: SaveState; error: string | null; submitted: boolean; editing: boolean }) {
  let text = '';
  if (submitted) text = editing ? 'Editing — changes are kept when you submit again' : '';
  else if (state === 'pending') text = 'Unsaved changes';
  else if (state === 'saving') text = 'Saving…';
  else if (state === 'saved') text = 'Draft saved';
  else if (state === 'error') text = `Draft not saved: ${error ?? 'try again'}`;
  return (
    <span className={state === 'error' ? 'iv-save iv-save--error' : 'iv-save'} role="status">
      {text}
    </span>
  );
}

function CompetencyField({
  interviewId,
  competency,
  value,
  evidenceRequired,
  ratingError,
  evidenceError,
  onChange,
}: {
  interviewId: string;
  competency: ScorecardForm['competencies'][number];
  value: CompetencyDraft;
  evidenceRequired: boolean;
  ratingError: string | undefined;
  evidenceError: string | undefined;
  onChange: (patch: Partial<CompetencyDraft>) => void;
}) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const errorId = `${id}-error`;
  const descId = `${id}-desc`;
  const name = competency.name;
  const options: { choice: RatingChoice; label: string; text: string }[] = [
    ...ratingLevels.map((n) => ({ choice: n as RatingChoice, label: `${name}: ${n}`, text: competency.anchors[String(n)] ?? '' })),
    { choice: 'na', label: `${name}: not assessed`, text: '' },
  ];
  return (
    <fieldset
      className={['choice-group', 'choice-group--rating', 'iv-competency', ratingError ? 'choice-group--invalid' : ''].filter(Boolean).join(' ')}
      aria-describedby={[descId, ratingError ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend className="choice-group__legend">{name}</legend>
      <p className="choice-group__description" id={descId}>
        Weight {competency.weight}
      </p>
      {ratingError ? (
        <p className="field__error" id={errorId}>
          {ratingError}
        </p>
      ) : null}
      <div className="choice-group__options iv-levels">
        {options.map((o) => {
          const inputId = `${id}-${o.choice}`;
          return (
            <label key={String(o.choice)} className="choice iv-level" htmlFor={inputId}>
              <input
                id={inputId}
                type="radio"
                name={`rating-${competency.id}`}
                aria-label={o.label}
                aria-invalid={ratingError ? true : undefined}
                checked={value.choice === o.choice}
                onChange={() => onChange({ choice: o.choice })}
              />
              <span className="choice__label">
                {o.choice === 'na' ? (
                  'Not assessed'
                ) : (
                  <>
                    <strong className="iv-level__number">{o.choice}</strong> {o.text}
                  </>
                )}
              </span>
            </label>
          );
        })}
      </div>
      <TextAreaField
        label={`Evidence for ${name}`}
        hint={evidenceRequired ? 'Required: what the candidate said or did that supports the rating.' : 'What the candidate said or did that supports the rating.'}
        required={evidenceRequired}
        aria-required={evidenceRequired || undefined}
        rows={3}
        value={value.evidence}
        error={evidenceError}
        onChange={(e) => onChange({ evidence: e.target.value })}
      />
      {/* The transcript's evidence and draft suggestion, when there is a transcript: shown, never applied. */}
      <TranscriptEvidence interviewId={interviewId} competencyId={competency.id} competencyName={name} />
    </fieldset>
  );
}

function QuestionRatings({
  form,
  draft,
  errors,
  onChange,
}: {
  form: ScorecardForm;
  draft: ScorecardDraft;
  errors: Record<number, string>;
  onChange: (index: number, rating: number | null) => void;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  const rated = Object.keys(draft.questionRatings).length;
  return (
    <details className="iv-questions" open={hasErrors || undefined}>
      <summary>Rate individual questions</summary>
      <p className="muted">Optional. {rated ? `${rated} of ${form.questions.length} rated.` : 'None rated yet.'}</p>
      {form.questions.map((q, n) => (
        <RadioGroup
          key={q.index}
          legend={`Question ${n + 1}: ${q.text}`}
          name={`question-${q.index}`}
          inline
          error={errors[q.index]}
          options={[...ratingLevels.map((r) => ({ value: String(r), label: String(r) })), { value: '', label: 'Not rated' }]}
          value={String(draft.questionRatings[q.index] ?? '')}
          onChange={(v) => onChange(q.index, v ? Number(v) : null)}
        />
      ))}
    </details>
  );
}

function RedFlags({ lines, errors, onChange }: { lines: string[]; errors: Record<number, string>; onChange: (lines: string[]) => void }) {
  const addRef = useRef<HTMLButtonElement>(null);
  // After "Add red flag" the new line takes the focus.
  const [focusLine, setFocusLine] = useState<number | null>(null);
  return (
    <fieldset className="list-editor iv-red-flags">
      <legend className="list-editor__legend">Red flags</legend>
      <p className="muted">Concrete concerns only, one per line: what was said or done.</p>
      {lines.length ? (
        <ol className="list-editor__items">
          {lines.map((line, i) => (
            <li key={i} className="list-editor__item">
              <TextField
                label={`Red flag ${i + 1}`}
                value={line}
                maxLength={1000}
                error={errors[i]}
                autoFocus={focusLine === i}
                onChange={(e) => onChange(lines.map((l, j) => (j === i ? e.target.value : l)))}
              />
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  onChange(lines.filter((_, j) => j !== i));
                  setFocusLine(null);
                  addRef.current?.focus();
                }}
              >
                Remove<span className="visually-hidden"> red flag {i + 1}</span>
              </Button>
            </li>
          ))}
        </ol>
      ) : null}
      <Button ref={addRef} variant="secondary" size="sm" disabled={lines.length >= 20} onClick={() => {
          setFocusLine(lines.length);
          onChange([...lines, '']);
        }}
      >
        Add red flag
      </Button>
    </fieldset>
  );
}
