import { bind } from '../../server/context.ts';
import { getOutboxAttachmentRoute, getOutboxMessageRoute, listOutboxRoute } from './outbox.contract.ts';
import { getOutboxAttachment, getOutboxMessage, listOutbox } from './outbox.service.ts';

export const outboxRoutes = [
  bind(listOutboxRoute, (ctx, { query }) => listOutbox(ctx, query)),
  bind(getOutboxMessageRoute, (ctx, { params }) => getOutboxMessage(ctx, params.id)),
  bind(getOutboxAttachmentRoute, (ctx, { params }) => getOutboxAttachment(ctx, params.id, params.index)),
];
