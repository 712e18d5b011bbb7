import { useQuery } from '@tanstack/react-query';
import { type ReliabilityReport, reliabilityRoute } from '../../../modules/analytics/analytics.contract.ts';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { type AnalyticsView, estimateText, iccBand } from './analytics-format.ts';
import { ChartFigure, exportHref, ReportSection } from './analytics-ui.tsx';
import { ForestPlot, type IntervalRow } from './charts.tsx';

type Row = ReliabilityReport['overall'];
type Icc = Row['icc1'];

function IccCell({ e }: { e: Icc }) {
  if (e.value === null) return <td className="an-muted-cell">{e.reason ?? '—'}</td>;
  const band = iccBand(e.value);
  return (
    <td className="an-num">
      {estimateText(e)}
      {band ? <span className="muted"> {band}</span> : null}
    </td>
  );
}

export function ReliabilitySection({ view }: { view: AnalyticsView }) {
  const query = view.filter;
  const report = useQuery({ queryKey: ['analytics', 'reliability', query], queryFn: () => api(reliabilityRoute, { query }) });
  return (
    <ReportSection id="reliability" title="Reliability" query={report}>
      {(data) => <ReliabilityBody data={data} view={view} />}
    </ReportSection>
  );
}

function ReliabilityBody({ data, view }: { data: ReliabilityReport; view: AnalyticsView }) {
  const all = [data.overall, ...data.competencies];
  const chartRows = (pick: (r: Row) => Icc): IntervalRow[] =>
    all.map((r) => ({
      key: r.id,
      label: r.name,
      value: pick(r).value,
      lower: pick(r).lower,
      upper: pick(r).upper,
      text: pick(r).value === null ? 'not estimable' : `${estimateText(pick(r))}, n = ${r.nComplete}`,
      hidden: pick(r).value === null ? (pick(r).reason ?? 'not estimable') : undefined,
    }));
  return (
    <>
      <div className="an-legend">
        <h3>How to read the ICC</h3>
        <p>
          The intraclass correlation says how much of the spread in ratings comes from real differences between candidates rather than from who
          rated them. Koo &amp; Li (2016): below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent. ICC(1,1) is the reliability of one
          interviewer’s rating; ICC(1,k) of the mean of k interviewers. Read the interval, not only the point.
        </p>
      </div>
      <ChartFigure
        label="ICC(1,1) by competency"
        caption="Dots: ICC(1,1) (one interviewer); whiskers: 95 % F-based interval."
        csvHref={exportHref('reliability', view)}
        report="reliability"
        view={view}
      >
        <ForestPlot
          title="ICC(1,1) by competency"
          summary={`ICC(1,1): ${all.map((r) => `${r.name} ${r.icc1.value === null ? 'not estimable' : estimateText(r.icc1)}`).join('; ')}`}
          groups={[{ heading: 'Single-rater reliability', rows: chartRows((r) => r.icc1) }]}
        />
      </ChartFigure>
      <Table caption="Inter-rater reliability">
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Ratings</th>
            <th scope="col">Candidates</th>
            <th scope="col">k (raters)</th>
            <th scope="col">n complete (rated by k)</th>
            <th scope="col">ICC(1,1) (95 % CI)</th>
            <th scope="col">ICC(1,k) (95 % CI)</th>
            <th scope="col">Ordinal alpha (95 % CI)</th>
          </tr>
        </thead>
        <tbody>
          {all.map((r) => (
            <tr key={r.id} className={r === data.overall ? 'an-row--total' : undefined}>
              <th scope="row">{r.name}</th>
              <td className="an-num">{r.ratings}</td>
              <td className="an-num">{r.applications}</td>
              <td className="an-num">{r.k ?? '—'}</td>
              <td className="an-num">{r.nComplete}</td>
              <IccCell e={r.icc1} />
              <IccCell e={r.icc1k} />
              {r.alphaOrdinal.value === null ? (
                <td className="an-muted-cell">{r.alphaOrdinal.reason ?? '—'}</td>
              ) : (
                <td className="an-num">
                  {estimateText(r.alphaOrdinal)}, {r.alphaOrdinal.pairableValues} pairable values
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
