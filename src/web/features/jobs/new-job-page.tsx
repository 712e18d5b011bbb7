import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { createJobRoute, createJobSchema } from '../../../modules/openings/openings.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { useSignedInSession } from '../../lib/session.ts';
import { libraryRolesQuery } from '../roles/queries.ts';
import { friendlyIssueMessage, issuesByField, memberOptions, type RemotePolicy, remotePolicyLabels, remotePolicyOrder, type TeamEntry } from './job-format.ts';
import { jobKey, jobsKey, useCanManageJobs, useOrgMembers, useOrgRoles } from './job-queries.ts';

const orgPrefix = 'org:';
type CreateJobBody = z.input<typeof createJobSchema>;

/** Which server field an issue path belongs to on this form. */
const fieldOfPath: Record<string, 'role' | 'title' | 'location' | 'remotePolicy' | 'team'> = {
  roleId: 'role',
  orgRoleId: 'role',
  planId: 'role',
  title: 'title',
  location: 'location',
  remotePolicy: 'remotePolicy',
  team: 'team',
};

/** Open a job for a library role or one of the organization's role profiles; `?role=cto` chooses the role. */
export function NewJobPage() {
  const canManage = useCanManageJobs();
  if (!canManage) {
    return (
      <>
        <PageHeader title="New job" />
        <Alert tone="info">Owners, admins, recruiters and hiring managers can open jobs.</Alert>
        <p>
          <Link to="/jobs">Back to jobs</Link>
        </p>
      </>
    );
  }
  return <NewJobForm />;
}

function NewJobForm() {
  const session = useSignedInSession();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const library = useQuery(libraryRolesQuery);
  const orgRoles = useOrgRoles();
  const members = useOrgMembers();

  const [role, setRole] = useState(search.get('role') ?? '');
  /** null: follow the chosen role's title. */
  const [title, setTitle] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const [remotePolicy, setRemotePolicy] = useState<RemotePolicy>('hybrid');
  const [hiringManager, setHiringManager] = useState(session.user.id);
  const [recruiters, setRecruiters] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const roleTitle = role.startsWith(orgPrefix)
    ? (orgRoles.data?.items.find((r) => `${orgPrefix}${r.id}` === role)?.title ?? '')
    : (library.data?.items.find((r) => r.id === role)?.title ?? '');
  const shownTitle = title ?? roleTitle;

  const create = useMutation({
    mutationFn: (body: CreateJobBody) => api(createJobRoute, { body }),
    onSuccess: async (job) => {
      client.setQueryData(jobKey(job.id), job);
      void client.invalidateQueries({ queryKey: jobsKey });
      await navigate(`/jobs/${job.id}`);
    },
    onError: (e) => {
      const mapped: Record<string, string> = {};
      for (const [path, message] of Object.entries(toApiError(e).issues)) {
        const field = fieldOfPath[path.split('.')[0] ?? ''];
        if (field && !(field in mapped)) mapped[field] = message;
      }
      setErrors(mapped);
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.reset();
    const team: TeamEntry[] = [
      ...(hiringManager ? [{ userId: hiringManager, teamRole: 'hiring_manager' as const, roundId: '' }] : []),
      ...recruiters.filter((id) => id !== hiringManager).map((userId) => ({ userId, teamRole: 'recruiter' as const, roundId: '' })),
    ];
    const body: CreateJobBody = {
      ...(role.startsWith(orgPrefix) ? { orgRoleId: role.slice(orgPrefix.length) } : role ? { roleId: role } : {}),
      ...(shownTitle.trim() ? { title: shownTitle } : {}),
      location,
      remotePolicy,
      team,
    };
    const parsed = createJobSchema.safeParse(body);
    if (!parsed.success) {
      const byField: Record<string, string> = {};
      for (const [path, message] of Object.entries(issuesByField(parsed.error.issues.map((i) => ({ path: i.path, message: friendlyIssueMessage(i) }))))) {
        const field = fieldOfPath[path];
        if (field && !(field in byField)) byField[field] = message;
      }
      setErrors(byField);
      return;
    }
    setErrors({});
    create.mutate(body);
  };

  const roleOptions = [
    { value: '', label: 'Choose a role' },
    ...(library.data?.items ?? []).map((r) => ({ value: r.id, label: r.title })),
    ...(orgRoles.data?.items ?? []).map((r) => ({ value: `${orgPrefix}${r.id}`, label: `${r.title} (our profile)` })),
  ];
  const people = memberOptions(members.data?.items ?? []);
  const serverMessage = create.isError && Object.keys(errors).length === 0 ? toApiError(create.error).message : undefined;

  return (
    <>
      <PageHeader title="New job" description="The interview plan starts from the role's interview guide; you can change stages and team later." />
      {library.isPending || members.isPending ? <Loading label="Loading roles and members…" /> : null}
      {library.isError ? <LoadError error={library.error} what="the roles" onRetry={() => void library.refetch()} /> : null}
      {members.isError ? <LoadError error={members.error} what="the members" onRetry={() => void members.refetch()} /> : null}
      <Form onSubmit={onSubmit} aria-label="New job" className="jobs-form">
        <FormAlert message={serverMessage} />
        {create.isError && Object.keys(errors).length ? <Alert tone="error">{toApiError(create.error).message}</Alert> : null}
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)} options={roleOptions} error={errors.role} />
        <TextField label="Job title" value={shownTitle} onChange={(e) => setTitle(e.target.value)} error={errors.title} hint="Defaults to the role's title." />
        <TextField label="Location" value={location} onChange={(e) => setLocation(e.target.value)} error={errors.location} autoComplete="off" />
        <SelectField
          label="Remote policy"
          value={remotePolicy}
          onChange={(e) => setRemotePolicy(e.target.value as RemotePolicy)}
          options={remotePolicyOrder.map((p) => ({ value: p, label: remotePolicyLabels[p] }))}
          error={errors.remotePolicy}
        />
        <SelectField
          label="Hiring manager"
          value={hiringManager}
          onChange={(e) => setHiringManager(e.target.value)}
          options={[{ value: '', label: 'Choose later' }, ...people]}
          error={errors.team}
        />
        {people.length ? (
          <CheckboxGroup
            name="recruiters"
            legend="Recruiters"
            inline
            description="Optional: recruiters who run this search with the hiring manager."
            options={people.filter((p) => p.value !== hiringManager)}
            value={recruiters}
            onChange={setRecruiters}
          />
        ) : null}
        <FormActions>
          <Button type="submit" busy={create.isPending} busyLabel="Creating…">
            Create job
          </Button>
          <Link to="/jobs">Cancel</Link>
        </FormActions>
      </Form>
    </>
  );
}
