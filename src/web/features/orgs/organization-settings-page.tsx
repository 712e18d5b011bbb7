import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import {
  createOrganizationRoute,
  createOrganizationSchema,
  getOrganizationRoute,
  type Organization,
  updateOrganizationRoute,
  updateOrganizationSchema,
} from '../../../modules/orgs/orgs.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { applyServerError } from '../../lib/forms.ts';
import { isOrgAdmin, sessionQueryKey, useAdoptSession, useSignedInSession } from '../../lib/session.ts';

export function OrganizationSettingsPage() {
  const session = useSignedInSession();
  const orgId = session.organization?.id;
  const org = useQuery({ queryKey: ['organization', orgId], queryFn: () => api(getOrganizationRoute), enabled: !!orgId });

  return (
    <>
      <PageHeader title="Organization" description="Your organization’s name and public address, and a way to start another one." />
      {!orgId ? (
        <Alert tone="info">You are not a member of any organization; create one below.</Alert>
      ) : org.isPending ? (
        <Loading />
      ) : org.isError ? (
        <LoadError error={org.error} what="the organization" onRetry={() => void org.refetch()} />
      ) : isOrgAdmin(session) ? (
        <EditOrganization org={org.data} />
      ) : (
        <OrganizationSummary org={org.data} />
      )}
      <CreateOrganization />
    </>
  );
}

function OrganizationSummary({ org }: { org: Organization }) {
  return (
    <Card title="Details">
      <dl className="definition-list">
        <dt>Name</dt>
        <dd>{org.name}</dd>
        <dt>Public slug</dt>
        <dd>
          <code>{org.slug}</code>
        </dd>
        <dt>Two-factor sign-in</dt>
        <dd>{org.requireTwoFactor ? 'Required for every member' : 'Optional'}</dd>
        <dt>Members</dt>
        <dd>{org.memberCount}</dd>
        <dt>Created</dt>
        <dd>{formatDate(org.createdAt)}</dd>
      </dl>
      <p className="muted">Only owners and admins can change these.</p>
    </Card>
  );
}

function EditOrganization({ org }: { org: Organization }) {
  const client = useQueryClient();
  const form = useForm({
    resolver: zodResolver(updateOrganizationSchema),
    defaultValues: { name: org.name, slug: org.slug, requireTwoFactor: org.requireTwoFactor },
  });
  const twoFactorId = useId();
  const { errors, isSubmitting, isSubmitSuccessful, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const saved = await api(updateOrganizationRoute, { body });
      client.setQueryData(['organization', saved.id], saved);
      form.reset({ name: saved.name, slug: saved.slug, requireTwoFactor: saved.requireTwoFactor });
      await client.invalidateQueries({ queryKey: sessionQueryKey });
    } catch (e) {
      applyServerError(form.setError, e, ['name', 'slug', 'requireTwoFactor']);
      throw e;
    }
  });

  return (
    <Card title="Details">
      <Form onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
        {isSubmitSuccessful && !isDirty ? <Alert tone="success">Saved.</Alert> : null}
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Organization name" error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Public slug"
          hint="Lowercase letters, digits and hyphens. Used in the addresses of your public careers pages."
          error={errors.slug?.message}
          autoCapitalize="none"
          spellCheck={false}
          {...form.register('slug')}
        />
        <div className="field">
          <label className="choice" htmlFor={twoFactorId}>
            <input
              id={twoFactorId}
              type="checkbox"
              aria-describedby={`${twoFactorId}-hint${errors.requireTwoFactor ? ` ${twoFactorId}-error` : ''}`}
              aria-invalid={errors.requireTwoFactor ? true : undefined}
              {...form.register('requireTwoFactor')}
            />
            <span className="choice__label">Require two-factor sign-in</span>
          </label>
          <p className="field__hint" id={`${twoFactorId}-hint`}>
            Every member must sign in with a code from an authenticator app. Members without it can only set it up until they do. Turn it on
            for your own account first (Settings → Security).
          </p>
          {errors.requireTwoFactor?.message ? (
            <p className="field__error" id={`${twoFactorId}-error`}>
              {errors.requireTwoFactor.message}
            </p>
          ) : null}
        </div>
        <p className="muted">
          {org.memberCount} {org.memberCount === 1 ? 'member' : 'members'} · created {formatDate(org.createdAt)}
        </p>
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
            Save
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

function CreateOrganization() {
  const client = useQueryClient();
  const adoptSession = useAdoptSession();
  const navigate = useNavigate();
  const form = useForm({ resolver: zodResolver(createOrganizationSchema), defaultValues: { name: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const info = await api(createOrganizationRoute, { body });
      adoptSession(info);
      await client.invalidateQueries();
      await navigate('/dashboard');
    } catch (e) {
      applyServerError(form.setError, e, ['name']);
    }
  });

  return (
    <Card title="Create another organization">
      <p className="muted">You become its owner and switch to it; your other memberships stay as they are.</p>
      <Form onSubmit={onSubmit}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="New organization name" error={errors.name?.message} {...form.register('name')} />
        <FormActions>
          <Button type="submit" variant="secondary" busy={isSubmitting} busyLabel="Creating…">
            Create organization
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}
