// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint } from '../../../modules/webhooks/webhooks.contract.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';
import { json, useFakeApi } from '../../testing/fake-api.ts';
import { describeEvents, lastOutcome, WebhooksPage } from './webhooks-page.tsx';

const api = useFakeApi();
const { dom, text, control } = api;
const waitFor = (check: () => boolean, ms?: number) => api.waitFor(check, ms);

const session = {
  user: { id: 'u-1', email: 'ada@example.test', name: 'Ada Okafor' },
  organization: { id: 'o-1', name: 'Lumen Harbor', slug: 'lumen', role: 'owner', compliance: false },
  memberships: [],
  twoFactor: { enabled: false, setupRequired: false },
  csrfToken: 'csrf',
};

const endpoint: WebhookEndpoint = {
  id: '11111111-1111-4111-8111-111111111111',
  url: 'https://hooks.example.test/rubric',
  description: 'Data warehouse',
  events: [],
  active: true,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  deliveries: { pending: 0, retrying: 0, delivered: 3, dead: 1 },
};

const dead: WebhookDelivery = {
  id: '22222222-2222-4222-8222-222222222222',
  endpointId: endpoint.id,
  eventId: '33333333-3333-4333-8333-333333333333',
  eventType: 'decision.made',
  status: 'dead',
  attempts: 10,
  lastStatusCode: 503,
  lastError: 'The receiver answered HTTP 503',
  nextAttemptAt: null,
  deliveredAt: null,
  createdAt: '2026-03-02T10:00:00.000Z',
  body: '{}',
  attemptLog: [],
};

async function render() {
  const client = createQueryClient();
  client.setQueryData(sessionQueryKey, session);
  await act(async () => {
    dom.root.render(
      <QueryClientProvider client={client}>
        <WebhooksPage />
      </QueryClientProvider>,
    );
  });
}
async function type(label: string, value: string) {
  const el = control(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(label: string) {
  const b = [...dom.container.querySelectorAll('button')].find((x) => x.textContent === label);
  if (!b) throw new Error(`no button ${label}; the page says: ${text()}`);
  await act(async () => b.click());
}

describe('webhooks page', () => {
  it('words the subscription and the last result', () => {
    expect(describeEvents([])).toBe('All events');
    expect(describeEvents(['decision.made', 'candidate.erased'])).toBe('decision.made, candidate.erased');
    expect(lastOutcome(dead)).toBe('HTTP 503: The receiver answered HTTP 503');
    expect(lastOutcome({ lastStatusCode: null, lastError: null, attempts: 0 })).toBe('Not tried yet');
    expect(lastOutcome({ lastStatusCode: null, lastError: 'connection refused', attempts: 2 })).toBe('connection refused');
  });

  it('adds an endpoint, shows its secret once, names a bad URL, and redelivers from the log', async () => {
    let items: WebhookEndpoint[] = [endpoint];
    let deliveries: WebhookDelivery[] = [dead];
    api.routes['GET /api/v1/webhooks/endpoints'] = () => json(200, { items });
    api.routes['GET /api/v1/webhooks/settings'] = () => json(200, { allowPrivateTargets: false });
    api.routes[`GET /api/v1/webhooks/endpoints/${endpoint.id}/deliveries?limit=50`] = () => json(200, { items: deliveries, nextCursor: null });
    await render();
    await waitFor(() => text().includes('https://hooks.example.test/rubric'));
    expect(text()).toContain('All events');
    expect(text()).toContain('Delivered 3 · queued 0 · dead 1');

    // The server's field error lands on the URL field.
    api.routes['POST /api/v1/webhooks/endpoints'] = () => json(400, { code: 'invalid', message: 'Invalid', details: { issues: [{ path: 'url', message: 'Use an http:// or https:// URL' }] } });
    await type('Endpoint URL', 'ftp://files.example.test');
    await click('Add endpoint');
    await waitFor(() => text().includes('Use an http:// or https:// URL'));

    const secret = 'whsec_abcdefghijklmnopqrstuvwxyz012345';
    const created: WebhookEndpoint = { ...endpoint, id: '44444444-4444-4444-8444-444444444444', url: 'https://ops.example.test/in', events: ['decision.made'] };
    api.routes['POST /api/v1/webhooks/endpoints'] = () => {
      items = [endpoint, created];
      return json(201, { ...created, secret });
    };
    await type('Endpoint URL', 'https://ops.example.test/in');
    const decisionBox = [...dom.container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((i) => i.value === 'decision.made')!;
    await act(async () => decisionBox.click());
    await click('Add endpoint');
    await waitFor(() => text().includes('shown only this once'));
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ url: 'https://ops.example.test/in', description: '', events: ['decision.made'], active: true });
    expect(control('Signing secret').value).toBe(secret);
    await click('I have copied it');
    expect(dom.container.innerHTML).not.toContain(secret);
    await waitFor(() => text().includes('https://ops.example.test/in'));

    // The delivery log: the dead delivery with its last result, and Redeliver.
    api.routes[`POST /api/v1/webhooks/deliveries/${dead.id}/redeliver`] = () => {
      deliveries = [{ ...dead, status: 'pending', attempts: 0 }];
      return json(202, deliveries[0]);
    };
    await click('Delivery log');
    await waitFor(() => text().includes('HTTP 503: The receiver answered HTTP 503'));
    await click('Redeliver');
    await waitFor(() => text().includes('pending'));
    expect(api.calls.some((c) => c.method === 'POST' && c.url === `/api/v1/webhooks/deliveries/${dead.id}/redeliver`)).toBe(true);
  });
});
