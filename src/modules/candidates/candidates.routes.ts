import { bind } from '../../server/context.ts';
import * as c from './candidates.contract.ts';
import { importCandidates } from './candidates.import.ts';
import * as s from './candidates.service.ts';

export const candidatesRoutes = [
  bind(c.listCandidatesRoute, (ctx, { query }) => s.listCandidates(ctx, query)),
  bind(c.createCandidateRoute, (ctx, { body }) => s.createCandidate(ctx, body)),
  bind(c.getCandidateRoute, (ctx, { params }) => s.getCandidate(ctx, params.id)),
  bind(c.updateCandidateRoute, (ctx, { params, body }) => s.updateCandidate(ctx, params.id, body)),
  bind(c.uploadResumeRoute, (ctx, { params, body }) => s.uploadResume(ctx, params.id, body)),
  bind(c.downloadResumeRoute, (ctx, { params }) => s.downloadResume(ctx, params.id)),
  bind(c.addApplicationRoute, (ctx, { params, body }) => s.addApplication(ctx, params.id, body.candidateId)),
  bind(c.listApplicationsRoute, (ctx, { params, query }) => s.listApplications(ctx, params.id, query)),
  bind(c.getApplicationRoute, (ctx, { params }) => s.getApplication(ctx, params.id)),
  bind(c.moveApplicationRoute, (ctx, { params, body }) => s.moveApplication(ctx, params.id, body)),
  bind(c.undoMoveRoute, (ctx, { params, body }) => s.undoMove(ctx, params.id, body.moveId)),
  bind(c.importCandidatesRoute, (ctx, { params, body }) => importCandidates(ctx, params.id, body)),
];
