import { useQuery } from '@tanstack/react-query';
import {
  predictorKinds,
  type ValidityReport,
  validityOutcomeLabels,
  validityOutcomes,
  validityRoute,
} from '../../../modules/analytics/analytics.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { type AnalyticsView, estimateText, interval, num, pValue } from './analytics-format.ts';
import { ChartFigure, exportHref, ReportSection } from './analytics-ui.tsx';
import { ForestPlot, type IntervalRow } from './charts.tsx';

export const HIDDEN_PREDICTOR = 'fewer than 5 — hidden';

export const predictorKindLabels: Record<(typeof predictorKinds)[number], string> = {
  overall: 'Overall score',
  competency: 'Competencies',
  round: 'Rounds',
  question: 'Questions',
  interviewer: 'Interviewers',
};

type Predictor = ValidityReport['predictors'][number];

export function OutcomeSelect({ value, onChange }: { value: AnalyticsView['outcome']; onChange: (v: AnalyticsView['outcome']) => void }) {
  return (
    <SelectField
      label="Outcome"
      value={value}
      onChange={(e) => onChange(e.target.value as AnalyticsView['outcome'])}
      options={validityOutcomes.map((o) => ({ value: o, label: validityOutcomeLabels[o] }))}
    />
  );
}

export function ValiditySection({ view, onOutcome }: { view: AnalyticsView; onOutcome: (o: AnalyticsView['outcome']) => void }) {
  const query = { ...view.filter, outcome: view.outcome };
  const report = useQuery({ queryKey: ['analytics', 'validity', query], queryFn: () => api(validityRoute, { query }) });
  return (
    <ReportSection id="validity" title="Predictive validity" query={report} controls={<OutcomeSelect value={view.outcome} onChange={onOutcome} />}>
      {(data) => <ValidityBody data={data} view={view} />}
    </ReportSection>
  );
}

function rText(p: Predictor): string {
  if (p.suppressed) return HIDDEN_PREDICTOR;
  if (p.r.value === null) return `not estimable, n = ${p.n}`;
  return `r = ${num(p.r.value)}, n = ${p.n}`;
}

function ValidityBody({ data, view }: { data: ValidityReport; view: AnalyticsView }) {
  const groups = predictorKinds
    .map((kind) => ({
      kind,
      heading: predictorKindLabels[kind],
      predictors: data.predictors.filter((p) => p.kind === kind),
    }))
    .filter((g) => g.predictors.length > 0);
  const chartGroups = groups.map((g) => ({
    heading: g.heading,
    rows: g.predictors.map(
      (p): IntervalRow => ({
        key: `${p.kind}:${p.id}`,
        label: p.label,
        value: p.suppressed ? null : p.r.value,
        lower: p.suppressed ? null : p.r.lower,
        upper: p.suppressed ? null : p.r.upper,
        text: rText(p),
        hidden: p.suppressed ? HIDDEN_PREDICTOR : p.r.value === null ? 'not estimable' : undefined,
      }),
    ),
  }));
  const method = data.outcome.binary ? 'point-biserial r' : 'Pearson r';
  return (
    <>
      <p>
        {data.outcome.label}: recorded for {data.withOutcome} of {data.hires} hires (n = {data.withOutcome}).
      </p>
      <Alert tone="info" title="Range restriction">
        <p>{data.rangeRestriction}</p>
      </Alert>
      {groups.length ? (
        <>
          <ChartFigure
            label={`Correlation with ${data.outcome.label.toLowerCase()} by predictor`}
            caption={`Dots: ${method} between the interview score and the outcome; whiskers: 95 % Fisher-z interval; n at the right.`}
            csvHref={exportHref('validity', view)}
            report="validity"
            view={view}
          >
            <ForestPlot
              title={`Correlation with ${data.outcome.label.toLowerCase()} by predictor`}
              summary={`${method} with ${data.outcome.label}: ${data.predictors.map((p) => `${p.label} ${rText(p)}`).join('; ')}`}
              groups={chartGroups}
            />
          </ChartFigure>
          <Table caption="Predictors">
            <thead>
              <tr>
                <th scope="col">Predictor</th>
                <th scope="col">Kind</th>
                <th scope="col">n</th>
                <th scope="col">r (95 % CI)</th>
                <th scope="col">p</th>
                <th scope="col">Spearman ρ (p)</th>
              </tr>
            </thead>
            <tbody>
              {data.predictors.map((p) => (
                <tr key={`${p.kind}:${p.id}`}>
                  <th scope="row">{p.label}</th>
                  <td>{predictorKindLabels[p.kind]}</td>
                  {p.suppressed ? (
                    <td colSpan={4} className="an-suppressed">
                      {HIDDEN_PREDICTOR}
                    </td>
                  ) : (
                    <>
                      <td className="an-num">{p.n}</td>
                      <td className="an-num">{estimateText(p.r)}</td>
                      <td className="an-num">{pValue(p.r.p)}</td>
                      <td className="an-num">
                        {num(p.spearman.value)} ({pValue(p.spearman.p)})
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <p className="muted">No interview scores with this outcome recorded yet.</p>
      )}
      <Logistic data={data} />
    </>
  );
}

function Logistic({ data }: { data: ValidityReport }) {
  if (!data.outcome.binary && !data.logistic && !data.logisticNote) return null;
  const l = data.logistic;
  return (
    <div className="an-subsection">
      <h3>Logistic regression</h3>
      {!l ? (
        <p>{data.logisticNote ?? 'The model could not be fitted for this cohort.'}</p>
      ) : (
        <>
          <p>
            {data.outcome.label} on the per-competency mean ratings: n = {l.n}, {l.events} events. Deviance {num(l.deviance)}, AIC {num(l.aic)}.
            Cross-validated AUC ({l.cvAuc.folds}-fold, L2 penalty λ = {num(l.lambda, 3)}): {estimateText(l.cvAuc)}.
          </p>
          {data.logisticNote ? <p className="muted">{data.logisticNote}</p> : null}
          <Table caption="Coefficients">
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Estimate</th>
                <th scope="col">SE</th>
                <th scope="col">z</th>
                <th scope="col">p</th>
                <th scope="col">Wald 95 % CI</th>
              </tr>
            </thead>
            <tbody>
              {l.coefficients.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td className="an-num">{num(c.estimate, 3)}</td>
                  <td className="an-num">{num(c.se, 3)}</td>
                  <td className="an-num">{num(c.z)}</td>
                  <td className="an-num">{pValue(c.p)}</td>
                  <td className="an-num">{interval(c)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {l.calibration.length ? (
            <Table caption="Calibration (predicted vs observed)">
              <thead>
                <tr>
                  <th scope="col">Bin</th>
                  <th scope="col">n</th>
                  <th scope="col">Mean predicted</th>
                  <th scope="col">Observed</th>
                </tr>
              </thead>
              <tbody>
                {l.calibration.map((b) => (
                  <tr key={b.bin}>
                    <th scope="row">{b.bin}</th>
                    <td className="an-num">{b.n}</td>
                    <td className="an-num">{num(b.predicted)}</td>
                    <td className="an-num">{num(b.observed)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </>
      )}
    </div>
  );
}
