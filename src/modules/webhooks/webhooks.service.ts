import { randomBytes, randomUUID } from 'node:crypto';
import type { PageQuery } from '../../shared/common.ts';
import { AppError } from '../../shared/errors.ts';
import { timeIdCursor, toPage } from '../../shared/pagination.ts';
import { type Ctx, inTransaction } from '../../server/context.ts';
import type { WebhookDeliveryStatus } from '../../server/db/schema.ts';
import { audit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { encryptSecret } from '../auth/two-factor.service.ts';
import * as openQ from '../openings/openings.queries.ts';
import { requireRole } from '../orgs/orgs.policy.ts';
import { OutboundError, parseOutboundUrl } from '../outbound/outbound.service.ts';
import {
  PING_EVENT,
  WEBHOOK_MANAGERS,
  WEBHOOK_SECRET_PREFIX,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  type WebhookSettings,
  webhookEventTypes,
} from './webhooks.contract.ts';
import { allowsPrivateTargets } from './webhooks.deliver.ts';
import { eventBody, queueDeliveries, WEBHOOK_DELIVER_JOB, WEBHOOK_MAX_ATTEMPTS } from './webhooks.events.ts';
import * as q from './webhooks.queries.ts';

function newSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/** Refuses URLs the outbound helper would never fetch (scheme, credentials, no host); names `url`. */
function checkUrl(url: string): string {
  try {
    return parseOutboundUrl(url).href;
  } catch (e) {
    if (e instanceof OutboundError) throw AppError.invalid('The endpoint URL is not usable', [{ path: 'url', message: e.message }]);
    throw e;
  }
}

/** Subscribed types in the canonical order, without duplicates. */
function normalizeEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  return webhookEventTypes.filter((t) => events.includes(t));
}

function toEndpoint(r: q.EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: normalizeEvents(r.events as WebhookEventType[]),
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deliveries: { pending: r.pending ?? 0, retrying: r.retrying ?? 0, delivered: r.delivered ?? 0, dead: r.dead ?? 0 },
  };
}

async function requireEndpoint(ctx: Ctx, orgId: string, id: string): Promise<q.EndpointRow> {
  const row = await q.findEndpoint(ctx.db, orgId, id);
  if (!row) throw AppError.notFound('Webhook endpoint');
  return row;
}

export async function listEndpoints(ctx: Ctx): Promise<{ items: WebhookEndpoint[] }> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return { items: (await q.listEndpoints(ctx.db, actor.org.id)).map(toEndpoint) };
}

export async function getEndpoint(ctx: Ctx, id: string): Promise<WebhookEndpoint> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return toEndpoint(await requireEndpoint(ctx, actor.org.id, id));
}

export async function createEndpoint(
  ctx: Ctx,
  input: { url: string; description: string; events: WebhookEventType[]; active: boolean },
): Promise<WebhookEndpoint & { secret: string }> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  const url = checkUrl(input.url);
  const secret = newSecret();
  const id = randomUUID();
  return inTransaction(ctx, async (tx) => {
    await q.insertEndpoint(tx.db, {
      id,
      orgId: actor.org.id,
      url,
      description: input.description,
      events: normalizeEvents(input.events),
      active: input.active,
      secretEncrypted: encryptSecret(tx, Buffer.from(secret, 'utf8')),
      createdBy: actor.userId,
      now: tx.clock.now(),
    });
    await audit(tx, 'webhook.endpoint_created', { type: 'webhook_endpoint', id }, { events: normalizeEvents(input.events).length, active: input.active });
    return { ...toEndpoint(await requireEndpoint(tx, actor.org.id, id)), secret };
  });
}

export async function updateEndpoint(
  ctx: Ctx,
  id: string,
  patch: { url?: string | undefined; description?: string | undefined; events?: WebhookEventType[] | undefined; active?: boolean | undefined },
): Promise<WebhookEndpoint> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return inTransaction(ctx, async (tx) => {
    await requireEndpoint(tx, actor.org.id, id);
    const set: { url?: string; description?: string; events?: string[]; active?: boolean } = {};
    if (patch.url !== undefined) set.url = checkUrl(patch.url);
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.events !== undefined) set.events = normalizeEvents(patch.events);
    if (patch.active !== undefined) set.active = patch.active;
    await q.updateEndpoint(tx.db, id, set, tx.clock.now());
    await audit(tx, 'webhook.endpoint_updated', { type: 'webhook_endpoint', id }, { fields: Object.keys(set).sort() });
    return toEndpoint(await requireEndpoint(tx, actor.org.id, id));
  });
}

export async function deleteEndpoint(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return inTransaction(ctx, async (tx) => {
    await requireEndpoint(tx, actor.org.id, id);
    // Deliveries and attempts go with it (cascade); their queued jobs find nothing and finish.
    await q.deleteEndpoint(tx.db, id);
    await audit(tx, 'webhook.endpoint_deleted', { type: 'webhook_endpoint', id }, {});
    return { ok: true as const };
  });
}

export async function rotateSecret(ctx: Ctx, id: string): Promise<{ secret: string }> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  const secret = newSecret();
  return inTransaction(ctx, async (tx) => {
    await requireEndpoint(tx, actor.org.id, id);
    await q.updateEndpoint(tx.db, id, { secretEncrypted: encryptSecret(tx, Buffer.from(secret, 'utf8')) }, tx.clock.now());
    await audit(tx, 'webhook.secret_rotated', { type: 'webhook_endpoint', id }, {});
    return { secret };
  });
}

// ---- deliveries ----

function toDeliveries(rows: q.DeliveryRow[], attempts: Awaited<ReturnType<typeof q.attemptsOf>>): WebhookDelivery[] {
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpointId,
    eventId: r.eventId,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    body: eventBody(r),
    attemptLog: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  }));
}

async function deliveryView(ctx: Ctx, orgId: string, id: string): Promise<WebhookDelivery> {
  const row = await q.findDelivery(ctx.db, orgId, id);
  if (!row) throw AppError.notFound('Webhook delivery');
  return toDeliveries([row], await q.attemptsOf(ctx.db, [id]))[0]!;
}

export async function listDeliveries(ctx: Ctx, endpointId: string, query: PageQuery & { status?: WebhookDeliveryStatus | undefined }) {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  await requireEndpoint(ctx, actor.org.id, endpointId);
  const rows = await q.listDeliveries(ctx.db, endpointId, { status: query.status, limit: query.limit, before: timeIdCursor(query.cursor) });
  const page = toPage(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: toDeliveries(page.items, await q.attemptsOf(ctx.db, page.items.map((r) => r.id))), nextCursor: page.nextCursor };
}

/** A new round of attempts for a delivered or dead delivery (the same event id and body). */
export async function redeliver(ctx: Ctx, id: string): Promise<WebhookDelivery> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return inTransaction(ctx, async (tx) => {
    const row = await q.findDelivery(tx.db, actor.org.id, id, true);
    if (!row) throw AppError.notFound('Webhook delivery');
    if (row.status === 'pending' || row.status === 'retrying') throw AppError.conflict('This delivery is still queued; wait for its next attempt', { status: row.status });
    await q.requeueDelivery(tx.db, id, tx.clock.now());
    await enqueueJob(tx, WEBHOOK_DELIVER_JOB, { deliveryId: id }, { maxAttempts: WEBHOOK_MAX_ATTEMPTS });
    await audit(tx, 'webhook.redelivered', { type: 'webhook_delivery', id }, { endpointId: row.endpointId, previousStatus: row.status });
    return deliveryView(tx, actor.org.id, id);
  });
}

/** Queues a `ping` event to one endpoint, whatever it subscribes to (even when disabled it is recorded). */
export async function pingEndpoint(ctx: Ctx, endpointId: string): Promise<WebhookDelivery> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return inTransaction(ctx, async (tx) => {
    await requireEndpoint(tx, actor.org.id, endpointId);
    const [id] = await queueDeliveries(tx, actor.org.id, [endpointId], PING_EVENT, { endpointId });
    await audit(tx, 'webhook.pinged', { type: 'webhook_endpoint', id: endpointId }, { deliveryId: id! });
    return deliveryView(tx, actor.org.id, id!);
  });
}

// ---- settings ----

export async function getSettings(ctx: Ctx): Promise<WebhookSettings> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return { allowPrivateTargets: allowsPrivateTargets(await openQ.orgSettings(ctx.db, actor.org.id)) };
}

export async function updateSettings(ctx: Ctx, input: WebhookSettings): Promise<WebhookSettings> {
  const actor = requireRole(ctx, WEBHOOK_MANAGERS);
  return inTransaction(ctx, async (tx) => {
    const all = await openQ.orgSettings(tx.db, actor.org.id);
    await openQ.saveOrgSettings(tx.db, actor.org.id, { ...all, webhooks: { allowPrivateTargets: input.allowPrivateTargets } });
    await audit(tx, 'webhook.settings_changed', { type: 'organization', id: actor.org.id }, { fields: ['webhooks.allowPrivateTargets'], allowPrivateTargets: input.allowPrivateTargets });
    return { allowPrivateTargets: input.allowPrivateTargets };
  });
}
