import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  applyReweightRoute,
  type Recommendation,
  type RecommendationsReport,
  recommendationsRoute,
  validityOutcomeLabels,
} from '../../../modules/analytics/analytics.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Badge } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSession } from '../../lib/session.ts';
import { type AnalyticsView, canApplyReweight, estimateText, num, SUPPRESSED } from './analytics-format.ts';
import { ReportSection } from './analytics-ui.tsx';
import { OutcomeSelect } from './validity-report.tsx';

export const APPLY_LABEL = 'Apply as new plan version';

const kindLabels: Record<Recommendation['kind'], string> = {
  reweight: 'Re-weight competencies',
  question: 'Question',
  calibrate: 'Calibrate an interviewer',
  adverse_impact: 'Adverse impact',
};

export function RecommendationsSection({ view, onOutcome }: { view: AnalyticsView; onOutcome: (o: AnalyticsView['outcome']) => void }) {
  const query = { ...view.filter, outcome: view.outcome };
  const report = useQuery({ queryKey: ['analytics', 'recommendations', query], queryFn: () => api(recommendationsRoute, { query }) });
  return (
    <ReportSection
      id="recommendations"
      title="Recommendations"
      query={report}
      controls={<OutcomeSelect value={view.outcome} onChange={onOutcome} />}
    >
      {(data) => <RecommendationsBody data={data} />}
    </ReportSection>
  );
}

function RecommendationsBody({ data }: { data: RecommendationsReport }) {
  return (
    <>
      {data.items.length ? (
        <ul className="an-cards">
          {data.items.map((item) => (
            <li key={item.id}>
              <RecommendationCard item={item} outcome={data.outcome} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No recommendations for this cohort: nothing stands out with enough evidence.</p>
      )}
      <div className="an-subsection">
        <h3>Item analysis of questions</h3>
        {data.questions.length ? (
          <Table caption="Questions: mean, variance and corrected item-total correlation">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">n</th>
                <th scope="col">Mean</th>
                <th scope="col">Variance</th>
                <th scope="col">Item-total r (95 % CI)</th>
              </tr>
            </thead>
            <tbody>
              {data.questions.map((q) => (
                <tr key={q.ref}>
                  <th scope="row">{q.label}</th>
                  {q.suppressed ? (
                    <td colSpan={4} className="an-suppressed">
                      {SUPPRESSED}
                    </td>
                  ) : (
                    <>
                      <td className="an-num">{q.n}</td>
                      <td className="an-num">{num(q.mean)}</td>
                      <td className="an-num">{num(q.variance)}</td>
                      <td className="an-num">{estimateText(q.itemTotal)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="muted">No per-question ratings in this cohort.</p>
        )}
      </div>
    </>
  );
}

function RecommendationCard({ item, outcome }: { item: Recommendation; outcome: RecommendationsReport['outcome'] }) {
  const headingId = `an-rec-${item.id}`;
  return (
    <article className="card an-rec" aria-labelledby={headingId}>
      <p className="an-rec__kind">
        <Badge tone={item.kind === 'adverse_impact' ? 'danger' : 'info'}>{kindLabels[item.kind]}</Badge> <span className="muted">n = {item.n}</span>
      </p>
      <h3 id={headingId} className="card__title">
        {item.title}
      </h3>
      <p>{item.detail}</p>
      {item.evidence.length ? (
        <>
          <p className="an-rec__evidence-title">Evidence</p>
          <ul>
            {item.evidence.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </>
      ) : null}
      {item.kind === 'reweight' && item.currentWeights && item.proposedWeights && item.planId ? (
        <Reweight item={item} planId={item.planId} current={item.currentWeights} proposed={item.proposedWeights} outcome={outcome} />
      ) : null}
    </article>
  );
}

function Reweight({
  item,
  planId,
  current,
  proposed,
  outcome,
}: {
  item: Recommendation;
  planId: string;
  current: Record<string, number>;
  proposed: Record<string, number>;
  outcome: RecommendationsReport['outcome'];
}) {
  const session = useSession();
  const client = useQueryClient();
  const canApply = canApplyReweight(session.data?.organization?.role);
  const [saved, setSaved] = useState<{ number: number; planId: string } | null>(null);
  const keys = [...new Set([...Object.keys(current), ...Object.keys(proposed)])];
  const apply = useMutation({
    mutationFn: async () => {
      // The proposal was computed on item.planVersionId: that is the base, so a plan edited since → 409.
      const weights = Object.fromEntries(Object.entries(proposed).map(([k, v]) => [k, Math.round(v)]));
      return api(applyReweightRoute, {
        body: { planId, baseVersionId: item.planVersionId!, weights, note: `Re-weighted from analytics (${validityOutcomeLabels[outcome]})` },
      });
    },
    onSuccess: (res) => {
      setSaved({ number: res.number, planId: res.planId });
      void client.invalidateQueries({ queryKey: ['plan', res.planId] });
      void client.invalidateQueries({ queryKey: ['analytics', 'recommendations'] });
    },
    onError: (e) => {
      if (toApiError(e).code === 'conflict') void client.invalidateQueries({ queryKey: ['analytics', 'recommendations'] });
    },
  });
  return (
    <div className="an-reweight">
      <Table caption={`Competency weights of ${item.planTitle ?? 'the plan'}`}>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Current weight</th>
            <th scope="col">Proposed weight</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const before = current[k] ?? 0;
            const after = proposed[k] ?? 0;
            const change = after - before;
            return (
              <tr key={k}>
                <th scope="row">{item.competencyNames?.[k] ?? k}</th>
                <td className="an-num">{before}</td>
                <td className="an-num">{after}</td>
                <td className="an-num">{change > 0 ? `+${change}` : change === 0 ? '0' : String(change)}</td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {saved ? (
        <Alert tone="success" title={`Saved as version ${saved.number}`}>
          <p>
            <Link to={`/plans/${encodeURIComponent(saved.planId)}`}>Open the plan</Link>
          </p>
        </Alert>
      ) : canApply ? (
        <Button busy={apply.isPending} busyLabel="Applying…" onClick={() => apply.mutate()}>
          {APPLY_LABEL}
        </Button>
      ) : (
        <p className="muted">Owners, admins and hiring managers can apply a re-weighting.</p>
      )}
      {apply.isError ? (
        <Alert tone="error" title="Could not apply the re-weighting">
          <p>
            {toApiError(apply.error).code === 'conflict'
              ? 'The plan changed after this proposal was computed; the recommendations are being recomputed on its newest version.'
              : toApiError(apply.error).message}
          </p>
        </Alert>
      ) : null}
    </div>
  );
}
