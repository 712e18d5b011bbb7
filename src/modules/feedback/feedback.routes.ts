import { bind } from '../../server/context.ts';
import * as c from './feedback.contract.ts';
import * as s from './feedback.service.ts';

export const feedbackRoutes = [
  bind(c.getMyScorecardRoute, (ctx, { params }) => s.myScorecard(ctx, params.id)),
  bind(c.getScorecardRoute, (ctx, { params }) => s.getScorecard(ctx, params.id)),
  bind(c.saveScorecardRoute, (ctx, { params, body }) => s.saveScorecard(ctx, params.id, body)),
  bind(c.scorecardRevisionsRoute, (ctx, { params }) => s.scorecardRevisions(ctx, params.id)),
  bind(c.applicationScorecardsRoute, (ctx, { params }) => s.applicationScorecards(ctx, params.id)),
  bind(c.debriefRoute, (ctx, { params }) => s.getDebrief(ctx, params.id)),
  bind(c.decideRoute, (ctx, { params, body }) => s.decide(ctx, params.id, body)),
  bind(c.decisionBriefRoute, (ctx, { params, query }) => s.decisionBrief(ctx, params.id, query.format)),
  bind(c.waitingRoute, (ctx, { query }) => s.waitingOn(ctx, query.jobId)),
  bind(c.exportScorecardsRoute, (ctx, { params, query }) => s.exportScorecards(ctx, params.id, query.format)),
];
