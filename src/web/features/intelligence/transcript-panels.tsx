import { type FormEvent, useState } from 'react';
import { saveSpeakersRoute, type TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import {
  formatDuration,
  formatShare,
  formatTimestamp,
  mappingSourceLabels,
  participantRoleLabel,
  riskCategoryLabel,
  sharePercent,
  speakerOf,
  strengthLabels,
  suggestionText,
} from './transcript-format.ts';
import type { TranscriptModel } from './transcript-model.ts';

type Analysis = TranscriptView['analysis'];
type Jump = (turnIndex: number) => void;

/** A button that scrolls the conversation to a turn and focuses it. */
export function JumpButton({ ms, turn, onJump }: { ms: number; turn: number; onJump: Jump }) {
  return (
    <Button variant="ghost" size="sm" className="tx-jump" disabled={turn < 0} onClick={() => onJump(turn)}>
      Jump to {formatTimestamp(ms)}
    </Button>
  );
}

export function RiskFlagsPanel({ view, model, onJump }: { view: TranscriptView; model: TranscriptModel; onJump: Jump }) {
  const flags = view.analysis.flags;
  return (
    <section className="tx-panel" aria-labelledby="tx-flags-title">
      <h2 id="tx-flags-title">Risk flags</h2>
      {flags.length === 0 ? (
        <EmptyState>No risky questions found.</EmptyState>
      ) : (
        <>
          <p className="muted">
            {flags.length === 1 ? 'One question' : `${flags.length} questions`} touched a protected characteristic. Discuss them with the interviewer; they
            are not evidence about the candidate.
          </p>
          <ol className="tx-flags">
            {flags.map((f, i) => (
              <li key={`${i}-${f.startMs}`} className="tx-flag">
                <p className="tx-flag__head">
                  <Badge tone="danger">
                    <span aria-hidden="true">⚑ </span>
                    {riskCategoryLabel(f.category)}
                  </Badge>{' '}
                  <span className="muted">asked by {speakerOf(model.speakers, f.speaker).name}</span>
                </p>
                <blockquote className="tx-quote">“{f.quote || f.match}”</blockquote>
                <p>
                  <JumpButton ms={f.startMs} turn={model.flagTurn(i)} onJump={onJump} />
                </p>
                <p>{f.explanation}</p>
                <p className="tx-flag__alternative">
                  <strong>Ask instead:</strong> {f.alternative}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function CoveragePanel({ analysis, model, onJump }: { analysis: Analysis; model: TranscriptModel; onJump: Jump }) {
  const { asked, skipped, unplanned, threshold } = analysis.coverage;
  const planned = [
    ...asked.map((a) => ({ index: a.index, text: a.text, asked: a })),
    ...skipped.map((s) => ({ index: s.index, text: s.text, asked: null })),
  ].sort((a, b) => a.index - b.index);
  return (
    <section className="tx-panel" aria-labelledby="tx-coverage-title">
      <h2 id="tx-coverage-title">Question coverage</h2>
      {planned.length === 0 ? (
        <p className="muted">The round has no planned questions to check.</p>
      ) : (
        <>
          <p>
            {asked.length} of {planned.length} planned questions asked.
          </p>
          <ul className="tx-checklist">
            {planned.map((q) => (
              <li key={q.index} className={q.asked ? 'tx-check tx-check--asked' : 'tx-check tx-check--skipped'}>
                <span className="tx-check__icon" aria-hidden="true">
                  {q.asked ? '✓' : '✗'}
                </span>
                <div>
                  <p className="tx-check__text">
                    <span className="visually-hidden">{q.asked ? 'Asked: ' : 'Skipped: '}</span>
                    {q.text}
                  </p>
                  <p className="tx-check__meta">
                    {q.asked ? (
                      <>
                        Asked ({formatShare(q.asked.similarity)} match) <JumpButton ms={q.asked.startMs} turn={model.turnAt(q.asked.startMs)} onJump={onJump} />
                      </>
                    ) : (
                      'Skipped — not asked in this interview'
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
          <p className="muted tx-note">A planned question counts as asked when a question in the transcript matches at least {formatShare(threshold)} of it.</p>
        </>
      )}
      <h3>Unplanned questions</h3>
      {unplanned.length === 0 ? (
        <p className="muted">None: every question asked was a planned one.</p>
      ) : (
        <ul className="tx-unplanned">
          {unplanned.map((u) => (
            <li key={u.exchange}>
              <p className="tx-check__text">{u.text}</p>
              <JumpButton ms={u.startMs} turn={model.turnAt(u.startMs)} onJump={onJump} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TalkMetricsPanel({ analysis, model, onJump }: { analysis: Analysis; model: TranscriptModel; onJump: Jump }) {
  const { talk, speakers } = analysis;
  const nameOf = (label: string | null, name: string | null) => name ?? speakerOf(model.speakers, label).name;
  const interruptions = talk.interruptions.filter((x) => x.count > 0);
  return (
    <section className="tx-panel" aria-labelledby="tx-talk-title">
      <h2 id="tx-talk-title">Talk metrics</h2>
      <div className="tx-share">
        <span className="tx-share__track" aria-hidden="true">
          <span className="tx-share__fill" style={{ width: `${sharePercent(talk.candidateShare)}%` }} />
        </span>
        <span className="tx-share__text">
          {talk.candidateShare === null ? (
            'Candidate share of talk time: unknown (no speaker is mapped to the candidate)'
          ) : (
            <>
              Candidate share of talk time: <strong>{formatShare(talk.candidateShare)}</strong>
              {talk.interviewerShare !== null ? <> (interviewers {formatShare(talk.interviewerShare)})</> : null}
            </>
          )}
        </span>
      </div>
      <Table caption="Talk time by speaker">
        <thead>
          <tr>
            <th scope="col">Speaker</th>
            <th scope="col">Talk time</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {speakers.map((s) => (
            <tr key={s.speaker ?? '(none)'}>
              <th scope="row">
                {nameOf(s.speaker, s.name)}
                <span className="tx-table-sub">
                  {participantRoleLabel(s.role)}, {s.turns} {s.turns === 1 ? 'turn' : 'turns'}
                </span>
              </th>
              <td className="nowrap">{formatDuration(s.talkMs)}</td>
              <td>{formatShare(s.share)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <dl className="definition-list tx-metrics">
        <dt>Questions asked</dt>
        <dd>{talk.questionsAsked}</dd>
        <dt>Closed questions</dt>
        <dd>
          {talk.closedQuestions}
          <span className="muted"> (answerable with yes or no)</span>
        </dd>
        <dt>Leading questions</dt>
        <dd>
          {talk.leadingQuestions}
          <span className="muted"> (suggesting the answer)</span>
        </dd>
        <dt>Longest monologue</dt>
        <dd>
          {talk.longestMonologue && talk.longestMonologue.ms > 0 ? (
            <>
              {formatDuration(talk.longestMonologue.ms)} by {speakerOf(model.speakers, talk.longestMonologue.speaker).name}{' '}
              <JumpButton ms={talk.longestMonologue.startMs} turn={model.turnAt(talk.longestMonologue.startMs)} onJump={onJump} />
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Interruptions</dt>
        <dd>
          {interruptions.length === 0 ? (
            'None'
          ) : (
            <ul className="tx-inline-list">
              {interruptions.map((x) => (
                <li key={x.speaker ?? '(none)'}>
                  {speakerOf(model.speakers, x.speaker).name}: {x.count}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

export function EvidencePanel({ view, model, onJump }: { view: TranscriptView; model: TranscriptModel; onJump: Jump }) {
  const { evidence, suggestions } = view.analysis;
  return (
    <section className="tx-section" aria-labelledby="tx-evidence-title">
      <h2 id="tx-evidence-title">Evidence by competency</h2>
      <Alert tone="info">
        Suggested ratings are drafts worked out from the transcript. They never replace the interviewer’s rating: the interviewer rates on their own
        scorecard.
      </Alert>
      {view.competencies.length === 0 ? <p className="muted">The round names no competencies.</p> : null}
      <ul className="item-list tx-competencies">
        {view.competencies.map((c) => {
          const items = evidence.map((e, i) => ({ e, i })).filter(({ e }) => e.competencyId === c.id);
          const suggestion = suggestions.find((s) => s.competencyId === c.id);
          return (
            <li key={c.id}>
              <h3>{c.name}</h3>
              <p className="tx-suggestion">
                <strong>{suggestionText(suggestion)}</strong>
              </p>
              {suggestion?.note ? <p className="muted">{suggestion.note}</p> : null}
              {items.length === 0 ? (
                <p className="muted">No evidence for this competency in the transcript.</p>
              ) : (
                <ul className="tx-evidence-list">
                  {items.map(({ e, i }) => (
                    <li key={i} className="tx-evidence">
                      <blockquote className="tx-quote">“{e.quote}”</blockquote>
                      <p className="tx-evidence__meta">
                        <Badge tone={e.negative ? 'warning' : e.strength === 'strong' ? 'success' : 'neutral'}>{strengthLabels[e.strength] ?? e.strength}</Badge>
                        {e.negative ? (
                          <>
                            {' '}
                            <Badge tone="warning">Concern</Badge>
                          </>
                        ) : null}{' '}
                        <JumpButton ms={e.startMs} turn={model.evidenceTurn(i)} onJump={onJump} />
                      </p>
                      {e.reasons.length ? <p className="muted tx-evidence__reasons">{e.reasons.join(' · ')}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SummaryPanel({ view, model, onJump }: { view: TranscriptView; model: TranscriptModel; onJump: Jump }) {
  const { strongest, probeNext } = view.analysis.summary;
  return (
    <section className="tx-section tx-summary" aria-labelledby="tx-summary-title">
      <h2 id="tx-summary-title">Summary</h2>
      <div className="tx-summary__columns">
        <div>
          <h3>Strongest evidence</h3>
          {strongest.length === 0 ? (
            <p className="muted">No positive evidence found yet.</p>
          ) : (
            <ul className="tx-summary__list">
              {strongest.map((s) => (
                <li key={s.competencyId}>
                  <strong>{model.competencyName(s.competencyId)}:</strong> “{s.quote}”{' '}
                  <JumpButton ms={s.startMs} turn={model.turnAt(s.startMs)} onJump={onJump} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Probe next round</h3>
          {probeNext.length === 0 ? (
            <p className="muted">Nothing left open.</p>
          ) : (
            <ul className="tx-summary__list">
              {probeNext.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

const OTHER = 'other';
const encodeChoice = (role: 'interviewer' | 'candidate' | 'other', participantId: string | null) => (role === 'other' ? OTHER : `${role}:${participantId ?? ''}`);

function decodeChoice(value: string): { role: 'interviewer' | 'candidate' | 'other'; participantId: string | null } {
  if (value === OTHER) return { role: 'other', participantId: null };
  const [role, id] = value.split(':') as ['interviewer' | 'candidate', string];
  return { role, participantId: id ? id : null };
}

/** Who each speaker label of the file is; saving runs the analysis again. Not in the blind view (its labels are masked). */
export function SpeakersForm({
  view,
  disabled,
  onSaved,
}: {
  view: TranscriptView;
  disabled: boolean;
  onSaved: (view: TranscriptView) => Promise<void> | void;
}) {
  const { interviewers, candidate } = view.participants;
  const options = [
    ...interviewers.map((p) => ({ value: `interviewer:${p.id}`, label: `Interviewer: ${p.name}` })),
    { value: 'interviewer:', label: 'Interviewer (not on the panel)' },
    { value: `candidate:${candidate.id}`, label: `Candidate: ${candidate.name}` },
    { value: OTHER, label: 'Other' },
  ];
  const initial = () =>
    Object.fromEntries(
      view.speakers.map((m) => [m.speaker, m.role === 'candidate' ? `candidate:${candidate.id}` : encodeChoice(m.role, m.participantId)]),
    ) as Record<string, string>;
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (disabled || busy) return;
    setBusy(true);
    setProblem(null);
    setFieldErrors({});
    setSaved(false);
    try {
      const mapping = view.speakers.map((m) => ({ speaker: m.speaker, ...decodeChoice(values[m.speaker] ?? OTHER) }));
      const next = await api(saveSpeakersRoute, { params: { id: view.interviewId }, body: { mapping } });
      await onSaved(next);
      setSaved(true);
    } catch (err) {
      const error = toApiError(err);
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(error.issues)) {
        const m = /^mapping\.(\d+)\./.exec(path);
        const speaker = m ? view.speakers[Number(m[1])]?.speaker : undefined;
        if (speaker !== undefined) errors[speaker] = message;
      }
      setFieldErrors(errors);
      setProblem(error.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="tx-section" aria-labelledby="tx-speakers-title">
      <h2 id="tx-speakers-title">Speakers</h2>
      <p className="muted">
        Who is who decides whose questions are checked and whose answers count as evidence. Correct a wrong guess and save: the analysis runs again.
      </p>
      {disabled ? <Alert tone="info">Turn off blind review to change the speakers (their names are hidden in the blind view).</Alert> : null}
      {view.speakers.length === 0 ? (
        <p className="muted">The transcript names no speakers.</p>
      ) : (
        <Form onSubmit={(e) => void submit(e)} aria-label="Speakers" className="tx-speakers">
          {saved ? <Alert tone="success">Speakers saved; the analysis was updated.</Alert> : null}
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <fieldset className="tx-speakers__fields" disabled={disabled || busy}>
            <legend className="visually-hidden">Speaker roles</legend>
            {view.speakers.map((m) => (
              <SelectField
                key={m.speaker}
                label={`Who is ${m.speaker}?`}
                hint={mappingSourceLabels[m.source] ?? undefined}
                options={options}
                value={values[m.speaker] ?? OTHER}
                error={fieldErrors[m.speaker]}
                onChange={(e) => {
                  const value = e.target.value;
                  setSaved(false);
                  setValues((v) => ({ ...v, [m.speaker]: value }));
                }}
              />
            ))}
          </fieldset>
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Saving…" disabled={disabled}>
              Save speakers
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
