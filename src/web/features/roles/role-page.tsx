import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Competency, RoleProfile } from '../../../modules/roles/roles.content.ts';
import { getLibraryRoleRoute, type LibraryRole } from '../../../modules/roles/roles.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { ButtonLink } from '../../components/button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { CreateJobLink } from '../jobs/create-job-link.tsx';
import { OrientationScale } from './orientation-scale.tsx';
import { competenciesQuery, libraryRolesQuery } from './queries.ts';
import { categoryLabels, comparePath, familyLabels, formatMoney, labelOf, levelLabels } from './role-format.ts';
import { UseForOrgButton } from './use-for-org-button.tsx';
import { WeightMeter } from './weight-meter.tsx';

const sections = [
  ['overview', 'Overview'],
  ['responsibilities', 'Responsibilities'],
  ['focus', 'Focus'],
  ['skills', 'Skills'],
  ['competencies', 'Competencies'],
  ['qualifications', 'Qualifications'],
  ['positioning', 'Positioning'],
  ['overlaps', 'Overlap with neighbouring roles'],
  ['misconceptions', 'Misconceptions'],
  ['career', 'Career path'],
  ['compensation', 'Compensation'],
  ['when-to-hire', 'When to hire'],
  ['occupation-codes', 'Occupation codes'],
  ['sources', 'Sources'],
] as const;
type SectionId = (typeof sections)[number][0];
const titleOf = (id: SectionId) => sections.find(([s]) => s === id)![1];

/** One role of the library, every dimension of its profile. */
export function RolePage() {
  const { roleId = '' } = useParams();
  const role = useQuery({ queryKey: ['library-role', roleId], queryFn: () => api(getLibraryRoleRoute, { params: { roleId } }), staleTime: 5 * 60_000 });

  if (role.isPending) return <Loading label="Loading the role…" />;
  if (role.isError) {
    if (isApiError(role.error) && (role.error.status === 404 || role.error.status === 400)) {
      return (
        <>
          <PageHeader title="Role not found" />
          <Alert tone="warning" title={`There is no role “${roleId}” in the library.`}>
            <p>{role.error.message}</p>
          </Alert>
          <p>
            See <Link to="/roles">all roles in the library</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={role.error} what="this role" onRetry={() => void role.refetch()} />;
  }
  return <RoleProfileView role={role.data} />;
}

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  return (
    <section className="profile-section" aria-labelledby={`sec-${id}`}>
      <h2 id={`sec-${id}`}>{titleOf(id)}</h2>
      {children}
    </section>
  );
}

function Bullets({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

function RoleProfileView({ role }: { role: LibraryRole }) {
  const p = role.profile;
  const library = useQuery(libraryRolesQuery);
  const titleOfRole = (id: string) => library.data?.items.find((r) => r.id === id)?.title ?? id;
  const abbreviationOf = (id: string) => library.data?.items.find((r) => r.id === id)?.abbreviation ?? id;
  return (
    <article className="role-profile print-document">
      <PageHeader
        title={p.title}
        description={p.summary}
        actions={
          <>
            <UseForOrgButton roleId={p.id} />
            <CreateJobLink roleId={p.id} />
            <ButtonLink to={`/guides/${p.id}`} variant="secondary" size="sm">
              Interview guide
            </ButtonLink>
            <ButtonLink to="/roles" variant="secondary" size="sm">
              All roles
            </ButtonLink>
          </>
        }
      />
      <p className="role-card__meta">
        <Badge tone="info">{p.abbreviation}</Badge> <span className="muted">{labelOf(levelLabels, p.level)}</span> ·{' '}
        <span className="muted">{labelOf(familyLabels, p.family)} family</span>
      </p>
      <nav aria-label="On this page" className="toc no-print">
        <ul>
          {sections.map(([id, title]) => (
            <li key={id}>
              <a href={`#sec-${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="overview">
        <h3>Definition</h3>
        <p>{p.overview.definition}</p>
        <h3>Background</h3>
        <p>{p.overview.background}</p>
        <h3>How the role is changing</h3>
        <p>{p.overview.evolution}</p>
      </Section>

      <Section id="responsibilities">
        <ul className="item-list">
          {p.responsibilities.map((r) => (
            <li key={r.title}>
              <h3>{r.title}</h3>
              <p>{r.description}</p>
              <p className="muted">Area: {r.area}</p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="focus">
        <OrientationScale value={p.focus.orientation} />
        <p>{p.focus.orientationNote}</p>
        <h3>Primary concerns</h3>
        <Bullets items={p.focus.primaryConcerns} />
        <h3>Success at 90 days</h3>
        <Bullets items={p.focus.successAt90Days} />
        <h3>Success at one year</h3>
        <Bullets items={p.focus.successAtOneYear} />
      </Section>

      <Section id="skills">
        <h3>Hard skills</h3>
        <SkillList skills={p.skills.hard} />
        <h3>Soft skills</h3>
        <SkillList skills={p.skills.soft} />
      </Section>

      <Section id="competencies">
        <CompetencyTable role={role} />
      </Section>

      <Section id="qualifications">
        <dl className="definition-list">
          <dt>Years of experience</dt>
          <dd>
            At least {p.qualifications.yearsOfExperience.minimum}, typically {p.qualifications.yearsOfExperience.typical}
          </dd>
          <dt>Typical background</dt>
          <dd>{p.qualifications.typicalBackground}</dd>
        </dl>
        <h3>Education</h3>
        <Bullets items={p.qualifications.education} />
        <h3>Certifications</h3>
        <Bullets items={p.qualifications.certifications} />
        <h3>Prior roles</h3>
        <Bullets items={p.qualifications.priorRoles} />
      </Section>

      <Section id="positioning">
        <h3>Reports to</h3>
        <ul>
          {p.positioning.reportsTo.map((r) => (
            <li key={r.to}>
              <strong>{r.to}</strong> ({r.frequency}): {r.note}
            </li>
          ))}
        </ul>
        <h3>Direct reports</h3>
        <Bullets items={p.positioning.directReports} />
        <h3>Works most with</h3>
        <ul>
          {p.positioning.collaborators.map((c) => (
            <li key={c.with}>
              <strong>{c.with}</strong>: {c.how}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="overlaps">
        <ul className="item-list">
          {p.overlaps.map((o) => (
            <li key={o.role}>
              <h3>
                {p.abbreviation} and <Link to={`/roles/${o.role}`}>{titleOfRole(o.role)}</Link>
              </h3>
              <p className="muted">Shared areas: {o.sharedAreas.join(', ')}</p>
              <p>{o.howToDivide}</p>
              <p>
                <Link to={comparePath([p.id, o.role])}>
                  Compare {p.abbreviation} and {abbreviationOf(o.role)} side by side
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="misconceptions">
        <ul className="item-list">
          {p.misconceptions.map((m) => (
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
      </Section>

      <Section id="career">
        <h3>Feeder roles</h3>
        <Bullets items={p.careerPath.feederRoles} />
        <h3>Next roles</h3>
        <Bullets items={p.careerPath.nextRoles} />
        <h3>Typical steps</h3>
        <ol>
          {p.careerPath.typicalSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </Section>

      <Section id="compensation">
        <Compensation profile={p} />
      </Section>

      <Section id="when-to-hire">
        <h3>Signals that you need one</h3>
        <Bullets items={p.whenToHire.signals} />
        <h3>Not yet</h3>
        <Bullets items={p.whenToHire.notYet} />
        <h3>Alternatives</h3>
        <Bullets items={p.whenToHire.alternatives} />
      </Section>

      <Section id="occupation-codes">
        <dl className="definition-list">
          <dt>O*NET-SOC</dt>
          <dd>{p.occupationCodes.onet ? `${p.occupationCodes.onet.code} ${p.occupationCodes.onet.title}` : 'None assigned'}</dd>
          <dt>ESCO</dt>
          <dd>{p.occupationCodes.esco ? `${p.occupationCodes.esco.code} ${p.occupationCodes.esco.title}` : 'None assigned'}</dd>
        </dl>
        <p>{p.occupationCodes.note}</p>
      </Section>

      <Section id="sources">
        {p.sources.length === 0 ? (
          <p>No sources listed.</p>
        ) : (
          <ul>
            {p.sources.map((s) => (
              <li key={`${s.title}-${s.year}`}>
                {s.url ? <a href={s.url}>{s.title}</a> : <cite>{s.title}</cite>}, {s.publisher}, {s.year}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}

function SkillList({ skills }: { skills: RoleProfile['skills']['hard'] }) {
  return (
    <dl className="skill-list">
      {skills.map((s) => (
        <div key={s.name}>
          <dt>{s.name}</dt>
          <dd>{s.description}</dd>
        </div>
      ))}
    </dl>
  );
}

function CompetencyTable({ role }: { role: LibraryRole }) {
  const all = useQuery(competenciesQuery);
  const byId = new Map<string, Competency>((all.data?.items ?? []).map((c) => [c.id, c]));
  const rows = [...role.competencies].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  return (
    <>
      <p>Weight 1 means useful, 5 critical. Open a competency to see its definition and what each rating level looks like.</p>
      {all.isError ? <LoadError error={all.error} what="the competency definitions" onRetry={() => void all.refetch()} /> : null}
      <Table caption={`Competencies weighted for the ${role.profile.abbreviation}`}>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Category</th>
            <th scope="col">Weight (1–5)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const def = byId.get(c.competencyId);
            return (
              <tr key={c.competencyId}>
                <th scope="row" className="competency-cell">
                  {def ? (
                    <details className="competency-details">
                      <summary>{c.name}</summary>
                      <p>{def.definition}</p>
                      <ol className="anchor-list">
                        {(['1', '2', '3', '4'] as const).map((level) => (
                          <li key={level} value={Number(level)}>
                            <strong>
                              {level} — {def.anchors[level].label}
                            </strong>
                            <ul>
                              {def.anchors[level].behaviours.map((b) => (
                                <li key={b}>{b}</li>
                              ))}
                            </ul>
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : (
                    c.name
                  )}
                </th>
                <td>{labelOf(categoryLabels, c.category)}</td>
                <td>
                  <WeightMeter value={c.weight} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </>
  );
}

function Compensation({ profile }: { profile: RoleProfile }) {
  const { drivers, figures } = profile.compensation;
  return (
    <>
      <h3>What drives pay</h3>
      <dl className="skill-list">
        {drivers.map((d) => (
          <div key={`${d.factor}-${d.description.slice(0, 20)}`}>
            <dt>{d.factor.replace('-', ' ')}</dt>
            <dd>{d.description}</dd>
          </div>
        ))}
      </dl>
      <h3>Cited figures</h3>
      {figures.length === 0 ? (
        <p>No cited figures. We show pay figures only with a public source and year, and have none for this role yet.</p>
      ) : (
        <Table caption="Cited pay figures per year">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Region</th>
              <th scope="col">Low</th>
              <th scope="col">Median</th>
              <th scope="col">High</th>
              <th scope="col">Source</th>
              <th scope="col">Year</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={`${f.description}-${f.source}-${f.year}`}>
                <th scope="row">{f.description}</th>
                <td>{f.region}</td>
                <td>{formatMoney(f.low, f.currency)}</td>
                <td>{formatMoney(f.median, f.currency)}</td>
                <td>{formatMoney(f.high, f.currency)}</td>
                <td>{f.url ? <a href={f.url}>{f.source}</a> : f.source}</td>
                <td>{f.year}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
