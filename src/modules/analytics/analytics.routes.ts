import { bind } from '../../server/context.ts';
import * as c from './analytics.contract.ts';
import { biasAudit, exportReport } from './analytics.export.ts';
import * as s from './analytics.service.ts';

export const analyticsRoutes = [
  bind(c.funnelRoute, (ctx, { query }) => s.funnel(ctx, query)),
  bind(c.calibrationRoute, (ctx, { query }) => s.calibration(ctx, query)),
  bind(c.reliabilityRoute, (ctx, { query }) => s.reliability(ctx, query)),
  bind(c.validityRoute, (ctx, { query }) => s.validity(ctx, query)),
  bind(c.adverseImpactRoute, (ctx, { query }) => s.adverseImpactReport(ctx, query)),
  bind(c.recommendationsRoute, (ctx, { query }) => s.recommendations(ctx, query)),
  bind(c.applyReweightRoute, (ctx, { body }) => s.applyReweight(ctx, body)),
  bind(c.exportReportRoute, (ctx, { query }) => exportReport(ctx, query)),
  bind(c.biasAuditRoute, (ctx, { query }) => biasAudit(ctx, query)),
];
