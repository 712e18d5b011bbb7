import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { compareJobRoute } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatRecommendationMix, formatScore, type SortDirection, sortByOverall } from './job-format.ts';
import { comparisonKey } from './job-queries.ts';

/** The job's candidates side by side: weighted overall score, mean per competency, recommendation mix. */
export function CompareCandidatesPage() {
  const { id = '' } = useParams();
  const comparison = useQuery({ queryKey: comparisonKey(id), queryFn: () => api(compareJobRoute, { params: { id } }) });
  const [sort, setSort] = useState<SortDirection | null>(null);

  if (comparison.isPending) return <Loading label="Loading the comparison…" />;
  if (comparison.isError) {
    return (
      <>
        <PageHeader title="Compare candidates" />
        {isApiError(comparison.error) && comparison.error.status === 404 ? (
          <Alert tone="warning" title="This job does not exist or you cannot see it." />
        ) : (
          <LoadError error={comparison.error} what="the comparison" onRetry={() => void comparison.refetch()} />
        )}
        <p>
          <Link to="/jobs">All jobs</Link>
        </p>
      </>
    );
  }

  const { job, competencies, rows } = comparison.data;
  const shown = sort ? sortByOverall(rows, sort) : rows;
  // First click: best first; then it alternates.
  const nextSort: SortDirection = sort === 'descending' ? 'ascending' : 'descending';
  const hiddenSpan = competencies.length + 3;

  return (
    <>
      <PageHeader
        title="Compare candidates"
        description={
          <>
            <Link to={`/jobs/${job.id}`}>{job.title}</Link>: scores on the 1–4 scale, the overall weighted by each competency’s weight.
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState>No candidates to compare yet.</EmptyState>
      ) : (
        <Table caption={`Candidates for ${job.title}`} captionHidden>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Stage</th>
              <th scope="col">Submitted scorecards</th>
              <th scope="col" aria-sort={sort ?? 'none'}>
                <button type="button" className="jobs-sort" onClick={() => setSort(nextSort)}>
                  Overall score
                  <span aria-hidden="true">{sort === 'descending' ? ' ↓' : sort === 'ascending' ? ' ↑' : ' ↕'}</span>
                </button>
              </th>
              {competencies.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
              <th scope="col">Recommendations</th>
              <th scope="col">Disagreement</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.applicationId}>
                <th scope="row">
                  <Link to={`/candidates/${row.candidateId}`}>{row.candidateName}</Link>
                </th>
                <td>{row.stageName}</td>
                <td>{row.submitted}</td>
                {row.redacted ? (
                  <td colSpan={hiddenSpan} className="jobs-redacted">
                    Hidden until you submit your own scorecard
                  </td>
                ) : (
                  <>
                    <td className="jobs-num">
                      <strong>{formatScore(row.overall)}</strong>
                    </td>
                    {competencies.map((c) => (
                      <td key={c.id} className="jobs-num">
                        {formatScore(row.means[c.id])}
                      </td>
                    ))}
                    <td>{formatRecommendationMix(row.recommendations)}</td>
                    <td>{row.disagreements > 0 ? <Badge tone="warning">Disagreement</Badge> : <span className="muted">—</span>}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="muted">
        A “Disagreement” badge marks candidates whose interviewers disagree markedly on a competency: worth discussing in the debrief.
      </p>
    </>
  );
}
