import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { waitingRoute } from '../../../modules/feedback/feedback.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';
import { formatHours, isScheduler, scorecardStateLabels } from './interview-format.ts';
import { InterviewsNav } from './interviews-nav.tsx';

/** Feedback the team is waiting on: ended interviews without a submitted scorecard, most overdue first. */
export function WaitingPage() {
  const session = useSession();
  const allowed = isScheduler(session.data?.organization?.role);
  const waiting = useQuery({ queryKey: ['feedback-waiting'], queryFn: () => api(waitingRoute, { query: {} }), enabled: allowed, staleTime: 0 });

  return (
    <>
      <InterviewsNav />
      <PageHeader title="Waiting on feedback" description="Interviews that have ended without a submitted scorecard, most overdue first." />
      {!allowed || (waiting.isError && isApiError(waiting.error) && waiting.error.status === 403) ? (
        <Alert tone="warning" title="Only owners, admins, recruiters and hiring managers can see this page.">
          <p>
            Your own scorecards are on <Link to="/me/interviews">My interviews</Link>.
          </p>
        </Alert>
      ) : waiting.isPending ? (
        <Loading label="Loading…" />
      ) : waiting.isError ? (
        <LoadError error={waiting.error} what="the feedback list" onRetry={() => void waiting.refetch()} />
      ) : waiting.data.items.length === 0 ? (
        <EmptyState>Nobody owes feedback right now.</EmptyState>
      ) : (
        <Table caption="Scorecards not yet submitted">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Candidate</th>
              <th scope="col">Job</th>
              <th scope="col">Round</th>
              <th scope="col">Ended</th>
              <th scope="col">Hours overdue</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {waiting.data.items.map((w) => (
              <tr key={`${w.interviewId}-${w.interviewerId}`}>
                <th scope="row">{w.interviewerName}</th>
                <td>
                  <Link to={`/applications/${w.applicationId}/debrief`}>{w.candidateName}</Link>
                </td>
                <td>
                  <Link to={`/jobs/${w.jobId}`}>{w.jobTitle}</Link>
                </td>
                <td>{w.roundName}</td>
                <td>{formatDateTime(w.endedAt)}</td>
                <td>
                  {w.hoursOverdue > 0 ? <Badge tone={w.hoursOverdue >= 24 ? 'danger' : 'warning'}>{formatHours(w.hoursOverdue)}</Badge> : '0'}
                </td>
                <td>{scorecardStateLabels[w.state]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
