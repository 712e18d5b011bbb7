import { bind, type RouteBinding } from '../../server/context.ts';
import { createApiTokenRoute, listApiTokensRoute, revokeApiTokenRoute } from './api-tokens.contract.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.ts';

export const apiTokenRoutes: RouteBinding[] = [
  bind(listApiTokensRoute, (ctx) => listApiTokens(ctx)),
  bind(createApiTokenRoute, (ctx, { body }) => createApiToken(ctx, body)),
  bind(revokeApiTokenRoute, (ctx, { params }) => revokeApiToken(ctx, params.id)),
];
