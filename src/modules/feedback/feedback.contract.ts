import { z } from 'zod';
import { fileSchema, idParamsSchema } from '../../shared/common.ts';
import { recommendations } from '../../core/scoring/scoring.ts';
import { defineRoute } from '../../shared/route.ts';

export const decisionKinds = ['advance', 'reject', 'offer', 'hire'] as const;
/** Reason codes for positive decisions; rejections use the organization's rejection reasons. */
export const positiveReasons = {
  meets_bar: 'Meets the bar on the weighted competencies',
  exceeds_bar: 'Exceeds the bar',
  unique_strength: 'A strength the team lacks outweighs a gap',
  pending_references: 'Strong so far; references to confirm',
} as const;

export const ratingSchema = z.number().int().min(1).max(4);
export const scorecardBodySchema = z.strictObject({
  /** Per competency the round rates: a 1–4 rating or null for "not assessed", and the evidence. */
  ratings: z.record(z.string().max(80), z.strictObject({ rating: ratingSchema.nullable(), evidence: z.string().max(5000).default('') })),
  /** Optional per-question ratings (index of the question in the round), stamped with the question's ref. */
  questionRatings: z.array(z.strictObject({ index: z.number().int().min(0), questionRef: z.string().max(120).nullable(), rating: ratingSchema })).max(50).default([]),
  recommendation: z.enum(recommendations).nullable(),
  notes: z.string().max(20_000).default(''),
  redFlags: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
});
export type ScorecardBody = z.infer<typeof scorecardBodySchema>;

export const scorecardFormSchema = z.object({
  competencies: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), anchors: z.record(z.string(), z.string()) })),
  questions: z.array(z.object({ index: z.number(), questionRef: z.string().nullable(), text: z.string() })),
  evidenceRequired: z.boolean(),
});

export const scorecardSchema = z.object({
  id: z.string(),
  interviewId: z.string(),
  applicationId: z.string(),
  candidateName: z.string(),
  interviewer: z.object({ id: z.string(), name: z.string() }),
  roundId: z.string(),
  roundName: z.string(),
  planVersionId: z.string(),
  status: z.enum(['draft', 'submitted']),
  version: z.number(),
  /** Revisions after the first submit (0: never edited after submitting). */
  revisions: z.number(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** True when the blind rule hides the content from you; `body` is then null. */
  redacted: z.boolean(),
  body: scorecardBodySchema.nullable(),
  form: scorecardFormSchema,
  mine: z.boolean(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const saveScorecardSchema = z.strictObject({
  baseVersion: z.number().int().min(1),
  body: scorecardBodySchema,
  /** Submit (or re-submit an edit); otherwise a draft save. */
  submit: z.boolean().default(false),
}).meta({
  // OpenAPI request examples (`x-examples`); openapi.test.ts parses each with this schema.
  'x-examples': {
    submit: {
      summary: 'Submit a scorecard (one competency not assessed)',
      value: {
        baseVersion: 1,
        submit: true,
        body: {
          ratings: {
            'technology-strategy-architecture': { rating: 3, evidence: 'Walked through the platform split at her last company: options, costs, why she chose the modular monolith.' },
            'talent-team-development': { rating: null, evidence: '' },
          },
          recommendation: 'yes',
          notes: 'Clear on trade-offs; ask the panel round about hiring plans.',
          redFlags: [],
          questionRatings: [],
        },
      },
    },
  },
});

export const debriefSchema = z.object({
  applicationId: z.string(),
  candidate: z.object({ id: z.string(), name: z.string() }),
  job: z.object({ id: z.string(), title: z.string() }),
  stage: z.string(),
  stageName: z.string(),
  status: z.string(),
  interviewers: z.array(z.object({ id: z.string(), name: z.string(), roundName: z.string(), scorecardId: z.string(), recommendation: z.enum(recommendations).nullable(), submittedAt: z.string(), revisions: z.number() })),
  competencies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weight: z.number(),
      mean: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      disagreement: z.boolean(),
      cells: z.array(z.object({ interviewerId: z.string(), rating: z.number().nullable(), evidence: z.string() })),
    }),
  ),
  overall: z.object({ score: z.number().nullable(), percent: z.number().nullable(), coverage: z.number(), rated: z.number() }),
  recommendations: z.object({ strong_no: z.number(), no: z.number(), yes: z.number(), strong_yes: z.number() }),
  splitRecommendation: z.boolean(),
  missing: z.array(z.object({ interviewId: z.string(), interviewerId: z.string(), name: z.string(), roundName: z.string(), state: z.enum(['none', 'draft']) })),
  redFlags: z.array(z.object({ interviewerId: z.string(), name: z.string(), text: z.string() })),
  summary: z.array(z.string()),
  decisions: z.array(z.object({ id: z.string(), decision: z.enum(decisionKinds), reasonCode: z.string(), rationale: z.string(), decidedByName: z.string().nullable(), decidedAt: z.string() })),
  canDecide: z.boolean(),
});
export type Debrief = z.infer<typeof debriefSchema>;

export const decisionInputSchema = z.strictObject({
  decision: z.enum(decisionKinds),
  reasonCode: z.string().min(1).max(40),
  rationale: z.string().trim().min(10, 'Write at least a sentence of rationale').max(10_000),
}).meta({
  // OpenAPI request examples (`x-examples`); openapi.test.ts parses each with this schema.
  'x-examples': {
    advance: { summary: 'Advance to the next interview stage', value: { decision: 'advance', reasonCode: 'meets_bar', rationale: 'Strong evidence on architecture and strategy; the panel round should probe team building.' } },
  },
});

export const waitingSchema = z.object({
  items: z.array(
    z.object({
      interviewId: z.string(),
      applicationId: z.string(),
      jobId: z.string(),
      jobTitle: z.string(),
      candidateName: z.string(),
      roundName: z.string(),
      interviewerId: z.string(),
      interviewerName: z.string(),
      endedAt: z.string(),
      hoursOverdue: z.number(),
      state: z.enum(['none', 'draft']),
    }),
  ),
});

export const getMyScorecardRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/interviews/:id/scorecard',
  summary: 'Your scorecard for an interview you are on (started as a draft stamped with the plan version)',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: scorecardSchema,
});

export const getScorecardRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/scorecards/:id',
  summary: "A scorecard: yours, or another's once the blind rule lets you see it (otherwise redacted)",
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: scorecardSchema,
});

export const saveScorecardRoute = defineRoute({
  method: 'PUT',
  path: '/api/v1/scorecards/:id',
  summary: 'Save your draft or submit; a stale baseVersion answers 409 with details.currentVersion; edits after submit become revisions',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: saveScorecardSchema,
  response: scorecardSchema,
});

export const scorecardRevisionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/scorecards/:id/revisions',
  summary: 'Submitted revisions of a scorecard, oldest first',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: z.object({ items: z.array(z.object({ number: z.number(), body: scorecardBodySchema, createdAt: z.string() })) }),
});

export const applicationScorecardsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/scorecards',
  summary: "An application's scorecards: others' are redacted until the blind rule lets you see them",
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: z.object({ items: z.array(scorecardSchema), canSeeFeedback: z.boolean() }),
});

export const debriefRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/debrief',
  summary: 'Debrief: competency × interviewer matrix, weighted score, disagreement flags, missing scorecards, summary (403 until the blind rule allows)',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: debriefSchema,
});

export const decideRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/applications/:id/decision',
  summary: 'Decide (advance, reject, offer, hire) with a reason code and a rationale; moves the stage',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  body: decisionInputSchema,
  response: debriefSchema,
  status: 201,
});

export const decisionBriefRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/applications/:id/decision-brief',
  summary: 'The decision brief as Markdown or PDF',
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: z.strictObject({ format: z.enum(['md', 'pdf']).default('md') }),
  response: fileSchema,
  file: true,
});

export const waitingRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/feedback/waiting',
  summary: 'Feedback the team is waiting on: ended interviews without a submitted scorecard, most overdue first',
  tag: 'scorecards',
  access: { kind: 'member', roles: ['owner', 'admin', 'recruiter', 'hiring_manager'] },
  query: z.strictObject({ jobId: z.uuid().optional() }),
  response: waitingSchema,
});

export const exportScorecardsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/jobs/:id/scorecards/export',
  summary: "Submitted scorecards of a job you may see, as CSV or JSON",
  tag: 'scorecards',
  access: { kind: 'member' },
  params: idParamsSchema,
  query: z.strictObject({ format: z.enum(['csv', 'json']).default('json') }),
  response: fileSchema,
  file: true,
});

