import { z } from 'zod';
import { fileSchema, idParamsSchema, idSchema } from '../../shared/common.ts';
import { defineRoute } from '../../shared/route.ts';

/**
 * Predictive talent analytics (issue 9): funnel, interviewer calibration, inter-rater reliability,
 * predictive validity against post-hire outcomes, adverse impact, and recommendations. Every figure
 * carries its sample size and, where it is an estimate, a 95 % interval (DECISIONS 33); cells with
 * fewer than 5 people are suppressed, with complementary suppression (DECISIONS 31). All numbers are
 * aggregated in SQL from sufficient statistics (DECISIONS 34).
 *
 * Who reads what: the reports show aggregates to owners, admins, recruiters and hiring managers;
 * individual self-identified demographics are readable only by members holding `compliance`.
 */

export const ANALYTICS_READERS = ['owner', 'admin', 'recruiter', 'hiring_manager'] as const;
/** Cells (groups, stages, predictors) with fewer people than this are suppressed in the app and its exports. */
export const MIN_CELL = 5;

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD');

/** The cohort: applications created in [from, to] (inclusive dates, UTC), optionally one job, role or source. */
export const analyticsFilterSchema = z.strictObject({
  jobId: idSchema.optional(),
  roleId: z.string().max(80).optional(),
  source: z.string().max(120).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type AnalyticsFilter = z.infer<typeof analyticsFilterSchema>;

/** An estimate with its 95 % interval; null values when it is undefined or suppressed. */
export const estimateSchema = z.object({
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type Estimate = z.infer<typeof estimateSchema>;

/** A proportion count/n with a Wilson interval. When `suppressed`, n, count and the estimate are null. */
export const rateSchema = estimateSchema.extend({
  n: z.number().nullable(),
  count: z.number().nullable(),
  suppressed: z.boolean(),
});
export type Rate = z.infer<typeof rateSchema>;

const reportMeta = {
  filter: analyticsFilterSchema,
  generatedAt: z.string(),
  /** Applications in the cohort. */
  applications: z.number(),
  /** Short readings in plain words, most important first. */
  reading: z.array(z.string()),
};

// ── Funnel ────────────────────────────────────────────────────────────────────────────────────────

export const funnelStageSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Applications that reached the stage. */
  entered: z.number(),
  /** Of those, moved on to a later stage. */
  passed: z.number(),
  /** Of those, rejected or withdrew at this stage. */
  exited: z.number(),
  /** Of those, still in the stage. */
  active: z.number(),
  /** Pass-through: passed / (passed + exited), decided applications only. */
  rate: rateSchema,
  /** Median days spent in the stage by those who left it, and how many that is. */
  medianDays: z.number().nullable(),
  daysN: z.number(),
});
export const funnelGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  applications: z.number(),
  hired: z.number(),
  /** Hired / decided (hired + rejected). */
  hireRate: rateSchema,
});
export const funnelBreakdowns = ['job', 'role', 'source', 'month'] as const;
export const funnelQuerySchema = analyticsFilterSchema.extend({ by: z.enum(funnelBreakdowns).default('job') });
export const funnelReportSchema = z.object({
  ...reportMeta,
  stages: z.array(funnelStageSchema),
  timeToHire: z.object({ n: z.number(), medianDays: z.number().nullable(), p25Days: z.number().nullable(), p75Days: z.number().nullable() }),
  /** Offers accepted / offers resolved (accepted or declined). */
  offerAcceptance: rateSchema,
  by: z.enum(funnelBreakdowns),
  groups: z.array(funnelGroupSchema),
});
export type FunnelReport = z.infer<typeof funnelReportSchema>;

// ── Interviewer calibration ──────────────────────────────────────────────────────────────────────

export const calibrationVerdicts = ['lenient', 'severe', 'in line', 'too few ratings'] as const;
export const interviewerCalibrationSchema = z.object({
  id: z.string(),
  name: z.string(),
  ratings: z.number(),
  scorecards: z.number(),
  mean: z.number().nullable(),
  /**
   * Mean of (this interviewer's rating − the mean of the other panelists' ratings of the same
   * candidate and competency), with a t interval; positive = rates higher than the panel.
   */
  difference: estimateSchema.extend({ n: z.number() }),
  verdict: z.enum(calibrationVerdicts),
  /** Share of ratings at the ends of the scale (1 or 4). */
  extremeShare: rateSchema,
  /** Hours from the interview's end to the submit (median). */
  medianHoursToSubmit: z.number().nullable(),
  /** Submitted within 24 hours of the interview's end. */
  onTime: rateSchema,
  /** Ratings within one point of the other panelists' mean for the same candidate and competency. */
  panelAgreement: rateSchema,
  /** Recommendations (yes/strong yes vs no/strong no) that matched the final decision (offer/hire vs reject). */
  decisionAgreement: rateSchema,
});
export const calibrationReportSchema = z.object({
  ...reportMeta,
  pool: z.object({ ratings: z.number(), scorecards: z.number(), interviewers: z.number(), mean: z.number().nullable(), sd: z.number().nullable(), extremeShare: rateSchema }),
  interviewers: z.array(interviewerCalibrationSchema),
});
export type CalibrationReport = z.infer<typeof calibrationReportSchema>;

// ── Reliability ──────────────────────────────────────────────────────────────────────────────────

export const iccEstimateSchema = estimateSchema.extend({ reason: z.string().nullable() });
export const reliabilityRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  ratings: z.number(),
  /** Candidates with at least two ratings of it. */
  applications: z.number(),
  /** Raters per candidate in the one-way ICC (the most common panel size ≥ 2). */
  k: z.number().nullable(),
  /** Candidates rated by exactly k raters (the ones the ICC uses). */
  nComplete: z.number(),
  /** ICC(1,1): one-way random, single rater; F-based interval. */
  icc1: iccEstimateSchema,
  /** ICC(1,k): the reliability of the mean of k raters. */
  icc1k: iccEstimateSchema,
  /** Krippendorff's alpha, ordinal metric, every pairable value; seeded bootstrap interval. */
  alphaOrdinal: iccEstimateSchema.extend({ pairableValues: z.number() }),
});
export const reliabilityReportSchema = z.object({
  ...reportMeta,
  overall: reliabilityRowSchema,
  competencies: z.array(reliabilityRowSchema),
});
export type ReliabilityReport = z.infer<typeof reliabilityReportSchema>;

// ── Predictive validity ──────────────────────────────────────────────────────────────────────────

export const validityOutcomes = [
  'performance_12m',
  'performance_6m',
  'retained_12m',
  'retained_6m',
  'retained_24m',
  'ramp_days',
  'manager_satisfaction',
  'regretted_attrition',
] as const;
export type ValidityOutcome = (typeof validityOutcomes)[number];
export const validityOutcomeLabels: Record<ValidityOutcome, string> = {
  performance_12m: 'Performance at 12 months',
  performance_6m: 'Performance at 6 months',
  retained_12m: 'Retained at 12 months',
  retained_6m: 'Retained at 6 months',
  retained_24m: 'Retained at 24 months',
  ramp_days: 'Ramp time (days)',
  manager_satisfaction: 'Manager satisfaction',
  regretted_attrition: 'Regretted attrition',
};
export const binaryOutcomes: readonly ValidityOutcome[] = ['retained_12m', 'retained_6m', 'retained_24m', 'regretted_attrition'];

export const predictorKinds = ['overall', 'competency', 'round', 'question', 'interviewer'] as const;
export const validityPredictorSchema = z.object({
  kind: z.enum(predictorKinds),
  id: z.string(),
  label: z.string(),
  /** Hires with both the score and the outcome. */
  n: z.number(),
  suppressed: z.boolean(),
  method: z.enum(['pearson', 'point-biserial']),
  /** Pearson (point-biserial for a binary outcome) with a Fisher-z interval and two-sided p. */
  r: estimateSchema.extend({ p: z.number().nullable() }),
  spearman: z.object({ value: z.number().nullable(), p: z.number().nullable() }),
});
export const logisticCoefficientSchema = z.object({
  name: z.string(),
  estimate: z.number(),
  se: z.number(),
  z: z.number(),
  p: z.number(),
  /** Wald 95 % interval. */
  lower: z.number(),
  upper: z.number(),
});
export const validityReportSchema = z.object({
  ...reportMeta,
  outcome: z.object({ key: z.enum(validityOutcomes), label: z.string(), binary: z.boolean() }),
  /** Hired applications in the cohort, and how many have this outcome recorded. */
  hires: z.number(),
  withOutcome: z.number(),
  predictors: z.array(validityPredictorSchema),
  /** Binary outcomes only: the outcome on the per-competency mean ratings. Null with `logisticNote` when it cannot be fitted. */
  logistic: z
    .object({
      n: z.number(),
      events: z.number(),
      coefficients: z.array(logisticCoefficientSchema),
      deviance: z.number(),
      aic: z.number(),
      /** L2-regularized variant: penalty and k-fold cross-validated AUC. */
      lambda: z.number(),
      cvAuc: estimateSchema.extend({ folds: z.number() }),
      calibration: z.array(z.object({ bin: z.number(), n: z.number(), predicted: z.number(), observed: z.number() })),
    })
    .nullable(),
  logisticNote: z.string().nullable(),
  /** Always present: only hires have outcomes, so correlations understate the true validity. */
  rangeRestriction: z.string(),
});
export type ValidityReport = z.infer<typeof validityReportSchema>;
export const validityQuerySchema = analyticsFilterSchema.extend({ outcome: z.enum(validityOutcomes).default('performance_12m') });

// ── Adverse impact ───────────────────────────────────────────────────────────────────────────────

export const characteristics = ['sex', 'raceEthnicity', 'ageBand', 'sexRace'] as const;
export type Characteristic = (typeof characteristics)[number];
export const characteristicLabels: Record<Characteristic, string> = {
  sex: 'Sex',
  raceEthnicity: 'Race/ethnicity',
  ageBand: 'Age band',
  sexRace: 'Sex × race/ethnicity (intersectional)',
};

export const impactGroupSchema = z.object({
  group: z.string(),
  /** Null when suppressed. */
  n: z.number().nullable(),
  selected: z.number().nullable(),
  /** Selection (or scoring) rate with a Wilson interval. */
  rate: rateSchema,
  /** Rate ÷ the reference group's rate, with a seeded bootstrap interval. */
  impactRatio: estimateSchema,
  /** Below four-fifths of the reference rate (decided with integers). */
  fourFifthsFlag: z.boolean(),
  fisherP: z.number().nullable(),
  zP: z.number().nullable(),
  suppressed: z.boolean(),
  isReference: z.boolean(),
});
export const impactTableSchema = z.object({
  id: z.string(),
  name: z.string(),
  method: z.enum(['selection', 'scoring-rate']),
  /** The group with the highest rate among those shown. */
  referenceGroup: z.string().nullable(),
  /** Scoring rate only: the median score of the whole sample. */
  median: z.number().nullable(),
  groups: z.array(impactGroupSchema),
  /** Some shown group is flagged by the four-fifths rule. */
  flagged: z.boolean(),
});
export type ImpactTable = z.infer<typeof impactTableSchema>;
export const adverseImpactReportSchema = z.object({
  ...reportMeta,
  characteristic: z.enum(characteristics),
  counts: z.object({ provided: z.number(), declined: z.number(), notProvided: z.number() }),
  /** One table per stage (pass-through of decided applications), then the final decision (hired of decided). */
  stages: z.array(impactTableSchema),
  final: impactTableSchema,
  /** NYC Local Law 144: share of each group scoring above the pooled median of the overall interview score. */
  scoringRate: impactTableSchema,
});
export type AdverseImpactReport = z.infer<typeof adverseImpactReportSchema>;
export const adverseImpactQuerySchema = analyticsFilterSchema.extend({ characteristic: z.enum(characteristics).default('sex') });

// ── Recommendations ──────────────────────────────────────────────────────────────────────────────

export const recommendationKinds = ['reweight', 'question', 'calibrate', 'adverse_impact'] as const;
export const recommendationSchema = z.object({
  id: z.string(),
  kind: z.enum(recommendationKinds),
  title: z.string(),
  detail: z.string(),
  /** The evidence, one line each, with sample sizes. */
  evidence: z.array(z.string()),
  n: z.number(),
  /** Re-weighting only: the plan to change and the proposed competency weights (summing to 100). */
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  /** The plan version the proposal was computed on: the base of the apply (a newer version → 409). */
  planVersionId: z.string().nullable(),
  /** Competency id → name, for the weights. */
  competencyNames: z.record(z.string(), z.string()).nullable(),
  currentWeights: z.record(z.string(), z.number()).nullable(),
  proposedWeights: z.record(z.string(), z.number()).nullable(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
export const recommendationsReportSchema = z.object({
  ...reportMeta,
  outcome: z.enum(validityOutcomes),
  items: z.array(recommendationSchema),
  /** Item analysis of per-question ratings: mean, variance, corrected item-total correlation. */
  questions: z.array(
    z.object({
      ref: z.string(),
      label: z.string(),
      n: z.number(),
      mean: z.number().nullable(),
      variance: z.number().nullable(),
      itemTotal: estimateSchema,
      suppressed: z.boolean(),
    }),
  ),
});
export type RecommendationsReport = z.infer<typeof recommendationsReportSchema>;

export const applyReweightSchema = z.strictObject({
  planId: idSchema,
  /** The plan version the proposal was computed against; a newer version → 409. */
  baseVersionId: idSchema,
  weights: z.record(z.string().max(80), z.number().int('Use whole-number weights').min(0).max(100)),
  note: z.string().trim().max(500).optional(),
});

// ── Exports ──────────────────────────────────────────────────────────────────────────────────────

export const analyticsReports = ['funnel', 'calibration', 'reliability', 'validity', 'adverse-impact'] as const;
export type AnalyticsReportName = (typeof analyticsReports)[number];
export const exportQuerySchema = analyticsFilterSchema.extend({
  report: z.enum(analyticsReports),
  outcome: z.enum(validityOutcomes).optional(),
  characteristic: z.enum(characteristics).optional(),
  by: z.enum(funnelBreakdowns).optional(),
});
export const biasAuditQuerySchema = analyticsFilterSchema.extend({ format: z.enum(['md', 'csv']).default('md') });

// ── Demographics (DECISIONS 35) ──────────────────────────────────────────────────────────────────

export const sexValues = ['female', 'male', 'declined'] as const;
export const raceEthnicityValues = [
  'Hispanic or Latino',
  'White',
  'Black or African American',
  'Native Hawaiian or Other Pacific Islander',
  'Asian',
  'American Indian or Alaska Native',
  'Two or More Races',
  'declined',
] as const;
export const ageBandValues = ['under 40', '40 and over', 'declined'] as const;
export const DEMOGRAPHICS_WORDING_VERSION = 'self-id/1';

export const demographicsBodySchema = z.strictObject({
  sex: z.enum(sexValues, 'Choose an answer or "I decline to answer"'),
  raceEthnicity: z.enum(raceEthnicityValues, 'Choose an answer or "I decline to answer"'),
  ageBand: z.enum(ageBandValues, 'Choose an answer or "I decline to answer"'),
});
export type DemographicsBody = z.infer<typeof demographicsBodySchema>;

export const candidateDemographicsSchema = z.object({
  candidateId: z.string(),
  provided: z.boolean(),
  sex: z.enum(sexValues).nullable(),
  raceEthnicity: z.enum(raceEthnicityValues).nullable(),
  ageBand: z.enum(ageBandValues).nullable(),
  source: z.enum(['form', 'link', 'import']).nullable(),
  submittedAt: z.string().nullable(),
  consentWordingVersion: z.string().nullable(),
});
export type CandidateDemographics = z.infer<typeof candidateDemographicsSchema>;

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────

const readers = { kind: 'member', roles: ANALYTICS_READERS } as const;

export const funnelRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/funnel',
  summary: 'Funnel: pass-through per stage (Wilson 95 % intervals), time in stage, time to hire, offer acceptance, by job/role/source/month; cohort = applications created in the period',
  tag: 'analytics',
  access: readers,
  query: funnelQuerySchema,
  response: funnelReportSchema,
});

export const calibrationRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/calibration',
  summary: "Interviewer calibration: each interviewer's difference from the rest of the panel (t interval → lenient/severe), extreme ratings, timeliness, agreement with the panel and the decision",
  tag: 'analytics',
  access: readers,
  query: analyticsFilterSchema,
  response: calibrationReportSchema,
});

export const reliabilityRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/reliability',
  summary: "Inter-rater reliability per competency and overall: ICC(1,1) and ICC(1,k) with F-based intervals, ordinal Krippendorff's alpha with a bootstrap interval",
  tag: 'analytics',
  access: readers,
  query: analyticsFilterSchema,
  response: reliabilityReportSchema,
});

export const validityRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/validity',
  summary: 'Predictive validity: interview scores (overall, per competency, round, question, interviewer) against a post-hire outcome — Pearson/point-biserial with Fisher-z intervals, Spearman, logistic regression for binary outcomes',
  tag: 'analytics',
  access: readers,
  query: validityQuerySchema,
  response: validityReportSchema,
});

export const adverseImpactRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/adverse-impact',
  summary: 'Adverse impact per stage and for the final decision (selection rates, impact ratios, four-fifths flag, Fisher exact and z tests) and the LL144 scoring rate; groups under 5 suppressed',
  tag: 'analytics',
  access: readers,
  query: adverseImpactQuerySchema,
  response: adverseImpactReportSchema,
});

export const recommendationsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/recommendations',
  summary: 'Recommendations with their evidence: competency re-weighting toward predictive ones, questions that do not discriminate, interviewers to calibrate, stages with adverse impact',
  tag: 'analytics',
  access: readers,
  query: analyticsFilterSchema.extend({ outcome: z.enum(validityOutcomes).default('performance_12m') }),
  response: recommendationsReportSchema,
});

export const applyReweightRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/analytics/recommendations/apply',
  summary: "Apply a re-weighting: saves a new version of the plan with the given competency weights (never edits a version in place); 409 on a stale base version",
  tag: 'analytics',
  access: { kind: 'member', roles: ['owner', 'admin', 'hiring_manager'] },
  body: applyReweightSchema,
  response: z.object({ planId: z.string(), versionId: z.string(), number: z.number() }),
});

export const exportReportRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/export',
  summary: 'One report as CSV (suppression applies)',
  tag: 'analytics',
  access: readers,
  query: exportQuerySchema,
  response: fileSchema,
  file: true,
});

export const biasAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/analytics/bias-audit',
  summary: 'Bias-audit summary (Markdown or CSV): data period, counts, selection and scoring rates and impact ratios per category, intersectional, unknown/declined; suppression applies',
  tag: 'analytics',
  access: readers,
  query: biasAuditQuerySchema,
  response: fileSchema,
  file: true,
});

export const getDemographicsRoute = defineRoute({
  method: 'GET',
  path: '/api/v1/candidates/:id/demographics',
  summary: "A candidate's self-identified demographics (members holding compliance only; 403 for everyone else)",
  tag: 'analytics',
  access: { kind: 'member' },
  params: idParamsSchema,
  response: candidateDemographicsSchema,
});

export const requestDemographicsRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/candidates/:id/demographics/request',
  summary: 'Email the candidate a single-use link (14 days) to the voluntary self-identification form, through the outbox',
  tag: 'analytics',
  access: { kind: 'member', roles: ['owner', 'admin', 'recruiter'] },
  params: idParamsSchema,
  response: z.object({ sentTo: z.string(), expiresAt: z.string() }),
  status: 201,
});
