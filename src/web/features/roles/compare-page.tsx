import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { RoleProfile } from '../../../modules/roles/roles.content.ts';
import { type CompareResult, compareRolesRoute } from '../../../modules/roles/roles.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { MarkdownDownload } from '../../components/markdown-download.tsx';
import { PageHeader, useDocumentTitle } from '../../components/page-header.tsx';
import { Badge, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { OrientationScale } from './orientation-scale.tsx';
import { compareFilename, percent } from './role-format.ts';
import { WeightChart } from './weight-chart.tsx';

type Comparison = CompareResult['comparison'];
type ListComparison = Comparison['reportsTo'];

/** 2–3 library roles side by side, dimension by dimension, printable and downloadable. */
export function ComparePage() {
  const { a = '', b = '', c } = useParams();
  const ids = [a, b, c].filter((x): x is string => !!x);
  const key = ids.join(',');
  const result = useQuery({ queryKey: ['compare', key], queryFn: () => api(compareRolesRoute, { query: { roles: key } }), staleTime: 5 * 60_000 });

  if (result.isPending) return <Loading label="Comparing the roles…" />;
  if (result.isError) return <CompareError ids={ids} error={result.error} onRetry={() => void result.refetch()} />;
  return <ComparisonView result={result.data} ids={ids} />;
}

function CompareError({ ids, error, onRetry }: { ids: string[]; error: unknown; onRetry: () => void }) {
  useDocumentTitle('Cannot compare these roles');
  const e = toApiError(error);
  const issues = Object.values(e.issues);
  return (
    <>
      <PageHeader title="Cannot compare these roles" description={`You asked to compare: ${ids.join(', ')}.`} />
      <Alert tone="error" title={e.message}>
        {issues.length ? (
          <ul>
            {issues.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {e.status === 0 || e.status >= 500 ? (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Alert>
      <p>
        Pick roles from the <Link to="/roles">role library</Link>.
      </p>
    </>
  );
}

function ComparisonView({ result, ids }: { result: CompareResult; ids: string[] }) {
  const { comparison: cmp, profiles, markdown } = result;
  const roles = cmp.roles;
  const title = roles.map((r) => r.title).join(' vs ');
  const profileOf = (id: string) => profiles.find((p) => p.id === id);
  const roleName = (id: string) => roles.find((r) => r.id === id)?.abbreviation ?? id;

  return (
    <article className="compare print-document">
      <PageHeader
        title={title}
        actions={
          <Button variant="secondary" onClick={() => window.print()}>
            Print
          </Button>
        }
      />

      <section className="breath" aria-labelledby="cmp-summary">
        <h2 id="cmp-summary">The difference in one breath</h2>
        <p className="breath__text">{cmp.summary}</p>
      </section>

      <MarkdownDownload markdown={markdown} filename={compareFilename(ids)} />

      <section className="profile-section" aria-labelledby="cmp-similarity">
        <h2 id="cmp-similarity">How similar are they?</h2>
        <p className="muted">
          Competencies: weighted Jaccard of the competency weights (the sum of the smaller weight per competency divided by the sum of the
          larger). Responsibilities: Jaccard of the responsibility areas (shared areas divided by all areas either role covers). Overall: the
          mean of the two.
        </p>
        <ul className="similarity-list">
          {cmp.similarity.map((s) => (
            <li key={`${s.a}-${s.b}`} className="similarity">
              <h3>
                {roleName(s.a)} and {roleName(s.b)}
              </h3>
              <dl className="similarity__figures">
                <div>
                  <dt>Overall</dt>
                  <dd className="similarity__big">{percent(s.overall)}</dd>
                </div>
                <div>
                  <dt>Competencies</dt>
                  <dd>{percent(s.competencies)}</dd>
                </div>
                <div>
                  <dt>Responsibilities</dt>
                  <dd>{percent(s.responsibilities)}</dd>
                </div>
              </dl>
              {s.sharedAreas.length ? <p className="muted">Shared areas: {s.sharedAreas.join(', ')}</p> : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="profile-section" aria-labelledby="cmp-competencies">
        <h2 id="cmp-competencies">Competency weights</h2>
        <WeightChart roles={roles} competencies={cmp.competencies} />
      </section>

      <Dimension id="orientation" title="Orientation" roles={roles}>
        {(id) => {
          const o = cmp.orientation[id] ?? 0;
          return (
            <>
              <OrientationScale value={o} />
              <p>{profileOf(id)?.focus.orientationNote}</p>
            </>
          );
        }}
      </Dimension>

      <Dimension id="responsibilities" title="Responsibilities" roles={roles} note="Areas both roles cover are marked Shared.">
        {(id) => (
          <ul className="plain-list">
            {(cmp.responsibilities.byRole[id] ?? []).map((r) => (
              <li key={r.title}>
                {r.title} {r.shared ? <Badge tone="warning">Shared</Badge> : <Badge tone="neutral">Distinct</Badge>}
                <span className="muted"> ({r.area})</span>
              </li>
            ))}
          </ul>
        )}
      </Dimension>

      <ListDimension id="reports-to" title="Reports to" list={cmp.reportsTo} roles={roles} />
      <ListDimension id="collaborators" title="Works most with" list={cmp.collaborators} roles={roles} />
      <ListDimension id="feeder-roles" title="Feeder roles" list={cmp.feederRoles} roles={roles} />
      <ListDimension id="next-roles" title="Next roles" list={cmp.nextRoles} roles={roles} />

      <Dimension id="misconceptions" title="Misconceptions" roles={roles}>
        {(id) => <Misconceptions profile={profileOf(id)} />}
      </Dimension>

      <Dimension id="when-to-hire" title="When to hire" roles={roles}>
        {(id) => {
          const p = profileOf(id);
          if (!p) return null;
          return (
            <>
              <h4>Signals</h4>
              <ul>
                {p.whenToHire.signals.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
              <h4>Not yet</h4>
              <ul>
                {p.whenToHire.notYet.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          );
        }}
      </Dimension>

      <section className="profile-section" aria-labelledby="cmp-division">
        <h2 id="cmp-division">Dividing the shared ground</h2>
        {cmp.division.length === 0 ? (
          <p>The profiles say nothing about dividing work between these roles.</p>
        ) : (
          <ul className="item-list">
            {cmp.division.map((d) => (
              <li key={`${d.from}-${d.to}`}>
                <h3>
                  {roleName(d.from)} and {roleName(d.to)}
                </h3>
                <p className="muted">Shared areas: {d.sharedAreas.join(', ')}</p>
                <p>{d.howToDivide}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p className="no-print">
        Read the full profiles:{' '}
        {roles.map((r, i) => (
          <span key={r.id}>
            {i > 0 ? ', ' : ''}
            <Link to={`/roles/${r.id}`}>{r.title}</Link>
          </span>
        ))}
        .
      </p>
    </article>
  );
}

function Dimension({
  id,
  title,
  note,
  roles,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  roles: Comparison['roles'];
  children: (roleId: string) => ReactNode;
}) {
  return (
    <section className="profile-section" aria-labelledby={`cmp-${id}`}>
      <h2 id={`cmp-${id}`}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <div className={`compare-columns compare-columns--${roles.length}`}>
        {roles.map((r) => (
          <div key={r.id} className="compare-column">
            <h3 className="compare-column__title">{r.title}</h3>
            {children(r.id)}
          </div>
        ))}
      </div>
    </section>
  );
}

function ListDimension({ id, title, list, roles }: { id: string; title: string; list: ListComparison; roles: Comparison['roles'] }) {
  return (
    <section className="profile-section" aria-labelledby={`cmp-${id}`}>
      <h2 id={`cmp-${id}`}>{title}</h2>
      <h3 className="compare-shared-title">Shared</h3>
      {list.shared.length ? (
        <ul className="plain-list">
          {list.shared.map((x) => (
            <li key={x}>
              {x} <Badge tone="warning">Shared</Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing in common.</p>
      )}
      <div className={`compare-columns compare-columns--${roles.length}`}>
        {roles.map((r) => {
          const distinct = list.distinct[r.id] ?? [];
          return (
            <div key={r.id} className="compare-column">
              <h3 className="compare-column__title">Only the {r.abbreviation}</h3>
              {distinct.length ? (
                <ul className="plain-list">
                  {distinct.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None.</p>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function Misconceptions({ profile }: { profile: RoleProfile | undefined }) {
  if (!profile) return null;
  return (
    <ul className="plain-list">
      {profile.misconceptions.map((m) => (
        <li key={m.myth}>
          <p>
            <strong>Myth:</strong> {m.myth}
          </p>
          <p>
            <strong>In practice:</strong> {m.correction}
          </p>
        </li>
      ))}
    </ul>
  );
}
