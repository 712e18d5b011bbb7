import { bind, type RouteBinding } from '../../server/context.ts';
import { importGreenhouse } from './greenhouse.ts';
import * as c from './imports.contract.ts';
import { exportJobRecord } from './job-record.ts';
import { importJsonResume } from './json-resume.ts';
import { importScorecardsCsv } from './scorecards-csv.ts';

/** Imports (Greenhouse, JSON Resume, historical scorecards CSV) and the job record export. */
export const importRoutes: RouteBinding[] = [
  bind(c.importGreenhouseRoute, (ctx, { params, body }) => importGreenhouse(ctx, params.id, body)),
  bind(c.importJsonResumeRoute, (ctx, { params, body }) => importJsonResume(ctx, params.id, body)),
  bind(c.importScorecardsRoute, (ctx, { body }) => importScorecardsCsv(ctx, body)),
  bind(c.jobRecordRoute, (ctx, { params, query }) => exportJobRecord(ctx, params.id, query.format, query.table)),
];
