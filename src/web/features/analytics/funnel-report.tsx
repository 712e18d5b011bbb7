import { useQuery } from '@tanstack/react-query';
import { type FunnelReport, funnelBreakdowns, funnelRoute } from '../../../modules/analytics/analytics.contract.ts';
import { SelectField } from '../../components/select-field.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { type AnalyticsView, breakdownLabels, days, interval, pct, rateText } from './analytics-format.ts';
import { ChartFigure, exportHref, RateCell, ReportSection } from './analytics-ui.tsx';
import { BarWhiskerChart, type BarDatum } from './charts.tsx';

/** "120 entered / 80 passed / 67% (95 % CI 58–75%)" — the figures beside a stage's bar. */
export function stageText(s: FunnelReport['stages'][number]): string {
  const head = `${s.entered} entered / ${s.passed} passed`;
  if (s.rate.suppressed) return `${head} / suppressed (n < 5)`;
  if (s.rate.value === null) return `${head} / no decisions yet`;
  const ci = interval(s.rate, true);
  return `${head} / ${pct(s.rate.value)}${ci ? ` (95 % CI ${ci})` : ''}`;
}

export function FunnelSection({ view, onBy }: { view: AnalyticsView; onBy: (by: AnalyticsView['by']) => void }) {
  const query = { ...view.filter, by: view.by };
  const report = useQuery({ queryKey: ['analytics', 'funnel', query], queryFn: () => api(funnelRoute, { query }) });
  return (
    <ReportSection
      id="funnel"
      title="Funnel"
      query={report}
      controls={
        <SelectField
          label="Break down by"
          value={view.by}
          onChange={(e) => onBy(e.target.value as AnalyticsView['by'])}
          options={funnelBreakdowns.map((b) => ({ value: b, label: breakdownLabels[b] }))}
        />
      }
    >
      {(data) => <FunnelBody data={data} view={view} />}
    </ReportSection>
  );
}

function FunnelBody({ data, view }: { data: FunnelReport; view: AnalyticsView }) {
  const rows: BarDatum[] = data.stages.map((s) => ({
    key: s.id,
    label: s.name,
    value: s.rate.suppressed ? null : s.rate.value,
    lower: s.rate.suppressed ? null : s.rate.lower,
    upper: s.rate.suppressed ? null : s.rate.upper,
    text: stageText(s),
  }));
  const csv = exportHref('funnel', view);
  const t = data.timeToHire;
  return (
    <>
      {rows.length ? (
        <ChartFigure
          label="Pass-through rate by stage"
          caption="Bars: pass-through rate (passed ÷ decided) per stage; whiskers: 95 % Wilson interval."
          csvHref={csv}
          report="funnel"
          view={view}
        >
          <BarWhiskerChart
            title="Pass-through rate by stage"
            summary={`Pass-through by stage: ${data.stages.map((s) => `${s.name} ${s.rate.suppressed ? 'suppressed' : pct(s.rate.value)}`).join('; ')}`}
            rows={rows}
          />
        </ChartFigure>
      ) : (
        <p className="muted">No stages in this cohort.</p>
      )}

      <Table caption="Stages">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Entered</th>
            <th scope="col">Passed</th>
            <th scope="col">Exited</th>
            <th scope="col">Still in stage</th>
            <th scope="col">Pass-through rate (95 % CI)</th>
            <th scope="col">Median time in stage</th>
          </tr>
        </thead>
        <tbody>
          {data.stages.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td className="an-num">{s.entered}</td>
              <td className="an-num">{s.passed}</td>
              <td className="an-num">{s.exited}</td>
              <td className="an-num">{s.active}</td>
              <RateCell rate={s.rate} />
              <td className="an-num">
                {days(s.medianDays)} (n = {s.daysN})
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <dl className="an-facts">
        <div>
          <dt>Time to hire</dt>
          <dd>
            {t.medianDays === null ? '—' : `median ${days(t.medianDays)}`}
            {t.p25Days !== null && t.p75Days !== null ? ` (middle half ${days(t.p25Days)} to ${days(t.p75Days)})` : ''}, n = {t.n}
          </dd>
        </div>
        <div>
          <dt>Offer acceptance</dt>
          <dd>{rateText(data.offerAcceptance)}</dd>
        </div>
      </dl>

      <Table caption={`Hires by ${breakdownLabels[data.by].toLowerCase()}`}>
        <thead>
          <tr>
            <th scope="col">{breakdownLabels[data.by]}</th>
            <th scope="col">Applications</th>
            <th scope="col">Hired</th>
            <th scope="col">Hire rate (95 % CI)</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.length ? (
            data.groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td className="an-num">{g.applications}</td>
                <td className="an-num">{g.hired}</td>
                <RateCell rate={g.hireRate} />
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={4}>No groups.</td>
            </tr>
          )}
        </tbody>
      </Table>
    </>
  );
}
