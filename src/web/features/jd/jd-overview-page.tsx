import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { analyzeJobDescription } from '../../../core/language/analyze.ts';
import type { Finding } from '../../../core/language/types.ts';
import { JD_MARKDOWN_MAX } from '../../../modules/jd/jd.contract.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { useSignedInSession } from '../../lib/session.ts';
import { canManageJobs } from '../jobs/job-format.ts';
import { applyReplacement, findingMatches, replacementOf } from './highlight.ts';
import { AnalysisPanel, type HighlightHandle, HighlightedTextArea } from './jd-editor.tsx';
import { type JdOverviewItem, NOT_PUBLISHED, overviewRow } from './jd-overview-format.ts';
import { useJdOverview } from './jd-queries.ts';

/**
 * The job-descriptions module (`/job-descriptions`): every job with the state of its description
 * (current version, its language score and gender verdict, what is published) with a way into the
 * editor, the careers page, and a scratch pad that checks any text live in the browser.
 */
export function JdOverviewPage() {
  const overview = useJdOverview();
  const session = useSignedInSession();
  const canManage = canManageJobs(session.organization?.role);

  return (
    <>
      <PageHeader
        title="Job descriptions"
        description="Each job's description: its latest version and language check, and what is on your careers page."
        actions={
          overview.careersUrl ? (
            <a className="btn btn--secondary btn--sm" href={overview.careersUrl}>
              Your careers page
            </a>
          ) : null
        }
      />

      <section className="section-block" aria-labelledby="jd-overview-title">
        <h2 id="jd-overview-title">Jobs</h2>
        {overview.isPending ? <Loading label="Loading the job descriptions…" /> : null}
        {overview.isError ? <LoadError error={overview.error} what="the job descriptions" onRetry={() => void overview.refetch()} /> : null}
        {overview.isSuccess && overview.items.length === 0 ? (
          <EmptyState>
            No jobs yet.{' '}
            {canManage ? (
              <>
                <Link to="/jobs/new">Open a job</Link>, then write its description from the job's page.
              </>
            ) : (
              'Descriptions belong to jobs: they appear here once you are on a job’s hiring team.'
            )}
          </EmptyState>
        ) : null}
        {overview.items.length ? <JdOverviewTable items={overview.items} /> : null}
        <LoadMore hasMore={!!overview.hasNextPage} isLoading={overview.isFetchingNextPage} onLoadMore={() => void overview.fetchNextPage()} />
      </section>

      <TextCheck />
    </>
  );
}

/** The overview's table: one row per job. */
export function JdOverviewTable({ items }: { items: readonly JdOverviewItem[] }) {
  return (
    <Table caption="Job descriptions by job" captionHidden>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Status</th>
          <th scope="col">Description</th>
          <th scope="col">Published</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const row = overviewRow(item);
          return (
            <tr key={row.jobId}>
              <th scope="row">
                <Link to={row.jobPath}>{row.title}</Link>
                {row.location ? <span className="muted"> · {row.location}</span> : null}
              </th>
              <td>
                <Badge tone={row.status.tone}>{row.status.label}</Badge>
              </td>
              <td>{row.description}</td>
              <td>
                {row.published ? (
                  <>
                    {row.published.text} · <a href={row.published.url}>careers page</a>
                  </>
                ) : (
                  <span className="muted">{NOT_PUBLISHED}</span>
                )}
              </td>
              <td>
                <Link to={row.action.to}>{row.action.label}</Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** A scratch pad: any text checked live by the same language check as the editor; nothing is saved or sent. */
function TextCheck() {
  const [text, setText] = useState('');
  const checked = useDeferredValue(text);
  const analysis = useMemo(() => analyzeJobDescription(checked), [checked]);
  const highlightRef = useRef<HighlightHandle>(null);
  const pendingSelect = useRef<{ start: number; end: number } | null>(null);

  // After a replacement, select the new words once the textarea holds the new text.
  useEffect(() => {
    const span = pendingSelect.current;
    if (!span) return;
    pendingSelect.current = null;
    highlightRef.current?.select(span.start, span.end);
  }, [text]);

  const onSelect = (f: Finding) => {
    if (findingMatches(text, f)) highlightRef.current?.select(f.start, f.end);
  };
  const onReplace = (f: Finding) => {
    const next = applyReplacement(text, f);
    if (next === null) return;
    pendingSelect.current = { start: f.start, end: f.start + (replacementOf(f) ?? '').length };
    setText(next);
  };

  return (
    <section className="section-block" aria-labelledby="jd-check-title">
      <h2 id="jd-check-title">Check any text</h2>
      <p className="muted">
        Paste a description from anywhere to check its wording. The check runs in your browser as you type; nothing is saved or sent.
      </p>
      <div className="jd-workspace">
        <div className="card">
          <HighlightedTextArea
            label="Text to check"
            hint="Flagged wording is highlighted: warm for masculine-coded and exclusionary words, cool for feminine-coded ones."
            value={text}
            onChange={setText}
            findings={analysis.findings}
            rows={14}
            maxLength={JD_MARKDOWN_MAX}
            handleRef={highlightRef}
          />
        </div>
        {checked.trim() ? (
          <AnalysisPanel analysis={analysis} onSelect={onSelect} onReplace={onReplace} canReplace />
        ) : (
          <p className="muted">Type or paste text to see its score, gender coding and findings.</p>
        )}
      </div>
    </section>
  );
}
