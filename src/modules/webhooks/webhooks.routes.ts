import { bind, type RouteBinding } from '../../server/context.ts';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  getWebhookSettingsRoute,
  listWebhookDeliveriesRoute,
  listWebhookEndpointsRoute,
  pingWebhookEndpointRoute,
  redeliverWebhookRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
  updateWebhookSettingsRoute,
} from './webhooks.contract.ts';
import * as s from './webhooks.service.ts';

export const webhookRoutes: RouteBinding[] = [
  bind(listWebhookEndpointsRoute, (ctx) => s.listEndpoints(ctx)),
  bind(createWebhookEndpointRoute, (ctx, { body }) => s.createEndpoint(ctx, body)),
  bind(getWebhookEndpointRoute, (ctx, { params }) => s.getEndpoint(ctx, params.id)),
  bind(updateWebhookEndpointRoute, (ctx, { params, body }) => s.updateEndpoint(ctx, params.id, body)),
  bind(deleteWebhookEndpointRoute, (ctx, { params }) => s.deleteEndpoint(ctx, params.id)),
  bind(rotateWebhookSecretRoute, (ctx, { params }) => s.rotateSecret(ctx, params.id)),
  bind(pingWebhookEndpointRoute, (ctx, { params }) => s.pingEndpoint(ctx, params.id)),
  bind(listWebhookDeliveriesRoute, (ctx, { params, query }) => s.listDeliveries(ctx, params.id, query)),
  bind(redeliverWebhookRoute, (ctx, { params }) => s.redeliver(ctx, params.id)),
  bind(getWebhookSettingsRoute, (ctx) => s.getSettings(ctx)),
  bind(updateWebhookSettingsRoute, (ctx, { body }) => s.updateSettings(ctx, body)),
];
