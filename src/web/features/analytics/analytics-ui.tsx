import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import { type AnalyticsReportName, exportReportRoute, type Rate } from '../../../modules/analytics/analytics.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type AnalyticsView, chartFileName, rateText, withQuery } from './analytics-format.ts';
import { downloadPng, downloadSvg } from './chart-export.ts';

export const EMPTY_MESSAGE = 'No data for this filter yet';

/** The CSV export of one report with the view's filter and the report's own choice. */
export function exportHref(report: AnalyticsReportName, view: AnalyticsView): string {
  return withQuery(exportReportRoute.path, {
    report,
    ...view.filter,
    by: report === 'funnel' ? view.by : undefined,
    outcome: report === 'validity' ? view.outcome : undefined,
    characteristic: report === 'adverse-impact' ? view.characteristic : undefined,
  });
}

interface ReportMeta {
  applications: number;
  reading: string[];
  generatedAt: string;
}

/**
 * One report: its heading, its own controls, then loading, error, empty ("No data for this filter
 * yet") or the report with its readings in plain words and the cohort's n at the top.
 */
export function ReportSection<T extends ReportMeta>({
  id,
  title,
  query,
  controls,
  isEmpty = (d) => d.applications === 0,
  children,
}: {
  id: string;
  title: string;
  query: UseQueryResult<T>;
  controls?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const headingId = `an-${id}-title`;
  return (
    <section className="an-report" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {controls ? <div className="an-controls">{controls}</div> : null}
      {query.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : query.isError ? (
        <LoadError error={query.error} what={title.toLowerCase()} onRetry={() => void query.refetch()} />
      ) : isEmpty(query.data) ? (
        <EmptyState>{EMPTY_MESSAGE}</EmptyState>
      ) : (
        <>
          <Reading data={query.data} />
          {children(query.data)}
        </>
      )}
    </section>
  );
}

function Reading({ data }: { data: ReportMeta }) {
  return (
    <div className="an-reading">
      <p className="an-reading__n">
        <strong>n = {data.applications}</strong> {data.applications === 1 ? 'application' : 'applications'} in this cohort
        <span className="muted"> · computed {formatDateTime(data.generatedAt)}</span>
      </p>
      {data.reading.length ? (
        <ul aria-label="What this shows">
          {data.reading.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A chart with its caption and its downloads: the report's CSV, the chart as SVG and as PNG. */
export function ChartFigure({ label, caption, csvHref, report, view, children }: { label: string; caption?: ReactNode; csvHref: string; report: string; view: AnalyticsView; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const svg = () => ref.current?.querySelector('svg') ?? null;
  const baseName = chartFileName(report, view.filter);
  return (
    <figure className="an-figure" ref={ref} aria-label={label}>
      <div className="an-figure__chart">{children}</div>
      {caption ? <figcaption className="muted">{caption}</figcaption> : null}
      <div className="an-downloads no-print">
        <a className="btn btn--secondary btn--sm" href={csvHref} download>
          Download CSV
        </a>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            const el = svg();
            if (el) downloadSvg(el, baseName);
          }}
        >
          Download SVG
        </Button>
        <Button
          variant="secondary"
          size="sm"
          busy={busy}
          busyLabel="Drawing…"
          onClick={() => {
            const el = svg();
            if (!el) return;
            setBusy(true);
            setProblem(null);
            downloadPng(el, baseName)
              .catch((e: unknown) => setProblem(e instanceof Error ? e.message : 'The PNG could not be made'))
              .finally(() => setBusy(false));
          }}
        >
          Download PNG
        </Button>
      </div>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
    </figure>
  );
}

/** A rate in a table cell: "67% (58–75%), n = 12", or the suppression text. */
export function RateCell({ rate }: { rate: Rate }) {
  return <td className={rate.suppressed ? 'an-suppressed' : 'an-num'}>{rateText(rate)}</td>;
}
