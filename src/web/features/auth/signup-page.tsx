import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate } from 'react-router';
import { signUpBodySchema, signUpRoute } from '../../../modules/auth/auth.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { applyServerError } from '../../lib/forms.ts';
import { useAdoptSession, useMeta, useSession } from '../../lib/session.ts';
import { AuthCard } from './auth-card.tsx';

export function SignupPage() {
  const meta = useMeta();
  const session = useSession();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const form = useForm({
    resolver: zodResolver(signUpBodySchema),
    defaultValues: { name: '', email: '', password: '', organizationName: '' },
  });
  const { errors, isSubmitting } = form.formState;

  if (session.data && !isSubmitting && !form.formState.isSubmitSuccessful) return <Navigate to="/dashboard" replace />;
  if (meta.isPending) return <Loading />;

  if (meta.data && !meta.data.signupOpen) {
    return (
      <AuthCard title="Create your account">
        <Alert tone="info" title="Sign-up is by invitation on this server">
          <p>Ask an owner or admin of your organization to invite you; the invitation link lets you create your account.</p>
        </Alert>
        <p className="auth-switch">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </AuthCard>
    );
  }

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const info = await api(signUpRoute, { body });
      adoptSession(info);
      await navigate('/dashboard', { replace: true });
    } catch (e) {
      applyServerError(form.setError, e, ['name', 'email', 'password', 'organizationName']);
    }
  });

  return (
    <AuthCard title="Create your account" description="You will be the owner of a new organization and can invite your colleagues next.">
      <Form onSubmit={onSubmit}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...form.register('name')} />
        <TextField label="Work email" type="email" autoComplete="email" error={errors.email?.message} {...form.register('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={errors.password?.message}
          {...form.register('password')}
        />
        <TextField label="Organization name" autoComplete="organization" error={errors.organizationName?.message} {...form.register('organizationName')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Creating account…">
            Create account
          </Button>
        </FormActions>
      </Form>
      <p className="auth-switch">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </AuthCard>
  );
}
