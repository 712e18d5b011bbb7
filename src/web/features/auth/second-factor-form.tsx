import { type FormEvent, useState } from 'react';
import { secondFactorRoute, type SessionInfo } from '../../../modules/auth/auth.contract.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';

/**
 * The second step of signing in: a 6-digit code from the authenticator app, or (switchable) one
 * of the single-use recovery codes. An expired pending sign-in sends the user back to the password.
 */
export function SecondFactorForm({ onDone, onRestart }: { onDone: (info: SessionInfo) => Promise<void>; onRestart: () => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setFieldError(undefined);
    const v = value.trim();
    if (!useRecovery && !/^\d{6}$/.test(v.replace(/\s/g, ''))) {
      setFieldError('Enter the 6-digit code from your authenticator app');
      return;
    }
    if (useRecovery && v.length < 8) {
      setFieldError('Enter one of your recovery codes');
      return;
    }
    setBusy(true);
    try {
      const info = await api(secondFactorRoute, { body: useRecovery ? { recoveryCode: v } : { code: v.replace(/\s/g, '') } });
      await onDone(info);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.message.includes('expired')) setProblem(apiError.message);
      else if (apiError.code === 'unauthenticated') setFieldError(apiError.message);
      else setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void onSubmit(e)} aria-label="Second step">
      <FormAlert message={problem} />
      {useRecovery ? (
        <TextField
          label="Recovery code"
          hint="One of the codes you saved when you set up two-factor sign-in. Each works once."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={value}
          error={fieldError}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <TextField
          label="Authentication code"
          hint="The 6-digit code your authenticator app shows for Rubric."
          inputMode="numeric"
          autoComplete="one-time-code"
          value={value}
          error={fieldError}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <FormActions>
        <Button type="submit" busy={busy} busyLabel="Checking…">
          Verify
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue('');
            setFieldError(undefined);
          }}
        >
          {useRecovery ? 'Use the authenticator app' : 'Use a recovery code'}
        </Button>
        <Button variant="secondary" onClick={onRestart}>
          Start over
        </Button>
      </FormActions>
    </Form>
  );
}
