import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { interviewKitRoute } from '../../../modules/interviews/interviews.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button, ButtonLink } from '../../components/button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { formatInterviewTime } from './interview-format.ts';
import { InterviewsNav } from './interviews-nav.tsx';
import { InterviewLoadError } from './interview-load-error.tsx';

/** The interview kit: everything an interviewer needs in the room, printable. */
export function KitPage() {
  const { id = '' } = useParams();
  const kit = useQuery({ queryKey: ['interview-kit', id], queryFn: () => api(interviewKitRoute, { params: { id } }) });
  if (kit.isPending) return <Loading label="Loading the interview kit…" />;
  if (kit.isError) return <InterviewLoadError error={kit.error} title="Interview kit" forbidden="You cannot open this interview kit." what="the interview kit" onRetry={() => void kit.refetch()} />;
  const { interview, round, competencies } = kit.data;
  const compName = (cid: string) => competencies.find((c) => c.id === cid)?.name ?? cid.replaceAll('-', ' ');

  return (
    <article className="print-document iv-kit">
      <InterviewsNav />
      <PageHeader
        title={`Interview kit: ${interview.candidateName}`}
        description={
          <>
            {round.name} · {round.minutes} minutes · {interview.jobTitle}
          </>
        }
        actions={
          <>
            <Button variant="secondary" size="sm" onClick={() => window.print()}>
              Print
            </Button>
            <ButtonLink variant="secondary" size="sm" to={`/interviews/${interview.id}/transcript`}>
              Transcript
            </ButtonLink>
            <ButtonLink size="sm" to={`/interviews/${interview.id}/scorecard`}>
              Open scorecard
            </ButtonLink>
          </>
        }
      />
      {interview.status === 'cancelled' ? <Alert tone="warning">This interview was cancelled.</Alert> : null}

      <section className="profile-section" aria-labelledby="kit-overview">
        <h2 id="kit-overview">Overview</h2>
        <dl className="definition-list">
          <dt>Candidate</dt>
          <dd>
            <Link to={`/candidates/${interview.candidateId}`}>{interview.candidateName}</Link>
          </dd>
          <dt>Job</dt>
          <dd>{interview.jobTitle}</dd>
          <dt>Round</dt>
          <dd>
            {round.name} ({round.minutes} minutes)
          </dd>
          <dt>When</dt>
          <dd>{formatInterviewTime(interview.startsAt, interview.endsAt, interview.timeZone)}</dd>
          <dt>Where</dt>
          <dd>{interview.location || '—'}</dd>
          <dt>Interviewers</dt>
          <dd>{interview.interviewers.map((i) => i.name).join(', ') || '—'}</dd>
          <dt>Résumé</dt>
          <dd>
            {kit.data.resume ? (
              <a href={kit.data.resume.url} download>
                Download résumé
              </a>
            ) : (
              <span className="muted">No résumé on file.</span>
            )}
            {kit.data.resume ? <span className="muted"> ({kit.data.resume.name})</span> : null}
          </dd>
        </dl>
      </section>

      <section className="profile-section" aria-labelledby="kit-directions">
        <h2 id="kit-directions">Directions for interviewers</h2>
        <p className="iv-prewrap">{round.interviewerDirections || '—'}</p>
      </section>

      <section className="profile-section" aria-labelledby="kit-questions">
        <h2 id="kit-questions">Questions</h2>
        {round.questions.length === 0 ? <p className="muted">This round has no scripted questions.</p> : null}
        <ol className="item-list guide-questions">
          {round.questions.map((q, i) => (
            <li key={`${q.questionRef ?? 'q'}-${i}`}>
              <p className="guide-question__text">
                <strong>{q.text}</strong>
              </p>
              <p className="muted">
                {q.competencies.map(compName).join(', ')} · {q.minutes} minutes
              </p>
              {q.probes.length ? (
                <>
                  <p className="guide-question__probes-title">Probes</p>
                  <ul>
                    {q.probes.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="profile-section" aria-labelledby="kit-anchors">
        <h2 id="kit-anchors">Scoring anchors</h2>
        <p className="muted">
          Rate each competency 1 to 4 against these anchors{kit.data.evidenceRequired ? ', with written evidence for every rating' : ''}.
        </p>
        <ul className="item-list">
          {competencies.map((c) => (
            <li key={c.id}>
              <h3>
                {c.name} <Badge tone="info">weight {c.weight}</Badge>
              </h3>
              <ol className="anchor-list">
                {(['1', '2', '3', '4'] as const).map((k) => (
                  <li key={k} value={Number(k)}>
                    {c.anchors[k] ?? '—'}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>

      <section className="profile-section" aria-labelledby="kit-candidate">
        <h2 id="kit-candidate">Directions for the candidate</h2>
        <p className="iv-prewrap">{round.candidateDirections || '—'}</p>
      </section>
    </article>
  );
}
