import { bind, type RouteBinding } from '../../server/context.ts';
import * as c from './privacy.contract.ts';
import * as s from './retention.service.ts';

export const retentionRoutes: RouteBinding[] = [
  bind(c.listRetentionPoliciesRoute, (ctx) => s.listPolicies(ctx)),
  bind(c.createRetentionPolicyRoute, (ctx, { body }) => s.createPolicy(ctx, body)),
  bind(c.updateRetentionPolicyRoute, (ctx, { params, body }) => s.updatePolicy(ctx, params.id, body)),
  bind(c.deleteRetentionPolicyRoute, (ctx, { params }) => s.deletePolicy(ctx, params.id)),
  bind(c.previewRetentionRoute, (ctx) => s.previewRetention(ctx)),
  bind(c.runRetentionRoute, (ctx) => s.runRetentionNow(ctx)),
  bind(c.listRetentionRunsRoute, (ctx, { query }) => s.listRuns(ctx, query.limit)),
  bind(c.listLegalHoldsRoute, (ctx) => s.listLegalHolds(ctx)),
  bind(c.placeLegalHoldRoute, (ctx, { params, body }) => s.placeLegalHold(ctx, params.id, body.reason)),
  bind(c.releaseLegalHoldRoute, (ctx, { params }) => s.releaseLegalHold(ctx, params.id)),
  bind(c.getCandidatePrivacyRoute, (ctx, { params }) => s.getCandidatePrivacy(ctx, params.id)),
];
