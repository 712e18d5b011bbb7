import { z } from 'zod';
import { defineRoute } from '../../shared/route.ts';

/** Runtime settings the SPA reads at start (GET /api/meta, unversioned). */
export const metaSchema = z.object({
  name: z.literal('Rubric'),
  version: z.string(),
  signup: z.enum(['open', 'invite', 'first-user']),
  signupOpen: z.boolean(),
  database: z.enum(['embedded', 'postgres']),
  smtpConfigured: z.boolean(),
  llmConfigured: z.boolean(),
  demo: z.boolean(),
});
export type Meta = z.infer<typeof metaSchema>;

/** Unversioned (DECISIONS 1); registered by server/app.ts itself, used by the web client. */
export const getMetaRoute = defineRoute({
  method: 'GET',
  path: '/api/meta',
  summary: 'Runtime settings for the web app',
  tag: 'meta',
  access: { kind: 'public' },
  response: metaSchema,
});
