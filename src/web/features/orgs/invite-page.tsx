import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { acceptInviteRoute, acceptInviteSchema, getInviteRoute, type InviteInfo } from '../../../modules/orgs/orgs.contract.ts';
import { passwordSchema, personNameSchema, roleLabels } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { isApiError } from '../../lib/api.ts';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { applyServerError } from '../../lib/forms.ts';
import { useAdoptSession } from '../../lib/session.ts';

/** A new account needs a name and a password that meets the policy; an existing one only its password. */
const newAccountSchema = acceptInviteSchema.extend({ name: personNameSchema, password: passwordSchema });
const existingAccountSchema = acceptInviteSchema.pick({ password: true });

export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useQuery({ queryKey: ['invite', token], queryFn: () => api(getInviteRoute, { params: { token } }), staleTime: Infinity });

  if (invite.isPending) return <Loading label="Opening your invitation…" />;
  if (invite.isError) {
    const isGone = isApiError(invite.error) && (invite.error.status === 404 || invite.error.code === 'invalid');
    return (
      <div className="narrow">
        <PageHeader title={isGone ? 'Invitation not found' : 'Invitation'} />
        {isGone ? (
          <Alert tone="warning" title="This invitation link is invalid, used or expired.">
            <p>Ask the person who invited you to send a new invitation.</p>
          </Alert>
        ) : (
          <LoadError error={invite.error} what="the invitation" onRetry={() => void invite.refetch()} />
        )}
        <p>
          Already a member? <Link to="/login">Log in</Link>
        </p>
      </div>
    );
  }
  return <AcceptInvite token={token} invite={invite.data} />;
}

function AcceptInvite({ token, invite }: { token: string; invite: InviteInfo }) {
  return (
    <div className="narrow">
      <div className="auth-card">
        <PageHeader
          title={`Join ${invite.organizationName} as ${roleLabels[invite.role]}`}
          description={
            <>
              This invitation is for <strong>{invite.email}</strong> and is valid until {formatDate(invite.expiresAt)}.
            </>
          }
        />
        {invite.hasAccount ? <ExistingAccountForm token={token} /> : <NewAccountForm token={token} />}
      </div>
    </div>
  );
}

function useAccept(token: string) {
  const adoptSession = useAdoptSession();
  const navigate = useNavigate();
  return async (body: { name?: string; password: string }) => {
    const info = await api(acceptInviteRoute, { params: { token }, body });
    adoptSession(info);
    await navigate('/dashboard', { replace: true });
  };
}

function NewAccountForm({ token }: { token: string }) {
  const accept = useAccept(token);
  const form = useForm({ resolver: zodResolver(newAccountSchema), defaultValues: { name: '', password: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await accept(body);
    } catch (e) {
      applyServerError(form.setError, e, ['name', 'password']);
    }
  });
  return (
    <Form onSubmit={onSubmit}>
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...form.register('name')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="Choose a password for your new account: at least 10 characters."
        error={errors.password?.message}
        {...form.register('password')}
      />
      <FormActions>
        <Button type="submit" busy={isSubmitting} busyLabel="Joining…">
          Accept invitation
        </Button>
      </FormActions>
    </Form>
  );
}

function ExistingAccountForm({ token }: { token: string }) {
  const accept = useAccept(token);
  const form = useForm({ resolver: zodResolver(existingAccountSchema), defaultValues: { password: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await accept(body);
    } catch (e) {
      applyServerError(form.setError, e, ['password']);
    }
  });
  return (
    <Form onSubmit={onSubmit}>
      <FormAlert message={errors.root?.server?.message} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        hint="You already have a Rubric account with this email: enter the password of your existing account."
        error={errors.password?.message}
        {...form.register('password')}
      />
      <FormActions>
        <Button type="submit" busy={isSubmitting} busyLabel="Joining…">
          Accept invitation
        </Button>
        <Link to="/reset-password">Forgot password?</Link>
      </FormActions>
    </Form>
  );
}
