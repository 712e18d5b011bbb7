import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { type Interview, myInterviewsRoute } from '../../../modules/interviews/interviews.contract.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { formatInterviewTime, scorecardStateLabels } from './interview-format.ts';
import { InterviewsNav } from './interviews-nav.tsx';

const sections = [
  { key: 'upcoming', title: 'Upcoming', empty: 'No interviews coming up.' },
  { key: 'toDo', title: 'To do', empty: 'No scorecards to start.' },
  { key: 'drafts', title: 'Drafts', empty: 'No draft scorecards.' },
  { key: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
] as const;

/** The signed-in interviewer's interviews: upcoming ones, scorecards to write, drafts and overdue feedback. */
export function MyInterviewsPage() {
  const mine = useQuery({ queryKey: ['my-interviews'], queryFn: () => api(myInterviewsRoute), staleTime: 0 });
  return (
    <>
      <InterviewsNav />
      <PageHeader title="My interviews" description="Interviews you are on, and the scorecards they are waiting for." />
      {mine.isPending ? <Loading label="Loading your interviews…" /> : null}
      {mine.isError ? <LoadError error={mine.error} what="your interviews" onRetry={() => void mine.refetch()} /> : null}
      {mine.isSuccess
        ? sections.map((s) => (
            <section key={s.key} className="section-block" aria-labelledby={`mine-${s.key}`}>
              <h2 id={`mine-${s.key}`}>{s.title}</h2>
              {mine.data[s.key].length === 0 ? <EmptyState>{s.empty}</EmptyState> : <InterviewTable items={mine.data[s.key]} />}
            </section>
          ))
        : null}
    </>
  );
}

function InterviewTable({ items }: { items: Interview[] }) {
  return (
    // The caption names the table region; it must not repeat the section heading (two regions of one name).
    <Table caption="Interview list" captionHidden>
      <thead>
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Job</th>
          <th scope="col">Round</th>
          <th scope="col">Time</th>
          <th scope="col">Your scorecard</th>
          <th scope="col">Links</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <InterviewRow key={i.id} interview={i} />
        ))}
      </tbody>
    </Table>
  );
}

function InterviewRow({ interview: i }: { interview: Interview }) {
  const session = useSignedInSession();
  const rowId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const me = i.interviewers.find((p) => p.userId === session.user.id);
  return (
    <tr>
      <th scope="row" id={rowId}>
        <Link to={`/candidates/${i.candidateId}`}>{i.candidateName}</Link>
      </th>
      <td>{i.jobTitle}</td>
      <td>{i.roundName}</td>
      <td>
        {formatInterviewTime(i.startsAt, i.endsAt, i.timeZone)}
        {i.status === 'cancelled' ? (
          <>
            {' '}
            <Badge tone="warning">Cancelled</Badge>
          </>
        ) : null}
      </td>
      <td>{me ? scorecardStateLabels[me.scorecard] : '—'}</td>
      <td>
        <span className="iv-links">
          <Link to={`/interviews/${i.id}/kit`} aria-describedby={rowId}>
            Interview kit
          </Link>
          <Link to={`/interviews/${i.id}/scorecard`} aria-describedby={rowId}>
            Open scorecard
          </Link>
        </span>
      </td>
    </tr>
  );
}
