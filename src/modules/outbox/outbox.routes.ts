import { bind } from '../../server/context.ts';
import { getOutboxMessageRoute, listOutboxRoute } from './outbox.contract.ts';
import { getOutboxMessage, listOutbox } from './outbox.service.ts';

export const outboxRoutes = [
  bind(listOutboxRoute, (ctx, { query }) => listOutbox(ctx, query)),
  bind(getOutboxMessageRoute, (ctx, { params }) => getOutboxMessage(ctx, params.id)),
];
