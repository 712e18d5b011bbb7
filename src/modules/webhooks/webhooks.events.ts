import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../server/context.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import type { WebhookEventType } from './webhooks.contract.ts';
import * as q from './webhooks.queries.ts';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** Attempts per round: 10 s, 20 s, 40 s … between them (the job runner's backoff), about 85 minutes in all. */
export const WEBHOOK_MAX_ATTEMPTS = 10;

export interface EmitOptions {
  /**
   * Erasure: the erased candidate's id is replaced by null in every stored event of the
   * organization before the new event is written (registry.ts, webhook_deliveries.data).
   */
  forgetCandidateId?: string;
}

/**
 * Records an event for every active endpoint of the organization subscribed to `type`: one
 * delivery row each, its data frozen now, and one `webhooks.deliver` job each. Call it inside the
 * transaction of the change (with the transaction's ctx), so the event exists exactly when the
 * change does; nothing is sent here (no network I/O inside a transaction). `type` null: no event.
 * `data` holds ids and non-personal facts only, with single-word or camelCase keys.
 */
export async function emitEvent(
  tx: Ctx,
  orgId: string,
  type: WebhookEventType | null,
  data: Record<string, unknown>,
  opts: EmitOptions = {},
): Promise<string[]> {
  if (opts.forgetCandidateId) await q.forgetCandidate(tx.db, orgId, opts.forgetCandidateId);
  if (type === null) return [];
  const endpoints = await q.subscribedEndpoints(tx.db, orgId, type);
  return queueDeliveries(tx, orgId, endpoints.map((e) => e.id), type, data);
}

/** Inserts the deliveries of one event and their jobs; returns the delivery ids. */
export async function queueDeliveries(tx: Ctx, orgId: string, endpointIds: string[], type: string, data: Record<string, unknown>): Promise<string[]> {
  if (endpointIds.length === 0) return [];
  const eventId = randomUUID();
  const createdAt = tx.clock.now();
  const rows = endpointIds.map((endpointId) => ({ id: randomUUID(), orgId, endpointId, eventId, eventType: type, data, createdAt }));
  await q.insertDeliveries(tx.db, rows);
  for (const r of rows) await enqueueJob(tx, WEBHOOK_DELIVER_JOB, { deliveryId: r.id }, { maxAttempts: WEBHOOK_MAX_ATTEMPTS });
  return rows.map((r) => r.id);
}

/**
 * Which event an interview update makes: cancelled (status to cancelled), scheduled again (status
 * back to scheduled), rescheduled (start or end moved while scheduled), else none.
 */
export function interviewChangeEvent(
  before: { status: string; startsAt: Date; endsAt: Date },
  patch: { status?: string | undefined; startsAt?: string | undefined; endsAt?: string | undefined },
): WebhookEventType | null {
  const status = patch.status ?? before.status;
  if (status === 'cancelled') return before.status === 'cancelled' ? null : 'interview.cancelled';
  if (before.status === 'cancelled') return 'interview.scheduled';
  const moved =
    (patch.startsAt !== undefined && new Date(patch.startsAt).getTime() !== before.startsAt.getTime()) ||
    (patch.endsAt !== undefined && new Date(patch.endsAt).getTime() !== before.endsAt.getTime());
  return moved ? 'interview.rescheduled' : null;
}

/** ISO form of an instant given as a Date or an ISO string (inputs arrive in several ISO shapes). */
export function iso(t: Date | string): string {
  return (typeof t === 'string' ? new Date(t) : t).toISOString();
}

/** The JSON body of a delivery, the same bytes on every attempt: `{ id, type, createdAt, organizationId, data }`. */
export function eventBody(d: { eventId: string; eventType: string; createdAt: Date; orgId: string; data: unknown }): string {
  return JSON.stringify({ id: d.eventId, type: d.eventType, createdAt: d.createdAt.toISOString(), organizationId: d.orgId, data: d.data });
}
