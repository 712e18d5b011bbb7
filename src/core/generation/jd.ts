import { z } from 'zod';
import {
  type JdContent,
  type JdLength,
  type JdPlural,
  type JdSectionId,
  type JdToneContent,
  jdLanguages,
  jdLengths,
  jdRemotePolicies,
  jdSalaryPeriods,
  jdStages,
  jdTones,
  placeholderPattern,
} from './jd-content.ts';

/**
 * Job descriptions generated from a role profile, company facts and an optional interview plan.
 * Deterministic and pure: the same input and content always give the same text (no clock, no
 * randomness; numbers, lists and plurals through Intl with the content's locale). All wording
 * comes from the content (content/jd/<language>.json); this file only assembles it.
 */

const line = (max: number) => z.string().trim().min(1).max(max);
const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/**
 * The role: structural, so a library RoleProfile plus its weighted competencies fits as is
 * (extra fields are ignored).
 */
const roleSchema = z.object({
  id: z.string().optional(),
  title: line(200),
  /** Third-person description of the role; shown from the standard length up. */
  summary: line(4000),
  responsibilities: z
    .array(
      z.object({
        /** Imperative: "Set the technology strategy". */
        title: line(200),
        description: line(4000),
        /** Responsibility area (roles.content.ts vocabulary); maps to competencies for emphasis. */
        area: z.string().optional(),
        /** Competency ids this responsibility exercises; overrides the area mapping. */
        competencies: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  /** The role's competencies and their weights (higher matters more). */
  competencies: z.array(z.object({ id: kebab, name: line(200), weight: z.number().min(0).max(100) })).min(1),
  focus: z.object({ successAtOneYear: z.array(line(1000)).optional() }).optional(),
});

export const jdCompanySchema = z.strictObject({
  name: line(200),
  /** One line. */
  mission: line(300),
  industry: line(120),
  stage: z.enum(jdStages),
  headcount: z.number().int().min(1).max(10_000_000),
  headquarters: line(120),
  /** Offices for on-site and hybrid roles; countries, regions or time zones for remote ones. */
  locations: z.array(line(120)).min(1).max(20),
  remotePolicy: z.enum(jdRemotePolicies),
  /** A role title: "CEO". */
  reportsTo: line(120),
  teamSize: z.number().int().min(0).max(100_000),
  salary: z
    .strictObject({
      min: z.number().positive(),
      max: z.number().positive(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').refine((c) => currencyCodes.has(c), 'unknown ISO 4217 currency'),
      period: z.enum(jdSalaryPeriods),
    })
    .refine((s) => s.min <= s.max, { message: 'min must not exceed max', path: ['min'] })
    .optional(),
  equity: line(300).optional(),
  benefits: z.array(line(300)).max(30),
  /** Competency ids from the role's competencies, most important first. */
  emphasis: z.array(kebab).max(8),
});

const planSchema = z.strictObject({
  rounds: z
    .array(z.strictObject({ name: line(200), minutes: z.number().int().min(1).max(480), focus: z.array(line(200)).max(12) }))
    .min(1)
    .max(20),
});

export const jdInputSchema = z
  .strictObject({
    role: roleSchema,
    company: jdCompanySchema,
    tone: z.enum(jdTones),
    length: z.enum(jdLengths),
    language: z.enum(jdLanguages),
    /** Rounds with their competency names, for "how we hire". */
    plan: planSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const ids = new Set(input.role.competencies.map((c) => c.id));
    input.company.emphasis.forEach((e, i) => {
      if (!ids.has(e)) ctx.addIssue({ code: 'custom', path: ['company', 'emphasis', i], message: `"${e}" is not one of the role's competencies` });
    });
  });
export type JdInput = z.infer<typeof jdInputSchema>;
export type JdRole = JdInput['role'];
export type JdCompany = JdInput['company'];
export type JdPlanInput = NonNullable<JdInput['plan']>;

export interface JdSection {
  id: JdSectionId;
  heading: string;
  paragraphs: string[];
  bullets: string[];
}

export interface JobDescription {
  title: string;
  /** Always the eight sections of jdSectionIds, in that order. */
  sections: JdSection[];
  markdown: string;
  text: string;
  html: string;
}

/** Which competencies a responsibility area exercises (language-independent, so not in content/jd). */
export const areaCompetencies: Readonly<Record<string, readonly string[]>> = {
  'product-vision': ['product-vision-strategy'],
  'product-strategy': ['product-vision-strategy', 'business-acumen-commercial'],
  roadmap: ['product-lifecycle-roadmapping'],
  'customer-research': ['market-customer-insight', 'user-experience-judgment'],
  'market-analysis': ['market-customer-insight', 'business-acumen-commercial'],
  'user-experience': ['user-experience-judgment'],
  'product-lifecycle': ['product-lifecycle-roadmapping'],
  'pricing-packaging': ['business-acumen-commercial', 'market-customer-insight'],
  'go-to-market': ['cross-functional-collaboration', 'market-customer-insight'],
  'product-analytics': ['data-informed-decisions'],
  'technology-strategy': ['technology-strategy-architecture'],
  architecture: ['technology-strategy-architecture'],
  'software-delivery': ['engineering-execution-delivery'],
  'engineering-quality': ['engineering-execution-delivery', 'infrastructure-operations'],
  'infrastructure-operations': ['infrastructure-operations'],
  'security-risk': ['security-risk-management'],
  'data-platform': ['data-informed-decisions', 'technology-strategy-architecture'],
  'enterprise-it': ['enterprise-systems-governance'],
  'vendor-management': ['vendor-partner-management'],
  'research-innovation': ['innovation-rd-investment'],
  'digital-transformation': ['change-leadership-transformation'],
  'talent-org-design': ['talent-team-development'],
  'budget-investment': ['business-acumen-commercial'],
  'executive-communication': ['stakeholder-communication-influence'],
  'cross-functional-alignment': ['cross-functional-collaboration'],
  'compliance-governance': ['enterprise-systems-governance', 'security-risk-management'],
};

/** Bullet and paragraph budgets per length. */
const budgets: Record<JdLength, { responsibilities: number; mustHaves: number; niceToHaves: number; outcomes: number }> = {
  short: { responsibilities: 4, mustHaves: 3, niceToHaves: 2, outcomes: 0 },
  standard: { responsibilities: 6, mustHaves: 4, niceToHaves: 3, outcomes: 0 },
  long: { responsibilities: 9, mustHaves: 6, niceToHaves: 4, outcomes: 2 },
};

// ---- Helpers ----

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Fills `{name}` placeholders; a missing value is a programming error, not a content one. */
export function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(placeholderPattern, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`No value for placeholder {${name}} in "${tpl}"`);
    return v;
  });
}

/** Lower-cases the first letter unless the word looks like an acronym ("IT", "AI strategy"). */
function lowerFirst(s: string, locale: string): string {
  if (s.length > 1 && s[1] === s[1]!.toLocaleUpperCase(locale) && s[1] !== s[1]!.toLocaleLowerCase(locale)) return s;
  return s.charAt(0).toLocaleLowerCase(locale) + s.slice(1);
}

/** Ends user text with sentence punctuation when it has none. */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?…)"”’]$/.test(t) ? t : `${t}.`;
}

function firstSentence(s: string): string {
  return s.trim().split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)[0]!;
}

function pluralize(forms: JdPlural, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count) as keyof JdPlural;
  return fill(forms[category] ?? forms.other, { count: new Intl.NumberFormat(locale).format(count) });
}

function list(items: string[], locale: string, type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(locale, { style: 'long', type }).format(items);
}

function money(amount: number, currency: string, locale: string, whole: boolean): string {
  return new Intl.NumberFormat(locale, whole ? { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 } : { style: 'currency', currency }).format(amount);
}

/** "€180,000–€220,000 per year": whole amounts without decimals, otherwise the currency's usual decimals for both. */
export function formatSalary(salary: NonNullable<JdCompany['salary']>, content: JdContent): string {
  const whole = Number.isInteger(salary.min) && Number.isInteger(salary.max);
  const period = content.salary.periods[salary.period];
  const min = money(salary.min, salary.currency, content.locale, whole);
  if (salary.min === salary.max) return fill(content.salary.single, { amount: min, period });
  return fill(content.salary.range, { min, max: money(salary.max, salary.currency, content.locale, whole), period });
}

/** A role's competencies from the library's per-role weights, highest weight first (ties by id). */
export function competenciesForRole(roleId: string, competencies: { id: string; name: string; roleWeights: Record<string, number> }[]): JdRole['competencies'] {
  return competencies
    .filter((c) => (c.roleWeights[roleId] ?? 0) > 0)
    .map((c) => ({ id: c.id, name: c.name, weight: c.roleWeights[roleId]! }))
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
}

/** The "how we hire" input from a rubric.plan/v1 plan: round focus ids become competency names. */
export function jdPlanFromPlan(plan: { competencies: { id: string; name: string }[]; rounds: { name: string; minutes: number; focus: string[] }[] }): JdPlanInput {
  const names = new Map(plan.competencies.map((c) => [c.id, c.name]));
  return { rounds: plan.rounds.map((r) => ({ name: r.name, minutes: r.minutes, focus: r.focus.map((f) => names.get(f) ?? f) })) };
}

function responsibilityCompetencies(r: JdRole['responsibilities'][number]): readonly string[] {
  return r.competencies ?? (r.area ? areaCompetencies[r.area] ?? [] : []);
}

/**
 * Competencies ranked for the must-haves: emphasis first (in its order), then by weight, then by
 * how many of the role's responsibilities exercise them, then by id.
 */
function rankCompetencies(role: JdRole, emphasis: string[]): JdRole['competencies'] {
  const coverage = (id: string) => role.responsibilities.filter((r) => responsibilityCompetencies(r).includes(id)).length;
  const emphasised = emphasis.map((id) => role.competencies.find((c) => c.id === id)).filter((c): c is JdRole['competencies'][number] => !!c);
  const rest = role.competencies
    .filter((c) => !emphasis.includes(c.id))
    .sort((a, b) => b.weight - a.weight || coverage(b.id) - coverage(a.id) || a.id.localeCompare(b.id));
  return [...new Map([...emphasised, ...rest].map((c) => [c.id, c])).values()];
}

/** Responsibilities with those exercising an emphasised competency first (earliest emphasis first); otherwise profile order. */
function rankResponsibilities(role: JdRole, emphasis: string[]): JdRole['responsibilities'] {
  const rank = (r: JdRole['responsibilities'][number]) => {
    const positions = responsibilityCompetencies(r).map((c) => emphasis.indexOf(c)).filter((i) => i >= 0);
    return positions.length ? Math.min(...positions) : Number.POSITIVE_INFINITY;
  };
  return role.responsibilities.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.r);
}

// ---- Generation ----

/**
 * Generates the job description. `input` should have passed jdInputSchema (emphasis ids outside the
 * role's competencies are ignored here); `content` must be for `input.language`.
 */
export function generateJobDescription(input: JdInput, content: JdContent): JobDescription {
  if (content.language !== input.language) throw new Error(`Content is for "${content.language}", the input asks for "${input.language}"`);
  const { role, company, length, plan } = input;
  const t: JdToneContent = content.tones[input.tone];
  const locale = content.locale;
  const budget = budgets[length];
  const stage = content.stages[company.stage];
  const roleIds = new Set(role.competencies.map((c) => c.id));
  const emphasis = [...new Set(company.emphasis.filter((e) => roleIds.has(e)))];
  const lower = (s: string) => lowerFirst(s, locale);
  const companyVars = { company: company.name };

  const sections: JdSection[] = [];
  const add = (id: JdSectionId, paragraphs: string[], bullets: string[] = []) =>
    sections.push({ id, heading: fill(t.headings[id], companyVars), paragraphs, bullets });

  // About the company.
  const about = [
    fill(t.about.intro, {
      company: company.name,
      stageNoun: stage.noun,
      industry: company.industry,
      people: pluralize(content.units.people, company.headcount, locale),
      hq: company.headquarters,
    }),
    fill(t.about.mission, { ...companyVars, mission: sentence(company.mission) }),
  ];
  if (length !== 'short') about.push(fill(t.about.context, { ...companyVars, stageContext: stage.context }));
  add('about-company', about);

  // The role and why now.
  const intro = fill(t.role.intro, { company: company.name, title: role.title });
  const summary = fill(t.role.summary, { title: role.title, summary: sentence(role.summary), summaryLower: sentence(lower(role.summary)) });
  const reporting =
    company.teamSize > 0
      ? fill(t.role.reporting, { title: role.title, reportsTo: company.reportsTo, team: pluralize(content.units.people, company.teamSize, locale) })
      : fill(t.role.reportingNoTeam, { title: role.title, reportsTo: company.reportsTo });
  const workplace = fill(t.role.workplace[company.remotePolicy], {
    locations: list(company.locations, locale, company.remotePolicy === 'remote' ? 'conjunction' : 'disjunction'),
    hq: company.headquarters,
  });
  const roleParagraphs = [
    length === 'short' ? intro : `${intro} ${summary}`,
    fill(t.role.whyNow, { ...companyVars, whyNow: stage.whyNow }),
    `${reporting} ${workplace}`,
  ];
  const outcomes = (role.focus?.successAtOneYear ?? []).slice(0, budget.outcomes).map(sentence);
  if (outcomes.length) roleParagraphs.push(fill(t.role.success, { title: role.title, outcomes: outcomes.join(' ') }));
  add('role-and-why-now', roleParagraphs);

  // What you will do: the stage frames it; emphasised competencies' responsibilities come first.
  let doIntro = fill(t.do.intro, { ...companyVars, framing: stage.framing });
  if (length !== 'short' && emphasis.length) {
    const names = emphasis.map((id) => lower(role.competencies.find((c) => c.id === id)!.name));
    doIntro += ` ${fill(t.do.emphasis, { competencies: list(names, locale, 'conjunction') })}`;
  }
  const doBullets = rankResponsibilities(role, emphasis)
    .slice(0, budget.responsibilities)
    .map((r) => {
      const vars = { title: r.title, titleLower: lower(r.title) };
      if (length === 'short') return fill(t.do.bulletShort, vars);
      return fill(t.do.bullet, { ...vars, detail: length === 'long' ? r.description.trim() : firstSentence(r.description) });
    });
  add('what-you-will-do', [doIntro], doBullets);

  // What you will bring and nice to have: the ranked competencies, split.
  const ranked = rankCompetencies(role, emphasis);
  const phrase = (c: JdRole['competencies'][number], kind: 'bring' | 'nice') =>
    content.competencies[c.id]?.[kind] ?? fill(content.fallbackCompetency[kind], { name: c.name, nameLower: lower(c.name) });
  const must = ranked.slice(0, budget.mustHaves);
  const nice = ranked.slice(budget.mustHaves, budget.mustHaves + budget.niceToHaves);
  add('what-you-will-bring', [t.bring.applyAnyway, t.bring.intro], must.map((c) => fill(t.bring.bullet, { skill: phrase(c, 'bring') })));
  const niceBullets = nice.map((c) => fill(t.nice.bullet, { skill: phrase(c, 'nice') }));
  if (length !== 'short') niceBullets.push(fill(t.nice.industry, { industry: company.industry }));
  add('nice-to-have', [t.nice.intro], niceBullets);

  // Compensation and benefits.
  const pay = [company.salary ? fill(t.pay.range, { range: formatSalary(company.salary, content) }) : t.pay.noRange];
  if (company.equity) pay.push(fill(t.pay.equity, { equity: sentence(company.equity) }));
  if (length !== 'short') pay.push(t.pay.noHistory);
  pay.push(company.benefits.length ? t.pay.benefitsIntro : t.pay.noBenefits);
  add('compensation-and-benefits', pay, company.benefits.map((b) => b.trim()));

  // How we hire.
  if (plan) {
    const minutes = (n: number) => pluralize(content.units.minutes, n, locale);
    const total = plan.rounds.reduce((s, r) => s + r.minutes, 0);
    const hire = [fill(t.hire.intro, { count: pluralize(content.units.rounds, plan.rounds.length, locale), total: minutes(total) })];
    if (length !== 'short') hire.unshift(t.hire.fairness);
    const rounds = plan.rounds.map((r) =>
      r.focus.length
        ? fill(t.hire.round, { name: r.name, minutes: minutes(r.minutes), focus: list(r.focus.map(lower), locale, 'conjunction') })
        : fill(t.hire.roundNoFocus, { name: r.name, minutes: minutes(r.minutes) }),
    );
    add('how-we-hire', hire, rounds);
  } else {
    const hire = [fill(t.hire.generic, companyVars)];
    if (length === 'long') hire.push(fill(t.hire.genericDetail, companyVars));
    add('how-we-hire', hire);
  }

  // Equal opportunity.
  const equal = [fill(t.equal.statement, companyVars)];
  if (length !== 'short') equal.push(fill(t.equal.adjustments, companyVars));
  if (length === 'long') equal.push(fill(t.equal.extra, companyVars));
  add('equal-opportunity', equal);

  const title = role.title;
  return { title, sections, markdown: toMarkdown(title, sections), text: toText(title, sections), html: toHtml(title, sections, content.language) };
}

function toMarkdown(title: string, sections: JdSection[]): string {
  const out = [`# ${title}`];
  for (const s of sections) {
    out.push(`## ${s.heading}`, ...s.paragraphs);
    if (s.bullets.length) out.push(s.bullets.map((b) => `- ${b}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

function toText(title: string, sections: JdSection[]): string {
  const out = [title];
  for (const s of sections) {
    out.push(s.heading, ...s.paragraphs);
    if (s.bullets.length) out.push(s.bullets.map((b) => `• ${b}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

function toHtml(title: string, sections: JdSection[], language: string): string {
  const out = [`<article class="job-description" lang="${escapeHtml(language)}">`, `<h1>${escapeHtml(title)}</h1>`];
  for (const s of sections) {
    out.push(`<section id="jd-${s.id}">`, `<h2>${escapeHtml(s.heading)}</h2>`);
    for (const p of s.paragraphs) out.push(`<p>${escapeHtml(p)}</p>`);
    if (s.bullets.length) out.push('<ul>', ...s.bullets.map((b) => `<li>${escapeHtml(b)}</li>`), '</ul>');
    out.push('</section>');
  }
  out.push('</article>');
  return `${out.join('\n')}\n`;
}
