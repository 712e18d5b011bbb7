import { bind } from '../../server/context.ts';
import * as c from './jd.contract.ts';
import * as s from './jd.service.ts';
import { careersJson } from './careers.service.ts';

export const jdRoutes = [
  bind(c.listJdRoute, (ctx, { query }) => s.listJobDescriptions(ctx, query)),
  bind(c.getJdRoute, (ctx, { params }) => s.getJobDescription(ctx, params.id)),
  bind(c.generateJdRoute, (ctx, { params, body }) => s.generateForJob(ctx, params.id, body)),
  bind(c.saveJdRoute, (ctx, { params, body }) => s.saveJobDescription(ctx, params.id, body)),
  bind(c.listJdVersionsRoute, (ctx, { params, query }) => s.listJobDescriptionVersions(ctx, params.id, query)),
  bind(c.getJdVersionRoute, (ctx, { params }) => s.getJobDescriptionVersion(ctx, params.id, params.versionId)),
  bind(c.diffJdRoute, (ctx, { params, query }) => s.diffJobDescription(ctx, params.id, query.from, query.to)),
  bind(c.restoreJdRoute, (ctx, { params, body }) => s.restoreJobDescription(ctx, params.id, body)),
  bind(c.publishJdRoute, (ctx, { params, body }) => s.publishJobDescription(ctx, params.id, body)),
  bind(c.unpublishJdRoute, (ctx, { params }) => s.unpublishJobDescription(ctx, params.id)),
  bind(c.rewriteJdRoute, (ctx, { params, body }) => s.rewriteJobDescription(ctx, params.id, body)),
  bind(c.exportJdRoute, (ctx, { params, query }) => s.exportJobDescription(ctx, params.id, query)),
  bind(c.lintJdRoute, async (_ctx, { body }) => s.lintText(body)),
  bind(c.generateJdPreviewRoute, (ctx, { body }) => s.generatePreview(ctx, body)),
  bind(c.careersRoute, (ctx, { params }) => careersJson(ctx, params.org)),
];
