import { z } from 'zod';

/**
 * The portable interview-plan format, "rubric.plan/v1": what a guide exports, what the plan editor
 * saves and what `rubric plan import` reads. Its JSON Schema is docs/plan-format.schema.json
 * (generated from this file; a test keeps them equal).
 */

const text = z.string().trim().min(1).max(4000);
const id = z.string().trim().min(1).max(80);

export const roundKinds = [
  'recruiter-screen',
  'hiring-manager-deep-dive',
  'competency-interview',
  'case-presentation',
  'executive-panel',
  'reference-check',
] as const;

export const recommendationScale = ['strong_no', 'no', 'yes', 'strong_yes'] as const;

export const planQuestionSchema = z.strictObject({
  /** The bank question it came from ("library:<id>" or "org:<uuid>"), when it came from the bank. */
  questionRef: z.string().max(120).nullable(),
  text: z.string().trim().min(5).max(1000),
  type: z.enum(['behavioural', 'situational', 'technical', 'product-case', 'motivational']),
  competencies: z.array(id).min(1),
  probes: z.array(text),
  minutes: z.number().int().min(1).max(120),
});
export type PlanQuestion = z.infer<typeof planQuestionSchema>;

export const planRoundSchema = z.strictObject({
  id,
  name: z.string().trim().min(2).max(200),
  kind: z.enum(roundKinds),
  minutes: z.number().int().min(5).max(480),
  interviewers: z.number().int().min(1).max(12),
  focus: z.array(id),
  questions: z.array(planQuestionSchema),
  interviewerDirections: z.string().max(4000),
  candidateDirections: z.string().max(4000),
});
export type PlanRound = z.infer<typeof planRoundSchema>;

export const planCompetencySchema = z.strictObject({
  id,
  name: z.string().trim().min(2).max(200),
  weight: z.number().int().min(0).max(100),
  anchors: z.strictObject({ '1': text, '2': text, '3': text, '4': text }),
});

export const planSchema = z
  .strictObject({
    format: z.literal('rubric.plan/v1'),
    title: z.string().trim().min(2).max(200),
    roleId: z.string().max(80).nullable(),
    outcomes: z.strictObject({ ninetyDays: z.array(text), oneYear: z.array(text) }),
    competencies: z.array(planCompetencySchema).min(1),
    rounds: z.array(planRoundSchema).min(1),
    scorecard: z.strictObject({
      /** Which competencies each round rates. */
      rounds: z.array(z.strictObject({ roundId: id, competencies: z.array(id) })),
      evidenceRequired: z.boolean(),
      recommendationScale: z.tuple([z.literal('strong_no'), z.literal('no'), z.literal('yes'), z.literal('strong_yes')]),
    }),
    debrief: z.strictObject({ agenda: z.array(text) }),
    references: z.strictObject({ questions: z.array(text) }),
  })
  .superRefine((plan, ctx) => {
    const sum = plan.competencies.reduce((s, c) => s + c.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', path: ['competencies'], message: `Competency weights must sum to 100 (they sum to ${sum})` });
    const compIds = new Set(plan.competencies.map((c) => c.id));
    const roundIds = new Set<string>();
    plan.competencies.forEach((c, i) => {
      if (plan.competencies.findIndex((x) => x.id === c.id) !== i) ctx.addIssue({ code: 'custom', path: ['competencies', i, 'id'], message: `Duplicate competency "${c.id}"` });
    });
    plan.rounds.forEach((r, i) => {
      if (roundIds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'id'], message: `Duplicate round id "${r.id}"` });
      roundIds.add(r.id);
      r.focus.forEach((f, j) => {
        if (!compIds.has(f)) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'focus', j], message: `"${f}" is not one of the plan's competencies` });
      });
      r.questions.forEach((q, j) =>
        q.competencies.forEach((c, k) => {
          if (!compIds.has(c)) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'questions', j, 'competencies', k], message: `"${c}" is not one of the plan's competencies` });
        }),
      );
    });
    plan.scorecard.rounds.forEach((s, i) => {
      if (!roundIds.has(s.roundId)) ctx.addIssue({ code: 'custom', path: ['scorecard', 'rounds', i, 'roundId'], message: `No round "${s.roundId}"` });
      s.competencies.forEach((c, j) => {
        if (!compIds.has(c)) ctx.addIssue({ code: 'custom', path: ['scorecard', 'rounds', i, 'competencies', j], message: `"${c}" is not one of the plan's competencies` });
      });
    });
  });
export type Plan = z.infer<typeof planSchema>;
