import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookSettingsRoute,
  listWebhookDeliveriesRoute,
  listWebhookEndpointsRoute,
  pingWebhookEndpointRoute,
  redeliverWebhookRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
  updateWebhookSettingsRoute,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookEventTypes,
} from '../../../modules/webhooks/webhooks.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { CheckboxGroup } from '../../components/choice-group.tsx';
import { Form, FormActions, FormAlert } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { Table } from '../../components/table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { CopyField } from '../scheduling/copy-field.tsx';

const endpointsKey = ['webhooks', 'endpoints'] as const;
const settingsKey = ['webhooks', 'settings'] as const;
const deliveriesKey = (id: string) => ['webhooks', 'deliveries', id] as const;

const eventOptions = webhookEventTypes.map((t) => ({ value: t, label: t }));

/** "All events" when the list is empty (the server's meaning), else the types joined. */
export function describeEvents(events: readonly string[]): string {
  return events.length === 0 ? 'All events' : events.join(', ');
}

/** The last outcome of a delivery in words: status code, error, or that nothing was tried yet. */
export function lastOutcome(d: Pick<WebhookDelivery, 'lastStatusCode' | 'lastError' | 'attempts'>): string {
  if (d.lastError) return d.lastStatusCode ? `HTTP ${d.lastStatusCode}: ${d.lastError}` : d.lastError;
  if (d.lastStatusCode) return `HTTP ${d.lastStatusCode}`;
  return d.attempts === 0 ? 'Not tried yet' : '—';
}

const statusTone = { pending: 'info', retrying: 'warning', delivered: 'success', dead: 'danger' } as const;

interface EndpointDraft {
  url: string;
  description: string;
  events: WebhookEventType[];
}

function EndpointForm({ initial, submitLabel, onSubmit, onCancel }: { initial: EndpointDraft; submitLabel: string; onSubmit: (d: EndpointDraft) => Promise<void>; onCancel?: () => void }) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    setErrors({});
    try {
      await onSubmit(draft);
    } catch (e) {
      const err = toApiError(e);
      setErrors(err.issues);
      if (Object.keys(err.issues).length === 0) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormAlert message={problem} />
      <TextField label="Endpoint URL" hint="http:// or https://; it receives a POST per event." value={draft.url} error={errors.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} />
      <TextField label="Description" value={draft.description} error={errors.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
      <CheckboxGroup
        name="events"
        legend="Events"
        description="Tick none to receive every event, including types added later."
        options={eventOptions}
        value={draft.events}
        error={errors.events}
        onChange={(v) => setDraft({ ...draft, events: v as WebhookEventType[] })}
      />
      <FormActions>
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </FormActions>
    </Form>
  );
}

function NewSecret({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  return (
    <Card title={title}>
      <Alert tone="warning" title="Copy the signing secret now: it is shown only this once.">
        <p>Your receiver uses it to check the webhook-signature header of every request (see docs/webhooks.md).</p>
      </Alert>
      <CopyField label="Signing secret" value={secret} />
      <FormActions>
        <Button variant="secondary" onClick={onDismiss}>
          I have copied it
        </Button>
      </FormActions>
    </Card>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const client = useQueryClient();
  const log = useQuery({ queryKey: deliveriesKey(endpoint.id), queryFn: () => api(listWebhookDeliveriesRoute, { params: { id: endpoint.id }, query: { limit: 50 } }) });
  const [problem, setProblem] = useState<string | undefined>();
  const redeliver = async (d: WebhookDelivery) => {
    setProblem(undefined);
    try {
      await api(redeliverWebhookRoute, { params: { id: d.id } });
      await client.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (e) {
      setProblem(toApiError(e).message);
    }
  };
  if (log.isPending) return <Loading label="Loading the deliveries…" />;
  if (log.isError) return <LoadError error={log.error} what="the deliveries" onRetry={() => void log.refetch()} />;
  const items = log.data.items;
  return (
    <>
      <FormAlert message={problem} />
      {items.length === 0 ? (
        <EmptyState>No deliveries yet.</EmptyState>
      ) : (
        <Table caption={`Deliveries to ${endpoint.url}`}>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last result</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  <Badge tone={statusTone[d.status]}>{d.status}</Badge>
                </td>
                <td>{d.attempts}</td>
                <td>{lastOutcome(d)}</td>
                <td>
                  {d.status === 'delivered' || d.status === 'dead' ? (
                    <Button size="sm" variant="secondary" aria-label={`Redeliver ${d.eventType} of ${formatDateTime(d.createdAt)}`} onClick={() => void redeliver(d)}>
                      Redeliver
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

function EndpointCard({ endpoint, onSecret }: { endpoint: WebhookEndpoint; onSecret: (title: string, secret: string) => void }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const refresh = () => client.invalidateQueries({ queryKey: ['webhooks'] });
  const act = async (fn: () => Promise<string | undefined>) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      setNotice(await fn());
      await refresh();
    } catch (e) {
      setProblem(toApiError(e).message);
    }
  };
  const params = { id: endpoint.id };
  return (
    <Card title={endpoint.url}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <FormAlert message={problem} />
      {editing ? (
        <EndpointForm
          initial={{ url: endpoint.url, description: endpoint.description, events: endpoint.events }}
          submitLabel="Save endpoint"
          onCancel={() => setEditing(false)}
          onSubmit={async (d) => {
            await api(updateWebhookEndpointRoute, { params, body: d });
            setEditing(false);
            await refresh();
          }}
        />
      ) : (
        <>
          <p>
            {endpoint.active ? <Badge tone="success">Active</Badge> : <Badge>Disabled</Badge>} {endpoint.description}
          </p>
          <p>Events: {describeEvents(endpoint.events)}</p>
          <p className="muted">
            Delivered {endpoint.deliveries.delivered} · queued {endpoint.deliveries.pending + endpoint.deliveries.retrying} · dead {endpoint.deliveries.dead}
          </p>
          <FormActions>
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void act(async () => (await api(updateWebhookEndpointRoute, { params, body: { active: !endpoint.active } }), endpoint.active ? 'Endpoint disabled.' : 'Endpoint enabled.'))}>
              {endpoint.active ? 'Disable' : 'Enable'}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void act(async () => (await api(pingWebhookEndpointRoute, { params }), 'Test event queued; it appears in the delivery log.'))}>
              Send test event
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                void act(async () => {
                  if (!window.confirm('Replace the signing secret? The old one stops working at once.')) return undefined;
                  onSecret('New signing secret', (await api(rotateWebhookSecretRoute, { params })).secret);
                  return undefined;
                })
              }
            >
              Rotate secret
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setShowLog(!showLog)}>
              {showLog ? 'Hide delivery log' : 'Delivery log'}
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() =>
                void act(async () => {
                  if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log?`)) return undefined;
                  await api(deleteWebhookEndpointRoute, { params });
                  return undefined;
                })
              }
            >
              Delete
            </Button>
          </FormActions>
        </>
      )}
      {showLog ? <DeliveryLog endpoint={endpoint} /> : null}
    </Card>
  );
}

function SettingsCard() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api(getWebhookSettingsRoute) });
  const [problem, setProblem] = useState<string | undefined>();
  if (settings.isPending) return <Loading label="Loading the settings…" />;
  if (settings.isError) return <LoadError error={settings.error} what="the settings" onRetry={() => void settings.refetch()} />;
  const toggle = async (on: boolean) => {
    setProblem(undefined);
    try {
      client.setQueryData(settingsKey, await api(updateWebhookSettingsRoute, { body: { allowPrivateTargets: on } }));
    } catch (e) {
      setProblem(toApiError(e).message);
    }
  };
  return (
    <Card title="Network">
      <FormAlert message={problem} />
      <CheckboxGroup
        name="allowPrivateTargets"
        legend="Delivery targets"
        description="Off by default: deliveries to private, loopback and link-local addresses are refused, so an endpoint cannot reach internal services. Turn on only for receivers inside your own network."
        options={[{ value: 'on', label: 'Allow private network targets' }]}
        value={settings.data.allowPrivateTargets ? ['on'] : []}
        onChange={(v) => void toggle(v.includes('on'))}
      />
    </Card>
  );
}

/** Webhooks (owners and admins): endpoints, their secrets, test events, the delivery log and redelivery. */
export function WebhooksPage() {
  const client = useQueryClient();
  const endpoints = useQuery({ queryKey: endpointsKey, queryFn: () => api(listWebhookEndpointsRoute) });
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const items = endpoints.data?.items ?? [];
  return (
    <>
      <PageHeader title="Webhooks" description="Send signed events (applications, interviews, scorecards, decisions, erasures) to your own systems as they happen." />
      {secret ? (
        <NewSecret title={secret.title} secret={secret.secret} onDismiss={() => setSecret(null)} />
      ) : (
        <Card title="New endpoint">
          <EndpointForm
            key={formKey}
            initial={{ url: '', description: '', events: [] }}
            submitLabel="Add endpoint"
            onSubmit={async (d) => {
              const created = await api(createWebhookEndpointRoute, { body: { ...d, active: true } });
              setSecret({ title: `Endpoint ${created.url} added`, secret: created.secret });
              setFormKey((k) => k + 1);
              await client.invalidateQueries({ queryKey: endpointsKey });
            }}
          />
        </Card>
      )}
      <SettingsCard />
      {endpoints.isPending ? (
        <Loading label="Loading the endpoints…" />
      ) : endpoints.isError ? (
        <LoadError error={endpoints.error} what="the endpoints" onRetry={() => void endpoints.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>No endpoints yet.</EmptyState>
      ) : (
        items.map((e) => <EndpointCard key={e.id} endpoint={e} onSecret={(title, s) => setSecret({ title, secret: s })} />)
      )}
    </>
  );
}
