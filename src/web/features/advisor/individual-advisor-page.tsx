import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { adviseIndividualRoute, getIndividualQuestionnaireRoute, type IndividualAdviceResult } from '../../../modules/advisor/advisor.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { RadioGroup } from '../../components/choice-group.tsx';
import { MarkdownDownload } from '../../components/markdown-download.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { categoryLabels, labelOf, percent } from '../roles/role-format.ts';
import {
  buildIndividualSteps,
  coverageNote,
  emptyIndividualDraft,
  fitParts,
  type IndividualDraft,
  type IndividualStep,
  individualStepError,
  ratingOptions,
  scaleOptions,
  stepOfIssue,
  toIndividualRequest,
} from './advisor-model.ts';
import { focusMain, ScoreBar, StepFrame } from './advisor-ui.tsx';

type QuestionnaireResponse = Awaited<ReturnType<typeof fetchQuestionnaire>>;
const fetchQuestionnaire = () => api(getIndividualQuestionnaireRoute);

/** "Which path fits me?": a self-assessment step by step, then the fit per role with gaps and steps. */
export function IndividualAdvisorPage() {
  const questionnaire = useQuery({ queryKey: ['advisor', 'individual'], queryFn: fetchQuestionnaire, staleTime: 5 * 60_000 });
  if (questionnaire.isPending) return <Loading label="Loading the questions…" />;
  if (questionnaire.isError) return <LoadError error={questionnaire.error} what="the questions" onRetry={() => void questionnaire.refetch()} />;
  return <IndividualAdvisor data={questionnaire.data} />;
}

function IndividualAdvisor({ data }: { data: QuestionnaireResponse }) {
  const { questionnaire, competencies } = data;
  const steps = useMemo(() => buildIndividualSteps(questionnaire.questions, competencies), [questionnaire, competencies]);
  const [draft, setDraft] = useState<IndividualDraft>(emptyIndividualDraft);
  const [step, setStep] = useState(0);
  const [stepError, setStepError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<IndividualAdviceResult | null>(null);

  const advise = useMutation({
    mutationFn: () => api(adviseIndividualRoute, { body: toIndividualRequest(draft) }),
    onMutate: () => {
      setProblem(null);
      setServerIssues({});
    },
    onSuccess: (res) => {
      setResult(res);
      focusMain();
    },
    onError: (e) => {
      const err = toApiError(e);
      const placed: Record<string, string> = {};
      let firstStep: number | null = null;
      const other: string[] = [];
      for (const [path, message] of Object.entries(err.issues)) {
        const at = stepOfIssue(steps, path);
        if (at === null) other.push(message);
        else {
          placed[path.replace(/^body\./, '').replace(/^answers\./, '')] = message;
          firstStep = firstStep === null ? at : Math.min(firstStep, at);
        }
      }
      setServerIssues(placed);
      if (firstStep !== null) setStep(firstStep);
      setProblem(other.length || firstStep === null ? [err.message, ...other].join(' ') : null);
    },
  });

  if (result) {
    return (
      <IndividualResult
        result={result}
        onBack={() => {
          setResult(null);
          setStep(steps.length - 1);
          focusMain();
        }}
      />
    );
  }

  const current = steps[step]!;
  const clearIssue = (key: string) => {
    setStepError(null);
    setServerIssues(({ [key]: _drop, ...rest }) => rest);
  };
  const goNext = () => {
    const err = individualStepError(current, draft);
    if (err) {
      setStepError(err);
      return;
    }
    setStepError(null);
    if (step < steps.length - 1) setStep(step + 1);
    else advise.mutate();
  };

  return (
    <>
      <PageHeader title={questionnaire.title} description={questionnaire.intro} />
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <StepFrame
        stepIndex={step}
        total={steps.length}
        title={current.kind === 'ratings' ? `${labelOf(categoryLabels, current.category)} competencies` : undefined}
        finalLabel="See my fit"
        busy={advise.isPending}
        onBack={
          step > 0
            ? () => {
                setStepError(null);
                setStep(step - 1);
              }
            : null
        }
        onNext={goNext}
      >
        <StepBody
          step={current}
          draft={draft}
          ratingScale={questionnaire.ratingScale}
          stepError={stepError}
          serverIssues={serverIssues}
          onChange={(next, issueKey) => {
            setDraft(next);
            clearIssue(issueKey);
          }}
        />
      </StepFrame>
    </>
  );
}

function StepBody({
  step,
  draft,
  ratingScale,
  stepError,
  serverIssues,
  onChange,
}: {
  step: IndividualStep;
  draft: IndividualDraft;
  ratingScale: Record<'1' | '2' | '3' | '4', string>;
  stepError: string | null;
  serverIssues: Record<string, string>;
  onChange: (draft: IndividualDraft, issueKey: string) => void;
}) {
  switch (step.kind) {
    case 'currentRole':
      return (
        <RadioGroup
          name="currentRole"
          legend={step.question.label}
          className="choice-group--question"
          options={step.question.options.map((o) => ({ value: o.id, label: o.label }))}
          value={draft.currentRole}
          error={stepError ?? serverIssues.currentRole}
          onChange={(v) => onChange({ ...draft, currentRole: v }, 'currentRole')}
        />
      );
    case 'years':
      return (
        <TextField
          label="Years of professional experience"
          hint={`A whole or decimal number from ${step.question.min} to ${step.question.max}.`}
          type="number"
          inputMode="decimal"
          min={step.question.min}
          max={step.question.max}
          step="any"
          className="field--short"
          value={draft.yearsOfExperience}
          error={stepError ?? serverIssues.yearsOfExperience}
          onChange={(e) => onChange({ ...draft, yearsOfExperience: e.target.value }, 'yearsOfExperience')}
        />
      );
    case 'scale': {
      const id = step.question.id;
      const value = id === 'enjoys' ? draft.enjoys : id === 'peopleLeadership' ? draft.peopleLeadership : undefined;
      return (
        <RadioGroup
          key={id}
          name={id}
          legend={step.question.label}
          description={`From ${step.question.min} (${step.question.minLabel}) to ${step.question.max} (${step.question.maxLabel}).`}
          className="choice-group--question"
          options={scaleOptions(step.question)}
          value={value === undefined ? undefined : String(value)}
          error={stepError ?? serverIssues[id]}
          onChange={(v) => onChange({ ...draft, [id]: Number(v) }, id)}
        />
      );
    }
    case 'ratings': {
      const options = ratingOptions(ratingScale);
      return (
        <div className="ratings" key={step.category}>
          <p className="muted">Rate yourself on each competency from 1 to 4, or choose Skip for any you cannot judge.</p>
          {step.competencies.map((c) => {
            const r = draft.ratings[c.id];
            return (
              <RadioGroup
                key={c.id}
                name={`rating-${c.id}`}
                legend={c.name}
                description={c.definition}
                className="choice-group--rating"
                options={options}
                value={typeof r === 'number' ? String(r) : 'skip'}
                error={serverIssues[`ratings.${c.id}`]}
                onChange={(v) => onChange({ ...draft, ratings: { ...draft.ratings, [c.id]: v === 'skip' ? null : Number(v) } }, `ratings.${c.id}`)}
              />
            );
          })}
        </div>
      );
    }
  }
}

function IndividualResult({ result, onBack }: { result: IndividualAdviceResult; onBack: () => void }) {
  const best = result.fits.slice(0, 3);
  return (
    <article className="advisor-result print-document">
      <PageHeader
        title="Your fit by role"
        description="Fit runs from 0 to 100. It combines how your self-ratings meet each role's weighted competencies, where your energy lies, your appetite for leading leaders and your years of experience."
        actions={
          <>
            <Button variant="secondary" onClick={onBack}>
              Back
            </Button>
            <Button variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
          </>
        }
      />
      <section className="profile-section" aria-labelledby="fit-all">
        <h2 id="fit-all">All roles by fit</h2>
        <ol className="ranking">
          {result.fits.map((f) => (
            <li key={f.roleId} className="ranking__item">
              <div className="ranking__head">
                <Link to={`/roles/${f.roleId}`} className="ranking__label">
                  {f.title}
                </Link>
                <ScoreBar percent={f.fit} label={`Fit ${Math.round(f.fit)}`} />
              </div>
            </li>
          ))}
        </ol>
      </section>

      {best.map((f, i) => (
        <section key={f.roleId} className="profile-section fit-detail" aria-labelledby={`fit-${f.roleId}`}>
          <h2 id={`fit-${f.roleId}`}>
            {i + 1}. {f.title} <Badge tone="info">Fit {Math.round(f.fit)}</Badge>
          </h2>
          {coverageNote(f.coverage) ? <Alert tone="warning">{coverageNote(f.coverage)}</Alert> : null}
          <h3>How the fit is made up</h3>
          <Table caption={`Parts of the ${f.title} fit`} captionHidden>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Your match</th>
                <th scope="col">Share of the fit</th>
                <th scope="col">Points</th>
              </tr>
            </thead>
            <tbody>
              {fitParts(f.parts, result.shares).map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.label}</th>
                  <td>{percent(p.match)}</td>
                  <td>{percent(p.share)}</td>
                  <td>{p.points}</td>
                </tr>
              ))}
            </tbody>
          </Table>

          <h3>Gaps to close</h3>
          {f.gaps.length === 0 ? (
            <p>No gaps among the competencies this role weighs most.</p>
          ) : (
            <ul className="item-list">
              {f.gaps.map((g) => (
                <li key={g.competencyId}>
                  <h4>{g.name}</h4>
                  <p className="muted">
                    Role weight {g.weight} of 5 · your rating {g.rating === null ? 'skipped' : `${g.rating} of 4`}
                  </p>
                  <ul>
                    {g.suggestions.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}

          <h3>Typical steps from your current role</h3>
          <ol>
            {f.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>

          <details className="fit-detail__contributions">
            <summary>
              Competency by competency<span className="visually-hidden"> for {f.title}</span>
            </summary>
            <Table caption={`What each competency earned towards the ${f.title} fit`}>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col">Role weight</th>
                  <th scope="col">Your rating</th>
                  <th scope="col">Earned</th>
                </tr>
              </thead>
              <tbody>
                {f.contributions.map((c) => (
                  <tr key={c.competencyId}>
                    <th scope="row">{c.name}</th>
                    <td>{c.weight}</td>
                    <td>{c.rating ?? 'skipped'}</td>
                    <td>
                      {c.earned} of {c.weight}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </details>
          <p className="no-print">
            <Link to={`/roles/${f.roleId}`}>Read the {f.title} profile</Link>
          </p>
        </section>
      ))}

      <MarkdownDownload markdown={result.markdown} filename="my-leadership-fit.md" />
    </article>
  );
}
