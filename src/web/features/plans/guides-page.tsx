import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { QuestionsNav } from '../questions/questions-nav.tsx';
import { libraryRolesQuery } from '../roles/queries.ts';

/** Every library role's interview guide. */
export function GuidesPage() {
  const roles = useQuery(libraryRolesQuery);
  return (
    <>
      <QuestionsNav />
      <PageHeader
        title="Interview guides"
        description="A complete, printable interview guide for each role in the library: rounds, questions with probes, scorecard, debrief and reference checks."
      />
      {roles.isPending ? <Loading label="Loading the roles…" /> : null}
      {roles.isError ? <LoadError error={roles.error} what="the roles" onRetry={() => void roles.refetch()} /> : null}
      {roles.data ? (
        <ul className="role-cards">
          {roles.data.items.map((r) => (
            <li key={r.id}>
              <article className="card card--link role-card">
                <h2 className="card__title">
                  <Link to={`/guides/${r.id}`} className="card__link">
                    {r.title}
                  </Link>
                </h2>
                <p className="role-card__meta">
                  <Badge tone="info">{r.abbreviation}</Badge> <span className="muted">Interview guide</span>
                </p>
                <p className="role-card__summary">{r.summary}</p>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
