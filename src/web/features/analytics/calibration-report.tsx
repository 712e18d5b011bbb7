import { useQuery } from '@tanstack/react-query';
import { type CalibrationReport, calibrationRoute } from '../../../modules/analytics/analytics.contract.ts';
import { Badge } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { type AnalyticsView, interval, num, rateText, signed } from './analytics-format.ts';
import { ChartFigure, exportHref, RateCell, ReportSection } from './analytics-ui.tsx';
import { DotPlot, type IntervalRow } from './charts.tsx';

type Interviewer = CalibrationReport['interviewers'][number];

/** "lenient, +0.42 (0.12 to 0.71)" — the verdict in words, then the difference. */
export function verdictText(i: Interviewer): string {
  if (i.difference.value === null) return i.verdict;
  const ci = interval(i.difference);
  return `${i.verdict}, ${signed(i.difference.value)}${ci ? ` (${ci})` : ''}`;
}

const verdictTone = (v: Interviewer['verdict']) => (v === 'lenient' || v === 'severe' ? 'warning' : v === 'in line' ? 'success' : 'neutral');

export function CalibrationSection({ view }: { view: AnalyticsView }) {
  const query = view.filter;
  const report = useQuery({ queryKey: ['analytics', 'calibration', query], queryFn: () => api(calibrationRoute, { query }) });
  return (
    <ReportSection id="calibration" title="Interviewer calibration" query={report}>
      {(data) => <CalibrationBody data={data} view={view} />}
    </ReportSection>
  );
}

function CalibrationBody({ data, view }: { data: CalibrationReport; view: AnalyticsView }) {
  const rows: IntervalRow[] = data.interviewers.map((i) => ({
    key: i.id,
    label: i.name,
    value: i.difference.value,
    lower: i.difference.lower,
    upper: i.difference.upper,
    text: `${verdictText(i)}, n = ${i.difference.n}`,
    emphasis: i.verdict === 'lenient' || i.verdict === 'severe',
  }));
  const p = data.pool;
  return (
    <>
      <p>
        Pool: {p.ratings} ratings on {p.scorecards} scorecards by {p.interviewers} interviewers; mean {num(p.mean)} (SD {num(p.sd)}); ratings at
        the ends of the scale: {rateText(p.extremeShare)}.
      </p>
      {rows.length ? (
        <ChartFigure
          label="Difference from the panel by interviewer"
          caption="Dots: each interviewer’s mean difference from the other panelists rating the same candidate and competency; whiskers: 95 % interval. Right of 0 rates higher than the panel (lenient), left lower (severe)."
          csvHref={exportHref('calibration', view)}
          report="calibration"
          view={view}
        >
          <DotPlot
            title="Difference from the panel by interviewer"
            summary={`Difference from the panel: ${data.interviewers.map((i) => `${i.name} ${verdictText(i)}`).join('; ')}`}
            rows={rows}
            zeroLabel="0 = same as the panel"
          />
        </ChartFigure>
      ) : (
        <p className="muted">No interviewer has submitted ratings in this cohort.</p>
      )}
      <Table caption="Interviewers">
        <thead>
          <tr>
            <th scope="col">Interviewer</th>
            <th scope="col">Verdict</th>
            <th scope="col">Ratings</th>
            <th scope="col">Scorecards</th>
            <th scope="col">Difference from panel (95 % CI)</th>
            <th scope="col">Extreme ratings (1 or 4)</th>
            <th scope="col">Median hours to submit</th>
            <th scope="col">On time (within 24 h)</th>
            <th scope="col">Panel agreement (within 1 point)</th>
            <th scope="col">Decision agreement</th>
          </tr>
        </thead>
        <tbody>
          {data.interviewers.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>
                <Badge tone={verdictTone(i.verdict)}>{i.verdict}</Badge>
              </td>
              <td className="an-num">{i.ratings}</td>
              <td className="an-num">{i.scorecards}</td>
              <td className="an-num">
                {i.difference.value === null ? '—' : `${signed(i.difference.value)}${interval(i.difference) ? ` (${interval(i.difference)})` : ''}`}, n = {i.difference.n}
              </td>
              <RateCell rate={i.extremeShare} />
              <td className="an-num">{i.medianHoursToSubmit === null ? '—' : `${num(i.medianHoursToSubmit, 1)} h`}</td>
              <RateCell rate={i.onTime} />
              <RateCell rate={i.panelAgreement} />
              <RateCell rate={i.decisionAgreement} />
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
