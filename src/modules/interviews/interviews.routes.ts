import { bind } from '../../server/context.ts';
import * as c from './interviews.contract.ts';
import * as s from './interviews.service.ts';

export const interviewsRoutes = [
  bind(c.createInterviewRoute, (ctx, { params, body }) => s.createInterview(ctx, params.id, body)),
  bind(c.listApplicationInterviewsRoute, (ctx, { params }) => s.listApplicationInterviews(ctx, params.id)),
  bind(c.getInterviewRoute, (ctx, { params }) => s.getInterview(ctx, params.id)),
  bind(c.updateInterviewRoute, (ctx, { params, body }) => s.updateInterview(ctx, params.id, body)),
  bind(c.myInterviewsRoute, (ctx) => s.myInterviews(ctx)),
  bind(c.interviewKitRoute, (ctx, { params }) => s.interviewKit(ctx, params.id)),
];
