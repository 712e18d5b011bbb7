import { bind } from '../../server/context.ts';
import * as c from './analytics.contract.ts';
import * as s from './demographics.service.ts';

export const demographicsRoutes = [
  bind(c.getDemographicsRoute, (ctx, { params }) => s.getCandidateDemographics(ctx, params.id)),
  bind(c.requestDemographicsRoute, (ctx, { params }) => s.requestDemographics(ctx, params.id)),
];
