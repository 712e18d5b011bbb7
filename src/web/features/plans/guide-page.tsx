import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getGuideRoute, type GuideResult } from '../../../modules/plans/plans.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { labelOf, questionTypeLabels } from '../questions/question-format.ts';
import { QuestionsNav } from '../questions/questions-nav.tsx';
import { CoverageView } from './coverage-view.tsx';
import { ratedBy, recommendationLabels, roundKindLabels } from './plan-model.ts';
import { useCanWritePlans, useCreatePlan } from './start-plan.ts';

const formats = [
  ['md', 'Markdown'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
  ['json', 'Plan JSON'],
] as const;

/** The complete interview guide of a library role: printable, one round per page. */
export function GuidePage() {
  const { roleId = '' } = useParams();
  const guide = useQuery({ queryKey: ['guide', roleId], queryFn: () => api(getGuideRoute, { params: { roleId } }), staleTime: 5 * 60_000 });
  if (guide.isPending) return <Loading label="Loading the guide…" />;
  if (guide.isError) {
    if (isApiError(guide.error) && (guide.error.status === 404 || guide.error.status === 400)) {
      return (
        <>
          <PageHeader title="Guide not found" />
          <Alert tone="warning" title={`There is no interview guide for “${roleId}”.`}>
            <p>{guide.error.message}</p>
          </Alert>
          <p>
            See <Link to="/guides">all interview guides</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={guide.error} what="this guide" onRetry={() => void guide.refetch()} />;
  }
  return <GuideView guide={guide.data} />;
}

function GuideView({ guide }: { guide: GuideResult }) {
  const plan = guide.plan;
  const canWrite = useCanWritePlans();
  const create = useCreatePlan();
  const compName = (id: string) => plan.competencies.find((c) => c.id === id)?.name ?? id;
  const exportHref = (format: string) => `/api/v1/guides/${encodeURIComponent(guide.roleId)}/export?format=${format}`;

  return (
    <article className="guide print-document">
      <QuestionsNav />
      <PageHeader
        title={guide.title}
        description={
          <>
            For the library role <Link to={`/roles/${guide.roleId}`}>{plan.title.replace(/^Interview guide:\s*/, '')}</Link>. The same rounds,
            questions and scorecard for every candidate.
          </>
        }
        actions={
          <>
            <Button variant="secondary" size="sm" onClick={() => window.print()}>
              Print
            </Button>
            {canWrite ? (
              <Button size="sm" busy={create.isPending} busyLabel="Creating…" onClick={() => create.mutate({ fromGuide: guide.roleId })}>
                Start a plan from this guide
              </Button>
            ) : null}
          </>
        }
      />
      {create.isError ? <Alert tone="error">{toApiError(create.error).message}</Alert> : null}
      <nav aria-label="Downloads" className="link-row no-print guide__downloads">
        <span className="muted">Download:</span>
        {formats.map(([format, label]) => (
          <a key={format} className="btn btn--secondary btn--sm" href={exportHref(format)} download>
            {label}
          </a>
        ))}
      </nav>

      <section className="profile-section" aria-labelledby="guide-how">
        <h2 id="guide-how">How to use this guide</h2>
        <ol>
          {guide.howToUse.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      </section>

      <section className="profile-section" aria-labelledby="guide-summary">
        <h2 id="guide-summary">Job summary</h2>
        <p>{guide.jobSummary.summary}</p>
        <h3>Responsibilities</h3>
        <ul>
          {guide.jobSummary.responsibilities.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </section>

      <section className="profile-section" aria-labelledby="guide-outcomes">
        <h2 id="guide-outcomes">Outcomes</h2>
        <h3>In the first 90 days</h3>
        <ul>
          {plan.outcomes.ninetyDays.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
        <h3>In the first year</h3>
        <ul>
          {plan.outcomes.oneYear.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </section>

      <section className="profile-section" aria-labelledby="guide-competencies">
        <h2 id="guide-competencies">Competencies</h2>
        <ul className="item-list">
          {plan.competencies.map((c) => (
            <li key={c.id}>
              <h3>
                {c.name} <Badge tone="info">weight {c.weight}</Badge>
              </h3>
              <ol className="anchor-list">
                {(['1', '2', '3', '4'] as const).map((k) => (
                  <li key={k} value={Number(k)}>
                    {c.anchors[k]}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>

      {plan.rounds.map((r, i) => (
        <section key={r.id} className="profile-section guide-round" aria-labelledby={`round-${r.id}`}>
          <h2 id={`round-${r.id}`}>
            Round {i + 1}: {r.name}
          </h2>
          <dl className="definition-list">
            <dt>Kind</dt>
            <dd>{labelOf(roundKindLabels, r.kind)}</dd>
            <dt>Length</dt>
            <dd>{r.minutes} minutes</dd>
            <dt>Interviewers</dt>
            <dd>{r.interviewers}</dd>
            <dt>Focus competencies</dt>
            <dd>{r.focus.length ? r.focus.map(compName).join(', ') : 'None'}</dd>
          </dl>
          <h3>Directions for interviewers</h3>
          <p>{r.interviewerDirections || '—'}</p>
          <h3>Directions for the candidate</h3>
          <p>{r.candidateDirections || '—'}</p>
          <h3>Questions</h3>
          {r.questions.length === 0 ? <p className="muted">No questions in this round.</p> : null}
          <ol className="item-list guide-questions">
            {r.questions.map((q, j) => (
              <li key={`${q.questionRef ?? ''}-${j}`}>
                <p className="guide-question__text">
                  <strong>{q.text}</strong>
                </p>
                <p className="muted">
                  {labelOf(questionTypeLabels, q.type)} · {q.competencies.map(compName).join(', ')} · {q.minutes} minutes
                </p>
                {q.probes.length ? (
                  <>
                    <p className="guide-question__probes-title">Probes</p>
                    <ul>
                      {q.probes.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}

      <section className="profile-section guide-after" aria-labelledby="guide-scorecard">
        <h2 id="guide-scorecard">Scorecard</h2>
        <Table caption="Competencies each round rates">
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Rates</th>
            </tr>
          </thead>
          <tbody>
            {plan.rounds.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{ratedBy(plan, r.id).map(compName).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p>
          Evidence required: <strong>{plan.scorecard.evidenceRequired ? 'Yes — every rating needs written evidence' : 'No'}</strong>
        </p>
        <p>
          Recommendation scale: <strong>{plan.scorecard.recommendationScale.map((s) => labelOf(recommendationLabels, s)).join(' / ')}</strong>
        </p>
      </section>

      <section className="profile-section" aria-labelledby="guide-debrief">
        <h2 id="guide-debrief">Debrief agenda</h2>
        <ol>
          {plan.debrief.agenda.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      </section>

      <section className="profile-section" aria-labelledby="guide-references">
        <h2 id="guide-references">Reference-check questions</h2>
        <ol>
          {plan.references.questions.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      </section>

      <CoverageView coverage={guide.findings.coverage as Parameters<typeof CoverageView>[0]['coverage']} rounds={plan.rounds} title="Coverage matrix" />
    </article>
  );
}
