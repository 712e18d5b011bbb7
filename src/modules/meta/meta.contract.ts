import { z } from 'zod';

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
