import { bind } from '../../server/context.ts';
import * as c from './plans.contract.ts';
import * as s from './plans.service.ts';

export const plansRoutes = [
  bind(c.getGuideRoute, async (_ctx, { params }) => s.guideFor(params.roleId)),
  bind(c.lintPlanRoute, async (_ctx, { body }) => s.lintPlan(body.plan)),
  bind(c.listPlansRoute, (ctx, { query }) => s.listPlans(ctx, query)),
  bind(c.createPlanRoute, (ctx, { body }) => s.createPlan(ctx, body)),
  bind(c.getPlanRoute, (ctx, { params }) => s.getPlan(ctx, params.id)),
  bind(c.savePlanRoute, (ctx, { params, body }) => s.savePlan(ctx, params.id, body)),
  bind(c.listPlanVersionsRoute, (ctx, { params, query }) => s.listPlanVersions(ctx, params.id, query)),
  bind(c.getPlanVersionRoute, (ctx, { params }) => s.getPlanVersion(ctx, params.id, params.versionId)),
  bind(c.diffPlanRoute, (ctx, { params, query }) => s.diffPlan(ctx, params.id, query.from, query.to)),
  bind(c.restorePlanRoute, (ctx, { params, body }) => s.restorePlan(ctx, params.id, body)),
];
