import { z } from 'zod';

/**
 * Schemas of the knowledge base in content/ (roles, competencies, advisor weights). Isomorphic:
 * the server, the CLI and the content tests validate with them; the web app renders the types.
 */

const text = z.string().trim().min(20, 'Write at least a full sentence');
const shortText = z.string().trim().min(2).max(200);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');
const list = (min: number) => z.array(text).min(min);

/** Responsibility areas: the controlled vocabulary the overlap computation compares. */
export const responsibilityAreas = [
  'product-vision',
  'product-strategy',
  'roadmap',
  'customer-research',
  'market-analysis',
  'user-experience',
  'product-lifecycle',
  'pricing-packaging',
  'go-to-market',
  'product-analytics',
  'technology-strategy',
  'architecture',
  'software-delivery',
  'engineering-quality',
  'infrastructure-operations',
  'security-risk',
  'data-platform',
  'enterprise-it',
  'vendor-management',
  'research-innovation',
  'digital-transformation',
  'talent-org-design',
  'budget-investment',
  'executive-communication',
  'cross-functional-alignment',
  'compliance-governance',
] as const;
export const responsibilityAreaSchema = z.enum(responsibilityAreas);
export type ResponsibilityArea = z.infer<typeof responsibilityAreaSchema>;

export const competencyCategories = ['product', 'technology', 'leadership', 'business'] as const;

export const anchorSchema = z.strictObject({
  label: shortText,
  /** Concrete, observable behaviour at this level. */
  behaviours: list(2),
});

export const competencySchema = z.strictObject({
  id,
  name: shortText,
  category: z.enum(competencyCategories),
  definition: text,
  /** Ratings: 1 clear concern, 2 mixed, 3 strong, 4 exceptional. */
  anchors: z.strictObject({ '1': anchorSchema, '2': anchorSchema, '3': anchorSchema, '4': anchorSchema }),
  positiveSignals: list(3),
  redFlags: list(3),
  /** Default weight per role id, 1 (useful) … 5 (critical); roles absent do not need it. */
  roleWeights: z.record(id, z.number().int().min(1).max(5)),
  /** Ways an individual can build the competency (used by the individual advisor for gaps). */
  development: list(2),
});
export type Competency = z.infer<typeof competencySchema>;

const skillSchema = z.strictObject({ name: shortText, description: text, competencies: z.array(id).min(1) });

const citedFigureSchema = z.strictObject({
  description: shortText,
  currency: z.string().length(3),
  low: z.number().positive().optional(),
  median: z.number().positive().optional(),
  high: z.number().positive().optional(),
  period: z.enum(['year']),
  region: shortText,
  source: shortText,
  year: z.number().int().min(2000).max(2100),
  url: z.url().optional(),
});

export const roleProfileSchema = z.strictObject({
  id,
  title: shortText,
  abbreviation: z.string().min(2).max(8),
  family: z.enum(['product', 'technology', 'combined', 'information', 'digital']),
  level: z.enum(['c-suite', 'vp', 'head']),
  summary: text,
  overview: z.strictObject({ definition: text, background: text, evolution: text }),
  responsibilities: z
    .array(z.strictObject({ title: shortText, description: text, area: responsibilityAreaSchema }))
    .min(6),
  focus: z.strictObject({
    /** −1 entirely internal/technology … +1 entirely external/market. */
    orientation: z.number().min(-1).max(1),
    orientationNote: text,
    primaryConcerns: list(4),
    successAt90Days: list(3),
    successAtOneYear: list(3),
  }),
  skills: z.strictObject({ hard: z.array(skillSchema).min(4), soft: z.array(skillSchema).min(3) }),
  qualifications: z.strictObject({
    education: list(1),
    certifications: list(1),
    yearsOfExperience: z.strictObject({ minimum: z.number().int().min(0), typical: z.number().int().min(0) }),
    priorRoles: z.array(shortText).min(2),
    typicalBackground: text,
  }),
  positioning: z.strictObject({
    reportsTo: z.array(z.strictObject({ to: shortText, frequency: z.enum(['most common', 'common', 'occasional']), note: text })).min(1),
    directReports: z.array(shortText).min(2),
    collaborators: z.array(z.strictObject({ with: shortText, how: text })).min(3),
  }),
  overlaps: z.array(z.strictObject({ role: id, sharedAreas: z.array(responsibilityAreaSchema).min(1), howToDivide: text })).min(1),
  misconceptions: z.array(z.strictObject({ myth: text, correction: text })).min(3),
  careerPath: z.strictObject({ feederRoles: z.array(shortText).min(2), nextRoles: z.array(shortText).min(1), typicalSteps: list(3) }),
  compensation: z.strictObject({
    drivers: z
      .array(z.strictObject({ factor: z.enum(['industry', 'company-size', 'stage', 'location', 'equity', 'scope', 'other']), description: text }))
      .min(4),
    /** Figures only with a public source and year. May be empty. */
    figures: z.array(citedFigureSchema),
  }),
  whenToHire: z.strictObject({ signals: list(4), notYet: list(3), alternatives: list(2) }),
  occupationCodes: z.strictObject({
    onet: z.strictObject({ code: z.string().regex(/^\d{2}-\d{4}\.\d{2}$/), title: shortText }).nullable(),
    esco: z.strictObject({ code: shortText, title: shortText }).nullable(),
    note: text,
  }),
  sources: z.array(z.strictObject({ title: shortText, publisher: shortText, year: z.number().int(), url: z.url().optional() })),
});
export type RoleProfile = z.infer<typeof roleProfileSchema>;

// ---- The advisor (content/advisor/) ----

const optionSchema = z.strictObject({ id, label: shortText });
const choiceQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z]+$/),
  label: shortText,
  kind: z.enum(['single', 'multiple']),
  options: z.array(optionSchema).min(2),
});

export const orgQuestionnaireSchema = z.strictObject({
  id: z.literal('organization'),
  title: shortText,
  intro: text,
  outcomes: z.array(z.strictObject({ id, label: shortText, roles: z.array(id) })).min(2),
  questions: z.array(choiceQuestionSchema).min(3),
});
export type OrgQuestionnaireContent = z.infer<typeof orgQuestionnaireSchema>;

export const orgWeightsSchema = z.strictObject({
  base: z.record(id, z.number()),
  effects: z.record(z.string(), z.record(id, z.strictObject({ points: z.record(id, z.number().int().min(-10).max(10)), reason: text }))),
  nextSteps: z.record(id, list(2)),
});
export type OrgWeightsContent = z.infer<typeof orgWeightsSchema>;

const scaleQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z]+$/),
  label: shortText,
  kind: z.literal('scale'),
  min: z.number().int(),
  max: z.number().int(),
  minLabel: shortText,
  maxLabel: shortText,
});
export const individualQuestionnaireSchema = z.strictObject({
  id: z.literal('individual'),
  title: shortText,
  intro: text,
  ratingScale: z.strictObject({ '1': shortText, '2': shortText, '3': shortText, '4': shortText }),
  questions: z
    .array(
      z.union([
        z.strictObject({ id: z.literal('currentRole'), label: shortText, kind: z.literal('single'), options: z.array(optionSchema).min(2) }),
        z.strictObject({ id: z.literal('yearsOfExperience'), label: shortText, kind: z.literal('number'), min: z.number(), max: z.number() }),
        scaleQuestionSchema,
        z.strictObject({ id: z.literal('ratings'), label: shortText, kind: z.literal('ratings') }),
      ]),
    )
    .length(5),
});
export type IndividualQuestionnaireContent = z.infer<typeof individualQuestionnaireSchema>;

export const individualWeightsSchema = z.strictObject({
  shares: z
    .strictObject({
      competencies: z.number().min(0).max(1),
      orientation: z.number().min(0).max(1),
      leadership: z.number().min(0).max(1),
      experience: z.number().min(0).max(1),
      path: z.number().min(0).max(1),
    })
    .refine((s) => Math.abs(s.competencies + s.orientation + s.leadership + s.experience + s.path - 1) < 1e-9, 'shares must sum to 1'),
  pathCloseness: z.record(id, z.record(id, z.number().min(0).max(1))),
  ratingTarget: z.number().min(1).max(4),
  gapWeight: z.number().int().min(1).max(5),
  gapRating: z.number().int().min(1).max(4),
  leadershipByLevel: z.strictObject({ 'c-suite': z.number().min(1).max(4), vp: z.number().min(1).max(4), head: z.number().min(1).max(4) }),
  steps: z.record(id, z.record(id, list(2))),
});
export type IndividualWeightsContent = z.infer<typeof individualWeightsSchema>;
