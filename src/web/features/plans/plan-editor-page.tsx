import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo, useReducer, useState } from 'react';
import { Link, useParams } from 'react-router';
import { analyzeCoverage } from '../../../core/plans/coverage.ts';
import {
  diffPlanRoute,
  getPlanRoute,
  listPlanVersionsRoute,
  type OrgPlan,
  restorePlanRoute,
  savePlanRoute,
} from '../../../modules/plans/plans.contract.ts';
import { type Plan, planSchema } from '../../../modules/plans/plans.format.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { QuestionsNav } from '../questions/questions-nav.tsx';
import { competenciesQuery } from '../roles/queries.ts';
import { VersionHistory } from '../documents/version-history.tsx';
import { BankSearch } from './bank-search.tsx';
import { CoverageView } from './coverage-view.tsx';
import { type PathIssue, serverIssues } from './plan-issues.ts';
import {
  bankQuestionToPlanQuestion,
  describePath,
  type OutcomeList,
  type PlanAction,
  planReducer,
  planRisks,
  ratedBy,
  type RoundPatch,
  roundKindLabels,
  roundKinds,
  weightSum,
} from './plan-model.ts';
import { useCanWritePlans } from './start-plan.ts';

const planKey = (id: string) => ['plan', id];

/** One interview plan: the editor (writers), live coverage and risk findings, history. */
export function PlanEditorPage() {
  const { id = '' } = useParams();
  const plan = useQuery({ queryKey: planKey(id), queryFn: () => api(getPlanRoute, { params: { id } }) });
  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) {
    if (isApiError(plan.error) && (plan.error.status === 404 || plan.error.status === 400)) {
      return (
        <>
          <PageHeader title="Plan not found" />
          <Alert tone="warning" title="There is no such plan in this organization.">
            <p>{plan.error.message}</p>
          </Alert>
          <p>
            See <Link to="/plans">your organization's plans</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={plan.error} what="this plan" onRetry={() => void plan.refetch()} />;
  }
  return <Editor key={id} latest={plan.data} />;
}

function downloadJson(plan: Plan) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(plan, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${plan.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plan'}.rubric-plan.json`;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The draft lives in a reducer; a save names the version it started from (`base`). When someone
 * saved in between the server answers 409: the draft stays, the user loads the latest version and
 * saves the draft on top of it, or discards the draft.
 */
function Editor({ latest }: { latest: OrgPlan }) {
  const client = useQueryClient();
  const canWrite = useCanWritePlans();
  const [base, setBase] = useState<OrgPlan>(latest);
  const [draft, dispatch] = useReducer(planReducer, latest.plan);
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<{ message: string; issues: PathIssue[] } | null>(null);
  const [loadingLatest, setLoadingLatest] = useState(false);
  const library = useQuery(competenciesQuery);

  const coverage = useMemo(() => analyzeCoverage(draft), [draft]);
  const risks = useMemo(() => planRisks(draft), [draft]);
  const sum = weightSum(draft);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(base.plan), [draft, base]);

  const adopt = async (next: OrgPlan, message: string) => {
    client.setQueryData(planKey(next.id), next);
    setBase(next);
    dispatch({ type: 'replace', plan: next.plan });
    setConflict(false);
    setProblem(null);
    setNote('');
    setNotice(message);
    await Promise.all([client.invalidateQueries({ queryKey: ['plan-versions', next.id] }), client.invalidateQueries({ queryKey: ['plans'] })]);
  };

  const save = useMutation({
    mutationFn: (plan: Plan) => api(savePlanRoute, { params: { id: base.id }, body: { baseVersionId: base.currentVersion.id, plan, note: note.trim() || undefined } }),
    onSuccess: (result) => adopt(result, `Saved version ${result.currentVersion.number}.`),
    onError: (e) => {
      const err = toApiError(e);
      if (err.status === 409) setConflict(true);
      else setProblem({ message: err.message, issues: serverIssues(err) });
    },
  });

  const onSave = () => {
    setNotice(null);
    setProblem(null);
    const parsed = planSchema.safeParse(draft);
    if (!parsed.success) {
      setProblem({
        message: 'The plan needs changes before it can be saved:',
        issues: parsed.error.issues.map((i) => {
          const path = i.path.map(String).join('.');
          const where = describePath(draft, i.path);
          return { path, message: where === path ? i.message : `${where}: ${i.message}` };
        }),
      });
      return;
    }
    save.mutate(parsed.data);
  };

  const loadLatest = async () => {
    setLoadingLatest(true);
    try {
      const next = await client.fetchQuery({ queryKey: planKey(base.id), queryFn: () => api(getPlanRoute, { params: { id: base.id } }), staleTime: 0 });
      setBase(next);
      setConflict(false);
      setNotice(
        `Loaded version ${next.currentVersion.number}, saved by ${next.currentVersion.createdByName ?? 'someone'}. Your draft is still in the editor: save to apply it on top of version ${next.currentVersion.number}, or discard it to see that version.`,
      );
      void client.invalidateQueries({ queryKey: ['plan-versions', base.id] });
    } catch (e) {
      setProblem({ message: toApiError(e).message, issues: [] });
    } finally {
      setLoadingLatest(false);
    }
  };

  const restore = useMutation({
    mutationFn: (version: { id: string; number: number }) =>
      api(restorePlanRoute, { params: { id: base.id }, body: { versionId: version.id, baseVersionId: base.currentVersion.id } }),
    onSuccess: (result, version) => adopt(result, `Version ${version.number} was restored as version ${result.currentVersion.number}.`),
    onError: (e) => {
      if (toApiError(e).status === 409) setConflict(true);
    },
  });

  const compName = (id: string) => draft.competencies.find((c) => c.id === id)?.name ?? id;
  const planCompetencyOptions = draft.competencies.map((c) => ({ value: c.id, label: c.name }));

  return (
    <>
      <QuestionsNav />
      <PageHeader
        title={draft.title || base.title}
        description={
          <>
            Interview plan, version {base.currentVersion.number}, saved by {base.currentVersion.createdByName ?? 'someone'} on{' '}
            {formatDateTime(base.currentVersion.createdAt)}.{' '}
            {base.roleId ? (
              <>
                From the guide for <Link to={`/guides/${base.roleId}`}>{base.roleId}</Link>.
              </>
            ) : null}
          </>
        }
        actions={
          <Button variant="secondary" size="sm" onClick={() => downloadJson(draft)}>
            Export JSON
          </Button>
        }
      />
      {canWrite ? null : <Alert tone="info">You can read this plan; owners, admins, recruiters and hiring managers can edit it.</Alert>}

      <fieldset className="plan-editor" disabled={!canWrite}>
        <legend className="visually-hidden">Plan editor</legend>

        <section className="card" aria-labelledby="plan-basics">
          <h2 className="card__title" id="plan-basics">
            Plan
          </h2>
          <TextField label="Title" value={draft.title} onChange={(e) => dispatch({ type: 'setTitle', title: e.target.value })} />
        </section>

        <section className="card" aria-labelledby="plan-outcomes">
          <h2 className="card__title" id="plan-outcomes">
            Outcomes
          </h2>
          <OutcomeEditor list="ninetyDays" title="In the first 90 days" items={draft.outcomes.ninetyDays} dispatch={dispatch} />
          <OutcomeEditor list="oneYear" title="In the first year" items={draft.outcomes.oneYear} dispatch={dispatch} />
        </section>

        <WeightsEditor plan={draft} sum={sum} dispatch={dispatch} />

        <section className="plan-rounds" aria-labelledby="plan-rounds-title">
          <h2 id="plan-rounds-title">Rounds</h2>
          {draft.rounds.map((round, i) => (
            <RoundEditor
              key={round.id}
              plan={draft}
              index={i}
              dispatch={dispatch}
              compName={compName}
              competencyOptions={planCompetencyOptions}
              bankCompetencies={library.data?.items ?? draft.competencies}
            />
          ))}
          <p>
            <Button variant="secondary" onClick={() => dispatch({ type: 'addRound' })}>
              Add round
            </Button>
          </p>
        </section>

        <section className="card" aria-labelledby="plan-scorecard">
          <h2 className="card__title" id="plan-scorecard">
            Scorecard
          </h2>
          <p className="muted">Which competencies each round rates. A round rates its focus competencies until you change it here.</p>
          {draft.rounds.map((r) => (
            <CheckboxGroup
              key={r.id}
              legend={`${r.name} rates`}
              name={`rated-${r.id}`}
              options={planCompetencyOptions}
              value={ratedBy(draft, r.id)}
              onChange={(next) => {
                const before = new Set(ratedBy(draft, r.id));
                const after = new Set(next);
                for (const c of draft.competencies) {
                  if (before.has(c.id) !== after.has(c.id)) dispatch({ type: 'toggleRated', roundId: r.id, competencyId: c.id, on: after.has(c.id) });
                }
              }}
            />
          ))}
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.scorecard.evidenceRequired}
              onChange={(e) => dispatch({ type: 'setEvidenceRequired', value: e.target.checked })}
            />
            <span className="choice__label">Evidence required: every rating needs written evidence</span>
          </label>
        </section>
      </fieldset>

      <section className="card plan-findings" aria-labelledby="coverage-title">
        <CoverageView coverage={coverage} rounds={draft.rounds} />
        <h3 id="risk-title">Risk findings</h3>
        <div role="status">
          {risks.length === 0 ? (
            <p className="coverage__ok">No question or probe touches a protected characteristic.</p>
          ) : (
            <ul className="risk-list" aria-labelledby="risk-title">
              {risks.map((r) => (
                <li key={`${r.path}-${r.finding.start}-${r.finding.category}`}>
                  <strong>{r.location}</strong>: “{r.finding.match}”. {r.finding.message} <span className="muted">{r.finding.alternative}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      {canWrite ? (
        <section className="card plan-save" aria-labelledby="plan-save-title">
          <h2 className="card__title" id="plan-save-title">
            Save {dirty ? <Badge tone="warning">Unsaved changes</Badge> : null}
          </h2>
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          {conflict ? (
            <Alert tone="error" title="Someone saved a newer version while you were editing.">
              <p>Your changes were not saved. Load the latest version: your draft stays in the editor so you can save it on top of it.</p>
              <Button variant="secondary" size="sm" busy={loadingLatest} busyLabel="Loading…" onClick={() => void loadLatest()}>
                Load the latest version
              </Button>
            </Alert>
          ) : null}
          {problem ? (
            <Alert tone="error" title={problem.message}>
              {problem.issues.length ? (
                <ul className="issue-list">
                  {problem.issues.map((i, n) => (
                    <li key={`${i.path}-${n}`}>
                      {i.message} <code>{i.path || '(plan)'}</code>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          {restore.isError && toApiError(restore.error).status !== 409 ? <Alert tone="error">{toApiError(restore.error).message}</Alert> : null}
          <p className="muted">
            Editing from version {base.currentVersion.number}
            {latest.currentVersion.id !== base.currentVersion.id ? ` (version ${latest.currentVersion.number} is newer)` : ''}.
          </p>
          <TextField label="Change note" hint="Optional: what changed and why, for the history." value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <FormActions>
            <Button busy={save.isPending} busyLabel="Saving…" onClick={onSave}>
              Save
            </Button>
            {dirty ? (
              <Button
                variant="secondary"
                onClick={() => {
                  if (window.confirm(`Discard your unsaved changes and show version ${base.currentVersion.number}?`)) {
                    dispatch({ type: 'replace', plan: base.plan });
                    setNotice(null);
                    setProblem(null);
                  }
                }}
              >
                Discard my draft
              </Button>
            ) : null}
          </FormActions>
        </section>
      ) : null}

      <History
        plan={latest.currentVersion.number >= base.currentVersion.number ? latest : base}
        restoringId={restore.isPending ? restore.variables.id : null}
        onRestore={
          canWrite
            ? (v) => {
                setNotice(null);
                restore.mutate(v);
              }
            : undefined
        }
      />
    </>
  );
}

function OutcomeEditor({ list, title, items, dispatch }: { list: OutcomeList; title: string; items: string[]; dispatch: (a: PlanAction) => void }) {
  return (
    <fieldset className="list-editor">
      <legend className="list-editor__legend">{title}</legend>
      <ol className="list-editor__items">
        {items.map((item, i) => (
          <li key={i} className="list-editor__item">
            <TextAreaField label={`${title}, outcome ${i + 1}`} rows={2} value={item} onChange={(e) => dispatch({ type: 'setOutcome', list, index: i, value: e.target.value })} />
            <Button variant="ghost" size="sm" onClick={() => dispatch({ type: 'removeOutcome', list, index: i })}>
              Remove outcome<span className="visually-hidden"> {i + 1} ({title.toLowerCase()})</span>
            </Button>
          </li>
        ))}
      </ol>
      <Button variant="secondary" size="sm" onClick={() => dispatch({ type: 'addOutcome', list })}>
        Add an outcome<span className="visually-hidden"> ({title.toLowerCase()})</span>
      </Button>
    </fieldset>
  );
}

function WeightsEditor({ plan, sum, dispatch }: { plan: Plan; sum: number; dispatch: (a: PlanAction) => void }) {
  const sumId = useId();
  const wrong = sum !== 100;
  return (
    <section className="card" aria-labelledby="plan-competencies">
      <h2 className="card__title" id="plan-competencies">
        Competencies
      </h2>
      <div className="table-wrap" role="region" aria-label="Competency weights" tabIndex={0}>
        <table className="table">
          <caption className="table__caption">Weights out of 100</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {plan.competencies.map((c) => {
              const inputId = `weight-${c.id}`;
              return (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <label htmlFor={inputId} className="visually-hidden">
                      Weight for {c.name}
                    </label>
                    <input
                      id={inputId}
                      type="number"
                      min={0}
                      max={100}
                      step={1}
                      inputMode="numeric"
                      className="field__control field__control--number"
                      value={Number.isFinite(c.weight) ? c.weight : ''}
                      aria-invalid={wrong ? true : undefined}
                      aria-describedby={sumId}
                      onChange={(e) => dispatch({ type: 'setWeight', competencyId: c.id, weight: e.target.valueAsNumber })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Sum</th>
              <td>{sum}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p id={sumId} className={wrong ? 'field__error' : 'muted'} role="status">
        {wrong ? `The weights sum to ${sum}; they must sum to 100.` : 'The weights sum to 100.'}
      </p>
    </section>
  );
}

function RoundEditor({
  plan,
  index,
  dispatch,
  compName,
  competencyOptions,
  bankCompetencies,
}: {
  plan: Plan;
  index: number;
  dispatch: (a: PlanAction) => void;
  compName: (id: string) => string;
  competencyOptions: { value: string; label: string }[];
  bankCompetencies: readonly { id: string; name: string }[];
}) {
  const round = plan.rounds[index]!;
  const [searching, setSearching] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const update = (patch: RoundPatch) => dispatch({ type: 'updateRound', round: index, patch });
  const num = (v: number) => (Number.isFinite(v) ? v : '');
  const questionMinutes = round.questions.reduce((s, q) => s + (Number.isFinite(q.minutes) ? q.minutes : 0), 0);

  return (
    <section className="card round-editor" aria-label={round.name}>
      <h3 className="card__title" id={headingId}>
        Round {index + 1}: {round.name}
      </h3>
      <div className="round-editor__grid">
        <TextField label="Name" value={round.name} onChange={(e) => update({ name: e.target.value })} />
        <SelectField
          label="Kind"
          value={round.kind}
          onChange={(e) => update({ kind: e.target.value as (typeof roundKinds)[number] })}
          options={roundKinds.map((k) => ({ value: k, label: roundKindLabels[k] }))}
        />
        <TextField
          label="Minutes"
          type="number"
          min={5}
          max={480}
          inputMode="numeric"
          value={num(round.minutes)}
          hint={`Questions take ${questionMinutes} minutes.`}
          onChange={(e) => update({ minutes: e.target.valueAsNumber })}
        />
        <TextField
          label="Interviewers"
          type="number"
          min={1}
          max={12}
          inputMode="numeric"
          value={num(round.interviewers)}
          onChange={(e) => update({ interviewers: e.target.valueAsNumber })}
        />
      </div>
      <CheckboxGroup
        legend="Focus competencies"
        name={`focus-${round.id}`}
        options={competencyOptions}
        value={round.focus}
        onChange={(next) => {
          for (const c of plan.competencies) {
            const on = next.includes(c.id);
            if (on !== round.focus.includes(c.id)) dispatch({ type: 'toggleFocus', round: index, competencyId: c.id, on });
          }
        }}
      />
      <TextAreaField label="Directions for interviewers" rows={3} value={round.interviewerDirections} onChange={(e) => update({ interviewerDirections: e.target.value })} />
      <TextAreaField label="Directions for the candidate" rows={3} value={round.candidateDirections} onChange={(e) => update({ candidateDirections: e.target.value })} />

      <h4 className="round-editor__subtitle">Questions</h4>
      {round.questions.length === 0 ? <EmptyState>No questions yet. Add one from the bank.</EmptyState> : null}
      <ol className="round-questions">
        {round.questions.map((q, j) => (
          <li key={`${q.questionRef ?? 'q'}-${j}`}>
            <div className="round-question" role="group" aria-label={`Question ${j + 1}`}>
            <div className="round-question__head">
              <p className="round-question__meta">
                <strong>Question {j + 1}</strong> <span className="muted">{q.competencies.map(compName).join(', ')}</span>
              </p>
              <div className="round-question__actions">
                <Button variant="ghost" size="sm" disabled={j === 0} onClick={() => dispatch({ type: 'moveQuestion', round: index, question: j, by: -1 })}>
                  Move up
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={j === round.questions.length - 1}
                  onClick={() => dispatch({ type: 'moveQuestion', round: index, question: j, by: 1 })}
                >
                  Move down
                </Button>
                <Button variant="danger" size="sm" onClick={() => dispatch({ type: 'removeQuestion', round: index, question: j })}>
                  Remove
                </Button>
              </div>
            </div>
            <TextAreaField
              label={`Question ${j + 1} text`}
              rows={2}
              value={q.text}
              onChange={(e) => dispatch({ type: 'updateQuestion', round: index, question: j, patch: { text: e.target.value } })}
            />
            <TextField
              label={`Question ${j + 1} minutes`}
              type="number"
              min={1}
              max={120}
              inputMode="numeric"
              className="field--short"
              value={num(q.minutes)}
              onChange={(e) => dispatch({ type: 'updateQuestion', round: index, question: j, patch: { minutes: e.target.valueAsNumber } })}
            />
            <fieldset className="list-editor">
              <legend className="list-editor__legend">Probes for question {j + 1}</legend>
              <ol className="list-editor__items">
                {q.probes.map((p, k) => (
                  <li key={k} className="list-editor__item">
                    <TextField
                      label={`Probe ${k + 1}`}
                      value={p}
                      onChange={(e) => dispatch({ type: 'setProbe', round: index, question: j, probe: k, value: e.target.value })}
                    />
                    <Button variant="ghost" size="sm" onClick={() => dispatch({ type: 'removeProbe', round: index, question: j, probe: k })}>
                      Delete probe<span className="visually-hidden"> {k + 1} of question {j + 1}</span>
                    </Button>
                  </li>
                ))}
              </ol>
              <Button variant="secondary" size="sm" onClick={() => dispatch({ type: 'addProbe', round: index, question: j })}>
                New probe<span className="visually-hidden"> for question {j + 1}</span>
              </Button>
            </fieldset>
            </div>
          </li>
        ))}
      </ol>

      <p>
        <Button variant="secondary" aria-expanded={searching} aria-controls={panelId} onClick={() => setSearching((s) => !s)}>
          Add a question from the bank
        </Button>
      </p>
      <div id={panelId} hidden={!searching}>
        {searching ? (
          <BankSearch
            roundName={round.name}
            competencies={bankCompetencies}
            defaultCompetency={round.focus[0] ?? ''}
            onAdd={(question) => dispatch({ type: 'addQuestion', round: index, question: bankQuestionToPlanQuestion(question, plan, round) })}
          />
        ) : null}
      </div>

      <RoundActions index={index} count={plan.rounds.length} dispatch={dispatch} />
    </section>
  );
}

function RoundActions({ index, count, dispatch }: { index: number; count: number; dispatch: (a: PlanAction) => void }): ReactNode {
  return (
    <div className="card__footer round-editor__actions">
      <Button variant="secondary" size="sm" disabled={index === 0} onClick={() => dispatch({ type: 'moveRound', round: index, by: -1 })}>
        Move round up
      </Button>
      <Button variant="secondary" size="sm" disabled={index === count - 1} onClick={() => dispatch({ type: 'moveRound', round: index, by: 1 })}>
        Move round down
      </Button>
      <Button
        variant="danger"
        size="sm"
        disabled={count <= 1}
        onClick={() => {
          if (window.confirm('Remove this round and its questions from the draft?')) dispatch({ type: 'removeRound', round: index });
        }}
      >
        Remove round
      </Button>
    </div>
  );
}

/** The plan's versions, newest first: compare with the current one, restore (writers). */
function History({
  plan,
  onRestore,
  restoringId = null,
}: {
  plan: OrgPlan;
  onRestore?: ((version: { id: string; number: number }) => void) | undefined;
  restoringId?: string | null;
}) {
  return (
    <VersionHistory
      queryKey={['plan-versions', plan.id]}
      current={plan.currentVersion}
      loadVersions={(cursor) => api(listPlanVersionsRoute, { params: { id: plan.id }, query: { cursor } })}
      loadDiff={(from, to) => api(diffPlanRoute, { params: { id: plan.id }, query: { from, to } })}
      onRestore={onRestore}
      restoringId={restoringId}
      unsavedIn="the editor"
      className="profile-section no-print"
    />
  );
}
