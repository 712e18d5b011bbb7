import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { type ApiToken, apiTokenScopeSchema, createApiTokenRoute, listApiTokensRoute, revokeApiTokenRoute } from '../../../modules/auth/api-tokens.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { applyServerError, toApiError } from '../../lib/forms.ts';
import { isOrgAdmin, useSignedInSession } from '../../lib/session.ts';
import { CopyField } from '../scheduling/copy-field.tsx';

const tokensKey = ['auth', 'api-tokens'] as const;

const scopeOptions = [
  { value: 'read', label: 'Read (GET requests only)' },
  { value: 'write', label: 'Write (create, change and delete)' },
];

/** Expiry choices: days, or "never" (the empty value). */
export const expiryOptions = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never' },
];

/** The form's values: scopes as ticked, expiry as the select's string; turned into the contract's body on submit. */
const tokenFormSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it').max(120),
  scopes: z.array(apiTokenScopeSchema).min(1, 'Choose at least one scope').max(2),
  expiry: z.enum(['30', '90', '365', '']),
});
type TokenForm = z.infer<typeof tokenFormSchema>;

export function tokenBody(v: TokenForm) {
  return { name: v.name.trim(), scopes: v.scopes, expiresInDays: v.expiry === '' ? null : Number(v.expiry) };
}

function CreateToken({ onCreated }: { onCreated: (t: ApiToken & { token: string }) => void }) {
  const form = useForm<TokenForm>({ resolver: zodResolver(tokenFormSchema), defaultValues: { name: '', scopes: ['read'], expiry: '90' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await api(createApiTokenRoute, { body: tokenBody(values) });
      form.reset({ name: '', scopes: ['read'], expiry: '90' });
      onCreated(created);
    } catch (e) {
      const apiError = toApiError(e);
      // The contract's field is `expiresInDays`; the form's is `expiry`.
      if (apiError.issues.expiresInDays) form.setError('expiry', { type: 'server', message: apiError.issues.expiresInDays });
      applyServerError(form.setError, e, ['name', 'scopes']);
    }
  });
  return (
    <Card title="New token">
      <Form onSubmit={(e) => void onSubmit(e)} aria-label="New API token">
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Token name" hint="What uses it, e.g. “Nightly HR export”." error={errors.name?.message} {...form.register('name')} />
        <Controller
          control={form.control}
          name="scopes"
          render={({ field }) => (
            <CheckboxGroup
              name="scopes"
              legend="Scopes"
              description="A token acts as you, with your current role; read-only tokens cannot change anything."
              options={scopeOptions}
              value={field.value}
              error={errors.scopes?.message}
              onChange={(v) => field.onChange(v)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="expiry"
          render={({ field }) => (
            <SelectField
              label="Expires after"
              options={expiryOptions}
              error={errors.expiry?.message}
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              onChange={(e) => field.onChange(e.target.value)}
            />
          )}
        />
        <FormActions>
          <Button type="submit" busy={isSubmitting} busyLabel="Creating…">
            Create token
          </Button>
        </FormActions>
      </Form>
    </Card>
  );
}

/** The secret of a token just created: shown once, in a read-only field with a copy button. */
function NewSecret({ token, onDismiss }: { token: ApiToken & { token: string }; onDismiss: () => void }) {
  return (
    <Card title={`Token “${token.name}” created`}>
      <Alert tone="warning" title="Copy the token now: it is shown only this once.">
        <p>Rubric keeps only a fingerprint of it. Store it in a secret manager; anyone holding it acts as you.</p>
      </Alert>
      <CopyField label="Your new API token" value={token.token} hint="Send it as the header Authorization: Bearer <token>." />
      <FormActions>
        <Button variant="secondary" onClick={onDismiss}>
          I have copied it
        </Button>
      </FormActions>
    </Card>
  );
}

function tokenStatus(t: ApiToken, now: number) {
  if (t.revokedAt) return <Badge>Revoked {formatDate(t.revokedAt)}</Badge>;
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** Personal API tokens (under account settings). Owners and admins see and may revoke every member's. */
export function ApiTokensPage() {
  const session = useSignedInSession();
  const admin = isOrgAdmin(session);
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api(listApiTokensRoute) });
  const [created, setCreated] = useState<(ApiToken & { token: string }) | null>(null);
  const [done, setDone] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const now = Date.now();

  const revoke = async (t: ApiToken) => {
    const whose = t.user.id === session.user.id ? '' : ` (${t.user.name}’s)`;
    if (!window.confirm(`Revoke the token “${t.name}”${whose}? Anything using it stops working at once.`)) return;
    setBusy(t.id);
    setProblem(undefined);
    setDone(undefined);
    try {
      await api(revokeApiTokenRoute, { params: { id: t.id } });
      setDone(`Token “${t.name}” revoked.`);
      await client.invalidateQueries({ queryKey: tokensKey });
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const items = tokens.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          admin
            ? 'Tokens let scripts and other tools use the Rubric API as a member. You see every member’s tokens in this organization.'
            : 'Tokens let scripts and other tools use the Rubric API as you, in this organization.'
        }
      />
      {created ? (
        <NewSecret token={created} onDismiss={() => setCreated(null)} />
      ) : (
        <CreateToken
          onCreated={(t) => {
            setDone(undefined);
            setCreated(t);
            void client.invalidateQueries({ queryKey: tokensKey });
          }}
        />
      )}
      <Card title="Tokens">
        {done ? <Alert tone="success">{done}</Alert> : null}
        <FormAlert message={problem} />
        {tokens.isPending ? (
          <Loading label="Loading the tokens…" />
        ) : tokens.isError ? (
          <LoadError error={tokens.error} what="the tokens" onRetry={() => void tokens.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState>No tokens yet.</EmptyState>
        ) : (
          <Table caption="API tokens" captionHidden>
            <thead>
              <tr>
                <th scope="col">Name</th>
                {admin ? <th scope="col">Member</th> : null}
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  {admin ? <td>{t.user.name}</td> : null}
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{t.scopes.join(', ')}</td>
                  <td>{formatDate(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">Never</span>}</td>
                  <td>{t.expiresAt ? formatDate(t.expiresAt) : 'Never'}</td>
                  <td>{tokenStatus(t, now)}</td>
                  <td>
                    {t.revokedAt ? null : (
                      <Button size="sm" variant="secondary" aria-label={`Revoke ${t.name}`} busy={busy === t.id} busyLabel="Revoking…" onClick={() => void revoke(t)}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
