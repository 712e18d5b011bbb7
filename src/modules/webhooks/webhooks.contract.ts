import { z } from 'zod';
import { idSchema, okSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Webhooks (issue 11): organization-configured endpoints receive signed JSON events, delivered from
 * the PostgreSQL job queue with retries, dead-lettering and manual redelivery. Owners and admins
 * only. Payloads carry ids and non-personal facts (docs/webhooks.md lists each event's data).
 */
export const webhookEventTypes = [
  'application.created',
  'application.stage_changed',
  'interview.scheduled',
  'interview.rescheduled',
  'interview.cancelled',
  'scorecard.submitted',
  'decision.made',
  'candidate.erased',
] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
/** The test event "send test event" sends; endpoints cannot subscribe to it. */
export const PING_EVENT = 'ping';

export const WEBHOOK_MANAGERS = ['owner', 'admin'] as const;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const urlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the URL that receives the events')
  .max(2000)
  .refine(isHttpUrl, 'Use an http:// or https:// URL');

export const webhookEndpointSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  /** Subscribed event types; empty: every type. */
  events: z.array(webhookEventTypeSchema),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Counts of this endpoint's deliveries by status. */
  deliveries: z.object({ pending: z.number().int(), retrying: z.number().int(), delivered: z.number().int(), dead: z.number().int() }),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookDeliveryStatusSchema = z.enum(['pending', 'retrying', 'delivered', 'dead']);

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z.object({
  id: idSchema,
  endpointId: idSchema,
  eventId: idSchema,
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  /** The exact JSON body sent (same bytes on every attempt). */
  body: z.string(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookSettingsSchema = z.strictObject({
  /** Lets deliveries reach private and loopback addresses (DECISIONS 14). Off by default. */
  allowPrivateTargets: z.boolean(),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

const endpointParams = z.object({ id: idSchema });
const deliveryParams = z.object({ id: idSchema });

export const endpointInputSchema = z.strictObject({
  url: urlSchema,
  description: z.string().trim().max(500).default(''),
  events: z.array(webhookEventTypeSchema).max(webhookEventTypes.length).default([]),
  active: z.boolean().default(true),
});

export const listWebhookEndpointsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/webhooks/endpoints',
  summary: "The organization's webhook endpoints",
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  response: z.object({ items: z.array(webhookEndpointSchema) }),
});

export const createWebhookEndpointRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/webhooks/endpoints',
  summary: 'Add an endpoint; its signing secret is in this response only',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  body: endpointInputSchema,
  response: webhookEndpointSchema.extend({ secret: z.string() }),
  status: 201,
});

export const getWebhookEndpointRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/webhooks/endpoints/:id',
  summary: 'One webhook endpoint',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  response: webhookEndpointSchema,
});

export const updateWebhookEndpointRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v1/webhooks/endpoints/:id',
  summary: 'Change the URL, description, subscribed events or active flag of an endpoint',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  body: z.strictObject({
    url: urlSchema.optional(),
    description: z.string().trim().max(500).optional(),
    events: z.array(webhookEventTypeSchema).max(webhookEventTypes.length).optional(),
    active: z.boolean().optional(),
  }),
  response: webhookEndpointSchema,
});

export const deleteWebhookEndpointRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/webhooks/endpoints/:id',
  summary: 'Delete an endpoint with its delivery log (queued deliveries are dropped)',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  response: okSchema,
});

export const rotateWebhookSecretRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/webhooks/endpoints/:id/rotate-secret',
  summary: 'Replace the signing secret at once; the new one is in this response only',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  response: z.object({ secret: z.string() }),
});

export const pingWebhookEndpointRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/webhooks/endpoints/:id/ping',
  summary: 'Queue a test event (`ping`) to the endpoint',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  response: webhookDeliverySchema,
  status: 202,
});

export const listWebhookDeliveriesRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/webhooks/endpoints/:id/deliveries',
  summary: "An endpoint's delivery log, newest first, with each attempt",
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: endpointParams,
  query: pageQuerySchema.extend({ status: webhookDeliveryStatusSchema.optional() }),
  response: pageSchema(webhookDeliverySchema),
});

export const redeliverWebhookRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/webhooks/deliveries/:id/redeliver',
  summary: 'Queue a delivered or dead delivery again, with a fresh round of attempts',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  params: deliveryParams,
  response: webhookDeliverySchema,
  status: 202,
});

export const getWebhookSettingsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/webhooks/settings',
  summary: 'Webhook settings of the organization',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  response: webhookSettingsSchema,
});

export const updateWebhookSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/webhooks/settings',
  summary: 'Allow or refuse private and loopback delivery targets',
  tag: 'webhooks',
  access: { kind: 'member', roles: WEBHOOK_MANAGERS },
  body: webhookSettingsSchema,
  response: webhookSettingsSchema,
});
