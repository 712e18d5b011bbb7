import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createOrgRoleRoute, listOrgRolesRoute } from '../../../modules/roles/roles.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { libraryRolesQuery } from './queries.ts';
import { canWriteRoles } from './role-format.ts';

/** The organization's own, editable role profiles, and creating one from the library. */
export function OrgRolesPage() {
  const session = useSignedInSession();
  const org = session.organization;
  if (!org) {
    return (
      <>
        <PageHeader title="Your organization's roles" />
        <Alert tone="info">You are not a member of any organization.</Alert>
      </>
    );
  }
  const canWrite = canWriteRoles(org.role);
  return (
    <>
      <PageHeader
        title="Your organization's roles"
        description={
          <>
            Your own versions of roles from the <Link to="/roles">role library</Link>: adjust the summary and the competency weights to your
            situation; every save is kept as a version.
          </>
        }
      />
      <OrgRoleList orgId={org.id} />
      {canWrite ? <CreateFromLibrary /> : <p className="muted">Owners, admins, recruiters and hiring managers can create and edit role profiles.</p>}
    </>
  );
}

function OrgRoleList({ orgId }: { orgId: string }) {
  const library = useQuery(libraryRolesQuery);
  const list = usePagedList(['org-roles', orgId], (cursor) => api(listOrgRolesRoute, { query: { cursor } }));
  const sourceTitle = (id: string) => library.data?.items.find((r) => r.id === id)?.title ?? id;

  if (list.isPending) return <Loading label="Loading your organization's roles…" />;
  if (list.isError) return <LoadError error={list.error} what="your organization's roles" onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) return <EmptyState>No role profiles yet. Create one from the library below.</EmptyState>;
  return (
    <>
      <Table caption="Role profiles">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">From library role</th>
            <th scope="col">Version</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/org-roles/${r.id}`}>{r.title}</Link>
              </th>
              <td>
                <Link to={`/roles/${r.sourceRoleId}`}>{sourceTitle(r.sourceRoleId)}</Link>
              </td>
              <td>{r.currentVersion.number}</td>
              <td>
                {r.currentVersion.createdByName ?? 'Someone'}, {formatDateTime(r.currentVersion.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore hasMore={!!list.hasNextPage} isLoading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
    </>
  );
}

function CreateFromLibrary() {
  const navigate = useNavigate();
  const library = useQuery(libraryRolesQuery);
  const [sourceRoleId, setSourceRoleId] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (id: string) => api(createOrgRoleRoute, { body: { sourceRoleId: id } }),
    onSuccess: (created) => navigate(`/org-roles/${created.id}`),
    onError: (e) => setProblem(toApiError(e).message),
  });
  const options = [{ value: '', label: 'Choose a role…' }, ...(library.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.abbreviation})` }))];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!sourceRoleId) {
      setProblem(undefined);
      setFieldError('Choose a library role');
      return;
    }
    setFieldError(undefined);
    setProblem(undefined);
    create.mutate(sourceRoleId);
  };

  return (
    <Card title="Create from the library">
      {library.isError ? <LoadError error={library.error} what="the role library" onRetry={() => void library.refetch()} /> : null}
      <Form onSubmit={onSubmit} className="form--inline" aria-label="Create from the library">
        <FormAlert message={problem} />
        <SelectField
          label="Library role"
          options={options}
          value={sourceRoleId}
          error={fieldError}
          disabled={!library.data}
          onChange={(e) => setSourceRoleId(e.target.value)}
        />
        <FormActions>
          <Button type="submit" busy={create.isPending} busyLabel="Creating…">
            Create from library
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}
