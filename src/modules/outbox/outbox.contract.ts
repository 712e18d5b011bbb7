import { z } from 'zod';
import { fileSchema, idParamsSchema, pageQuerySchema, pageSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

export const outboxStatuses = ['held', 'queued', 'sent', 'failed'] as const;

export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  kind: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Attached files (e.g. calendar invites); download each from /api/v1/outbox/:id/attachments/:index. */
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number() })),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const listOutboxRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/outbox',
  summary: 'List emails the organization sent or holds (held when SMTP is not configured)',
  tag: 'outbox',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  query: pageQuerySchema,
  response: pageSchema(outboxMessageSchema),
});

export const getOutboxMessageRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/outbox/:id',
  summary: 'Read one outbox message',
  tag: 'outbox',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  params: idParamsSchema,
  response: outboxMessageSchema,
});

export const getOutboxAttachmentRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/outbox/:id/attachments/:index',
  summary: 'Download one attachment of an outbox message',
  tag: 'outbox',
  access: { kind: 'member', roles: ['owner', 'admin'] },
  params: z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(20) }),
  response: fileSchema,
  file: true,
});
