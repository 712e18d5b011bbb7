import { z } from 'zod';
import { planSchema } from './plans.format.ts';

/** The JSON Schema (draft 2020-12) of rubric.plan/v1, as published in docs/plan-format.schema.json. */
export function planJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(planSchema, { io: 'input' }),
    $id: 'https://rubric.dev/schemas/rubric.plan/v1.json',
    title: 'Rubric interview plan (rubric.plan/v1)',
    description:
      'A portable interview plan: outcomes, weighted competencies with 1–4 anchors, rounds with questions and directions, the scorecard, the debrief agenda and reference questions. Competency weights must sum to 100 and every competency a round or question names must be one of the plan\'s competencies (checked by Rubric beyond this schema).',
  };
}
