import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInBodySchema, signInRoute } from '../../../modules/auth/auth.contract.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { applyServerError, safeNextPath } from '../../lib/forms.ts';
import { useAdoptSession, useMeta, useSession } from '../../lib/session.ts';
import { AuthCard } from './auth-card.tsx';

export function LoginPage() {
  const [search] = useSearchParams();
  const next = safeNextPath(search.get('next'));
  const session = useSession();
  const meta = useMeta();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const form = useForm({ resolver: zodResolver(signInBodySchema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  if (session.data && !isSubmitting && !form.formState.isSubmitSuccessful) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const info = await api(signInRoute, { body });
      adoptSession(info);
      await navigate(next, { replace: true });
    } catch (e) {
      applyServerError(form.setError, e, ['email', 'password']);
    }
  });

  return (
    <AuthCard title="Log in to Rubric">
      <Form onSubmit={onSubmit}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Email" type="email" autoComplete="username" error={errors.email?.message} {...form.register('email')} />
        <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register('password')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Signing in…">
            Sign in
          </Button>
          <Link to="/reset-password">Forgot password?</Link>
        </FormActions>
      </Form>
      {meta.data?.signupOpen ? (
        <p className="auth-switch">
          New to Rubric? <Link to="/signup">Create an account</Link>
        </p>
      ) : null}
    </AuthCard>
  );
}
