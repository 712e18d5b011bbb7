import { useQuery } from '@tanstack/react-query';
import {
  adverseImpactRoute,
  type AdverseImpactReport,
  biasAuditRoute,
  characteristicLabels,
  characteristics,
  type ImpactTable,
} from '../../../modules/analytics/analytics.contract.ts';
import { SelectField } from '../../components/select-field.tsx';
import { Badge } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { type AnalyticsView, estimateText, num, pValue, rateText, SUPPRESSED, withQuery } from './analytics-format.ts';
import { exportHref, ReportSection } from './analytics-ui.tsx';

export const BELOW_FOUR_FIFTHS = 'Below 4/5';

export function AdverseImpactSection({ view, onCharacteristic }: { view: AnalyticsView; onCharacteristic: (c: AnalyticsView['characteristic']) => void }) {
  const query = { ...view.filter, characteristic: view.characteristic };
  const report = useQuery({ queryKey: ['analytics', 'adverse-impact', query], queryFn: () => api(adverseImpactRoute, { query }) });
  return (
    <ReportSection
      id="adverse-impact"
      title="Adverse impact"
      query={report}
      controls={
        <SelectField
          label="Characteristic"
          value={view.characteristic}
          onChange={(e) => onCharacteristic(e.target.value as AnalyticsView['characteristic'])}
          options={characteristics.map((c) => ({ value: c, label: characteristicLabels[c] }))}
        />
      }
    >
      {(data) => <ImpactBody data={data} view={view} />}
    </ReportSection>
  );
}

function ImpactBody({ data, view }: { data: AdverseImpactReport; view: AnalyticsView }) {
  const c = data.counts;
  const audit = (format: 'md' | 'csv') => withQuery(biasAuditRoute.path, { ...view.filter, format });
  return (
    <>
      <p>
        {characteristicLabels[data.characteristic]}: provided by {c.provided}, declined by {c.declined}, not provided for {c.notProvided}{' '}
        (n = {c.provided + c.declined + c.notProvided}). Groups with fewer than 5 people are suppressed, together with any group that would reveal
        them.
      </p>
      <p className="an-downloads no-print">
        <a className="btn btn--secondary btn--sm" href={exportHref('adverse-impact', view)} download>
          Download CSV
        </a>
        <a className="btn btn--secondary btn--sm" href={audit('md')} download>
          Download bias audit (Markdown)
        </a>
        <a className="btn btn--secondary btn--sm" href={audit('csv')} download>
          Download bias audit (CSV)
        </a>
      </p>
      {data.stages.map((t) => (
        <ImpactTableView key={t.id} table={t} />
      ))}
      <ImpactTableView table={data.final} />
      <ImpactTableView table={data.scoringRate} />
    </>
  );
}

export function ImpactTableView({ table }: { table: ImpactTable }) {
  const scoring = table.method === 'scoring-rate';
  return (
    <div className="an-subsection">
      <h3>
        {table.name} {table.flagged ? <Badge tone="danger">Flagged by the four-fifths rule</Badge> : null}
      </h3>
      <p className="muted">
        {scoring
          ? `Scoring rate: the share of each group scoring above the median overall interview score of everyone (${num(table.median)}).`
          : 'Selection rate: the share of decided applications that passed.'}{' '}
        Reference group: {table.referenceGroup ?? 'none'} (highest rate shown).
      </p>
      <Table caption={`${table.name}: ${scoring ? 'scoring' : 'selection'} rates`}>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">n</th>
            <th scope="col">{scoring ? 'Above median' : 'Selected'}</th>
            <th scope="col">Rate (95 % CI)</th>
            <th scope="col">Impact ratio (95 % CI)</th>
            <th scope="col">Four-fifths rule</th>
            <th scope="col">Fisher p</th>
            <th scope="col">z-test p</th>
          </tr>
        </thead>
        <tbody>
          {table.groups.length === 0 ? (
            <tr>
              <td colSpan={8}>No groups.</td>
            </tr>
          ) : (
            table.groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">
                  {g.group}
                  {g.isReference ? <span className="muted"> (reference)</span> : null}
                </th>
                {g.suppressed ? (
                  <td colSpan={7} className="an-suppressed">
                    {SUPPRESSED}
                  </td>
                ) : (
                  <>
                    <td className="an-num">{g.n ?? '—'}</td>
                    <td className="an-num">{g.selected ?? '—'}</td>
                    <td className="an-num">{rateText(g.rate)}</td>
                    <td className="an-num">{g.isReference ? '1 (reference)' : estimateText(g.impactRatio)}</td>
                    <td>{g.fourFifthsFlag ? <Badge tone="danger">{BELOW_FOUR_FIFTHS}</Badge> : <span className="muted">OK</span>}</td>
                    <td className="an-num">{pValue(g.fisherP)}</td>
                    <td className="an-num">{pValue(g.zP)}</td>
                  </>
                )}
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </div>
  );
}
