import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AnalyticsFilter } from '../../../modules/analytics/analytics.contract.ts';
import { listJobsRoute } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { AdverseImpactSection } from './adverse-impact-report.tsx';
import { analyticsReaders, type AnalyticsView, readView, reportTabs, viewSearch } from './analytics-format.ts';
import { CalibrationSection } from './calibration-report.tsx';
import { FunnelSection } from './funnel-report.tsx';
import { RecommendationsSection } from './recommendations-report.tsx';
import { ReliabilitySection } from './reliability-report.tsx';
import { ValiditySection } from './validity-report.tsx';

/**
 * Analytics (`/analytics`): the cohort filter (job, dates, source) and one report at a time
 * (`?report=`), everything in the query string so a link shows the same view.
 */
export function AnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const view = readView(params);
  const role = session.data?.organization?.role;
  const go = (patch: Parameters<typeof viewSearch>[1]) => setParams(new URLSearchParams(viewSearch(view, patch)));

  if (session.data && (!role || !analyticsReaders.includes(role))) {
    return (
      <>
        <PageHeader title="Analytics" />
        <Alert tone="info" title="Analytics is for owners, admins, recruiters and hiring managers">
          <p>Ask an admin of your organization if you need these reports.</p>
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Analytics"
        description="How the hiring process performs: the funnel, how interviewers rate, how reliable and predictive the ratings are, and whether any group is selected less. Every figure shows its n; estimates show 95 % intervals; groups under 5 are suppressed."
      />
      <FilterBar key={JSON.stringify(view.filter)} filter={view.filter} onApply={(filter) => go({ filter })} />
      <nav aria-label="Reports" className="subnav an-tabs">
        <ul>
          {reportTabs.map((t) => {
            const current = t.id === view.report;
            return (
              <li key={t.id}>
                <Link to={{ search: viewSearch(view, { report: t.id }) }} className={current ? 'active' : undefined} aria-current={current ? 'page' : undefined}>
                  {t.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <Report view={view} go={go} />
    </>
  );
}

function Report({ view, go }: { view: AnalyticsView; go: (patch: Parameters<typeof viewSearch>[1]) => void }) {
  switch (view.report) {
    case 'funnel':
      return <FunnelSection view={view} onBy={(by) => go({ by })} />;
    case 'calibration':
      return <CalibrationSection view={view} />;
    case 'reliability':
      return <ReliabilitySection view={view} />;
    case 'validity':
      return <ValiditySection view={view} onOutcome={(outcome) => go({ outcome })} />;
    case 'adverse-impact':
      return <AdverseImpactSection view={view} onCharacteristic={(characteristic) => go({ characteristic })} />;
    case 'recommendations':
      return <RecommendationsSection view={view} onOutcome={(outcome) => go({ outcome })} />;
  }
}

/** The cohort: job, application dates and source; applied to the URL with "Apply filters". */
function FilterBar({ filter, onApply }: { filter: AnalyticsFilter; onApply: (f: AnalyticsFilter) => void }) {
  const [jobId, setJobId] = useState(filter.jobId ?? '');
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [source, setSource] = useState(filter.source ?? '');
  const [error, setError] = useState<string | undefined>();
  const jobs = useQuery({ queryKey: ['analytics-jobs'], queryFn: () => api(listJobsRoute, { query: { limit: 200 } }), staleTime: 60_000 });
  const jobOptions = [
    { value: '', label: 'All jobs' },
    ...(jobs.data?.items ?? []).map((j) => ({ value: j.id, label: j.title })),
    ...(jobId && jobs.data && !jobs.data.items.some((j) => j.id === jobId) ? [{ value: jobId, label: 'The job in the link' }] : []),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (from && to && from > to) {
      setError('The end date is before the start date');
      return;
    }
    setError(undefined);
    const next: AnalyticsFilter = {};
    if (jobId) next.jobId = jobId;
    if (from) next.from = from;
    if (to) next.to = to;
    if (source.trim()) next.source = source.trim().slice(0, 120);
    onApply(next);
  };

  return (
    <form className="an-filters no-print" aria-label="Filters" noValidate onSubmit={submit}>
      <SelectField
        label="Job"
        value={jobId}
        onChange={(e) => setJobId(e.target.value)}
        options={jobOptions}
        hint={jobs.isError ? 'The list of jobs could not be loaded.' : undefined}
      />
      <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} hint="Applications created on or after" />
      <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} hint="Applications created on or before" error={error} />
      <TextField label="Source" value={source} maxLength={120} onChange={(e) => setSource(e.target.value)} hint="e.g. referral, LinkedIn" />
      <div className="an-filters__actions">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="ghost"
          onClick={() => {
            setJobId('');
            setFrom('');
            setTo('');
            setSource('');
            setError(undefined);
            onApply({});
          }}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}
