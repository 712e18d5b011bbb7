import { bind } from '../../server/context.ts';
import * as c from './advisor.contract.ts';
import * as s from './advisor.service.ts';

export const advisorRoutes = [
  bind(c.getOrgQuestionnaireRoute, async () => s.getOrgQuestionnaire()),
  bind(c.adviseOrganizationRoute, async (_ctx, { body }) => s.adviseOrg(body.answers)),
  bind(c.getIndividualQuestionnaireRoute, async () => s.getIndividualQuestionnaire()),
  bind(c.adviseIndividualRoute, async (_ctx, { body }) => s.adviseIndividual(body.answers)),
];
