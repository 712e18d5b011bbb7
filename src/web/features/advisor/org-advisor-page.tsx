import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adviseOrganizationRoute, getOrgQuestionnaireRoute, type OrgAdviceResult } from '../../../modules/advisor/advisor.contract.ts';
import type { OrgQuestionnaireContent } from '../../../modules/roles/roles.content.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup, RadioGroup } from '../../components/choice-group.tsx';
import { MarkdownDownload } from '../../components/markdown-download.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { CreateJobLink } from '../jobs/create-job-link.tsx';
import { libraryRolesQuery } from '../roles/queries.ts';
import { UseForOrgButton } from '../roles/use-for-org-button.tsx';
import { formatPoints, issuesByQuestion, type OrgDraft, orgStepError, scoreBarPercents, toOrgRequest } from './advisor-model.ts';
import { focusMain, ScoreBar, StepFrame } from './advisor-ui.tsx';

/** "Which leader do we need?": one question per step, then the ranked recommendation with its reasons. */
export function OrgAdvisorPage() {
  const questionnaire = useQuery({ queryKey: ['advisor', 'organization'], queryFn: () => api(getOrgQuestionnaireRoute), staleTime: 5 * 60_000 });
  if (questionnaire.isPending) return <Loading label="Loading the questions…" />;
  if (questionnaire.isError) return <LoadError error={questionnaire.error} what="the questions" onRetry={() => void questionnaire.refetch()} />;
  return <OrgAdvisor questionnaire={questionnaire.data} />;
}

function OrgAdvisor({ questionnaire }: { questionnaire: OrgQuestionnaireContent }) {
  const questions = questionnaire.questions;
  const [draft, setDraft] = useState<OrgDraft>({});
  const [step, setStep] = useState(0);
  const [stepError, setStepError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<OrgAdviceResult | null>(null);

  const advise = useMutation({
    mutationFn: () => api(adviseOrganizationRoute, { body: toOrgRequest(questionnaire, draft) }),
    onMutate: () => {
      setProblem(null);
      setServerIssues({});
    },
    onSuccess: (data) => {
      setResult(data);
      focusMain();
    },
    onError: (e) => {
      const err = toApiError(e);
      const { byQuestion, other } = issuesByQuestion(err.issues, questions.map((q) => q.id));
      setServerIssues(byQuestion);
      const first = questions.findIndex((q) => q.id in byQuestion);
      if (first !== -1) setStep(first);
      setProblem(other.length || first === -1 ? [err.message, ...other].join(' ') : null);
    },
  });

  if (result) {
    return (
      <OrgResult
        result={result}
        onBack={() => {
          setResult(null);
          setStep(questions.length - 1);
          focusMain();
        }}
      />
    );
  }

  const question = questions[step]!;
  const error = stepError ?? serverIssues[question.id];
  const setAnswer = (value: string | string[]) => {
    setDraft((d) => ({ ...d, [question.id]: value }));
    setStepError(null);
    setServerIssues(({ [question.id]: _drop, ...rest }) => rest);
  };
  const goNext = () => {
    const err = orgStepError(question, draft);
    if (err) {
      setStepError(err);
      return;
    }
    setStepError(null);
    if (step < questions.length - 1) setStep(step + 1);
    else advise.mutate();
  };
  const options = question.options.map((o) => ({ value: o.id, label: o.label }));

  return (
    <>
      <PageHeader title={questionnaire.title} description={questionnaire.intro} />
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <StepFrame
        stepIndex={step}
        total={questions.length}
        finalLabel="See recommendation"
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
        {question.kind === 'single' ? (
          <RadioGroup
            key={question.id}
            name={question.id}
            legend={question.label}
            className="choice-group--question"
            options={options}
            value={typeof draft[question.id] === 'string' ? (draft[question.id] as string) : undefined}
            error={error}
            onChange={setAnswer}
          />
        ) : (
          <CheckboxGroup
            key={question.id}
            name={question.id}
            legend={question.label}
            description="Choose all that apply, or none."
            className="choice-group--question"
            options={options}
            value={Array.isArray(draft[question.id]) ? (draft[question.id] as string[]) : []}
            error={error}
            onChange={setAnswer}
          />
        )}
      </StepFrame>
    </>
  );
}

function OrgResult({ result, onBack }: { result: OrgAdviceResult; onBack: () => void }) {
  const [top, ...rest] = result.ranking;
  const bars = scoreBarPercents(result.ranking.map((r) => r.score));
  return (
    <article className="advisor-result print-document">
      <PageHeader
        title="Our recommendation"
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
      {top ? (
        <section className="result-top" aria-labelledby="result-top-title">
          <p className="result-top__kicker">Best fit for your answers</p>
          <h2 id="result-top-title" className="result-top__title">
            {top.label}
          </h2>
          <p className="result-top__score">Score {top.score}</p>
          <RoleLinks roles={top.roles} />
          {rest.length && rest[0]!.score === top.score ? <p className="muted">Tied with {rest[0]!.label}.</p> : null}
        </section>
      ) : null}

      <section className="profile-section" aria-labelledby="ranking-title">
        <h2 id="ranking-title">Full ranking</h2>
        <ol className="ranking">
          {result.ranking.map((r, i) => (
            <li key={r.outcome} className="ranking__item">
              <div className="ranking__head">
                <span className="ranking__label">{r.label}</span>
                <ScoreBar percent={bars[i] ?? 0} label={`Score ${r.score}`} />
              </div>
              <details className="ranking__why">
                <summary>
                  Why<span className="visually-hidden"> {r.label} scored {r.score}</span>
                </summary>
                {r.contributions.length === 0 ? (
                  <p>No answer moved this outcome; it keeps its starting score.</p>
                ) : (
                  <ul className="contributions">
                    {r.contributions.map((c) => (
                      <li key={`${c.questionId}-${c.optionId}`}>
                        <span className="contributions__question">{c.questionLabel}</span> → <span>{c.optionLabel}</span> →{' '}
                        <strong className={c.points >= 0 ? 'points points--plus' : 'points points--minus'}>{formatPoints(c.points)}</strong>
                        <span className="contributions__reason">{c.reason}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {r.roles.length ? <RoleLinks roles={r.roles} /> : null}
              </details>
            </li>
          ))}
        </ol>
      </section>

      <section className="profile-section" aria-labelledby="drivers-title">
        <h2 id="drivers-title">What moved this most</h2>
        {result.drivers.length === 0 ? (
          <p>No single answer stood out.</p>
        ) : (
          <ul className="contributions">
            {result.drivers.map((c) => (
              <li key={`${c.questionId}-${c.optionId}`}>
                <span className="contributions__question">{c.questionLabel}</span> → <span>{c.optionLabel}</span> →{' '}
                <strong className={c.points >= 0 ? 'points points--plus' : 'points points--minus'}>{formatPoints(c.points)}</strong>
                <span className="contributions__reason">{c.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="profile-section" aria-labelledby="next-steps-title">
        <h2 id="next-steps-title">Next steps</h2>
        <ol>
          {result.nextSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </section>

      <MarkdownDownload markdown={result.markdown} filename="which-leader-we-need.md" />
      <p className="no-print">
        <Link to="/roles">Browse the role library</Link> or <Link to="/compare/cpo/cto">compare CPO and CTO</Link>.
      </p>
    </article>
  );
}

function RoleLinks({ roles }: { roles: string[] }) {
  const library = useQuery(libraryRolesQuery);
  const titleOf = (id: string) => library.data?.items.find((r) => r.id === id)?.title ?? id;
  if (roles.length === 0) return null;
  return (
    <ul className="role-links">
      {roles.map((id) => (
        <li key={id}>
          <Link to={`/roles/${id}`}>{titleOf(id)}: the role profile</Link> <UseForOrgButton roleId={id} context={titleOf(id)} variant="secondary" />{' '}
          <CreateJobLink roleId={id} context={titleOf(id)} />
        </li>
      ))}
    </ul>
  );
}
