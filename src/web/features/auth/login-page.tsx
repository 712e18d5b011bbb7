import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isSecondFactorChallenge, signInBodySchema, signInRoute } from '../../../modules/auth/auth.contract.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { applyServerError, safeNextPath } from '../../lib/forms.ts';
import { useAdoptSession, useMeta, useSession } from '../../lib/session.ts';
import { AuthCard } from './auth-card.tsx';
import { SecondFactorForm } from './second-factor-form.tsx';

export function LoginPage() {
  const [search] = useSearchParams();
  const next = safeNextPath(search.get('next'));
  const session = useSession();
  const meta = useMeta();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const form = useForm({ resolver: zodResolver(signInBodySchema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;
  const [secondStep, setSecondStep] = useState(false);

  if (session.data && !isSubmitting && !form.formState.isSubmitSuccessful) return <Navigate to={next} replace />;

  if (secondStep) {
    return (
      <AuthCard title="Two-factor sign-in" description="Your password was right. Now prove it is you with your authenticator app.">
        <SecondFactorForm
          onDone={async (info) => {
            adoptSession(info);
            await navigate(next, { replace: true });
          }}
          onRestart={() => {
            setSecondStep(false);
            form.reset({ email: form.getValues('email'), password: '' });
          }}
        />
      </AuthCard>
    );
  }

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const result = await api(signInRoute, { body });
      if (isSecondFactorChallenge(result)) {
        setSecondStep(true);
        return;
      }
      adoptSession(result);
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
