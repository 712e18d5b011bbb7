import { z } from 'zod';
import { idParamsSchema, idSchema, okSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Personal API tokens (issue 10; used by the API, webhooks and MCP of issue 11). A token acts as its
 * user in one organization, with that member's current role, narrowed by its scopes: `read` reaches
 * GET routes only, `write` every method. Sent as `Authorization: Bearer rbk_…`; stored as a sha256
 * hash, shown once at creation, revocable, with its last-used time. Tokens cannot manage tokens.
 */
export const apiTokenScopes = ['read', 'write'] as const;
export const apiTokenScopeSchema = z.enum(apiTokenScopes);
export type ApiTokenScope = z.infer<typeof apiTokenScopeSchema>;

/** Every token starts with this, so secret scanners can recognise a leaked one. */
export const API_TOKEN_PREFIX = 'rbk_';

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The first characters of the token (`rbk_` and 8 more), to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  user: z.object({ id: idSchema, name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const listApiTokensRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/api-tokens',
  summary: "Your API tokens in the active organization (owners and admins see every member's)",
  tag: 'auth',
  access: { kind: 'member' },
  sessionOnly: true,
  response: z.object({ items: z.array(apiTokenSchema) }),
});

export const createApiTokenRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/api-tokens',
  summary: 'Create an API token; the secret is in this response only',
  tag: 'auth',
  access: { kind: 'member' },
  sessionOnly: true,
  body: z.strictObject({
    name: z.string().trim().min(1, 'Name the token after what uses it').max(120),
    scopes: z.array(apiTokenScopeSchema).min(1, 'Choose at least one scope').max(2),
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
  }),
  response: apiTokenSchema.extend({ token: z.string() }),
  status: 201,
});

export const revokeApiTokenRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v1/api-tokens/:id',
  summary: 'Revoke an API token (yours; owners and admins may revoke any in the organization)',
  tag: 'auth',
  access: { kind: 'member' },
  sessionOnly: true,
  params: idParamsSchema,
  response: okSchema,
});
