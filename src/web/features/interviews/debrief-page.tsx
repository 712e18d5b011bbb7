import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { recommendations } from '../../../core/scoring/scoring.ts';
import {
  type Debrief,
  debriefRoute,
  decideRoute,
  decisionInputSchema,
  decisionKinds,
  positiveReasons,
} from '../../../modules/feedback/feedback.contract.ts';
import { listApplicationInterviewsRoute } from '../../../modules/interviews/interviews.contract.ts';
import { listRejectionReasonsRoute } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { applyServerError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { decisionLabels, recommendationLabels, scorecardStateLabels } from './interview-format.ts';
import { InterviewsNav } from './interviews-nav.tsx';

const debriefKey = (id: string) => ['debrief', id];

/** The debrief of one application: the evidence side by side, then the decision. */
export function DebriefPage() {
  const { id = '' } = useParams();
  const debrief = useQuery({ queryKey: debriefKey(id), queryFn: () => api(debriefRoute, { params: { id } }), staleTime: 0 });
  if (debrief.isPending) return <Loading label="Loading the debrief…" />;
  if (debrief.isError) {
    const e = debrief.error;
    if (isApiError(e) && e.status === 403) return <Blocked applicationId={id} message={e.message} />;
    if (isApiError(e) && (e.status === 404 || e.status === 400)) {
      return (
        <>
          <InterviewsNav />
          <PageHeader title="Debrief" />
          <Alert tone="warning" title="There is no such application.">
            <p>{e.message}</p>
          </Alert>
        </>
      );
    }
    return <LoadError error={e} what="the debrief" onRetry={() => void debrief.refetch()} />;
  }
  return <DebriefView debrief={debrief.data} />;
}

/** The blind rule (or access) keeps the debrief closed: say why and lead to one's own scorecard. */
function Blocked({ applicationId, message }: { applicationId: string; message: string }) {
  const session = useSignedInSession();
  const interviews = useQuery({
    queryKey: ['application-interviews', applicationId],
    queryFn: () => api(listApplicationInterviewsRoute, { params: { id: applicationId } }),
    retry: false,
  });
  const items = interviews.data?.items ?? [];
  const mine = items.find((i) => i.status === 'scheduled' && i.interviewers.some((p) => p.userId === session.user.id && p.scorecard !== 'submitted'));
  const name = items[0]?.candidateName;
  return (
    <>
      <InterviewsNav />
      <PageHeader title={name ? `Debrief: ${name}` : 'Debrief'} />
      <Alert tone="error" title="The debrief is not open to you yet">
        <p>{message}</p>
        {mine ? (
          <p>
            <Link to={`/interviews/${mine.id}/scorecard`}>Open your scorecard</Link> ({mine.roundName})
          </p>
        ) : null}
      </Alert>
    </>
  );
}

function fmt(n: number | null, digits = 2): string {
  return n === null ? '—' : n.toFixed(digits);
}

function DebriefView({ debrief: d }: { debrief: Debrief }) {
  const rejections = useQuery({
    queryKey: ['rejection-reasons'],
    queryFn: () => api(listRejectionReasonsRoute),
    enabled: d.decisions.some((x) => x.decision === 'reject'),
    staleTime: 60_000,
  });
  const reasonLabel = (code: string) =>
    (positiveReasons as Record<string, string>)[code] ?? rejections.data?.items.find((r) => r.code === code)?.label ?? code.replaceAll('_', ' ');
  const briefHref = (format: 'md' | 'pdf') => `/api/v1/applications/${encodeURIComponent(d.applicationId)}/decision-brief?format=${format}`;
  const latest = d.decisions.at(-1);
  return (
    <>
      <InterviewsNav />
      <PageHeader
        title={`Debrief: ${d.candidate.name}`}
        description={
          <>
            <Link to={`/jobs/${d.job.id}`}>{d.job.title}</Link> · stage {d.stageName} · {d.status}.{' '}
            <Link to={`/candidates/${d.candidate.id}`}>Candidate profile</Link>
          </>
        }
      />
      <nav aria-label="Downloads" className="link-row no-print">
        <a className="btn btn--secondary btn--sm" href={briefHref('md')} download>
          Download brief (Markdown)
        </a>
        <a className="btn btn--secondary btn--sm" href={briefHref('pdf')} download>
          Download brief (PDF)
        </a>
      </nav>

      {latest ? (
        <Alert tone="info" title={`Decision: ${decisionLabels[latest.decision]}`}>
          <p>
            {reasonLabel(latest.reasonCode)} — recorded by {latest.decidedByName ?? 'someone'} on {formatDateTime(latest.decidedAt)}.
          </p>
        </Alert>
      ) : null}

      <section className="section-block" aria-labelledby="debrief-matrix">
        <h2 id="debrief-matrix">Ratings</h2>
        {d.interviewers.length === 0 ? (
          <EmptyState>No scorecards submitted yet.</EmptyState>
        ) : (
          <Table caption="Competency × interviewer matrix (1–4)">
            <thead>
              <tr>
                <th scope="col">Competency</th>
                {d.interviewers.map((i) => (
                  <th scope="col" key={i.scorecardId}>
                    {i.name}
                    <span className="iv-col-sub">{i.roundName}</span>
                  </th>
                ))}
                <th scope="col">Mean</th>
              </tr>
            </thead>
            <tbody>
              {d.competencies.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <span className="iv-col-sub">weight {c.weight}</span>
                    {c.disagreement ? <Badge tone="warning">Disagreement</Badge> : null}
                  </th>
                  {d.interviewers.map((i) => {
                    const cell = c.cells.find((x) => x.interviewerId === i.id);
                    return (
                      <td key={i.scorecardId} className="iv-cell">
                        <span className="iv-cell__rating">{cell ? (cell.rating === null ? 'not assessed' : cell.rating) : '—'}</span>
                        {cell?.evidence.trim() ? (
                          <details className="iv-cell__evidence">
                            <summary>Evidence</summary>
                            <p className="iv-evidence">{cell.evidence}</p>
                          </details>
                        ) : null}
                      </td>
                    );
                  })}
                  <td>
                    {fmt(c.mean)}
                    {c.min !== null && c.max !== null && c.min !== c.max ? <span className="iv-col-sub">{`${c.min}–${c.max}`}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="iv-total iv-total--static">
          <strong>Overall weighted score: {d.overall.score === null ? '—' : `${fmt(d.overall.score)} / 4`}</strong>
          {d.overall.score === null ? null : <span className="muted"> · {Math.round(d.overall.coverage * 100)}% of the weight rated</span>}
        </p>
      </section>

      <div className="card-grid iv-debrief-cards">
        <Card title="Recommendations">
          <ul className="plain-list">
            {recommendations.map((r) => (
              <li key={r}>
                {recommendationLabels[r]}: <strong>{d.recommendations[r]}</strong>
              </li>
            ))}
          </ul>
          {d.splitRecommendation ? <Badge tone="warning">Split recommendation</Badge> : null}
        </Card>
        <Card title="Missing scorecards">
          {d.missing.length === 0 ? (
            <p className="muted">Every interviewer has submitted.</p>
          ) : (
            <ul className="plain-list">
              {d.missing.map((m) => (
                <li key={`${m.interviewId}-${m.interviewerId}`}>
                  {m.name} · {m.roundName} <span className="muted">({scorecardStateLabels[m.state]})</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Red flags">
          {d.redFlags.length === 0 ? (
            <p className="muted">None raised.</p>
          ) : (
            <ul>
              {d.redFlags.map((f, i) => (
                <li key={`${f.interviewerId}-${i}`}>
                  {f.text} <span className="muted">— {f.name}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <section className="section-block" aria-labelledby="debrief-summary">
        <h2 id="debrief-summary">Summary</h2>
        {d.summary.length ? d.summary.map((p, i) => <p key={i}>{p}</p>) : <p className="muted">Nothing to summarise yet.</p>}
      </section>

      {/* No accessible names with "decision" in them besides the form's "Decision" field. */}
      <section className="section-block">
        <h2>Decisions</h2>
        {d.decisions.length === 0 ? (
          <EmptyState>No decision recorded yet.</EmptyState>
        ) : (
          <ol className="item-list">
            {d.decisions.map((x) => (
              <li key={x.id}>
                <p>
                  <strong>{decisionLabels[x.decision]}</strong> · {reasonLabel(x.reasonCode)}{' '}
                  <span className="muted">
                    — {x.decidedByName ?? 'someone'}, {formatDateTime(x.decidedAt)}
                  </span>
                </p>
                <p className="iv-evidence">{x.rationale}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {d.canDecide && d.status === 'active' ? <DecisionForm debrief={d} /> : null}
      {d.status !== 'active' ? <p className="muted">This application is {d.status}: no further decision can be recorded.</p> : null}
    </>
  );
}

const positiveOptions = Object.entries(positiveReasons).map(([value, label]) => ({ value, label }));

function DecisionForm({ debrief }: { debrief: Debrief }) {
  const client = useQueryClient();
  const form = useForm({
    resolver: zodResolver(decisionInputSchema),
    defaultValues: { decision: 'advance' as (typeof decisionKinds)[number], reasonCode: positiveOptions[0]!.value, rationale: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const [recorded, setRecorded] = useState<string | null>(null);
  const decision = useWatch({ control: form.control, name: 'decision' });
  const reasonCode = useWatch({ control: form.control, name: 'reasonCode' });
  const rejecting = decision === 'reject';
  const reasons = useQuery({ queryKey: ['rejection-reasons'], queryFn: () => api(listRejectionReasonsRoute), enabled: rejecting, staleTime: 60_000 });
  const options = rejecting ? (reasons.data?.items.map((r) => ({ value: r.code, label: r.label })) ?? []) : positiveOptions;

  // A reason of the other kind does not fit: switch to the first one of the list shown.
  useEffect(() => {
    if (options.length && !options.some((o) => o.value === reasonCode)) form.setValue('reasonCode', options[0]!.value);
  }, [options, reasonCode, form]);

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const next = await api(decideRoute, { params: { id: debrief.applicationId }, body });
      client.setQueryData(debriefKey(debrief.applicationId), next);
      form.reset({ decision: body.decision, reasonCode: body.reasonCode, rationale: '' });
      setRecorded(`Decision recorded: ${decisionLabels[body.decision]}.`);
      void client.invalidateQueries({ queryKey: ['candidate', debrief.candidate.id] });
    } catch (e) {
      setRecorded(null);
      applyServerError(form.setError, e, ['decision', 'reasonCode', 'rationale']);
    }
  });

  return (
    <section className="card">
      <h2 className="card__title">Record a decision</h2>
      <Form onSubmit={(e) => void onSubmit(e)}>
        {recorded ? <Alert tone="success">{recorded}</Alert> : null}
        <FormAlert message={errors.root?.server?.message} />
        <SelectField
          label="Decision"
          error={errors.decision?.message}
          options={decisionKinds.map((k) => ({ value: k, label: decisionLabels[k] }))}
          {...form.register('decision')}
        />
        {rejecting && reasons.isPending ? <Loading label="Loading the rejection reasons…" /> : null}
        {rejecting && reasons.isError ? <LoadError error={reasons.error} what="the rejection reasons" onRetry={() => void reasons.refetch()} /> : null}
        <SelectField label="Reason" error={errors.reasonCode?.message} options={options} {...form.register('reasonCode')} />
        <TextAreaField
          label="Rationale"
          hint="The evidence behind the decision, in a few sentences. It goes into the decision brief."
          rows={5}
          error={errors.rationale?.message}
          {...form.register('rationale')}
        />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Recording…" disabled={rejecting && !reasons.isSuccess}>
            Record decision
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
