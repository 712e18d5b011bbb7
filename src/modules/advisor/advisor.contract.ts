import { z } from 'zod';
import { defineRoute } from '../../shared/route.ts';
import { individualQuestionnaireSchema, orgQuestionnaireSchema } from '../roles/roles.content.ts';

export const orgAnswersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const contributionSchema = z.object({
  questionId: z.string(),
  questionLabel: z.string(),
  optionId: z.string(),
  optionLabel: z.string(),
  points: z.number(),
  reason: z.string(),
});

export const orgAdviceSchema = z.object({
  ranking: z.array(
    z.object({
      outcome: z.string(),
      label: z.string(),
      roles: z.array(z.string()),
      score: z.number(),
      contributions: z.array(contributionSchema),
    }),
  ),
  drivers: z.array(contributionSchema),
  nextSteps: z.array(z.string()),
  markdown: z.string(),
});
export type OrgAdviceResult = z.infer<typeof orgAdviceSchema>;

export const individualAnswersSchema = z.strictObject({
  currentRole: z.string().min(1),
  yearsOfExperience: z.number().min(0).max(60),
  enjoys: z.number().int().min(-2).max(2),
  peopleLeadership: z.number().int().min(1).max(4),
  ratings: z.record(z.string(), z.number().int().min(1).max(4)),
});
export type IndividualAnswersInput = z.infer<typeof individualAnswersSchema>;

export const roleFitSchema = z.object({
  roleId: z.string(),
  title: z.string(),
  fit: z.number(),
  parts: z.object({ competencies: z.number(), orientation: z.number(), leadership: z.number(), experience: z.number(), path: z.number() }),
  coverage: z.number(),
  contributions: z.array(z.object({ competencyId: z.string(), name: z.string(), weight: z.number(), rating: z.number().nullable(), earned: z.number() })),
  gaps: z.array(z.object({ competencyId: z.string(), name: z.string(), weight: z.number(), rating: z.number().nullable(), suggestions: z.array(z.string()) })),
  steps: z.array(z.string()),
});

export const individualAdviceSchema = z.object({
  fits: z.array(roleFitSchema),
  shares: z.object({ competencies: z.number(), orientation: z.number(), leadership: z.number(), experience: z.number(), path: z.number() }),
  markdown: z.string(),
});
export type IndividualAdviceResult = z.infer<typeof individualAdviceSchema>;

export const individualQuestionnaireResponseSchema = z.object({
  questionnaire: individualQuestionnaireSchema,
  competencies: z.array(z.object({ id: z.string(), name: z.string(), category: z.string(), definition: z.string() })),
});

export const getOrgQuestionnaireRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/advisor/organization',
  summary: 'The organization advisor questionnaire ("which leader do we need?")',
  tag: 'advisor',
  access: { kind: 'public' },
  response: orgQuestionnaireSchema,
});

export const adviseOrganizationRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/advisor/organization',
  summary: 'Rank CPO, CTO, both, CPTO, head-of or fractional leaders for an organization, with the answers that drove each score',
  tag: 'advisor',
  access: { kind: 'public' },
  body: z.strictObject({ answers: orgAnswersSchema }),
  response: orgAdviceSchema,
});

export const getIndividualQuestionnaireRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/advisor/individual',
  summary: 'The individual advisor questionnaire ("which path fits me?") and the competencies to rate',
  tag: 'advisor',
  access: { kind: 'public' },
  response: individualQuestionnaireResponseSchema,
});

export const adviseIndividualRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/advisor/individual',
  summary: 'Fit per role from a self-assessment, the gaps to close and the typical steps from the current role',
  tag: 'advisor',
  access: { kind: 'public' },
  body: z.strictObject({ answers: individualAnswersSchema }),
  response: individualAdviceSchema,
});
