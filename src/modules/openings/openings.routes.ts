import { bind } from '../../server/context.ts';
import { compareJob } from '../feedback/feedback.service.ts';
import * as c from './openings.contract.ts';
import * as s from './openings.service.ts';

export const openingsRoutes = [
  bind(c.listJobsRoute, (ctx, { query }) => s.listJobs(ctx, query)),
  bind(c.createJobRoute, (ctx, { body }) => s.createJob(ctx, body)),
  bind(c.getJobRoute, (ctx, { params }) => s.getJob(ctx, params.id)),
  bind(c.updateJobRoute, (ctx, { params, body }) => s.updateJob(ctx, params.id, body)),
  bind(c.archiveJobRoute, (ctx, { params, body }) => s.archiveJob(ctx, params.id, body.archived)),
  bind(c.deleteJobRoute, (ctx, { params }) => s.deleteJob(ctx, params.id)),
  bind(c.compareJobRoute, (ctx, { params }) => compareJob(ctx, params.id)),
  bind(c.getHiringSettingsRoute, (ctx) => s.getHiringSettings(ctx)),
  bind(c.updateHiringSettingsRoute, (ctx, { body }) => s.updateHiringSettings(ctx, body)),
  bind(c.listRejectionReasonsRoute, (ctx) => s.listRejectionReasons(ctx)),
  bind(c.saveRejectionReasonsRoute, (ctx, { body }) => s.saveRejectionReasons(ctx, body.items)),
];
