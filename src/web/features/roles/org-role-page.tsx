import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Path, useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import type { Competency } from '../../../modules/roles/roles.content.ts';
import {
  diffOrgRoleRoute,
  getOrgRoleRoute,
  listOrgRoleVersionsRoute,
  type OrgRole,
  restoreOrgRoleRoute,
  saveOrgRoleRoute,
} from '../../../modules/roles/roles.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextAreaField } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { formFieldOfIssue, mergeOntoLatest, type OrgRoleFormValues, toFormValues, toSaveBody } from './org-role-form.ts';
import { VersionHistory } from '../documents/version-history.tsx';
import { competenciesQuery, libraryRolesQuery } from './queries.ts';
import { canWriteRoles, categoryLabels, labelOf } from './role-format.ts';

const weightSchema = z
  .number({ error: 'Enter a whole number from 0 to 5' })
  .int('Enter a whole number from 0 to 5')
  .min(0, 'Enter a whole number from 0 to 5')
  .max(5, 'Enter a whole number from 0 to 5');

const formSchema = z.object({
  title: z.string().trim().min(2, 'Use at least 2 characters').max(200, 'Use at most 200 characters'),
  summary: z.string().trim().min(20, 'Write at least a full sentence (20 characters)'),
  weights: z.record(z.string(), weightSchema),
  note: z.string().trim().max(500, 'Use at most 500 characters'),
});

const roleKey = (id: string) => ['org-role', id];

/** One organization role: its current version, an editor (writers) and its version history. */
export function OrgRolePage() {
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const canWrite = canWriteRoles(session.organization?.role);
  const role = useQuery({ queryKey: roleKey(id), queryFn: () => api(getOrgRoleRoute, { params: { id } }) });
  const competencies = useQuery(competenciesQuery);
  const library = useQuery(libraryRolesQuery);
  const sourceTitle = (roleId: string) => library.data?.items.find((r) => r.id === roleId)?.title ?? roleId;

  if (role.isPending || competencies.isPending) return <Loading label="Loading the role profile…" />;
  if (role.isError) {
    if (isApiError(role.error) && (role.error.status === 404 || role.error.status === 400)) {
      return (
        <>
          <PageHeader title="Role profile not found" />
          <Alert tone="warning" title="There is no such role profile in this organization.">
            <p>{role.error.message}</p>
          </Alert>
          <p>
            See <Link to="/org-roles">your organization's roles</Link>.
          </p>
        </>
      );
    }
    return <LoadError error={role.error} what="this role profile" onRetry={() => void role.refetch()} />;
  }
  if (competencies.isError) return <LoadError error={competencies.error} what="the competencies" onRetry={() => void competencies.refetch()} />;

  return (
    <>
      <PageHeader
        title={role.data.title}
        description={
          <>
            Your organization's version of the library role <Link to={`/roles/${role.data.sourceRoleId}`}>{sourceTitle(role.data.sourceRoleId)}</Link>. Current
            version {role.data.currentVersion.number}, saved by {role.data.currentVersion.createdByName ?? 'someone'} on{' '}
            {formatDateTime(role.data.currentVersion.createdAt)}.
          </>
        }
      />
      {canWrite ? (
        <Editor key={id} latest={role.data} competencies={competencies.data.items} />
      ) : (
        <>
          <ReadOnlyView role={role.data} competencies={competencies.data.items} />
          <History role={role.data} />
        </>
      )}
    </>
  );
}

function ReadOnlyView({ role, competencies }: { role: OrgRole; competencies: Competency[] }) {
  const values = toFormValues(role.body, competencies.map((c) => c.id));
  return (
    <Card title="Current version">
      <p className="muted">You can read this profile; owners, admins, recruiters and hiring managers can edit it.</p>
      <dl className="definition-list">
        <dt>Title</dt>
        <dd>{values.title}</dd>
        <dt>Summary</dt>
        <dd>{values.summary}</dd>
      </dl>
      <WeightsTable competencies={competencies} values={values.weights} />
    </Card>
  );
}

function WeightsTable({ competencies, values }: { competencies: Competency[]; values: Record<string, number> }) {
  return (
    <Table caption="Competency weights (0 = not needed, 5 = critical)">
      <thead>
        <tr>
          <th scope="col">Competency</th>
          <th scope="col">Category</th>
          <th scope="col">Weight</th>
        </tr>
      </thead>
      <tbody>
        {competencies.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.name}</th>
            <td>{labelOf(categoryLabels, c.category)}</td>
            <td>{values[c.id] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The editor keeps the version it started from (`base`). A save names it; when someone saved in
 * between, the server answers 409 and the form keeps the user's values while they load the latest
 * version, whose saved values then show next to each field.
 */
function Editor({ latest, competencies }: { latest: OrgRole; competencies: Competency[] }) {
  const client = useQueryClient();
  const ids = competencies.map((c) => c.id);
  const [base, setBase] = useState<OrgRole>(latest);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadingLatest, setLoadingLatest] = useState(false);
  const form = useForm({ resolver: zodResolver(formSchema), defaultValues: toFormValues(base.body, ids) });
  const { errors, isSubmitting } = form.formState;
  const saved = toFormValues(base.body, ids);

  const adopt = async (next: OrgRole, message: string) => {
    client.setQueryData(roleKey(next.id), next);
    setBase(next);
    setConflict(false);
    form.reset(toFormValues(next.body, ids));
    setNotice(message);
    await Promise.all([
      client.invalidateQueries({ queryKey: ['org-role-versions', next.id] }),
      client.invalidateQueries({ queryKey: ['org-roles'] }),
    ]);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setNotice(null);
    try {
      const result = await api(saveOrgRoleRoute, {
        params: { id: base.id },
        body: { baseVersionId: base.currentVersion.id, body: toSaveBody(base.body, values), note: values.note || undefined },
      });
      await adopt(result, `Saved as version ${result.currentVersion.number}.`);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) {
        setConflict(true);
        return;
      }
      let mapped = 0;
      for (const [path, message] of Object.entries(err.issues)) {
        const field = formFieldOfIssue(path);
        if (field) {
          form.setError(field as Path<OrgRoleFormValues>, { type: 'server', message }, { shouldFocus: mapped === 0 });
          mapped++;
        }
      }
      if (mapped === 0) form.setError('root.server', { type: 'server', message: err.message });
    }
  });

  const loadLatest = async () => {
    setLoadingLatest(true);
    try {
      const next = await client.fetchQuery({ queryKey: roleKey(base.id), queryFn: () => api(getOrgRoleRoute, { params: { id: base.id } }), staleTime: 0 });
      const { values, kept } = mergeOntoLatest(toFormValues(base.body, ids), toFormValues(next.body, ids), form.getValues());
      setBase(next);
      setConflict(false);
      form.reset(values, { keepErrors: false });
      const who = next.currentVersion.createdByName ?? 'someone';
      setNotice(
        kept.length
          ? `Loaded version ${next.currentVersion.number}, saved by ${who}. Your ${kept.length === 1 ? 'change is' : `${kept.length} changes are`} still in the form (marked Changed, with the saved value next to it); everything else now shows the latest version. Save again to apply your changes on top of it.`
          : `Loaded version ${next.currentVersion.number}, saved by ${who}.`,
      );
      void client.invalidateQueries({ queryKey: ['org-role-versions', base.id] });
    } catch (e) {
      form.setError('root.server', { type: 'server', message: toApiError(e).message });
    } finally {
      setLoadingLatest(false);
    }
  };

  const restore = useMutation({
    mutationFn: (version: { id: string; number: number }) =>
      api(restoreOrgRoleRoute, { params: { id: base.id }, body: { versionId: version.id, baseVersionId: base.currentVersion.id } }),
    onSuccess: (result, version) => adopt(result, `Version ${version.number} was restored as version ${result.currentVersion.number}.`),
    onError: (e) => {
      if (toApiError(e).status === 409) setConflict(true);
      else setNotice(null);
    },
  });

  const watched = form.watch();

  return (
    <>
    <Card title="Edit">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {conflict ? (
        <Alert tone="error" title="Someone saved a newer version while you were editing.">
          <p>
            Your changes were not saved. Load the latest version: your unsaved values stay in the form so you can re-apply them on top of
            it.
          </p>
          <Button variant="secondary" size="sm" busy={loadingLatest} busyLabel="Loading…" onClick={() => void loadLatest()}>
            Load the latest version
          </Button>
        </Alert>
      ) : null}
      {restore.isError && toApiError(restore.error).status !== 409 ? <Alert tone="error">{toApiError(restore.error).message}</Alert> : null}
      <p className="muted">
        Editing from version {base.currentVersion.number}
        {latest.currentVersion.id !== base.currentVersion.id ? ` (version ${latest.currentVersion.number} is newer)` : ''}.
      </p>
      <Form onSubmit={onSubmit} aria-label="Edit the role profile">
        <FormAlert message={errors.root?.server?.message} />
        <TextField
          label="Title"
          error={errors.title?.message}
          hint={watched.title?.trim() !== saved.title ? `Saved: ${saved.title}` : undefined}
          {...form.register('title')}
        />
        <TextAreaField
          label="Summary"
          rows={5}
          error={errors.summary?.message}
          hint={watched.summary?.trim() !== saved.summary ? `Saved: ${saved.summary}` : undefined}
          {...form.register('summary')}
        />
        <div className="table-wrap" role="region" aria-label="Competency weights" tabIndex={0}>
          <table className="table">
            <caption className="table__caption">Competency weights (0 = not needed, 5 = critical)</caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Category</th>
                <th scope="col">Weight</th>
                <th scope="col">Saved in version {base.currentVersion.number}</th>
              </tr>
            </thead>
            <tbody>
              {competencies.map((c) => {
                const inputId = `weight-${c.id}`;
                const error = errors.weights?.[c.id]?.message;
                const savedWeight = saved.weights[c.id] ?? 0;
                const current = watched.weights?.[c.id];
                const differs = Number(current) !== savedWeight;
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      <label htmlFor={inputId}>{c.name}</label>
                    </th>
                    <td>{labelOf(categoryLabels, c.category)}</td>
                    <td>
                      <input
                        id={inputId}
                        type="number"
                        min={0}
                        max={5}
                        step={1}
                        inputMode="numeric"
                        className="field__control field__control--number"
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${inputId}-error` : undefined}
                        {...form.register(`weights.${c.id}`, { valueAsNumber: true })}
                      />
                      {error ? (
                        <p className="field__error" id={`${inputId}-error`}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      {savedWeight} {differs ? <Badge tone="warning">Changed</Badge> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <TextField label="Change note" hint="Optional: what changed and why, for the history." error={errors.note?.message} {...form.register('note')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
            Save
          </Button>
        </FormActions>
      </Form>
    </Card>
    <History
      role={latest}
      restoringId={restore.isPending ? restore.variables.id : null}
      onRestore={(v) => {
        setNotice(null);
        restore.mutate(v);
      }}
    />
    </>
  );
}

/** The role's versions, newest first: compare with the current one, restore (writers). */
function History({
  role,
  onRestore,
  restoringId = null,
}: {
  role: OrgRole;
  onRestore?: (version: { id: string; number: number }) => void;
  restoringId?: string | null;
}) {
  return (
    <VersionHistory
      queryKey={['org-role-versions', role.id]}
      current={role.currentVersion}
      loadVersions={(cursor) => api(listOrgRoleVersionsRoute, { params: { id: role.id }, query: { cursor } })}
      loadDiff={(from, to) => api(diffOrgRoleRoute, { params: { id: role.id }, query: { from, to } })}
      onRestore={onRestore}
      restoringId={restoringId}
    />
  );
}
