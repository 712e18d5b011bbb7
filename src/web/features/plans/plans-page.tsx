import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { listPlansRoute } from '../../../modules/plans/plans.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { QuestionsNav } from '../questions/questions-nav.tsx';
import { libraryRolesQuery } from '../roles/queries.ts';
import { serverIssues } from './plan-issues.ts';
import { useCanWritePlans, useCreatePlan } from './start-plan.ts';

/** The organization's interview plans; writers start one from a guide or import a plan JSON. */
export function PlansPage() {
  const canWrite = useCanWritePlans();
  const roles = useQuery(libraryRolesQuery);
  const plans = usePagedList(['plans'], (cursor) => api(listPlansRoute, { query: { cursor } }));
  const titleOfRole = (id: string | null) => (id ? (roles.data?.items.find((r) => r.id === id)?.title ?? id) : '—');

  return (
    <>
      <QuestionsNav />
      <PageHeader title="Interview plans" description="Your organization's interview plans: versioned copies of a guide, edited for this search." />
      {canWrite ? (
        <div className="card-grid">
          <StartFromGuide roles={roles.data?.items ?? []} />
          <ImportPlan />
        </div>
      ) : (
        <p className="muted">Owners, admins, recruiters and hiring managers can start and edit plans.</p>
      )}
      <section className="section-block" aria-labelledby="plans-title">
        <h2 id="plans-title">Plans</h2>
        {plans.isPending ? <Loading label="Loading the plans…" /> : null}
        {plans.isError ? <LoadError error={plans.error} what="the plans" onRetry={() => void plans.refetch()} /> : null}
        {plans.isSuccess && plans.items.length === 0 ? (
          <EmptyState>
            No plans yet. Start one from a guide here or from any <Link to="/guides">interview guide</Link>.
          </EmptyState>
        ) : null}
        {plans.items.length ? (
          <Table caption="Interview plans" captionHidden>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Role</th>
                <th scope="col">Version</th>
                <th scope="col">Last saved</th>
              </tr>
            </thead>
            <tbody>
              {plans.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/plans/${p.id}`}>{p.title}</Link>
                  </th>
                  <td>{titleOfRole(p.roleId)}</td>
                  <td>{p.currentVersion.number}</td>
                  <td>
                    {formatDateTime(p.currentVersion.createdAt)}
                    {p.currentVersion.createdByName ? <span className="muted"> by {p.currentVersion.createdByName}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        <LoadMore hasMore={!!plans.hasNextPage} isLoading={plans.isFetchingNextPage} onLoadMore={() => void plans.fetchNextPage()} />
      </section>
    </>
  );
}

function StartFromGuide({ roles }: { roles: readonly { id: string; title: string }[] }) {
  const [roleId, setRoleId] = useState('cto');
  const create = useCreatePlan();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ fromGuide: roleId });
  };
  return (
    <Card title="Start from a guide">
      <Form onSubmit={onSubmit} aria-label="Start from a guide">
        {create.isError ? <Alert tone="error">{toApiError(create.error).message}</Alert> : null}
        <SelectField label="Role" value={roleId} onChange={(e) => setRoleId(e.target.value)} options={roles.map((r) => ({ value: r.id, label: r.title }))} />
        <FormActions>
          <Button type="submit" busy={create.isPending} busyLabel="Creating…">
            Start from a guide
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

function ImportPlan() {
  const inputId = useId();
  const create = useCreatePlan();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    create.reset();
    if (!file) {
      setProblem('Choose a plan JSON file (rubric.plan/v1) first.');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (err) {
      setProblem(`${file.name} is not valid JSON: ${err instanceof Error ? err.message : 'cannot read it'}`);
      return;
    }
    create.mutate({ plan: parsed });
  };

  const issues = create.isError ? serverIssues(create.error) : [];
  return (
    <Card title="Import plan JSON">
      <Form onSubmit={(e) => void onSubmit(e)} aria-label="Import plan JSON">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {create.isError ? (
          <Alert tone="error" title={toApiError(create.error).message}>
            {issues.length ? (
              <ul className="issue-list">
                {issues.map((i, n) => (
                  <li key={`${i.path}-${n}`}>
                    <code>{i.path || '(document)'}</code>: {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            Plan file (rubric.plan/v1 JSON)
          </label>
          <input
            id={inputId}
            type="file"
            accept="application/json,.json"
            className="field__control"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <FormActions>
          <Button type="submit" variant="secondary" busy={create.isPending} busyLabel="Importing…">
            Import plan JSON
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}
