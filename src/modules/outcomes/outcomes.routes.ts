import { bind } from '../../server/context.ts';
import * as c from './outcomes.contract.ts';
import { importOutcomes } from './outcomes.import.ts';
import * as s from './outcomes.service.ts';

export const outcomesRoutes = [
  bind(c.getOutcomesRoute, (ctx, { params }) => s.getOutcomes(ctx, params.id)),
  bind(c.saveOutcomeRoute, (ctx, { params, body }) => s.saveOutcome(ctx, params.id, params.checkpoint, body)),
  bind(c.deleteOutcomeRoute, (ctx, { params }) => s.deleteOutcome(ctx, params.id, params.checkpoint)),
  bind(c.importOutcomesRoute, (ctx, { body }) => importOutcomes(ctx, body)),
];
