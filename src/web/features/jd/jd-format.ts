import {
  type JdLanguage,
  type JdLength,
  type JdRemotePolicy,
  type JdSalaryPeriod,
  type JdStage,
  type JdTone,
  jdLengths,
  jdRemotePolicies,
  jdSalaryPeriods,
  jdStages,
  jdTones,
} from '../../../core/generation/jd-content.ts';
import type { FindingKind, GenderVerdict } from '../../../core/language/types.ts';
import type { employmentTypes, JdDefaults } from '../../../modules/jd/jd.contract.ts';

/**
 * Pure helpers of the job-description page: labels, the company-context form as strings and back
 * to the generator's settings, and validation issues keyed by the server's paths
 * (`settings.company.name`), so client and server errors land under the same fields.
 */

export type EmploymentType = (typeof employmentTypes)[number];

export const stageLabels: Record<JdStage, string> = {
  seed: 'Seed',
  'series-a': 'Series A',
  'series-b': 'Series B',
  growth: 'Growth',
  public: 'Public company',
  nonprofit: 'Nonprofit',
  'public-sector': 'Public sector',
};
export const remotePolicyLabels: Record<JdRemotePolicy, string> = { onsite: 'On-site', hybrid: 'Hybrid', remote: 'Remote' };
export const salaryPeriodLabels: Record<JdSalaryPeriod, string> = { year: 'Per year', month: 'Per month', hour: 'Per hour' };
export const toneLabels: Record<JdTone, string> = { formal: 'Formal', warm: 'Warm', startup: 'Startup' };
export const lengthLabels: Record<JdLength, string> = { short: 'Short', standard: 'Standard', long: 'Long' };
export const employmentTypeLabels: Record<EmploymentType, string> = {
  FULL_TIME: 'Full time',
  PART_TIME: 'Part time',
  CONTRACTOR: 'Contractor',
  TEMPORARY: 'Temporary',
  INTERN: 'Intern',
  VOLUNTEER: 'Volunteer',
  PER_DIEM: 'Per diem',
  OTHER: 'Other',
};
export const findingKindLabels: Record<FindingKind, string> = {
  'masculine-coded': 'Masculine-coded',
  'feminine-coded': 'Feminine-coded',
  age: 'Age',
  ability: 'Ability',
  'gendered-term': 'Gendered term',
  origin: 'National origin',
  cliche: 'Cliché',
  jargon: 'Jargon',
  'must-have-count': 'Too many must-haves',
  'years-of-experience': 'Years of experience',
  'degree-requirement': 'Degree requirement',
  'missing-pay-range': 'Missing pay range',
};
export const verdictLabels: Record<GenderVerdict, string> = {
  empty: 'neutral (no coded words)',
  neutral: 'neutral',
  'feminine-coded': 'feminine-coded',
  'strongly feminine-coded': 'strongly feminine-coded',
  'masculine-coded': 'masculine-coded',
  'strongly masculine-coded': 'strongly masculine-coded',
};

/** Stage and remote policy may be unknown at first: the select then asks for a choice. */
export const stageOptions: { value: JdStage | ''; label: string }[] = [{ value: '', label: 'Choose a stage' }, ...jdStages.map((s) => ({ value: s, label: stageLabels[s] }))];
export const remotePolicyOptions: { value: JdRemotePolicy | ''; label: string }[] = [
  { value: '', label: 'Choose a policy' },
  ...jdRemotePolicies.map((s) => ({ value: s, label: remotePolicyLabels[s] })),
];
export const salaryPeriodOptions = jdSalaryPeriods.map((s) => ({ value: s, label: salaryPeriodLabels[s] }));
export const toneOptions = jdTones.map((s) => ({ value: s, label: toneLabels[s] }));
export const lengthOptions = jdLengths.map((s) => ({ value: s, label: lengthLabels[s] }));

export const EMPHASIS_MAX = 8;

/** The company-context form: what the inputs hold (numbers and lists as typed). */
export interface ContextForm {
  name: string;
  mission: string;
  industry: string;
  headquarters: string;
  reportsTo: string;
  stage: JdStage | '';
  remotePolicy: JdRemotePolicy | '';
  headcount: string;
  teamSize: string;
  salaryMin: string;
  salaryMax: string;
  currency: string;
  period: JdSalaryPeriod;
  locations: string;
  benefits: string;
  equity: string;
  emphasis: string[];
  tone: JdTone;
  length: JdLength;
  language: JdLanguage;
}

/** The form prefilled from the view's defaults (any company fact may be missing); emphasis kept to the role's competencies. */
export function formFromSettings(settings: JdDefaults, competencyIds: readonly string[]): ContextForm {
  const c = settings.company;
  const known = new Set(competencyIds);
  return {
    name: c.name ?? '',
    mission: c.mission ?? '',
    industry: c.industry ?? '',
    headquarters: c.headquarters ?? '',
    reportsTo: c.reportsTo ?? '',
    stage: c.stage ?? '',
    remotePolicy: c.remotePolicy ?? '',
    headcount: c.headcount === undefined ? '' : String(c.headcount),
    teamSize: c.teamSize === undefined ? '' : String(c.teamSize),
    salaryMin: c.salary ? String(c.salary.min) : '',
    salaryMax: c.salary ? String(c.salary.max) : '',
    currency: c.salary?.currency ?? '',
    period: c.salary?.period ?? 'year',
    locations: (c.locations ?? []).join('\n'),
    benefits: (c.benefits ?? []).join('\n'),
    equity: c.equity ?? '',
    emphasis: (c.emphasis ?? []).filter((e) => known.has(e)).slice(0, EMPHASIS_MAX),
    tone: settings.tone,
    length: settings.length,
    language: settings.language,
  };
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Empty → undefined (the schema says "required"), otherwise the number typed (NaN when it is not one). */
function numberOf(s: string): number | undefined {
  const t = s.trim().replace(/[\s,_]/g, '');
  return t === '' ? undefined : Number(t);
}

/**
 * The generator settings from the form, unvalidated (parse them with the contract's schema):
 * the salary is left out when both salary figures are empty, equity when it is empty.
 */
export function settingsFromForm(form: ContextForm): unknown {
  const salaryGiven = form.salaryMin.trim() !== '' || form.salaryMax.trim() !== '';
  return {
    company: {
      name: form.name,
      mission: form.mission,
      industry: form.industry,
      stage: form.stage,
      headcount: numberOf(form.headcount),
      headquarters: form.headquarters,
      locations: lines(form.locations),
      remotePolicy: form.remotePolicy,
      reportsTo: form.reportsTo,
      teamSize: numberOf(form.teamSize),
      ...(salaryGiven
        ? { salary: { min: numberOf(form.salaryMin), max: numberOf(form.salaryMax), currency: form.currency.trim().toUpperCase(), period: form.period } }
        : {}),
      ...(form.equity.trim() ? { equity: form.equity } : {}),
      benefits: lines(form.benefits),
      emphasis: form.emphasis,
    },
    tone: form.tone,
    length: form.length,
    language: form.language,
  };
}

/** The first location typed in the form, else the defaults' first; for the pay-transparency check. */
export function firstLocation(form: Pick<ContextForm, 'locations'> | null, defaults: JdDefaults): string | undefined {
  return (form ? lines(form.locations)[0] : undefined) ?? defaults.company.locations?.[0];
}

interface IssueLike {
  code?: string;
  message: string;
  path?: readonly PropertyKey[];
  origin?: unknown;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

/** A zod issue in plain words for the usual cases (empty, too long, not a number); others unchanged. */
export function friendlyMessage(issue: IssueLike): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number';
  if (issue.code === 'invalid_value') return 'Choose one of the options';
  if (issue.origin === 'array') {
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum <= 1 ? 'Add at least one (one per line)' : `Add at least ${issue.minimum}`;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Keep at most ${issue.maximum}`;
  }
  if (issue.origin === 'number') {
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum <= 0 ? 'Enter a positive number' : `Enter at least ${issue.minimum}`;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Enter at most ${issue.maximum}`;
    if (issue.code === 'invalid_type' || issue.code === 'not_multiple_of') return 'Enter a whole number';
  }
  if (issue.origin === 'int' || issue.expected === 'int') return 'Enter a whole number';
  if (issue.origin === 'string') {
    if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum <= 1 ? 'Enter a value' : `Use at least ${issue.minimum} characters`;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Use at most ${issue.maximum} characters`;
  }
  return issue.message;
}

/** Field path → message, first message per path (`settings.company.locations.1` style paths, prefixed). */
export function issuesByPath(issues: readonly IssueLike[], prefix: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const path = [...prefix, ...(i.path ?? []).map(String)].join('.');
    if (!(path in out)) out[path] = friendlyMessage(i);
  }
  return out;
}

/** The paths of the company-context form's fields, as the server names them. */
export const contextPaths = {
  name: 'settings.company.name',
  mission: 'settings.company.mission',
  industry: 'settings.company.industry',
  headquarters: 'settings.company.headquarters',
  reportsTo: 'settings.company.reportsTo',
  stage: 'settings.company.stage',
  remotePolicy: 'settings.company.remotePolicy',
  headcount: 'settings.company.headcount',
  teamSize: 'settings.company.teamSize',
  salaryMin: 'settings.company.salary.min',
  salaryMax: 'settings.company.salary.max',
  currency: 'settings.company.salary.currency',
  period: 'settings.company.salary.period',
  locations: 'settings.company.locations',
  benefits: 'settings.company.benefits',
  equity: 'settings.company.equity',
  emphasis: 'settings.company.emphasis',
  tone: 'settings.tone',
  length: 'settings.length',
  language: 'settings.language',
} as const satisfies Record<keyof ContextForm, string>;

export type ContextField = keyof typeof contextPaths;

/**
 * Spreads issues over the form's fields: an issue on a list item (`…locations.2`) goes to the
 * list with its line number, one on the salary object to "Salary minimum"; what fits no field
 * is returned in `other`.
 */
export function fieldErrors(issues: Record<string, string>): { fields: Partial<Record<ContextField, string>>; other: string[] } {
  const byPath = new Map<string, ContextField>(Object.entries(contextPaths).map(([field, path]) => [path, field as ContextField]));
  const fields: Partial<Record<ContextField, string>> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(issues)) {
    let field = byPath.get(path);
    let text = message;
    const item = /^(settings\.company\.(?:locations|benefits|emphasis))\.(\d+)$/.exec(path);
    if (!field && item) {
      field = byPath.get(item[1]!);
      text = field === 'emphasis' ? message : `Line ${Number(item[2]) + 1}: ${message}`;
    }
    if (!field && path === 'settings.company.salary') field = 'salaryMin';
    if (field) {
      fields[field] ??= text;
    } else {
      other.push(path && path !== 'settings' ? `${path}: ${message}` : message);
    }
  }
  return { fields, other };
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One row of the side-by-side comparison: the older version's line on the left, the newer's on the right. */
export interface DiffRow {
  left: { kind: 'same' | 'removed'; text: string } | null;
  right: { kind: 'same' | 'added'; text: string } | null;
}

/**
 * Lines of a line diff as side-by-side rows: unchanged lines on both sides; a run of removed
 * lines and the run of added lines next to it share rows (a changed paragraph reads across).
 */
export function diffRows(lines: readonly DiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const l = removed[i];
      const r = added[i];
      rows.push({ left: l === undefined ? null : { kind: 'removed', text: l }, right: r === undefined ? null : { kind: 'added', text: r } });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.kind === 'same') {
      flush();
      rows.push({ left: { kind: 'same', text: line.text }, right: { kind: 'same', text: line.text } });
    } else if (line.kind === 'removed') {
      removed.push(line.text);
    } else {
      added.push(line.text);
    }
  }
  flush();
  return rows;
}
