import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Ctx } from '../../server/context.ts';
import { decryptSecret } from '../auth/two-factor.service.ts';
import { backoffMs } from '../jobs/jobs.service.ts';
import { fetchOutbound, OutboundError } from '../outbound/outbound.service.ts';
import { eventBody, WEBHOOK_MAX_ATTEMPTS } from './webhooks.events.ts';
import * as q from './webhooks.queries.ts';
import { signWebhook } from './webhooks.sign.ts';

export const USER_AGENT = 'Rubric-Webhooks/1';
const TIMEOUT_MS = 10_000;
/** Receivers answer briefly; a longer answer is read up to this size and counts as a failure beyond. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** Whether the organization lets deliveries reach private and loopback addresses. */
export function allowsPrivateTargets(settings: unknown): boolean {
  const w = (settings as { webhooks?: { allowPrivateTargets?: unknown } } | null)?.webhooks;
  return w?.allowPrivateTargets === true;
}

/**
 * The `webhooks.deliver` job: one attempt at one delivery, outside any transaction. A 2xx answer
 * marks it delivered; anything else is recorded (status code or error, duration) and the job
 * throws, so the runner retries it with backoff; the last attempt of a round marks it dead.
 * Deliveries already delivered or dead, or whose endpoint was deleted, are left alone.
 */
export async function deliverWebhook(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const id = typeof payload.deliveryId === 'string' ? payload.deliveryId : '';
  const d = id ? await q.deliveryForSending(ctx.db, id) : undefined;
  if (!d || d.status === 'delivered' || d.status === 'dead') return;

  const body = eventBody(d);
  const attemptNo = await q.nextAttemptNumber(ctx.db, d.id);
  const attemptsThisRound = d.attempts + 1;
  const at = ctx.clock.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  let statusCode: number | null = null;
  let error: string | null = null;
  const started = performance.now();
  if (!d.active) {
    error = 'The endpoint is disabled; enable it and the next attempt goes out';
  } else {
    try {
      const secret = decryptSecret(ctx, d.secretEncrypted).toString('utf8');
      const res = await fetchOutbound(d.url, {
        method: 'POST',
        allowPrivate: allowsPrivateTargets(d.settings),
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_RESPONSE_BYTES,
        maxRedirects: 0,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': d.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, timestamp, body),
        },
        body,
      });
      statusCode = res.status;
      if (res.status < 200 || res.status >= 300) error = `The receiver answered HTTP ${res.status}`;
    } catch (e) {
      if (e instanceof OutboundError) {
        error = e.reason === 'private_address' ? `${e.message} (an owner or admin can allow private network targets in the webhook settings)` : e.message;
      } else {
        error = e instanceof Error ? e.message : String(e);
      }
    }
  }
  const durationMs = Math.round(performance.now() - started);
  await q.recordAttempt(ctx.db, { id: randomUUID(), deliveryId: d.id, attempt: attemptNo, at, statusCode, error: error?.slice(0, 1000) ?? null, durationMs });
  if (error === null) {
    await q.setDeliveryOutcome(ctx.db, d.id, { status: 'delivered', attempts: attemptsThisRound, lastStatusCode: statusCode, lastError: null, nextAttemptAt: null, deliveredAt: ctx.clock.now() });
    return;
  }
  const dead = attemptsThisRound >= WEBHOOK_MAX_ATTEMPTS;
  await q.setDeliveryOutcome(ctx.db, d.id, {
    status: dead ? 'dead' : 'retrying',
    attempts: attemptsThisRound,
    lastStatusCode: statusCode,
    lastError: error.slice(0, 1000),
    nextAttemptAt: dead ? null : new Date(at.getTime() + backoffMs(attemptsThisRound)),
  });
  // The runner retries with the same backoff (or dead-letters the job after the last attempt).
  throw new Error(`webhook delivery ${d.id} failed: ${error.slice(0, 200)}`);
}
