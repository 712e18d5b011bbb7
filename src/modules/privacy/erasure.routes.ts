import { bind, type RouteBinding } from '../../server/context.ts';
import * as c from './privacy.contract.ts';
import * as s from './erasure.service.ts';

export const erasureRoutes: RouteBinding[] = [
  bind(c.eraseCandidateRoute, (ctx, { params, body }) =>
    s.eraseCandidate(ctx, params.id, { trigger: body.requestId ? 'request' : 'manual', requestId: body.requestId, confirmName: body.confirmName }),
  ),
  bind(c.listReceiptsRoute, (ctx, { query }) => s.listReceipts(ctx, query.limit)),
  bind(c.downloadReceiptRoute, (ctx, { params, query }) => s.downloadReceipt(ctx, params.id, query.format)),
];
