import { z } from 'zod';

/**
 * The wording of generated job descriptions, one file per language in content/jd/<language>.json
 * (loaded by src/modules/jd/jd.content.ts). Pure: validates parsed JSON. Every template names the
 * placeholders it may use; an unknown placeholder or a stray brace is a content error, caught at
 * load time rather than in a generated text.
 */

export const jdLanguages = ['en'] as const;
export type JdLanguage = (typeof jdLanguages)[number];

export const jdTones = ['formal', 'warm', 'startup'] as const;
export type JdTone = (typeof jdTones)[number];

export const jdLengths = ['short', 'standard', 'long'] as const;
export type JdLength = (typeof jdLengths)[number];

export const jdStages = ['seed', 'series-a', 'series-b', 'growth', 'public', 'nonprofit', 'public-sector'] as const;
export type JdStage = (typeof jdStages)[number];

export const jdRemotePolicies = ['onsite', 'hybrid', 'remote'] as const;
export type JdRemotePolicy = (typeof jdRemotePolicies)[number];

export const jdSalaryPeriods = ['year', 'month', 'hour'] as const;
export type JdSalaryPeriod = (typeof jdSalaryPeriods)[number];

/** Section ids, in the order every job description has them. */
export const jdSectionIds = [
  'about-company',
  'role-and-why-now',
  'what-you-will-do',
  'what-you-will-bring',
  'nice-to-have',
  'compensation-and-benefits',
  'how-we-hire',
  'equal-opportunity',
] as const;
export type JdSectionId = (typeof jdSectionIds)[number];

/** `{name}` placeholders: ASCII letters only. */
export const placeholderPattern = /\{([A-Za-z]+)\}/g;

/** A template string that may use only `allowed` placeholders and must use every `required` one. */
function template(allowed: readonly string[], required: readonly string[] = []) {
  return z
    .string()
    .trim()
    .min(1)
    .superRefine((s, ctx) => {
      const used = new Set<string>();
      for (const m of s.matchAll(placeholderPattern)) {
        const name = m[1]!;
        used.add(name);
        if (!allowed.includes(name)) {
          ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; allowed: ${allowed.length ? allowed.map((a) => `{${a}}`).join(', ') : 'none'}` });
        }
      }
      for (const r of required) if (!used.has(r)) ctx.addIssue({ code: 'custom', message: `must use the placeholder {${r}}` });
      if (/[{}]/.test(s.replace(placeholderPattern, ''))) ctx.addIssue({ code: 'custom', message: 'unbalanced or malformed brace' });
    });
}

/** Plural forms by Intl.PluralRules category; `other` is always required. */
const plural = z.strictObject({
  zero: template(['count'], ['count']).optional(),
  one: template(['count'], ['count']).optional(),
  two: template(['count'], ['count']).optional(),
  few: template(['count'], ['count']).optional(),
  many: template(['count'], ['count']).optional(),
  other: template(['count'], ['count']),
});
export type JdPlural = z.infer<typeof plural>;

const plain = z.string().trim().min(1);

const stageSchema = z.strictObject({
  /** With its article: "an early-stage company". */
  noun: plain,
  /** A full sentence about the company at this stage (standard and long). */
  context: plain,
  /** A clause completing "because …": why the role is open now. */
  whyNow: plain,
  /** A phrase framing the responsibilities at this stage ("building … from scratch"). */
  framing: plain,
});

const company = ['company'] as const;

const toneSchema = z.strictObject({
  headings: z.strictObject(
    Object.fromEntries(jdSectionIds.map((id) => [id, template(company)])) as Record<JdSectionId, ReturnType<typeof template>>,
  ),
  about: z.strictObject({
    intro: template(['company', 'stageNoun', 'industry', 'people', 'hq'], ['company']),
    mission: template(['company', 'mission'], ['mission']),
    context: template(['company', 'stageContext'], ['stageContext']),
  }),
  role: z.strictObject({
    intro: template(['company', 'title'], ['title']),
    summary: template(['title', 'summary', 'summaryLower']),
    whyNow: template(['company', 'whyNow'], ['whyNow']),
    reporting: template(['title', 'reportsTo', 'team'], ['reportsTo', 'team']),
    reportingNoTeam: template(['title', 'reportsTo'], ['reportsTo']),
    workplace: z.strictObject({
      onsite: template(['locations', 'hq'], ['locations']),
      hybrid: template(['locations', 'hq'], ['locations']),
      remote: template(['locations', 'hq'], ['locations']),
    }),
    success: template(['title', 'outcomes'], ['outcomes']),
  }),
  do: z.strictObject({
    intro: template(['company', 'framing'], ['framing']),
    emphasis: template(['competencies'], ['competencies']),
    bullet: template(['title', 'titleLower', 'detail'], ['detail']),
    bulletShort: template(['title', 'titleLower']),
  }),
  bring: z.strictObject({
    applyAnyway: template([]),
    intro: template([]),
    bullet: template(['skill'], ['skill']),
  }),
  nice: z.strictObject({
    intro: template([]),
    bullet: template(['skill'], ['skill']),
    industry: template(['industry'], ['industry']),
  }),
  pay: z.strictObject({
    range: template(['range'], ['range']),
    noRange: template([]),
    equity: template(['equity'], ['equity']),
    noHistory: template([]),
    benefitsIntro: template([]),
    noBenefits: template([]),
  }),
  hire: z.strictObject({
    fairness: template([]),
    intro: template(['count', 'total'], ['count']),
    round: template(['name', 'minutes', 'focus'], ['name', 'focus']),
    roundNoFocus: template(['name', 'minutes'], ['name']),
    generic: template(['company']),
    genericDetail: template(['company']),
  }),
  equal: z.strictObject({
    statement: template(['company']),
    adjustments: template(['company']),
    extra: template(['company']),
  }),
});
export type JdToneContent = z.infer<typeof toneSchema>;

export const jdContentSchema = z.strictObject({
  language: z.enum(jdLanguages),
  /** BCP 47 locale for Intl (numbers, currency, lists, plural rules). */
  locale: z.string().min(2).refine((l) => Intl.NumberFormat.supportedLocalesOf([l]).length === 1, 'locale not supported by Intl'),
  units: z.strictObject({ people: plural, minutes: plural, rounds: plural }),
  salary: z.strictObject({
    range: template(['min', 'max', 'period'], ['min', 'max']),
    single: template(['amount', 'period'], ['amount']),
    periods: z.strictObject({ year: plain, month: plain, hour: plain }),
  }),
  stages: z.strictObject(Object.fromEntries(jdStages.map((s) => [s, stageSchema])) as Record<JdStage, typeof stageSchema>),
  /**
   * Per competency id, phrases completing "experience …" for must-haves (`bring`) and
   * nice-to-haves (`nice`). Competencies without an entry use `fallbackCompetency`.
   */
  competencies: z.record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.strictObject({ bring: plain, nice: plain })),
  fallbackCompetency: z.strictObject({ bring: template(['name', 'nameLower']), nice: template(['name', 'nameLower']) }),
  tones: z.strictObject({ formal: toneSchema, warm: toneSchema, startup: toneSchema }),
});
export type JdContent = z.infer<typeof jdContentSchema>;

/**
 * Validates parsed JSON as job-description wording. With `language`, also checks the file is for
 * that language. Throws an Error listing every problem.
 */
export function parseJdContent(raw: unknown, language?: JdLanguage): JdContent {
  const r = jdContentSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid job-description content${language ? ` (${language})` : ''}:\n${lines.join('\n')}`);
  }
  if (language && r.data.language !== language) {
    throw new Error(`Job-description content declares language "${r.data.language}", expected "${language}"`);
  }
  return r.data;
}
