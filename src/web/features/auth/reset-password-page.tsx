import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import {
  completePasswordResetRoute,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
  requestPasswordResetRoute,
} from '../../../modules/auth/auth.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { applyServerError } from '../../lib/forms.ts';
import { AuthCard } from './auth-card.tsx';

/** Step one: ask for a reset link. The answer is the same whether or not the account exists. */
export function RequestPasswordResetPage() {
  const form = useForm({ resolver: zodResolver(passwordResetRequestSchema), defaultValues: { email: '' } });
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await api(requestPasswordResetRoute, { body });
    } catch (e) {
      applyServerError(form.setError, e, ['email']);
      throw e; // keeps isSubmitSuccessful false
    }
  });

  if (isSubmitSuccessful) {
    return (
      <AuthCard title="Check your email">
        <Alert tone="success" title="If an account exists for that address, a reset link is on its way.">
          <p>The link works once and expires soon. If nothing arrives, check spam or ask your administrator.</p>
        </Alert>
        <p className="auth-switch">
          Back to <Link to="/login">log in</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Reset your password" description="Enter the email of your account and we will send a link to choose a new password.">
      <Form onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register('email')} />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Sending…">
            Send reset link
          </Button>
        </FormActions>
      </Form>
      <p className="auth-switch">
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </AuthCard>
  );
}

const newPasswordSchema = passwordResetCompleteSchema.pick({ password: true });

/** Step two: the link from the email lands here with its token. */
export function CompletePasswordResetPage() {
  const { token = '' } = useParams();
  const form = useForm({ resolver: zodResolver(newPasswordSchema), defaultValues: { password: '' } });
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    try {
      await api(completePasswordResetRoute, { body: { token, password } });
    } catch (e) {
      applyServerError(form.setError, e, ['password']);
      throw e;
    }
  });

  if (isSubmitSuccessful) {
    return (
      <AuthCard title="Password changed">
        <Alert tone="success" title="Your new password is set.">
          <p>For your safety every session of your account was signed out.</p>
        </Alert>
        <p className="auth-switch">
          <Link to="/login">Log in with your new password</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <Form onSubmit={(e) => void onSubmit(e).catch(() => undefined)}>
        <FormAlert message={errors.root?.server?.message} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={errors.password?.message}
          {...form.register('password')}
        />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Saving…">
            Set new password
          </Button>
        </FormActions>
      </Form>
    </AuthCard>
  );
}
