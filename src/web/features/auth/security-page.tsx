import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  confirmTwoFactorRoute,
  disableTwoFactorRoute,
  getTwoFactorRoute,
  listSessionsRoute,
  revokeSessionRoute,
  type SessionSummary,
  signOutOthersRoute,
  startTwoFactorRoute,
} from '../../../modules/auth/auth.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { sessionQueryKey, useSignedInSession } from '../../lib/session.ts';

const twoFactorKey = ['auth', 'two-factor'] as const;
const sessionsKey = ['auth', 'sessions'] as const;

/** Account security: two-factor sign-in and the list of signed-in sessions. */
export function SecurityPage() {
  const session = useSignedInSession();
  return (
    <>
      <PageHeader title="Security" description="Two-factor sign-in and the places where you are signed in." />
      {session.twoFactor.setupRequired ? (
        <Alert tone="warning" title="Your organization requires two-factor sign-in.">
          <p>Set it up below to continue; until then the rest of Rubric is closed to this session.</p>
        </Alert>
      ) : null}
      <TwoFactorSection />
      <SessionsSection />
    </>
  );
}

function useCodeField() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const check = (): string | null => {
    const v = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(v)) {
      setError('Enter the 6-digit code from your authenticator app');
      return null;
    }
    setError(undefined);
    return v;
  };
  return { code, setCode, error, setError, check };
}

export function TwoFactorSection() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: twoFactorKey, queryFn: () => api(getTwoFactorRoute) });
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const confirmField = useCodeField();
  const [disabling, setDisabling] = useState(false);
  const [disablePassword, setDisablePassword] = useState('');
  const [disableError, setDisableError] = useState<string | undefined>();

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: twoFactorKey });
    await client.invalidateQueries({ queryKey: sessionQueryKey });
  };

  const start = async () => {
    setProblem(undefined);
    setBusy(true);
    try {
      setEnrolment(await api(startTwoFactorRoute));
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const code = confirmField.check();
    if (!code) return;
    setBusy(true);
    try {
      const out = await api(confirmTwoFactorRoute, { body: { code } });
      setRecoveryCodes(out.recoveryCodes);
      setEnrolment(null);
      confirmField.setCode('');
      await refresh();
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.issues.code) confirmField.setError(apiError.issues.code);
      else setProblem(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  const disable = async (e: FormEvent) => {
    e.preventDefault();
    if (!disablePassword) {
      setDisableError('Enter your password');
      return;
    }
    setBusy(true);
    try {
      await api(disableTwoFactorRoute, { body: { password: disablePassword } });
      setDisabling(false);
      setDisablePassword('');
      setDisableError(undefined);
      setRecoveryCodes(null);
      await refresh();
    } catch (err) {
      const apiError = toApiError(err);
      setDisableError(apiError.issues.password ?? apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Two-factor authentication">
      <FormAlert message={problem} />
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} what="your two-factor settings" onRetry={() => void status.refetch()} />
      ) : recoveryCodes ? (
        <div>
          <Alert tone="success" title="Two-factor sign-in is on.">
            <p>Save these recovery codes somewhere safe. Each signs you in once if you lose your device. They are shown only now.</p>
          </Alert>
          <ul className="recovery-codes" aria-label="Recovery codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <FormActions>
            <Button variant="secondary" onClick={() => setRecoveryCodes(null)}>
              I have saved them
            </Button>
          </FormActions>
        </div>
      ) : status.data.enabled ? (
        <div>
          <p>
            <Badge tone="success">On</Badge> Signing in asks for a code from your authenticator app. Recovery codes left: {status.data.recoveryCodesLeft}.
          </p>
          {disabling ? (
            <Form onSubmit={(e) => void disable(e)} aria-label="Turn off two-factor sign-in">
              <TextField
                label="Password"
                type="password"
                autoComplete="current-password"
                value={disablePassword}
                error={disableError}
                onChange={(e) => setDisablePassword(e.target.value)}
              />
              <FormActions>
                <Button type="submit" variant="danger" busy={busy} busyLabel="Turning off…">
                  Turn off two-factor sign-in
                </Button>
                <Button variant="secondary" onClick={() => setDisabling(false)}>
                  Cancel
                </Button>
              </FormActions>
            </Form>
          ) : (
            <FormActions>
              <Button variant="secondary" onClick={() => setDisabling(true)}>
                Turn off…
              </Button>
            </FormActions>
          )}
        </div>
      ) : enrolment ? (
        <Form onSubmit={(e) => void confirm(e)} aria-label="Confirm two-factor sign-in">
          <p>Add Rubric to your authenticator app: enter the secret by hand, or paste the setup address if the app accepts one.</p>
          <dl className="definition-list">
            <dt>Secret</dt>
            <dd>
              <code data-testid="totp-secret">{enrolment.secret}</code>
            </dd>
            <dt>Setup address</dt>
            <dd>
              <code className="break-all">{enrolment.otpauthUri}</code>
            </dd>
          </dl>
          <TextField
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={confirmField.code}
            error={confirmField.error}
            onChange={(e) => confirmField.setCode(e.target.value)}
          />
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Checking…">
              Turn on
            </Button>
            <Button variant="secondary" onClick={() => setEnrolment(null)}>
              Cancel
            </Button>
          </FormActions>
        </Form>
      ) : (
        <div>
          <p>
            <Badge>Off</Badge> Protect your account with a second step at sign-in: a 6-digit code from an authenticator app.
          </p>
          <FormActions>
            <Button onClick={() => void start()} busy={busy} busyLabel="Starting…">
              Set up two-factor sign-in
            </Button>
          </FormActions>
        </div>
      )}
    </Card>
  );
}

function describeAgent(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : null;
  return browser && os ? `${browser} on ${os}` : browser ?? os ?? ua.slice(0, 60);
}

export function SessionsSection() {
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => api(listSessionsRoute) });
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, fn: () => Promise<string>) => {
    setProblem(undefined);
    setDone(undefined);
    setBusy(key);
    try {
      setDone(await fn());
      await client.invalidateQueries({ queryKey: sessionsKey });
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const revoke = (s: SessionSummary) =>
    run(s.id, async () => {
      await api(revokeSessionRoute, { params: { id: s.id } });
      if (s.current) {
        await client.invalidateQueries({ queryKey: sessionQueryKey });
      }
      return 'Signed out that session.';
    });

  const others = () =>
    run('others', async () => {
      const out = await api(signOutOthersRoute);
      return out.revoked === 1 ? 'Signed out 1 other session.' : `Signed out ${out.revoked} other sessions.`;
    });

  const items = sessions.data?.items ?? [];
  return (
    <Card title="Sessions">
      {done ? <Alert tone="success">{done}</Alert> : null}
      <FormAlert message={problem} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} what="your sessions" onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <Table caption="Where you are signed in" captionHidden>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    {describeAgent(s.userAgent)} {s.current ? <Badge tone="info">This session</Badge> : null}
                  </td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastSeenAt)}</td>
                  <td>
                    <Button size="sm" variant="secondary" busy={busy === s.id} busyLabel="Signing out…" onClick={() => void revoke(s)}>
                      Sign out
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <FormActions>
            <Button variant="danger" disabled={items.filter((s) => !s.current).length === 0} busy={busy === 'others'} busyLabel="Signing out…" onClick={() => void others()}>
              Sign out everywhere else
            </Button>
          </FormActions>
        </>
      )}
    </Card>
  );
}
