import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { listOrgRolesRoute, type RoleSummary } from '../../../modules/roles/roles.contract.ts';
import { Button, ButtonLink } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';
import { OrientationScale } from './orientation-scale.tsx';
import { libraryRolesQuery } from './queries.ts';
import { comparePath, groupByFamily, labelOf, levelLabels } from './role-format.ts';

/** The role library: every role by family, a comparison picker and the two advisors. */
export function LibraryPage() {
  const roles = useQuery(libraryRolesQuery);
  const session = useSession();
  const orgId = session.data?.organization?.id;

  return (
    <>
      <PageHeader
        title="Role library"
        description="Senior product and technology roles: what each is accountable for, how it is positioned, and where neighbouring roles overlap."
        actions={<ButtonLink to="/compare/cpo/cto">Compare CPO and CTO</ButtonLink>}
      />
      <nav aria-label="Advisors" className="link-row">
        <Link to="/advisor/organization" className="link-row__item">
          Which leader do we need?
        </Link>
        <Link to="/advisor/individual" className="link-row__item">
          Which path fits me?
        </Link>
        <Link to="/guides" className="link-row__item">
          Interview guides
        </Link>
        <Link to="/questions" className="link-row__item">
          Question library
        </Link>
      </nav>

      {orgId ? <OrgRolesSummary orgId={orgId} /> : null}

      {roles.isPending ? <Loading label="Loading roles…" /> : null}
      {roles.isError ? <LoadError error={roles.error} what="the role library" onRetry={() => void roles.refetch()} /> : null}
      {roles.data ? (
        <>
          <ComparePicker roles={roles.data.items} />
          {groupByFamily(roles.data.items).map((group) => (
            <section key={group.family} className="section-block" aria-labelledby={`family-${group.family}`}>
              <h2 id={`family-${group.family}`}>{group.label}</h2>
              <ul className="role-cards">
                {group.roles.map((r) => (
                  <li key={r.id}>
                    <RoleCard role={r} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}

function RoleCard({ role }: { role: RoleSummary }) {
  return (
    <article className="card card--link role-card">
      <h3 className="card__title">
        <Link to={`/roles/${role.id}`} className="card__link">
          {role.title}
        </Link>
      </h3>
      <p className="role-card__meta">
        <Badge tone="info">{role.abbreviation}</Badge> <span className="muted">{labelOf(levelLabels, role.level)}</span>
      </p>
      <p className="role-card__summary">{role.summary}</p>
      <OrientationScale value={role.orientation} compact />
      <p className="role-card__guide">
        <Link to={`/guides/${role.id}`} className="role-card__guide-link">
          Interview guide<span className="visually-hidden"> for {role.title}</span>
        </Link>
      </p>
    </article>
  );
}

function ComparePicker({ roles }: { roles: RoleSummary[] }) {
  const navigate = useNavigate();
  const [first, setFirst] = useState('cpo');
  const [second, setSecond] = useState('cto');
  const [third, setThird] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const options = roles.map((r) => ({ value: r.id, label: `${r.title} (${r.abbreviation})` }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const ids = [first, second, third].filter(Boolean);
    if (new Set(ids).size !== ids.length) {
      setProblem('Choose different roles to compare.');
      return;
    }
    setProblem(undefined);
    void navigate(comparePath(ids));
  };

  return (
    <Card title="Compare roles">
      <Form onSubmit={onSubmit} className="form--inline" aria-label="Compare roles">
        <FormAlert message={problem} />
        <SelectField label="First role" options={options} value={first} onChange={(e) => setFirst(e.target.value)} />
        <SelectField label="Second role" options={options} value={second} onChange={(e) => setSecond(e.target.value)} />
        <SelectField
          label="Third role (optional)"
          options={[{ value: '', label: 'None' }, ...options]}
          value={third}
          onChange={(e) => setThird(e.target.value)}
        />
        <FormActions>
          <Button type="submit">Compare</Button>
        </FormActions>
      </Form>
    </Card>
  );
}

function OrgRolesSummary({ orgId }: { orgId: string }) {
  const list = useQuery({ queryKey: ['org-roles', orgId, 'summary'], queryFn: () => api(listOrgRolesRoute, { query: { limit: 10 } }) });
  return (
    <section className="section-block" aria-labelledby="org-roles-title">
      <h2 id="org-roles-title">Your organization's roles</h2>
      {list.isPending ? <Loading label="Loading your organization's roles…" /> : null}
      {list.isError ? <LoadError error={list.error} what="your organization's roles" onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <EmptyState>No role profiles of your own yet. Open a role below and choose “Use for our organization”.</EmptyState>
        ) : (
          <ul className="plain-list">
            {list.data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/org-roles/${r.id}`}>{r.title}</Link>{' '}
                <span className="muted">
                  version {r.currentVersion.number}, saved {formatDateTime(r.currentVersion.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <p>
        <Link to="/org-roles">All of your organization's roles</Link>
      </p>
    </section>
  );
}
