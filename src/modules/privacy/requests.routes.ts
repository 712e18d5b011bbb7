import { bind, type RouteBinding } from '../../server/context.ts';
import * as c from './privacy.contract.ts';
import * as exp from './export.service.ts';
import * as s from './requests.service.ts';

/** The candidate data export, the notice link and the privacy request queue. */
export const requestRoutes: RouteBinding[] = [
  bind(c.exportCandidateRoute, (ctx, { params, query }) => exp.exportCandidate(ctx, params.id, query.format)),
  bind(c.sendNoticeLinkRoute, (ctx, { params }) => s.sendNoticeLink(ctx, params.id)),
  bind(c.listPrivacyRequestsRoute, (ctx, { query }) => s.listPrivacyRequests(ctx, query.status)),
  bind(c.resolvePrivacyRequestRoute, (ctx, { params, body }) => s.resolvePrivacyRequest(ctx, params.id, body)),
];
